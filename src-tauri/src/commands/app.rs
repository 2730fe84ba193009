use hangar_ipc::{ApiError, AppInfo, SandboxInfo};
use hangar_sandbox::SANDBOX_REGION;

use crate::state::AppState;

/// Async like every command, though it only reads memory: nothing runs on the window's thread.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn app_info(state: tauri::State<'_, AppState>) -> Result<AppInfo, ApiError> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        data_dir: state.data_dir.display().to_string(),
        sandbox: state.sandbox_endpoint.clone().map(|endpoint| SandboxInfo {
            endpoint,
            region: SANDBOX_REGION.into(),
        }),
    })
}

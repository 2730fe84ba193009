use hangar_ipc::{AppInfo, SandboxInfo};
use hangar_sandbox::SANDBOX_REGION;

use crate::state::AppState;

#[tauri::command]
pub fn app_info(state: tauri::State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        data_dir: state.data_dir.display().to_string(),
        sandbox: state.sandbox_endpoint.clone().map(|endpoint| SandboxInfo {
            endpoint,
            region: SANDBOX_REGION.into(),
        }),
    }
}

use hangar_ipc::{ApiError, AppInfo, FirstPaint, SandboxInfo};
use hangar_sandbox::SANDBOX_REGION;

use crate::state::AppState;

/// Waits, on a blocking thread, for the Sandbox's emulator while it starts: the page asks for
/// this beside its first screen, not before it.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn app_info(state: tauri::State<'_, AppState>) -> Result<AppInfo, ApiError> {
    let starting = state.sandbox_starting.clone();
    let endpoint = state
        .blocking(move |_| Ok(starting.and_then(|s| s.wait().ok())))
        .await?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        data_dir: state.data_dir.display().to_string(),
        sandbox: endpoint.map(|endpoint| SandboxInfo {
            endpoint,
            region: SANDBOX_REGION.into(),
        }),
    })
}

/// The page calls this once it has painted something a person can use (the profiles, or the
/// first-run form). The first report of a process is kept and printed, for `make bench` and for
/// anyone asking why the window took long; later calls (a reload) get the same figure.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn first_paint(state: tauri::State<'_, AppState>) -> Result<FirstPaint, ApiError> {
    let mut first = false;
    let paint = *state.first_paint.get_or_init(|| {
        first = true;
        let elapsed = state.started.elapsed().as_millis();
        FirstPaint {
            since_start_ms: u32::try_from(elapsed).unwrap_or(u32::MAX),
        }
    });
    if first {
        eprintln!(
            "hangar-app: first interactive paint {} ms after start",
            paint.since_start_ms
        );
    }
    Ok(paint)
}

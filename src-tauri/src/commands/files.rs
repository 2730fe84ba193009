//! Where the window's file paths come from: a dialog this module opens, or a drop the OS
//! reported to Rust. Each grants its path(s) in the app state; the users import reads and the
//! export writes only granted paths. The page cannot open a dialog itself (the dialog plugin's
//! commands are not granted), and an event it emits grants nothing.

use std::path::PathBuf;

use hangar_ipc::{ApiError, ErrorCode};
use tauri::{AppHandle, DragDropEvent, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::state::AppState;

const CSV_EXTENSIONS: &[&str] = &["csv", "tsv", "txt"];

fn dialog_error(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorCode::Internal, format!("the file dialog failed: {e}"))
}

async fn on_blocking_thread<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(dialog_error)
}

/// The OS file picker for a users CSV; the picked path, now readable, or None when cancelled.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn pick_users_file(app: AppHandle) -> Result<Option<String>, ApiError> {
    let dialog = app.dialog().file().add_filter("Users CSV", CSV_EXTENSIONS);
    let Some(picked) = on_blocking_thread(move || dialog.blocking_pick_file()).await? else {
        return Ok(None);
    };
    let path = picked.into_path().map_err(dialog_error)?;
    app.state::<AppState>().files.grant_read(&path);
    Ok(Some(path.display().to_string()))
}

/// The OS save dialog for an export; the chosen path, now writable, or None when cancelled.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn pick_export_path(
    app: AppHandle,
    default_name: String,
) -> Result<Option<String>, ApiError> {
    let dialog = app
        .dialog()
        .file()
        .set_file_name(default_name)
        .add_filter("Users CSV", CSV_EXTENSIONS);
    let Some(picked) = on_blocking_thread(move || dialog.blocking_save_file()).await? else {
        return Ok(None);
    };
    let path = picked.into_path().map_err(dialog_error)?;
    app.state::<AppState>().files.grant_write(&path);
    Ok(Some(path.display().to_string()))
}

/// Grants the paths of an OS drop for reading.
pub fn grant_dropped<R: Runtime>(app: &AppHandle<R>, event: &DragDropEvent) {
    if let DragDropEvent::Drop { paths, .. } = event {
        let files = &app.state::<AppState>().files;
        for path in paths {
            files.grant_read(PathBuf::from(path));
        }
    }
}

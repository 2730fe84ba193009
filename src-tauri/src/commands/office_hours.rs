//! An environment's office hours from its page; the reaper's timer keeps them
//! (`crate::office_hours`).

use hangar_ipc::{ApiError, EnvironmentSummary};
use tauri::Emitter;

use super::environment_views as views;
use super::environments::CHANGED;
use super::error;
use crate::state::AppState;

/// Sets the hours `name` runs (`mon-fri 08:00-19:00`, in this machine's time zone unless one
/// is named) or `off`.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn set_office_hours(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    name: String,
    hours: String,
) -> Result<EnvironmentSummary, ApiError> {
    let listing = state
        .blocking(move |service| {
            service
                .set_office_hours(&name, &hours)
                .map_err(error::service)?;
            let env = service.environment(&name).map_err(error::service)?;
            service.listing(env).map_err(error::service)
        })
        .await?;
    // The timer looks again now rather than at its next nap's end.
    state.expiry_changed.notify_one();
    let _ = app.emit(CHANGED, &listing.record.name);
    Ok(views::summary(&listing))
}

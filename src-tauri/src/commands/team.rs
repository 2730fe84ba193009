//! Team mode from the window: a profile's account's environments, adopting one, and turning
//! team mode on or off for a profile. The work is the engine's service, as the CLI's is.

use hangar_engine::service::TeamSettings;
use hangar_ipc::{AccountEnvironments, ApiError, EnvironmentSummary};
use tauri::Emitter;

use super::environment_views as views;
use super::environments::CHANGED;
use super::error;
use crate::state::AppState;

/// Every environment `profile`'s account records in its state bucket, and those its tags show;
/// nothing (and no AWS call) when the profile is not in team mode.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn account_environments(
    state: tauri::State<'_, AppState>,
    profile: String,
) -> Result<AccountEnvironments, ApiError> {
    let listing = state
        .service
        .account_environments(&profile, None)
        .await
        .map_err(error::service)?;
    Ok(
        listing.map_or_else(AccountEnvironments::not_in_team_mode, |listing| {
            AccountEnvironments::of(&listing, jiff::Timestamp::now())
        }),
    )
}

/// Brings `name`, as the account records it, into this history under `profile`.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn adopt_environment(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    name: String,
    profile: String,
) -> Result<EnvironmentSummary, ApiError> {
    let env = state
        .service
        .adopt(&name, &profile, None)
        .await
        .map_err(error::service)?;
    let listing = state
        .blocking(move |service| service.listing(env).map_err(error::service))
        .await?;
    let _ = app.emit(CHANGED, &listing.record.name);
    Ok(views::summary(&listing))
}

/// Team mode on or off for `profile`; on, in `bucket` under `prefix` when given (blank or
/// null: `hangar-state-<account>-<region>`, `hangar/`).
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn set_team_mode(
    state: tauri::State<'_, AppState>,
    profile: String,
    on: bool,
    bucket: Option<String>,
    prefix: Option<String>,
) -> Result<(), ApiError> {
    state
        .blocking(move |service| {
            let settings = on.then_some(TeamSettings { bucket, prefix });
            service
                .set_team_mode(&profile, settings)
                .map(drop)
                .map_err(error::service)
        })
        .await
}

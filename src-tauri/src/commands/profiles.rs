use hangar_ipc::{ApiError, ProfileSummary};
use hangar_store::ProfileRecord;

use super::error;
use crate::state::AppState;

#[tauri::command]
pub fn list_profiles(state: tauri::State<'_, AppState>) -> Result<Vec<ProfileSummary>, ApiError> {
    let profiles = state.store.list_profiles().map_err(error::store)?;
    Ok(profiles.into_iter().map(summary).collect())
}

fn summary(p: ProfileRecord) -> ProfileSummary {
    ProfileSummary {
        kind: p.kind,
        name: p.name,
        region: p.region,
        is_default: p.is_default,
        endpoint: p.endpoint,
    }
}

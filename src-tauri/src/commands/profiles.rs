use hangar_ipc::{
    ApiError, AwsConfigProfileView, CallerIdentityView, ImportResultView, ProfileDetail,
    ProfileSummary, SaveProfileInput, SaveProfileResult,
};
use hangar_store::ProfileRecord;

use super::error;
use super::profile_views as views;
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

#[tauri::command]
pub fn get_profile(
    state: tauri::State<'_, AppState>,
    name: String,
) -> Result<ProfileDetail, ApiError> {
    let record = state.store.get_profile(&name).map_err(error::store)?;
    let record = record.ok_or_else(|| error::cloud(hangar_cloud::CloudError::not_found(&name)))?;
    let keys = match &state.keychain {
        Ok(keychain) => keychain.get(&name).map_err(error::keychain)?,
        Err(_) => None,
    };
    Ok(views::detail(record, keys.map(|k| k.access_key_id)))
}

/// The secret arrives here once and goes to the keychain; nothing sends it back.
#[tauri::command]
pub fn save_profile(
    state: tauri::State<'_, AppState>,
    input: SaveProfileInput,
) -> Result<SaveProfileResult, ApiError> {
    let profiles = state.profiles().map_err(error::keychain)?;
    let saved = profiles
        .save(views::new_profile(input))
        .map_err(error::cloud)?;
    Ok(SaveProfileResult {
        warnings: saved.warnings,
    })
}

#[tauri::command]
pub fn delete_profile(state: tauri::State<'_, AppState>, name: String) -> Result<(), ApiError> {
    let profiles = state.profiles().map_err(error::keychain)?;
    profiles.remove(&name).map_err(error::cloud)
}

#[tauri::command]
pub fn set_default_profile(
    state: tauri::State<'_, AppState>,
    name: String,
) -> Result<(), ApiError> {
    let profiles = state.profiles().map_err(error::keychain)?;
    profiles.set_default(&name).map_err(error::cloud)
}

/// STS GetCallerIdentity with the profile; `mfa_required` asks the UI for a code to send back.
#[tauri::command]
pub async fn test_profile(
    state: tauri::State<'_, AppState>,
    name: String,
    mfa_code: Option<String>,
) -> Result<CallerIdentityView, ApiError> {
    let profiles = state.profiles().map_err(error::keychain)?;
    let identity = profiles
        .test(&name, mfa_code.as_deref())
        .await
        .map_err(error::cloud)?;
    Ok(views::identity(identity))
}

#[tauri::command]
pub async fn list_aws_config_profiles(
    state: tauri::State<'_, AppState>,
) -> Result<Vec<AwsConfigProfileView>, ApiError> {
    let profiles = state.profiles().map_err(error::keychain)?;
    let found = profiles.importable().await.map_err(error::cloud)?;
    Ok(found.into_iter().map(views::importable).collect())
}

#[tauri::command]
pub async fn import_aws_profiles(
    state: tauri::State<'_, AppState>,
    names: Vec<String>,
) -> Result<Vec<ImportResultView>, ApiError> {
    let profiles = state.profiles().map_err(error::keychain)?;
    let results = profiles.import(&names).await.map_err(error::cloud)?;
    Ok(results.into_iter().map(views::imported).collect())
}

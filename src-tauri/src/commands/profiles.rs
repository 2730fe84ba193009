use hangar_ipc::{
    ApiError, AwsConfigProfileView, CallerIdentityView, ImportResultView, ProfileDetail,
    ProfileSummary, SaveProfileInput, SaveProfileResult,
};
use hangar_store::ProfileRecord;
use tauri::async_runtime::block_on;

use super::error;
use super::profile_views as views;
use crate::state::AppState;

type State<'a> = tauri::State<'a, AppState>;

#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn list_profiles(state: State<'_>) -> Result<Vec<ProfileSummary>, ApiError> {
    state
        .blocking(|service| {
            let profiles = service.store().list_profiles().map_err(error::store)?;
            Ok(profiles.into_iter().map(summary).collect())
        })
        .await
}

fn summary(p: ProfileRecord) -> ProfileSummary {
    ProfileSummary {
        kind: p.kind,
        name: p.name,
        region: p.region,
        is_default: p.is_default,
        endpoint: p.endpoint,
        default_lifetime: p.default_lifetime.map(|l| l.to_string()),
    }
}

#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn get_profile(state: State<'_>, name: String) -> Result<ProfileDetail, ApiError> {
    state
        .blocking(move |service| {
            let record = service.store().get_profile(&name).map_err(error::store)?;
            let record =
                record.ok_or_else(|| error::cloud(hangar_cloud::CloudError::not_found(&name)))?;
            // Without a keychain the profile is still shown, without its key id.
            let keys = match service.profiles() {
                Ok(profiles) => profiles.keychain.get(&name).map_err(error::keychain)?,
                Err(_) => None,
            };
            Ok(views::detail(record, keys.map(|k| k.access_key_id)))
        })
        .await
}

/// The secret arrives here once and goes to the keychain; nothing sends it back.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn save_profile(
    state: State<'_>,
    input: SaveProfileInput,
) -> Result<SaveProfileResult, ApiError> {
    state
        .blocking(move |service| {
            let profile = views::new_profile(input)?;
            let profiles = service.profiles().map_err(error::service)?;
            let saved = profiles.save(profile).map_err(error::cloud)?;
            Ok(SaveProfileResult {
                warnings: saved.warnings,
            })
        })
        .await
}

#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn delete_profile(state: State<'_>, name: String) -> Result<(), ApiError> {
    state
        .blocking(move |service| {
            let profiles = service.profiles().map_err(error::service)?;
            profiles.remove(&name).map_err(error::cloud)
        })
        .await
}

#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn set_default_profile(state: State<'_>, name: String) -> Result<(), ApiError> {
    state
        .blocking(move |service| {
            let profiles = service.profiles().map_err(error::service)?;
            profiles.set_default(&name).map_err(error::cloud)
        })
        .await
}

// The three commands below read the keychain (D-Bus calls) between their AWS calls: all of it
// runs on a blocking thread, which waits for the AWS calls on the app's runtime.

/// STS GetCallerIdentity with the profile; `mfa_required` asks the UI for a code to send back.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn test_profile(
    state: State<'_>,
    name: String,
    mfa_code: Option<String>,
) -> Result<CallerIdentityView, ApiError> {
    state
        .blocking(move |service| {
            service.await_sandbox();
            let profiles = service.profiles().map_err(error::service)?;
            let identity = block_on(profiles.test(&name, mfa_code.as_deref()));
            Ok(views::identity(identity.map_err(error::cloud)?))
        })
        .await
}

#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn list_aws_config_profiles(
    state: State<'_>,
) -> Result<Vec<AwsConfigProfileView>, ApiError> {
    state
        .blocking(|service| {
            let profiles = service.profiles().map_err(error::service)?;
            let found = block_on(profiles.importable()).map_err(error::cloud)?;
            Ok(found.into_iter().map(views::importable).collect())
        })
        .await
}

#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn import_aws_profiles(
    state: State<'_>,
    names: Vec<String>,
) -> Result<Vec<ImportResultView>, ApiError> {
    state
        .blocking(move |service| {
            let profiles = service.profiles().map_err(error::service)?;
            let results = block_on(profiles.import(&names)).map_err(error::cloud)?;
            Ok(results.into_iter().map(views::imported).collect())
        })
        .await
}

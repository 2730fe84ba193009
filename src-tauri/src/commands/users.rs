//! Users CSV: check a dropped or picked file (nothing stored), accept its valid rows for an
//! environment, list an environment's users, export them. A path is only read or written when
//! the person granted it (see `files.rs`); the checking is the core's, opening files and the
//! fitting and recording the engine's.

use std::path::{Path, PathBuf};

use hangar_core::users::{
    UsersPolicy, UsersReport, check_users_csv_with_policy, export_users_csv, preview_users_csv,
};
use hangar_engine::service::{FileAccessError, read_users_file, users_policy, write_file};
use hangar_engine::{Service, UsersImport};
use hangar_ipc::{
    ApiError, EnvironmentUsers, ErrorCode, UsersCheckOutcome, UsersFileInfo, UsersImportResult,
    UsersImportView, UsersTarget,
};
use hangar_store::{EnvironmentStatus, ImportRecord, NewImport};

use super::error;
use crate::state::AppState;

type State<'a> = tauri::State<'a, AppState>;

pub(super) fn file_error(err: FileAccessError) -> ApiError {
    let code = match &err {
        FileAccessError::NotGranted(_) => ErrorCode::NotGranted,
        FileAccessError::Unwritable { .. } => ErrorCode::Unwritable,
        _ => ErrorCode::Unreadable,
    };
    ApiError::new(code, err.to_string())
}

/// A granted file, read within the cap.
fn read(state: &AppState, path: &Path) -> Result<(UsersFileInfo, Vec<u8>), ApiError> {
    state.files.check_read(path).map_err(file_error)?;
    let bytes = read_users_file(path).map_err(file_error)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let described = NewImport::from_bytes(file_name, &bytes, 0);
    Ok((
        UsersFileInfo {
            path: path.display().to_string(),
            file_name: described.file_name,
            size_bytes: described.size_bytes,
            sha256: described.sha256,
        },
        bytes,
    ))
}

/// Every row checked against `roles` (the default roles when absent); nothing is stored.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn check_users_file(
    state: State<'_>,
    path: PathBuf,
    roles: Option<Vec<String>>,
) -> Result<UsersCheckOutcome, ApiError> {
    let (file, bytes) = read(&state, &path)?;
    // CPU work (a 100k-row file) off the thread that serves the window.
    state
        .blocking(move |_| {
            let policy = UsersPolicy::default();
            let policy = match roles {
                Some(roles) => policy.with_roles(roles),
                None => policy,
            };
            Ok(match check_users_csv_with_policy(&bytes, &policy) {
                Ok(report) => UsersCheckOutcome::Checked {
                    file,
                    report,
                    // Reads like the check did, so it cannot fail where the check did not.
                    preview: preview_users_csv(&bytes).unwrap_or_default(),
                },
                Err(error) => UsersCheckOutcome::NotUsersCsv { file, error },
            })
        })
        .await
}

fn import_view(record: &ImportRecord) -> UsersImportView {
    UsersImportView {
        file_name: record.file_name.clone(),
        size_bytes: record.size_bytes,
        sha256: record.sha256.clone(),
        imported_at: record.imported_at.clone(),
        accepted_rows: u32::try_from(record.accepted_rows).unwrap_or(u32::MAX),
        rejected_rows: u32::try_from(record.rejected_rows).unwrap_or(u32::MAX),
    }
}

fn refuse_invalid(report: &UsersReport) -> ApiError {
    ApiError::new(
        ErrorCode::InvalidRows,
        format!(
            "{} of {} rows are invalid; accept the {} valid rows or fix the file",
            report.invalid_rows,
            report.rows_read,
            report.users.len()
        ),
    )
}

/// Checks the file again (it may have changed since it was shown) against the rules of `env`'s
/// blueprint, `roles` in place of its roles when given, and records its valid rows for `env`:
/// with `accept_valid` false, any invalid row refuses the whole file.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn import_users(
    state: State<'_>,
    env: String,
    path: PathBuf,
    accept_valid: bool,
    roles: Option<Vec<String>>,
) -> Result<UsersImportResult, ApiError> {
    let (file, bytes) = read(&state, &path)?;
    state
        .blocking(move |service| {
            let policy = service
                .environment_users_policy(&env, roles)
                .map_err(error::service)?;
            let report = check_users_csv_with_policy(&bytes, &policy)
                .map_err(|e| ApiError::new(ErrorCode::NotUsersCsv, e.to_string()))?;
            if !report.is_valid() && !accept_valid {
                return Err(refuse_invalid(&report));
            }
            let import = UsersImport {
                file: NewImport {
                    file_name: file.file_name,
                    size_bytes: file.size_bytes,
                    sha256: file.sha256,
                    rejected_rows: report.invalid_rows,
                },
                users: report.users,
            };
            let done = service
                .engine()
                .import_users(&env, &import)
                .map_err(|e| error::service(e.into()))?;
            Ok(UsersImportResult {
                environment: env,
                import: import_view(&done.import),
                instances: done.instances,
                to_replace: done.to_replace,
            })
        })
        .await
}

#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn list_users(state: State<'_>, env: String) -> Result<EnvironmentUsers, ApiError> {
    state
        .blocking(move |service| environment_users(service, env))
        .await
}

fn environment_users(service: &Service, env: String) -> Result<EnvironmentUsers, ApiError> {
    let record = service.environment(&env).map_err(error::service)?;
    let store = service.store();
    let users = store.users(record.id).map_err(error::store)?;
    let latest = store.latest_users_import(record.id).map_err(error::store)?;
    Ok(EnvironmentUsers {
        environment: env,
        users,
        latest_import: latest.as_ref().map(import_view),
    })
}

/// Writes the environment's users to `path` (granted by the save dialog), formula-like cells
/// neutralised; the row count.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn export_users(state: State<'_>, env: String, path: PathBuf) -> Result<u32, ApiError> {
    state.files.check_write(&path).map_err(file_error)?;
    state
        .blocking(move |service| {
            let users = environment_users(service, env)?.users;
            write_file(&path, export_users_csv(&users).as_bytes()).map_err(file_error)?;
            Ok(u32::try_from(users.len()).unwrap_or(u32::MAX))
        })
        .await
}

/// The environments a users list can be given to, the newest first.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn users_targets(state: State<'_>) -> Result<Vec<UsersTarget>, ApiError> {
    state
        .blocking(|service| {
            Ok(service
                .store()
                .list_environments()
                .map_err(error::store)?
                .into_iter()
                .filter(|e| e.status != EnvironmentStatus::Destroyed)
                .map(|e| UsersTarget {
                    roles: users_policy(&e.blueprint_source, None).roles,
                    name: e.name,
                    blueprint: e.blueprint,
                    status: e.status,
                })
                .collect())
        })
        .await
}

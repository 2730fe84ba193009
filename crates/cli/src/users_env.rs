//! Users of an environment from the command line: `hangar users import ENV FILE` (a new list for
//! a new or live environment), `hangar users export ENV [--out FILE]`, and the file behind
//! `hangar up --users FILE`. Every file is checked by the core first; invalid rows are listed
//! and nothing is recorded unless `--accept-valid` says to keep only the valid ones.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use hangar_core::users::{
    UsersPolicy, UsersReport, check_users_csv_with_policy, export_users_csv, parse_roles,
};
use hangar_engine::{Engine, Service, UsersImport};
use hangar_keychain::Keychain;
use hangar_store::{NewImport, Store};

use crate::output::is_closed;

/// `--roles a,b,c`, checked; errors say which entry is wrong.
pub fn roles(arg: Option<&str>) -> Result<Option<Vec<String>>, String> {
    arg.map(|text| parse_roles(text).map_err(|e| format!("--roles: {e}")))
        .transpose()
}

/// Reads and checks a users CSV against `policy`. Invalid rows are printed to stderr and
/// refused unless `accept_valid`; a file that is not a users CSV at all is refused.
pub fn accepted(
    path: &Path,
    accept_valid: bool,
    policy: &UsersPolicy,
) -> Result<UsersImport, String> {
    let bytes = hangar_engine::service::read_users_file(path).map_err(|e| e.to_string())?;
    let report = check_users_csv_with_policy(&bytes, policy)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    for warning in &report.warnings {
        eprintln!("hangar: {}: warning: {warning}", path.display());
    }
    if !report.is_valid() {
        for error in &report.errors {
            eprintln!("hangar: {}: {error}", path.display());
        }
        if !accept_valid {
            return Err(refusal(path, &report));
        }
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok(UsersImport {
        file: NewImport::from_bytes(file_name, &bytes, report.invalid_rows),
        users: report.users,
    })
}

fn refusal(path: &Path, report: &UsersReport) -> String {
    format!(
        "{}: {} of {} rows are invalid (listed above); nothing was recorded. Fix them, or pass \
         --accept-valid to keep the {} valid rows only",
        path.display(),
        report.invalid_rows,
        report.rows_read,
        report.users.len()
    )
}

fn engine(data_dir: Option<PathBuf>) -> Result<Engine, String> {
    let data_dir = hangar_store::resolve_data_dir(data_dir).map_err(|e| e.to_string())?;
    let store = Store::open_in(&data_dir).map_err(|e| e.to_string())?;
    Ok(Engine::new(Arc::new(store), &data_dir))
}

pub fn import(
    data_dir: Option<PathBuf>,
    env: &str,
    file: &Path,
    accept_valid: bool,
    roles: Option<String>,
    json: bool,
) -> Result<(), String> {
    let roles = self::roles(roles.as_deref())?;
    // Needs no secret: keyring's mock stands in for a keychain that may be locked.
    let service = Service::new(engine(data_dir)?, Ok(Keychain::mock()));
    // An unknown environment is said before the file is, so a typo is not hidden by the report.
    let policy = service
        .environment_users_policy(env, roles)
        .map_err(|e| e.to_string())?;
    let users = accepted(file, accept_valid, &policy)?;
    let done = service
        .engine()
        .import_users(env, &users)
        .map_err(|e| e.to_string())?;
    if json {
        let value = serde_json::json!({
            "environment": env,
            "fileName": done.import.file_name,
            "sizeBytes": done.import.size_bytes,
            "sha256": done.import.sha256,
            "importedAt": done.import.imported_at,
            "acceptedRows": done.import.accepted_rows,
            "rejectedRows": done.import.rejected_rows,
            "instances": done.instances,
            "toReplace": done.to_replace,
        });
        outln!("{value:#}");
        return Ok(());
    }
    outln!(
        "{env}: {} users from {} (sha256 {})",
        done.import.accepted_rows,
        done.import.file_name,
        done.import.sha256
    );
    if done.instances.is_empty() {
        outln!("no server of this environment takes users: the list is kept, nothing uses it");
    } else if done.to_replace.is_empty() {
        outln!(
            "the next provision bakes them into: {}",
            done.instances.join(", ")
        );
    } else {
        outln!(
            "user data runs at first boot: replace these instances to give them the new users: {}",
            done.to_replace.join(", ")
        );
    }
    Ok(())
}

pub fn export(data_dir: Option<PathBuf>, env: &str, out: Option<&Path>) -> Result<(), String> {
    let engine = engine(data_dir)?;
    let users = engine.users(env).map_err(|e| e.to_string())?;
    let csv = export_users_csv(&users);
    match out {
        Some(path) => {
            std::fs::write(path, csv).map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        // A reader that stops early (`| head`) has what it wanted: not an error.
        None => match std::io::stdout().write_all(csv.as_bytes()) {
            Err(e) if !is_closed(&e) => Err(format!("cannot write the CSV: {e}")),
            _ => Ok(()),
        },
    }
}

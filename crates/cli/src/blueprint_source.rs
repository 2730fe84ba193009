//! Finding a blueprint by what the user typed, with the service's one precedence (the user's
//! copy in the history, a built-in, a file: see `hangar_engine::service::resolve_blueprint`).
//! The history is opened only when it already exists, so `plan` and `blueprint show` of a
//! built-in or a file need no data directory.

use std::path::PathBuf;

use hangar_core::{Blueprint, ValidationErrors, parse_blueprint};
pub use hangar_engine::service::Origin;
use hangar_engine::service::{BlueprintSource, Lookup, ServiceError, resolve_blueprint};
use hangar_store::{DB_FILE_NAME, Store};

/// Why a blueprint could not be used.
#[derive(Debug)]
pub enum FindError {
    /// No such copy, built-in or file; or a file that cannot be read, or a history that cannot
    /// be opened: one line for the user.
    NotFound(String),
    /// It was found, and is not a valid blueprint.
    Invalid(ValidationErrors),
}

/// Finds a blueprint's text. A history that cannot be read only means the user's copies cannot
/// be searched: the name may still be a built-in or a file, and the message says why it may
/// not have been found.
pub fn find(arg: &str, data_dir: Option<PathBuf>) -> Result<BlueprintSource, FindError> {
    let (store, unreadable) = match open_existing(data_dir) {
        Ok(store) => (store, String::new()),
        Err(err) => (
            None,
            format!("; your own blueprints could not be read: {err}"),
        ),
    };
    resolve_blueprint(arg, store.as_ref(), Lookup::NamesOrFile).map_err(|err| match err {
        ServiceError::NotFound(message) => FindError::NotFound(format!("{message}{unreadable}")),
        other => FindError::NotFound(other.to_string()),
    })
}

/// Finds and parses a blueprint.
pub fn load(
    arg: &str,
    data_dir: Option<PathBuf>,
) -> Result<(BlueprintSource, Blueprint), FindError> {
    let source = find(arg, data_dir)?;
    let blueprint = parse_blueprint(&source.text).map_err(FindError::Invalid)?;
    Ok((source, blueprint))
}

/// The history, when there is one; `None` when it was never created (nothing to list, and no
/// reason to create it for a lookup).
pub fn open_existing(data_dir: Option<PathBuf>) -> Result<Option<Store>, String> {
    let dir = hangar_store::resolve_data_dir(data_dir).map_err(|e| e.to_string())?;
    if !dir.join(DB_FILE_NAME).is_file() {
        return Ok(None);
    }
    Store::open_in(&dir).map(Some).map_err(|e| e.to_string())
}

/// Exit code of a blueprint that was found and is invalid (or of invalid `--set` values).
pub const INVALID: u8 = 1;
/// Exit code of a blueprint that could not be found or read.
pub const NOT_FOUND: u8 = 2;

/// Reports a failure and returns its exit code. Validation errors go one per line as
/// `path: message` on stderr, or as `{ "errors": [{ "path", "message" }] }` on stdout with
/// `--json`; anything else is one line on stderr.
pub fn fail(err: &FindError, json: bool) -> std::process::ExitCode {
    match err {
        FindError::NotFound(message) => {
            eprintln!("hangar: {message}");
            std::process::ExitCode::from(NOT_FOUND)
        }
        FindError::Invalid(errors) => {
            report_invalid(errors, json);
            std::process::ExitCode::from(INVALID)
        }
    }
}

/// Every validation error, one per line, or as JSON.
pub fn report_invalid(errors: &ValidationErrors, json: bool) {
    if json {
        print_json(&serde_json::json!({ "errors": errors }));
    } else {
        for error in errors {
            eprintln!("{error}");
        }
    }
}

/// Pretty JSON on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => outln!("{text}"),
        Err(err) => eprintln!("hangar: cannot write JSON: {err}"),
    }
}

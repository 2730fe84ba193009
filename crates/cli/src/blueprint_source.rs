//! Finding a blueprint by what the user typed: a path to a TOML file, a built-in's name, or the
//! name of the user's own copy in the history. The history is opened only for that last case,
//! and only when it already exists, so `plan` and `blueprint show` of a built-in or a file need
//! no data directory.

use std::path::{Path, PathBuf};

use hangar_core::blueprint::{builtin_names, builtin_source};
use hangar_core::{Blueprint, ValidationErrors, parse_blueprint};
use hangar_store::{DB_FILE_NAME, Store};

/// Where a blueprint's text came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Builtin,
    /// The user's copy in the history, and what it was copied from.
    User {
        based_on: Option<String>,
    },
    File(PathBuf),
}

impl Origin {
    pub fn as_str(&self) -> &'static str {
        match self {
            Origin::Builtin => "builtin",
            Origin::User { .. } => "user",
            Origin::File(_) => "file",
        }
    }
}

/// A blueprint's TOML, not yet parsed.
#[derive(Debug, Clone)]
pub struct Source {
    pub origin: Origin,
    pub text: String,
}

/// Why a blueprint could not be used.
#[derive(Debug)]
pub enum FindError {
    /// No such built-in, file or copy; or a file that cannot be read, or a history that cannot
    /// be opened: one line for the user.
    NotFound(String),
    /// It was found, and is not a valid blueprint.
    Invalid(ValidationErrors),
}

/// What the user typed names a file when it looks like a path or a file of that name exists.
fn is_path(arg: &str) -> bool {
    arg.ends_with(".toml")
        || arg.contains('/')
        || arg.contains(std::path::MAIN_SEPARATOR)
        || Path::new(arg).is_file()
}

/// Finds a blueprint's text: a file path, else a built-in, else a copy in the history.
pub fn find(arg: &str, data_dir: Option<PathBuf>) -> Result<Source, FindError> {
    if is_path(arg) {
        let path = PathBuf::from(arg);
        let text = std::fs::read_to_string(&path)
            .map_err(|err| FindError::NotFound(format!("cannot read {arg}: {err}")))?;
        return Ok(Source {
            origin: Origin::File(path),
            text,
        });
    }
    if let Some(text) = builtin_source(arg) {
        return Ok(Source {
            origin: Origin::Builtin,
            text: text.to_owned(),
        });
    }
    // A history that cannot be read only means the user's copies cannot be searched: the name
    // is still unknown, and the message says why it may be.
    let copy = open_existing(data_dir).and_then(|store| match store {
        Some(store) => store.get_blueprint(arg).map_err(|e| e.to_string()),
        None => Ok(None),
    });
    let unreadable = match copy {
        Ok(Some(record)) => {
            return Ok(Source {
                origin: Origin::User {
                    based_on: record.based_on,
                },
                text: record.source,
            });
        }
        Ok(None) => String::new(),
        Err(err) => format!("; your own blueprints could not be read: {err}"),
    };
    Err(FindError::NotFound(format!(
        "no blueprint named '{arg}' (built-ins: {}; or give a path to a .toml file){unreadable}",
        builtin_names().join(", ")
    )))
}

/// Finds and parses a blueprint.
pub fn load(arg: &str, data_dir: Option<PathBuf>) -> Result<(Source, Blueprint), FindError> {
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

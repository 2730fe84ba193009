//! `hangar users check FILE [--json] [--roles a,b,c]`: every problem in a users CSV, and an exit
//! code a script can branch on: 0 every row valid, 1 some rows not, 2 not a users CSV at all.
//! `import` and `export` (an environment's users) live in `users_env.rs`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use hangar_core::users::{FileError, UsersReport, check_users_csv_with_roles};
use serde::Serialize;

use crate::args::UsersCommand;

const VALID: u8 = 0;
const SOME_ROWS_INVALID: u8 = 1;
const NOT_A_USERS_CSV: u8 = 2;

pub fn run(command: UsersCommand, data_dir: Option<PathBuf>, json: bool) -> ExitCode {
    let done = match command {
        UsersCommand::Check { file, roles } => return ExitCode::from(check(&file, &roles, json)),
        UsersCommand::Import {
            env,
            file,
            accept_valid,
            roles,
        } => crate::users_env::import(data_dir, &env, &file, accept_valid, roles, json),
        UsersCommand::Export { env, out } => {
            crate::users_env::export(data_dir, &env, out.as_deref())
        }
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("hangar: {message}");
            ExitCode::FAILURE
        }
    }
}

/// What `--json` prints when there is no report: `{ "error": { "kind", "message" } }`.
#[derive(Serialize)]
struct JsonError<'a> {
    error: &'a FileErrorOut,
}

#[derive(Serialize)]
struct FileErrorOut {
    kind: String,
    message: String,
}

fn check(path: &Path, roles: &[String], json: bool) -> u8 {
    let roles: Vec<&str> = roles
        .iter()
        .map(|r| r.trim())
        .filter(|r| !r.is_empty())
        .collect();
    if roles.is_empty() {
        return fail(json, "usage", "--roles needs at least one role".into());
    }
    // The same guarded read as the window's: regular files only, capped before decoding.
    let bytes = match hangar_engine::service::read_users_file(path) {
        Ok(bytes) => bytes,
        Err(err) => return fail(json, "unreadable", err.to_string()),
    };
    match check_users_csv_with_roles(&bytes, &roles) {
        Ok(report) => {
            if json {
                print_json(&report);
            } else {
                print_report(path, &report);
            }
            if report.is_valid() {
                VALID
            } else {
                SOME_ROWS_INVALID
            }
        }
        Err(err) => fail(json, &kind_name(&err), format!("{}: {err}", path.display())),
    }
}

fn kind_name(err: &FileError) -> String {
    serde_json::to_value(err.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| format!("{:?}", err.kind))
}

/// A file that is not a users CSV: one line on stderr, or the JSON error on stdout.
fn fail(json: bool, kind: &str, message: String) -> u8 {
    if json {
        print_json(&JsonError {
            error: &FileErrorOut {
                kind: kind.to_owned(),
                message,
            },
        });
    } else {
        eprintln!("hangar: {message}");
    }
    NOT_A_USERS_CSV
}

fn print_json<T: Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => outln!("{text}"),
        Err(err) => eprintln!("hangar: cannot write JSON: {err}"),
    }
}

fn print_report(path: &Path, report: &UsersReport) {
    for warning in &report.warnings {
        outln!("warning: {warning}");
    }
    for error in &report.errors {
        outln!("{error}");
    }
    let valid = report.users.len();
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("{n} {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let summary = if report.is_valid() {
        format!("{}, all valid", plural(valid, "user", "users"))
    } else {
        format!(
            "{} read: {valid} valid, {} invalid ({})",
            plural(report.rows_read, "row", "rows"),
            report.invalid_rows,
            plural(report.errors.len(), "error", "errors")
        )
    };
    outln!("{}: {summary}", path.display());
}

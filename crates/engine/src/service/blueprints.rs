//! Finding a blueprint by what the user typed or picked, with one precedence for the window
//! and the command line:
//!
//! 1. the user's own copy in the history, by name: it is what they made and named, and saving
//!    refuses a built-in's name, so a copy never hides a built-in by accident;
//! 2. a built-in, by name;
//! 3. a file path, last, and only for the command line ([`Lookup::NamesOrFile`]); the window
//!    looks up names only, so script in the web view cannot read a file by calling it a
//!    blueprint. On the command line a stray file in the working directory that happens to be called like a
//!    blueprint must not change what `hangar up single-host-dev` makes. A real path
//!    (`./x.toml`, `bp/x.toml`) is never a copy's or a built-in's name (those are slugs), so it
//!    still lands here.

use std::path::{Path, PathBuf};

use hangar_core::blueprint::{builtin_names, builtin_source};
use hangar_store::Store;

use super::ServiceError;

/// Where a blueprint's text came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The user's copy in the history, and what it was copied from.
    User {
        based_on: Option<String>,
    },
    Builtin,
    File(PathBuf),
    /// Text the caller holds (the editor's unsaved buffer), not looked up.
    Given,
}

impl Origin {
    pub fn as_str(&self) -> &'static str {
        match self {
            Origin::User { .. } => "user",
            Origin::Builtin => "builtin",
            Origin::File(_) => "file",
            Origin::Given => "given",
        }
    }
}

/// Whether a lookup may read a file the argument names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// The user's copies and the built-ins: what the window may ask for.
    NamesOnly,
    /// Those, then a path to a TOML file: what a person types on the command line.
    NamesOrFile,
}

/// A blueprint's TOML, not yet parsed, and the name an environment records for it.
#[derive(Debug, Clone)]
pub struct BlueprintSource {
    pub name: String,
    pub origin: Origin,
    pub text: String,
}

/// Finds `arg` with the precedence above. `copies` is the history to search for the user's own
/// blueprints; `None` when there is none yet (nothing to search).
pub fn resolve_blueprint(
    arg: &str,
    copies: Option<&Store>,
    lookup: Lookup,
) -> Result<BlueprintSource, ServiceError> {
    if let Some(record) = copies
        .map(|store| store.get_blueprint(arg))
        .transpose()?
        .flatten()
    {
        return Ok(BlueprintSource {
            name: arg.to_string(),
            origin: Origin::User {
                based_on: record.based_on,
            },
            text: record.source,
        });
    }
    if let Some(text) = builtin_source(arg) {
        return Ok(BlueprintSource {
            name: arg.to_string(),
            origin: Origin::Builtin,
            text: text.to_string(),
        });
    }
    let path = Path::new(arg);
    // Something typed as a path that cannot be read says why, rather than "no blueprint".
    if lookup == Lookup::NamesOrFile && (path.is_file() || looks_like_path(arg)) {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ServiceError::Unreadable(format!("cannot read {arg}: {e}")))?;
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| arg.to_string());
        return Ok(BlueprintSource {
            name,
            origin: Origin::File(path.to_path_buf()),
            text,
        });
    }
    let or_file = match lookup {
        Lookup::NamesOrFile => "; or give a path to a .toml file",
        Lookup::NamesOnly => "",
    };
    Err(ServiceError::NotFound(format!(
        "no blueprint named '{arg}' (built-ins: {}{or_file})",
        builtin_names().join(", ")
    )))
}

fn looks_like_path(arg: &str) -> bool {
    arg.ends_with(".toml") || arg.contains('/') || arg.contains(std::path::MAIN_SEPARATOR)
}

/// The caller's own text when it has one (an unsaved edit of `name`), else `name` resolved by
/// name only: the window's lookup.
pub fn blueprint_or_given(
    name: &str,
    given: Option<String>,
    copies: Option<&Store>,
) -> Result<BlueprintSource, ServiceError> {
    match given {
        Some(text) => Ok(BlueprintSource {
            name: name.to_string(),
            origin: Origin::Given,
            text,
        }),
        None => resolve_blueprint(name, copies, Lookup::NamesOnly),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COPY: &str = "[blueprint]\nname = \"mine\"\n";

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open_in(dir.path()).expect("store");
        (dir, store)
    }

    #[test]
    fn a_copy_in_the_history_is_found_by_name() {
        let (_dir, store) = store();
        store
            .save_blueprint("mine", Some("single-host-dev"), COPY)
            .expect("save");
        let found = resolve_blueprint("mine", Some(&store), Lookup::NamesOrFile).expect("found");
        assert_eq!(found.text, COPY);
        assert_eq!(
            found.origin,
            Origin::User {
                based_on: Some("single-host-dev".into())
            }
        );
    }

    #[test]
    fn a_builtin_wins_over_a_file_of_the_same_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let stray = dir.path().join("single-host-dev");
        std::fs::write(&stray, "not a blueprint").expect("write");
        let found = resolve_blueprint("single-host-dev", None, Lookup::NamesOrFile).expect("found");
        assert_eq!(found.origin, Origin::Builtin);
        let file = resolve_blueprint(stray.to_str().expect("utf-8"), None, Lookup::NamesOrFile)
            .expect("file");
        assert_eq!(file.origin, Origin::File(stray.clone()));
        assert_eq!(file.name, "single-host-dev");
    }

    #[test]
    fn an_unknown_name_lists_the_builtins() {
        let err = resolve_blueprint("nope", None, Lookup::NamesOrFile).expect_err("unknown");
        assert!(matches!(err, ServiceError::NotFound(_)), "{err}");
        assert!(err.to_string().contains("single-host-dev"), "{err}");
    }

    #[test]
    fn a_missing_path_says_it_cannot_be_read() {
        let err =
            resolve_blueprint("./missing.toml", None, Lookup::NamesOrFile).expect_err("missing");
        assert!(matches!(err, ServiceError::Unreadable(_)), "{err}");
        assert!(
            err.to_string().starts_with("cannot read ./missing.toml"),
            "{err}"
        );
    }

    #[test]
    fn the_windows_lookup_never_reads_a_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let secret = dir.path().join("secret.toml");
        std::fs::write(&secret, "AWS_SECRET_ACCESS_KEY=canary").expect("write");
        let arg = secret.to_str().expect("utf-8");
        let err = resolve_blueprint(arg, None, Lookup::NamesOnly).expect_err("names only");
        assert!(matches!(err, ServiceError::NotFound(_)), "{err}");
        assert!(!err.to_string().contains("canary"), "{err}");
        assert!(!err.to_string().contains(".toml file"), "{err}");
        let err = blueprint_or_given(arg, None, None).expect_err("the window's lookup");
        assert!(matches!(err, ServiceError::NotFound(_)), "{err}");
    }

    #[test]
    fn given_text_is_used_as_is() {
        let found = blueprint_or_given("mine", Some(COPY.into()), None).expect("given");
        assert_eq!((found.origin, found.text.as_str()), (Origin::Given, COPY));
    }
}

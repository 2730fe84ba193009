//! Looking for a secret where it must never be: every file of a data directory, in the forms
//! a careless write would leave it in (raw, base64, hex, UTF-16), with SQLite's write-ahead
//! log kept on disk by a reader, because the last connection to close folds the WAL into the
//! database and deletes it, and a secret that only ever sat in the WAL would go unseen.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};

/// A connection that holds the history open, so every `hangar` run that closes its own leaves
/// the `-wal` file behind for the scan.
pub struct WalKeeper {
    _conn: rusqlite::Connection,
}

/// Opens a reader on `data_dir`'s history; it must already exist.
pub fn keep_wal(data_dir: &Path) -> WalKeeper {
    let path = data_dir.join("hangar.sqlite3");
    assert!(path.exists(), "no history at {}", path.display());
    let conn =
        rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open the history read-only");
    // A read maps the WAL index, which is what keeps the closing writers from deleting it.
    let _: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .expect("read the history");
    WalKeeper { _conn: conn }
}

/// Every way `secret` could appear in bytes: raw, UTF-16 in both byte orders, hex in both
/// cases, and base64 (standard and URL-safe) at each of the three alignments the secret could
/// start at inside a longer encoded value, keeping only the characters that do not depend on
/// its neighbours.
pub fn forms(secret: &str) -> Vec<(String, Vec<u8>)> {
    let raw = secret.as_bytes();
    let mut forms = vec![
        ("raw".to_string(), raw.to_vec()),
        (
            "UTF-16LE".to_string(),
            secret.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        ),
        (
            "UTF-16BE".to_string(),
            secret.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        ),
        ("hex".to_string(), hex(raw).into_bytes()),
        ("HEX".to_string(), hex(raw).to_uppercase().into_bytes()),
    ];
    for (name, engine) in [("base64", STANDARD_NO_PAD), ("base64url", URL_SAFE_NO_PAD)] {
        for shift in 0..3usize {
            let mut shifted = vec![0u8; shift];
            shifted.extend_from_slice(raw);
            let encoded = engine.encode(&shifted);
            // The first group mixes in the padding bytes and the last may mix in whatever
            // follows the secret: both are dropped.
            let start = if shift == 0 { 0 } else { 4 };
            let whole = (shifted.len() / 3) * 4;
            let core = encoded.get(start..whole).unwrap_or_default();
            assert!(core.len() >= 8, "secret too short to search for in base64");
            forms.push((format!("{name}+{shift}"), core.as_bytes().to_vec()));
        }
    }
    forms
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Every file under `dir`.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(self::files(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Where any form of any of `secrets` occurs in `haystack`, as `form` names.
pub fn found_in(haystack: &[u8], secrets: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for secret in secrets {
        for (form, needle) in forms(secret) {
            if haystack
                .windows(needle.len())
                .any(|w| w == needle.as_slice())
            {
                found.push(format!("{form} of a secret"));
            }
        }
    }
    found
}

/// Every file under `dir` that holds a form of one of `secrets`, with the forms found.
pub fn scan_dir(dir: &Path, secrets: &[String]) -> Vec<(PathBuf, Vec<String>)> {
    files(dir)
        .into_iter()
        .filter_map(|path| {
            let bytes = std::fs::read(&path).expect("read");
            let found = found_in(&bytes, secrets);
            (!found.is_empty()).then_some((path, found))
        })
        .collect()
}

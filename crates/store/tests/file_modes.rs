//! The history is private to its user: the data directory 0700, the database and its WAL and
//! shared-memory files 0600, whatever the umask of whoever started the app.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use hangar_store::{ProfileKind, ProfileRecord, Store, resolve_data_dir};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn the_data_directory_and_database_files_are_private() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("hangar");
    std::fs::create_dir(&dir).expect("dir");
    // As a permissive umask would leave them.
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).expect("chmod");
    let db = dir.join("hangar.sqlite3");
    std::fs::write(&db, b"").expect("empty db");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o666)).expect("chmod");

    let dir = resolve_data_dir(Some(dir)).expect("data dir");
    assert_eq!(mode(&dir), 0o700);
    let store = Store::open_in(&dir).expect("store");
    store
        .save_profile(&ProfileRecord::new(
            "work",
            ProfileKind::AccessKeys,
            "eu-west-1",
        ))
        .expect("a write, so the WAL exists");
    for name in ["hangar.sqlite3", "hangar.sqlite3-wal", "hangar.sqlite3-shm"] {
        assert_eq!(mode(&dir.join(name)), 0o600, "{name}");
    }
}

#[test]
fn a_new_database_is_created_private() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = resolve_data_dir(Some(root.path().join("new"))).expect("data dir");
    assert_eq!(mode(&dir), 0o700);
    let _store = Store::open_in(&dir).expect("store");
    for name in ["hangar.sqlite3", "hangar.sqlite3-wal", "hangar.sqlite3-shm"] {
        assert_eq!(mode(&dir.join(name)), 0o600, "{name}");
    }
}

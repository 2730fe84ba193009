//! Through the real part: a SQLite file on disk.

use hangar_store::{DB_FILE_NAME, LATEST_VERSION, ProfileKind, ProfileRecord, Store, migrate_to};
use rusqlite::Connection;

#[test]
fn opens_a_new_file_in_wal_mode_at_the_latest_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_in(dir.path()).expect("open");
    assert_eq!(store.path(), dir.path().join(DB_FILE_NAME));
    assert_eq!(store.schema_version().expect("version"), LATEST_VERSION);

    let conn = Connection::open(store.path()).expect("second connection");
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |row| row.get(0))
        .expect("journal_mode");
    assert_eq!(mode, "wal");
}

#[test]
fn an_old_version_database_is_migrated_and_keeps_its_rows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(DB_FILE_NAME);
    {
        let mut old = Connection::open(&path).expect("create v1 file");
        migrate_to(&mut old, 1).expect("schema v1");
        old.execute(
            "INSERT INTO environments (name, blueprint, blueprint_source, profile, region, status)
             VALUES ('demo', 'web-and-postgres', '', 'Sandbox', 'us-east-1', 'ready')",
            [],
        )
        .expect("a v1 row");
    }

    let store = Store::open(&path).expect("open migrates");
    assert_eq!(store.schema_version().expect("version"), LATEST_VERSION);
    let conn = Connection::open(&path).expect("read back");
    let (name, on_failure): (String, String) = conn
        .query_row("SELECT name, on_failure FROM environments", [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .expect("the v1 row survives with the new column's default");
    assert_eq!((name.as_str(), on_failure.as_str()), ("demo", "keep"));
}

#[test]
fn profiles_round_trip_with_a_single_default() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_in(dir.path()).expect("open");

    let mut sandbox = ProfileRecord::new("Sandbox", ProfileKind::Sandbox, "us-east-1");
    sandbox.endpoint = Some("http://127.0.0.1:5000".into());
    sandbox.is_default = true;
    store.save_profile(&sandbox).expect("save sandbox");

    let mut work = ProfileRecord::new("work", ProfileKind::AssumeRole, "eu-west-1");
    work.source_profile = Some("Sandbox".into());
    work.role_arn = Some("arn:aws:iam::123456789012:role/deploy".into());
    work.duration_secs = Some(3600);
    work.is_default = true;
    store.save_profile(&work).expect("save work");

    let all = store.list_profiles().expect("list");
    assert_eq!(all.len(), 2);
    assert_eq!(all[0], work, "the new default is listed first");
    assert!(
        !all[1].is_default,
        "saving a new default clears the old one"
    );
    assert_eq!(store.get_profile("work").expect("get"), Some(work));

    assert!(store.delete_profile("work").expect("delete"));
    assert!(!store.delete_profile("work").expect("delete twice"));
    assert_eq!(store.get_profile("work").expect("get"), None);
}

#[test]
fn the_schema_rejects_a_session_duration_aws_would_reject() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_in(dir.path()).expect("open");
    let mut p = ProfileRecord::new("long", ProfileKind::AssumeRole, "us-east-1");
    p.duration_secs = Some(50_000);
    let err = store
        .save_profile(&p)
        .expect_err("43,200 s is AWS's maximum");
    assert!(err.to_string().contains("CHECK"), "{err}");
}

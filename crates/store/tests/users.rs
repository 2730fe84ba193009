//! Users imports: the file's description, the accepted rows, replacement in one transaction.

use hangar_core::users::UserRow;
use hangar_store::{NewEnvironment, NewImport, OnFailure, Store};

fn new_env(name: &str) -> NewEnvironment<'_> {
    NewEnvironment {
        name,
        blueprint: "docker-host",
        blueprint_source: "[blueprint]",
        parameters: "{}",
        profile: "Sandbox",
        region: "us-east-1",
        on_failure: OnFailure::Keep,
        expires_at: None,
    }
}

fn user(name: &str, full: Option<&str>) -> UserRow {
    UserRow {
        username: name.into(),
        email: format!("{name}@example.com"),
        name: full.map(str::to_owned),
        role: "developer".into(),
    }
}

#[test]
fn an_import_is_described_and_its_rows_kept_in_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_in(dir.path()).expect("open");
    let env = store.create_environment(&new_env("demo")).expect("env");
    let other = store.create_environment(&new_env("other")).expect("env");

    let bytes = b"username,email\nzed,zed@example.com\n";
    let import = NewImport::from_bytes("team.csv", bytes, 2);
    assert_eq!(import.size_bytes, bytes.len() as u64);
    assert_eq!(import.sha256.len(), 64);
    // `printf 'abc' | sha256sum`
    assert_eq!(
        NewImport::from_bytes("x", b"abc", 0).sha256,
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );

    let users = vec![user("zed", Some("Zed, \"Z\"")), user("amy", None)];
    let record = store
        .record_users_import(env.id, &import, &users)
        .expect("import");
    assert_eq!(record.file_name, "team.csv");
    assert_eq!(record.sha256, import.sha256);
    assert_eq!((record.accepted_rows, record.rejected_rows), (2, 2));
    assert!(record.imported_at.ends_with('Z'), "{}", record.imported_at);

    assert_eq!(store.users(env.id).expect("users"), users);
    assert!(store.users(other.id).expect("users").is_empty());
    assert!(
        store
            .latest_users_import(other.id)
            .expect("latest")
            .is_none()
    );
}

#[test]
fn a_new_import_replaces_the_users_and_keeps_the_history() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_in(dir.path()).expect("open");
    let env = store.create_environment(&new_env("demo")).expect("env");
    store
        .record_users_import(
            env.id,
            &NewImport::from_bytes("a.csv", b"a", 0),
            &[user("amy", None), user("bob", None)],
        )
        .expect("first");
    store
        .record_users_import(
            env.id,
            &NewImport::from_bytes("b.csv", b"b", 1),
            &[user("cyd", None)],
        )
        .expect("second");
    assert_eq!(store.users(env.id).expect("users"), [user("cyd", None)]);
    let imports = store.users_imports(env.id).expect("imports");
    assert_eq!(
        imports
            .iter()
            .map(|i| (i.file_name.as_str(), i.accepted_rows))
            .collect::<Vec<_>>(),
        [("b.csv", 1), ("a.csv", 2)]
    );
}

#[test]
fn a_failed_import_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_in(dir.path()).expect("open");
    let env = store.create_environment(&new_env("demo")).expect("env");
    store
        .record_users_import(
            env.id,
            &NewImport::from_bytes("a.csv", b"a", 0),
            &[user("amy", None)],
        )
        .expect("first");
    let err = store
        .record_users_import(
            env.id,
            &NewImport::from_bytes("dup.csv", b"d", 0),
            &[user("bob", None), user("bob", None)],
        )
        .expect_err("duplicate usernames");
    assert!(err.to_string().contains("'bob' appears twice"), "{err}");
    assert_eq!(store.users(env.id).expect("users"), [user("amy", None)]);
    assert_eq!(store.users_imports(env.id).expect("imports").len(), 1);
}

#[test]
fn ten_thousand_users_round_trip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_in(dir.path()).expect("open");
    let env = store.create_environment(&new_env("demo")).expect("env");
    let users: Vec<UserRow> = (0..10_000).map(|i| user(&format!("u{i}"), None)).collect();
    store
        .record_users_import(env.id, &NewImport::from_bytes("big.csv", b"x", 0), &users)
        .expect("import");
    assert_eq!(store.users(env.id).expect("users"), users);
}

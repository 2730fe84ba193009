//! An environment's expiry: recorded at creation, changed and cleared, read back to the second,
//! and refused by the schema when it is not a UTC timestamp.

use hangar_store::{NewEnvironment, OnFailure, Store};
use jiff::Timestamp;

fn new(name: &str, expires_at: Option<Timestamp>) -> NewEnvironment<'_> {
    NewEnvironment {
        name,
        blueprint: "docker-host",
        blueprint_source: "",
        parameters: "{}",
        profile: "default",
        region: "us-east-1",
        on_failure: OnFailure::Keep,
        expires_at,
    }
}

#[test]
fn recorded_changed_and_cleared() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_in(dir.path()).expect("store");
    let at: Timestamp = "2026-11-30T18:00:00Z".parse().expect("ts");
    let env = store.create_environment(&new("a", Some(at))).expect("a");
    assert_eq!(env.expires_at, Some(at));
    assert_eq!(
        store
            .create_environment(&new("b", None))
            .expect("b")
            .expires_at,
        None
    );

    let later: Timestamp = "2026-12-01T02:30:15Z".parse().expect("ts");
    store.set_expiry(env.id, Some(later)).expect("extend");
    let read = store.environment("a").expect("read").expect("a");
    assert_eq!(read.expires_at, Some(later));
    store.set_expiry(env.id, None).expect("clear");
    assert_eq!(
        store.environment("a").expect("read").expect("a").expires_at,
        None
    );
    assert!(
        store.set_expiry(9_999, Some(later)).is_err(),
        "no such environment"
    );
}

#[test]
fn the_schema_refuses_what_is_not_a_utc_timestamp() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_in(dir.path()).expect("store");
    store.create_environment(&new("a", None)).expect("a");
    drop(store);
    let conn =
        rusqlite::Connection::open(dir.path().join(hangar_store::DB_FILE_NAME)).expect("open");
    let err = conn
        .execute(
            "UPDATE environments SET expires_at = 'tomorrow' WHERE name = 'a'",
            [],
        )
        .expect_err("refused");
    assert!(err.to_string().contains("CHECK"), "{err}");
}

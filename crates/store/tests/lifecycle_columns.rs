//! The lifecycle columns against the schema: every value of every enum is accepted and reads
//! back as itself (iterated with strum, so a new variant is covered without touching this
//! file), and a value no enum spells is refused by a CHECK.

use hangar_core::graph::ResourceKind;
use hangar_store::{
    EnvironmentStatus, JobKind, JobStatus, LogLevel, NewEnvironment, OnFailure, ResourceState,
    Store,
};
use rusqlite::{Connection, params};
use strum::IntoEnumIterator;

fn new_env(name: &str, on_failure: OnFailure) -> NewEnvironment<'_> {
    NewEnvironment {
        name,
        blueprint: "web-and-postgres",
        blueprint_source: "[blueprint]",
        parameters: "{}",
        profile: "Sandbox",
        region: "us-east-1",
        on_failure,
        expires_at: None,
    }
}

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_in(dir.path()).expect("open");
    (dir, store)
}

#[test]
fn every_environment_status_and_on_failure_round_trips() {
    let (_dir, store) = open();
    for (i, on_failure) in OnFailure::iter().enumerate() {
        let env = store
            .create_environment(&new_env(&format!("env-{i}"), on_failure))
            .expect("create");
        assert_eq!(env.on_failure, on_failure);
    }
    let env = store.list_environments().expect("list").remove(0);
    for status in EnvironmentStatus::iter() {
        store
            .set_environment_status(env.id, status)
            .expect("the schema accepts every status");
        let back = store.environment(&env.name).expect("get").expect("some");
        assert_eq!(back.status, status);
    }
}

#[test]
fn every_resource_state_round_trips() {
    let (_dir, store) = open();
    let env = store
        .create_environment(&new_env("demo", OnFailure::Keep))
        .expect("create");
    store
        .record_intent(env.id, "vpc.main", ResourceKind::Vpc)
        .expect("intent");
    for state in ResourceState::iter() {
        store
            .set_resource_state(env.id, "vpc.main", state)
            .expect("the schema accepts every state");
        assert_eq!(store.resources(env.id).expect("rows")[0].state, state);
    }
}

#[test]
fn every_job_kind_status_and_log_level_round_trips() {
    let (_dir, store) = open();
    let env = store
        .create_environment(&new_env("demo", OnFailure::Keep))
        .expect("create");
    for kind in JobKind::iter() {
        let job = store.start_job(env.id, kind).expect("every kind");
        assert_eq!(job.kind, kind);
        for status in JobStatus::iter() {
            store.finish_job(job.id, status, &[]).expect("every status");
            assert_eq!(
                store.job(job.id).expect("get").expect("some").status,
                status
            );
        }
        for level in LogLevel::iter() {
            store
                .append_log(job.id, level, "engine", level.as_str())
                .expect("every level");
        }
        let levels: Vec<LogLevel> = store
            .logs(job.id, 0, 100)
            .expect("logs")
            .into_iter()
            .map(|l| l.level)
            .collect();
        assert_eq!(levels, LogLevel::iter().collect::<Vec<_>>());
    }
}

/// Writes `value` into `table.column` of the one row behind the store's back.
fn write_raw(store: &Store, sql: &str, value: &str) -> rusqlite::Result<usize> {
    let conn = Connection::open(store.path()).expect("second connection");
    conn.execute(sql, params![value])
}

#[test]
fn a_value_no_enum_spells_is_refused_by_a_check() {
    let (_dir, store) = open();
    let env = store
        .create_environment(&new_env("demo", OnFailure::Keep))
        .expect("create");
    store
        .record_intent(env.id, "vpc.main", ResourceKind::Vpc)
        .expect("intent");
    let job = store.start_job(env.id, JobKind::Provision).expect("job");
    store
        .append_log(job.id, LogLevel::Info, "engine", "hello")
        .expect("log");

    for sql in [
        "UPDATE environments SET status = ?1",
        "UPDATE environments SET on_failure = ?1",
        "UPDATE resources SET state = ?1",
        "UPDATE jobs SET kind = ?1",
        "UPDATE jobs SET status = ?1",
        "UPDATE job_logs SET level = ?1",
    ] {
        let err = write_raw(&store, sql, "exploded").expect_err(sql);
        assert!(err.to_string().contains("CHECK"), "{sql}: {err}");
    }
    // A spelling the enum does not use (camelCase, capitalised) is no better.
    let err =
        write_raw(&store, "UPDATE environments SET status = ?1", "Ready").expect_err("capitalised");
    assert!(err.to_string().contains("CHECK"), "{err}");
    let err = write_raw(&store, "UPDATE jobs SET failures = ?1", "{\"node\":1}")
        .expect_err("failures are a list");
    assert!(err.to_string().contains("CHECK"), "{err}");
}

#[test]
fn a_row_with_an_unknown_value_reads_as_an_error_naming_it() {
    // A database a newer Hangar wrote could hold a status this one does not know; reading it
    // must say so, not guess. The CHECK is dropped here to plant such a row.
    let (_dir, store) = open();
    store
        .create_environment(&new_env("demo", OnFailure::Keep))
        .expect("create");
    let conn = Connection::open(store.path()).expect("second connection");
    conn.pragma_update(None, "ignore_check_constraints", "ON")
        .expect("pragma");
    conn.execute("UPDATE environments SET status = 'hibernating'", [])
        .expect("planted");
    let err = store.environment("demo").expect_err("unknown status");
    let text = err.to_string();
    assert!(
        text.contains("unknown environment status 'hibernating': expected one of new, creating"),
        "{text}"
    );
}

#[test]
fn an_environment_found_by_its_tags_is_recorded_teardown_only_and_ready_in_one_step() {
    let (_dir, store) = open();
    let made = store
        .create_environment(&new_env("made-here", OnFailure::Keep))
        .expect("create");
    let found = store
        .create_teardown_only_environment("found", "env-0123456789ab", "Sandbox", "eu-west-1")
        .expect("create teardown-only");
    // Read back, not the returned record: what another reader of the file sees.
    let back = store.environment("found").expect("get").expect("some");
    assert!(back.teardown_only);
    assert_eq!(back.status, EnvironmentStatus::Ready);
    assert_eq!(
        (back.uid.as_str(), back.region.as_str()),
        ("env-0123456789ab", "eu-west-1")
    );
    assert_eq!(back.id, found.id);
    let made = store.environment(&made.name).expect("get").expect("some");
    assert!(!made.teardown_only);
    assert_eq!(made.status, EnvironmentStatus::New);
    let taken =
        store.create_teardown_only_environment("found", "env-other", "Sandbox", "eu-west-1");
    assert!(taken.is_err(), "a second record under a taken name");
}

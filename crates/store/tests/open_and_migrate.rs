//! Through the real part: a SQLite file on disk.

use hangar_store::{
    DB_FILE_NAME, EnvironmentStatus, LATEST_VERSION, OnFailure, ProfileKind, ProfileRecord,
    ResourceState, Store, migrate_to,
};
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
fn a_v3_database_keeps_its_rows_indexes_and_foreign_keys_through_the_v4_rebuild() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(DB_FILE_NAME);
    {
        let mut old = Connection::open(&path).expect("create v3 file");
        migrate_to(&mut old, 3).expect("schema v3");
        old.execute_batch(
            "INSERT INTO environments (id, name, blueprint, blueprint_source, profile, region, status, on_failure, outputs)
               VALUES (7, 'demo', 'web-and-postgres', '[bp]', 'Sandbox', 'us-east-1', 'drifted', 'rollback', '{\"ip\":\"1.2.3.4\"}');
             INSERT INTO jobs (id, environment_id, kind, status, error) VALUES (3, 7, 'provision', 'failed', 'vpc.main: boom');
             INSERT INTO job_logs (job_id, level, source, message) VALUES (3, 'error', 'vpc.main', 'boom');
             INSERT INTO resources (environment_id, logical_name, kind, aws_id, state) VALUES (7, 'vpc.main', 'vpc', 'vpc-1', 'missing');
             INSERT INTO imported_files (id, environment_id, file_name, size_bytes, sha256) VALUES (1, 7, 'u.csv', 10, 'ab');
             INSERT INTO users (environment_id, imported_file_id, username, email, role) VALUES (7, 1, 'ana', 'ana@example.com', 'admin');",
        )
        .expect("v3 rows");
    }

    let store = Store::open(&path).expect("open migrates");
    assert_eq!(store.schema_version().expect("version"), LATEST_VERSION);
    let env = store
        .environment("demo")
        .expect("get")
        .expect("the row survives");
    assert_eq!(
        (env.id, env.status, env.on_failure, env.outputs.as_str()),
        (
            7,
            EnvironmentStatus::Drifted,
            OnFailure::Rollback,
            r#"{"ip":"1.2.3.4"}"#
        )
    );
    let job = store.job(3).expect("job").expect("the job survives");
    assert_eq!(job.error.as_deref(), Some("vpc.main: boom"));
    assert!(job.failures.is_empty(), "an old job has an empty list");
    assert_eq!(store.logs(3, 0, 10).expect("logs").len(), 1);
    assert_eq!(
        store.resources(7).expect("resources")[0].state,
        ResourceState::Missing
    );

    let conn = Connection::open(&path).expect("read back");
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .expect("foreign_key_check");
    assert_eq!(broken, 0);
    let indexes: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("indexes");
    assert_eq!(
        indexes,
        [
            "environments_uid",
            "imported_files_by_environment",
            "job_logs_by_job",
            "jobs_by_environment",
            "profiles_one_default",
            "resource_spans_one_open",
            "retained_by_environment",
            "users_by_environment"
        ]
    );
    // The rebuilt environments table is still every child's parent: deleting it cascades.
    conn.pragma_update(None, "foreign_keys", "ON")
        .expect("fk on");
    conn.execute("DELETE FROM environments WHERE id = 7", [])
        .expect("delete");
    for table in ["jobs", "job_logs", "resources", "users", "imported_files"] {
        let left: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .expect("count");
        assert_eq!(left, 0, "{table} cascades");
    }
    // A name is still unique after the rebuild.
    assert!(
        conn.execute_batch(
            "INSERT INTO environments (name, blueprint, blueprint_source, profile, region, status) VALUES ('x', 'b', '', 'p', 'r', 'new');
             INSERT INTO environments (name, blueprint, blueprint_source, profile, region, status) VALUES ('x', 'b', '', 'p', 'r', 'new');"
        )
        .is_err()
    );
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

#[test]
fn the_attributes_a_create_returned_move_to_a_json_column_that_can_be_queried() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(DB_FILE_NAME);
    {
        let mut old = Connection::open(&path).expect("create v5 file");
        migrate_to(&mut old, 5).expect("schema v5");
        old.execute_batch(
            "INSERT INTO environments (id, name, blueprint, blueprint_source, profile, region, status, on_failure)
               VALUES (1, 'demo', 'web-and-postgres', '[bp]', 'Sandbox', 'us-east-1', 'ready', 'keep');
             INSERT INTO resources (environment_id, logical_name, kind, aws_id, state, properties)
               VALUES (1, 'eip.app', 'eip', 'eipalloc-1', 'ready', '{\"attrs\":{\"public_ip\":\"203.0.113.7\"}}'),
                      (1, 'vpc.main', 'vpc', 'vpc-1', 'ready', '{}');",
        )
        .expect("v5 rows");
    }
    let store = Store::open(&path).expect("open migrates");
    let rows = store.resources(1).expect("rows");
    assert_eq!(
        rows[0]
            .attrs
            .get(&hangar_core::graph::Attr::PublicIp)
            .map(String::as_str),
        Some("203.0.113.7")
    );
    assert!(rows[1].attrs.is_empty());
    drop(store);
    let conn = Connection::open(&path).expect("reopen");
    let ip: String = conn
        .query_row(
            "SELECT json_extract(attrs, '$.public_ip') FROM resources WHERE logical_name = 'eip.app'",
            [],
            |row| row.get(0),
        )
        .expect("queried");
    assert_eq!(ip, "203.0.113.7");
    let refused = conn.execute(
        "UPDATE resources SET attrs = '[1]' WHERE logical_name = 'vpc.main'",
        [],
    );
    assert!(refused.is_err(), "attrs must be a JSON object");
}

#[test]
fn environments_recorded_before_ids_get_distinct_uuids_and_no_account() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(DB_FILE_NAME);
    {
        let mut old = Connection::open(&path).expect("create v7 file");
        migrate_to(&mut old, 7).expect("schema v7");
        old.execute_batch(
            "INSERT INTO environments (name, blueprint, blueprint_source, profile, region, status, on_failure)
               VALUES ('one', 'web-and-postgres', '', 'Sandbox', 'us-east-1', 'ready', 'keep'),
                      ('two', 'web-and-postgres', '', 'Sandbox', 'us-east-1', 'ready', 'keep');",
        )
        .expect("v7 rows");
    }
    let store = Store::open(&path).expect("open migrates");
    let envs = store.list_environments().expect("list");
    let uuid_shaped = |s: &str| {
        let parts: Vec<usize> = s.split('-').map(str::len).collect();
        parts == [8, 4, 4, 4, 12]
            && s.chars()
                .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
            && s.as_bytes()[14] == b'4'
    };
    for env in &envs {
        assert!(uuid_shaped(&env.uid), "{}", env.uid);
        assert_eq!(env.account_id, None);
    }
    assert_ne!(envs[0].uid, envs[1].uid);
    let new = store
        .create_environment(&hangar_store::NewEnvironment {
            name: "three",
            blueprint: "web-and-postgres",
            blueprint_source: "",
            parameters: "{}",
            profile: "Sandbox",
            region: "us-east-1",
            on_failure: OnFailure::Keep,
            expires_at: None,
        })
        .expect("new");
    assert!(uuid_shaped(&new.uid), "{}", new.uid);
    store
        .set_environment_account(new.id, "123456789012")
        .expect("set");
    store
        .set_environment_account(new.id, "999999999999")
        .expect("set once only");
    let read = store.environment("three").expect("read").expect("env");
    assert_eq!(read.account_id.as_deref(), Some("123456789012"));
    let conn = Connection::open(&path).expect("reopen");
    assert!(
        conn.execute(
            "UPDATE environments SET account_id = 'abc' WHERE name = 'one'",
            []
        )
        .is_err(),
        "an account id is 12 digits"
    );
}

//! `hangar pause` and `hangar wake` (office hours by hand) on web-and-postgres in the emulator:
//! the emulator itself is asked whether the host is stopped and the database stopped, and
//! running and available after the wake; the fault proxy says what AWS was sent. While paused,
//! a refresh finds no drift, the instances' spans are closed (their hours stop counting in
//! the cost so far) and a wake opens new ones; a paused environment tears down. Run under
//! scripts/with-keyring.sh: the profile's secret lives in the real keychain.

use crate::common;

use std::path::Path;

use common::{must, with_profile};
use hangar_testkit::MotoServer;
use hangar_testkit::faults::{self, FaultPlan};

const ENV: &str = "office";

fn states(endpoint: &str) -> (Vec<String>, Vec<String>) {
    common::power::states(endpoint, ENV)
}

/// Spans of the instances and databases: (all, still open).
fn compute_spans(data_dir: &Path) -> (i64, i64) {
    let db = rusqlite::Connection::open(data_dir.join(hangar_store::DB_FILE_NAME)).expect("db");
    db.query_row(
        "SELECT count(*), count(*) FILTER (WHERE ended_at IS NULL) FROM resource_spans
         WHERE logical_name LIKE 'instance.%' OR logical_name LIKE 'rds_instance.%'",
        [],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
    .expect("spans")
}

fn status(data_dir: &Path, endpoint: &str) -> String {
    let out = must(data_dir, endpoint, &["--json", "list"]);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("list JSON");
    rows.iter()
        .find(|r| r["name"] == ENV)
        .and_then(|r| r["status"].as_str())
        .unwrap_or_else(|| panic!("{ENV} is not listed: {rows:?}"))
        .to_string()
}

#[test]
fn a_pause_stops_the_hosts_and_database_and_a_wake_starts_them() {
    let moto = MotoServer::start().expect("moto");
    let truth = moto.endpoint();
    let proxy = faults::start(moto.addr(), FaultPlan::default()).expect("proxy");
    let endpoint = proxy.endpoint();
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();

    must(d, &endpoint, &["up", "web-and-postgres", "--name", ENV]);
    let (hosts, databases) = states(&truth);
    assert!(
        !hosts.is_empty() && hosts.iter().all(|s| s == "running"),
        "{hosts:?}"
    );
    assert_eq!(databases, ["available"]);
    let (made, open) = compute_spans(d);
    assert_eq!(made, open, "every instance and database is counting");

    must(d, &endpoint, &["pause", ENV]);
    let (hosts, databases) = states(&truth);
    assert!(hosts.iter().all(|s| s == "stopped"), "{hosts:?}");
    assert_eq!(databases, ["stopped"]);
    assert_eq!(proxy.seen("StopInstances").len(), hosts.len());
    assert_eq!(proxy.seen("StopDBInstance").len(), 1);
    assert_eq!(status(d, &endpoint), "paused");
    assert_eq!(
        compute_spans(d),
        (made, 0),
        "a stopped instance's hours stop counting"
    );

    // Stopped is not drift: a refresh exits 0 and leaves it paused.
    must(d, &endpoint, &["refresh", ENV]);
    assert_eq!(status(d, &endpoint), "paused");
    // Run again (as after a kill): EC2 takes the stop again, RDS is not asked twice.
    must(d, &endpoint, &["pause", ENV]);
    assert_eq!(proxy.seen("StopDBInstance").len(), 1);
    assert_eq!(states(&truth).1, ["stopped"]);

    // A paused environment is not provisioned over: a resume waits for a wake.
    let resumed = with_profile(d, &endpoint)
        .args(["resume", ENV])
        .output()
        .expect("run hangar");
    assert!(!resumed.status.success());
    assert!(
        common::text(&resumed.stderr).contains("is paused: wake it first"),
        "{}",
        common::text(&resumed.stderr)
    );

    must(d, &endpoint, &["wake", ENV]);
    let (hosts, databases) = states(&truth);
    assert!(hosts.iter().all(|s| s == "running"), "{hosts:?}");
    assert_eq!(databases, ["available"]);
    assert_eq!(proxy.seen("StartDBInstance").len(), 1);
    assert_eq!(status(d, &endpoint), "ready");
    assert_eq!(
        compute_spans(d),
        (2 * made, made),
        "a wake opens a new span for each"
    );

    // Paused again, it still tears down to nothing (down proves it by tag).
    must(d, &endpoint, &["pause", ENV]);
    must(d, &endpoint, &["down", ENV]);
    assert_eq!(
        states(&truth),
        (vec!["terminated".to_string(); hosts.len()], vec![])
    );
}

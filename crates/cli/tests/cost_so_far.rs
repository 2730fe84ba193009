//! What an environment has cost so far: `hangar list` prices the hours each resource existed,
//! from the spans the history keeps (a span opens when a resource turns ready and closes when it
//! is deleted). Provisioned and torn down in the emulator, the spans are there and closed; given
//! a known history (each priced resource alive exactly ten hours), the figure is the plan's
//! hourly prices times ten, to the cent, and it no longer grows.

use crate::common;

use std::path::Path;

use common::{must, text};
use hangar_testkit::MotoServer;

fn spent(data_dir: &Path, endpoint: &str, name: &str) -> f64 {
    let out = must(data_dir, endpoint, &["--json", "list"]);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("list JSON");
    rows.iter()
        .find(|r| r["name"] == name)
        .and_then(|r| r["costSoFar"].as_f64())
        .unwrap_or_else(|| panic!("{name} has no cost so far: {rows:?}"))
}

/// The plan's hourly price of each resource it prices, from `hangar plan --json`.
fn hourly_total(data_dir: &Path, endpoint: &str) -> f64 {
    let out = must(data_dir, endpoint, &["--json", "plan", "docker-host"]);
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).expect("plan JSON");
    plan["cost"]["lines"]
        .as_array()
        .expect("cost lines")
        .iter()
        .map(|line| line["monthly"].as_f64().expect("monthly") / 730.0)
        .sum()
}

#[test]
fn a_known_history_costs_its_hours_at_the_plans_prices_to_the_cent() {
    let server = MotoServer::start().expect("moto");
    let endpoint = server.endpoint();
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();

    must(d, &endpoint, &["up", "docker-host", "--name", "spend"]);
    assert!(
        spent(d, &endpoint, "spend") > 0.0,
        "it has existed a moment"
    );
    must(d, &endpoint, &["down", "spend"]);

    let db = rusqlite::Connection::open(d.join(hangar_store::DB_FILE_NAME)).expect("history");
    let (spans, open): (i64, i64) = db
        .query_row(
            "SELECT count(*), count(*) FILTER (WHERE ended_at IS NULL) FROM resource_spans",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .expect("spans");
    let resources: i64 = db
        .query_row("SELECT count(*) FROM resources", [], |row| row.get(0))
        .expect("resources");
    assert_eq!(spans, resources, "one span for each resource made");
    assert_eq!(open, 0, "every span closed by the teardown");

    // A known history: everything lived from midnight to ten.
    db.execute(
        "UPDATE resource_spans SET started_at = '2026-11-30T00:00:00Z',
                                   ended_at = '2026-11-30T10:00:00Z'",
        [],
    )
    .expect("rewrite the history");
    let expected = hourly_total(d, &endpoint) * 10.0;
    let listed = spent(d, &endpoint, "spend");
    assert_eq!(format!("{listed:.2}"), format!("{expected:.2}"));
    assert!((listed - expected).abs() < 1e-9, "{listed} != {expected}");
    assert_eq!(
        spent(d, &endpoint, "spend"),
        listed,
        "a closed history stops counting"
    );

    let table = must(d, &endpoint, &["list"]);
    let table = text(&table.stdout);
    assert!(
        table.contains(&format!(
            "Spent so far: ${expected:.2} ({} ${expected:.2})",
            common::PROFILE
        )),
        "{table}"
    );
}

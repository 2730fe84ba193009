//! Office hours kept by `hangar reap` on web-and-postgres in the emulator, judged by what the
//! emulator says of the instances and what the fault proxy saw sent: a closing pauses, an
//! opening wakes, a database RDS started by itself after a week paused is stopped again, and a
//! dry run does nothing. `reap --at` stands in for the clock; the jobs themselves run now.

use crate::common;

use common::power::{start_databases, states};
use common::{must, text};
use hangar_testkit::MotoServer;
use hangar_testkit::faults::{self, FaultPlan};
use jiff::civil::{Date, time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

const ENV: &str = "nine-to-five";

/// `hh:mm` UTC on the day `days` after `from`'s.
fn on(from: Date, days: i64, hour: i8) -> String {
    (from + days.days())
        .to_datetime(time(hour, 0, 0, 0))
        .to_zoned(TimeZone::UTC)
        .expect("a UTC time")
        .timestamp()
        .to_string()
}

/// `hangar reap --json --at AT` (and `extra`), as rows.
fn reap(dir: &std::path::Path, endpoint: &str, at: &str, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["--json", "reap", "--at", at];
    args.extend_from_slice(extra);
    let out = must(dir, endpoint, &args);
    serde_json::from_slice(&out.stdout).expect("reap JSON")
}

fn outcome(rows: &[serde_json::Value]) -> Vec<(String, String)> {
    rows.iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap_or_default().to_string(),
                r["outcome"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn only(outcome: &str) -> Vec<(String, String)> {
    vec![(ENV.to_string(), outcome.to_string())]
}

#[test]
fn a_closing_pauses_an_opening_wakes_and_a_week_paused_is_stopped_again() {
    let moto = MotoServer::start().expect("moto");
    let truth = moto.endpoint();
    let proxy = faults::start(moto.addr(), FaultPlan::default()).expect("proxy");
    let endpoint = proxy.endpoint();
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();

    must(d, &endpoint, &["up", "web-and-postgres", "--name", ENV]);
    let set = must(
        d,
        &endpoint,
        &["--json", "hours", ENV, "daily", "08:00-19:00", "UTC"],
    );
    let set: serde_json::Value = serde_json::from_slice(&set.stdout).expect("hours JSON");
    assert_eq!(set["officeHours"], "daily 08:00-19:00 UTC");
    let today = Timestamp::now().to_zoned(TimeZone::UTC).date();
    let running = states(&truth, ENV);
    let hosts = running.0.len();
    assert!(
        hosts > 0 && running.0.iter().all(|s| s == "running"),
        "{running:?}"
    );

    // Tomorrow evening the window has closed since the environment was made.
    let evening = on(today, 1, 20);
    let dry = reap(d, &endpoint, &evening, &["--dry-run"]);
    assert_eq!(outcome(&dry), only("would-pause"), "{dry:?}");
    assert_eq!(states(&truth, ENV), running, "a dry run stops nothing");
    assert!(proxy.seen("StopInstances").is_empty());

    let paused = reap(d, &endpoint, &evening, &[]);
    assert_eq!(outcome(&paused), only("paused"), "{paused:?}");
    assert_eq!(
        states(&truth, ENV),
        (
            vec!["stopped".to_string(); hosts],
            vec!["stopped".to_string()]
        )
    );
    assert_eq!(proxy.seen("StopInstances").len(), hosts);
    assert_eq!(proxy.seen("StopDBInstance").len(), 1);
    assert!(
        reap(d, &endpoint, &evening, &[]).is_empty(),
        "a closing is acted on once"
    );

    // The morning after, the window opened.
    let woken = reap(d, &endpoint, &on(today, 2, 9), &[]);
    assert_eq!(outcome(&woken), only("woken"), "{woken:?}");
    assert_eq!(
        states(&truth, ENV),
        (
            vec!["running".to_string(); hosts],
            vec!["available".to_string()]
        )
    );
    assert_eq!(proxy.seen("StartDBInstance").len(), 1);

    // Paused again that evening; a week on, RDS has started the database by itself.
    assert_eq!(
        outcome(&reap(d, &endpoint, &on(today, 2, 20), &[])),
        only("paused")
    );
    start_databases(&truth, ENV);
    assert_eq!(states(&truth, ENV).1, ["available"]);
    let again = reap(d, &endpoint, &on(today, 8, 2), &[]);
    assert_eq!(outcome(&again), only("paused"), "{again:?}");
    assert!(
        again[0]["why"]
            .as_str()
            .unwrap_or_default()
            .contains("RDS restarts"),
        "{again:?}"
    );
    assert_eq!(states(&truth, ENV).1, ["stopped"]);
    assert_eq!(proxy.seen("StopDBInstance").len(), 3);

    // A real run ahead of time never tears down early: an expiry an hour away is previewed by
    // a dry run at that time, and left by a real one.
    must(d, &endpoint, &["extend", ENV, "1h"]);
    let later = (Timestamp::now() + jiff::SignedDuration::from_hours(2)).to_string();
    let preview = reap(d, &endpoint, &later, &["--dry-run"]);
    assert!(
        outcome(&preview).contains(&(ENV.to_string(), "would-tear-down".to_string())),
        "{preview:?}"
    );
    let real = reap(d, &endpoint, &later, &[]);
    assert!(
        !outcome(&real).iter().any(|(_, o)| o == "torn-down"),
        "{real:?}"
    );
    must(d, &endpoint, &["extend", ENV, "never"]);

    // Hours off: the reaper leaves it alone, whatever the time.
    must(d, &endpoint, &["hours", ENV, "off"]);
    assert!(reap(d, &endpoint, &on(today, 9, 9), &[]).is_empty());
    must(d, &endpoint, &["down", ENV]);
}

#[test]
fn hours_that_are_not_hours_are_refused_with_what_is_wrong() {
    let dir = tempfile::tempdir().expect("tempdir");
    let refused = |args: &[&str]| {
        let out = common::hangar(dir.path(), "http://127.0.0.1:9")
            .args(args)
            .output()
            .expect("run hangar");
        assert!(!out.status.success(), "{args:?} was taken");
        text(&out.stderr)
    };
    let said = refused(&["hours", "box", "mon-fri", "19:00-08:00", "UTC"]);
    assert!(
        said.contains("`19:00-08:00` closes before it opens"),
        "{said}"
    );
    let said = refused(&["hours", "box", "mon-fry", "08:00-19:00", "UTC"]);
    assert!(said.contains("`mon-fry` is not a set of days"), "{said}");
    let said = refused(&["hours", "nowhere", "mon-fri", "08:00-19:00", "UTC"]);
    assert!(said.contains("nowhere"), "{said}");
}

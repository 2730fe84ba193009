//! A profile's default lifetime: `profile add --default-lifetime 3h` makes every environment
//! `up` creates with it expire 3 hours on, unless `up --expires-in` names another lifetime or
//! `never`. Read back from `list --json`, whose expiry is the history's own.

use crate::common;

use std::path::Path;

use common::{hangar, must, output_with_stdin, text};
use hangar_testkit::{MotoServer, REGION};
use jiff::{SignedDuration, Timestamp};

fn listed(data_dir: &Path, endpoint: &str, args: &[&str]) -> Vec<serde_json::Value> {
    let out = must(data_dir, endpoint, args);
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// How long after `since` the environment expires, or `None` when it never does.
fn lifetime_of(rows: &[serde_json::Value], name: &str, since: Timestamp) -> Option<SignedDuration> {
    let row = rows
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("{name} is not listed: {rows:?}"));
    row["expiresAt"].as_str().map(|at| {
        let at: Timestamp = at.parse().expect("RFC 3339");
        at.duration_since(since)
    })
}

#[test]
fn environments_take_their_profiles_default_lifetime_unless_up_says_otherwise() {
    let server = MotoServer::start().expect("moto");
    let endpoint = server.endpoint();
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    // The shared test profile (no default lifetime) first, then one whose environments live 3h.
    must(d, &endpoint, &["profile", "list"]);
    let added = output_with_stdin(
        hangar(d, &endpoint).args([
            "profile",
            "add",
            "dev",
            "--region",
            REGION,
            "--access-key-id",
            "AKIAHANGARTESTKEY002",
            "--secret-stdin",
            "--endpoint",
            &endpoint,
            "--default-lifetime",
            "3h",
        ]),
        "testing\n",
    );
    assert!(added.status.success(), "{}", text(&added.stderr));
    let profiles = listed(d, &endpoint, &["--json", "profile", "list"]);
    let lifetimes: Vec<_> = profiles
        .iter()
        .map(|p| (p["name"].as_str(), p["defaultLifetime"].as_str()))
        .collect();
    assert_eq!(lifetimes, [(Some("moto"), None), (Some("dev"), Some("3h"))]);

    let since = Timestamp::now();
    for (name, extra) in [
        ("dflt", &[][..]),
        ("short", &["--expires-in", "1h"][..]),
        ("kept", &["--expires-in", "never"][..]),
    ] {
        let mut args = vec![
            "up",
            "docker-host",
            "--name",
            name,
            "--profile",
            "dev",
            "--set",
        ];
        let project = format!("project={name}");
        args.push(&project);
        args.extend_from_slice(extra);
        must(d, &endpoint, &args);
    }
    // The shared profile has no default: its environments never expire unless told.
    must(
        d,
        &endpoint,
        &[
            "up",
            "docker-host",
            "--name",
            "plain",
            "--set",
            "project=plain",
        ],
    );

    let rows = listed(d, &endpoint, &["--json", "list"]);
    let after = Timestamp::now().duration_since(since);
    let near = |name: &str, hours: i64| {
        let lifetime = lifetime_of(&rows, name, since)
            .unwrap_or_else(|| panic!("{name} never expires: {rows:?}"));
        let expected = SignedDuration::from_hours(hours);
        // The history keeps expiries to the second.
        let floor = expected - SignedDuration::from_secs(1);
        assert!(
            lifetime >= floor && lifetime <= expected + after,
            "{name} lives {lifetime:?}, not {hours}h"
        );
    };
    near("dflt", 3);
    near("short", 1);
    assert_eq!(lifetime_of(&rows, "kept", since), None);
    assert_eq!(lifetime_of(&rows, "plain", since), None);
}

#[test]
fn a_default_lifetime_that_is_not_one_is_refused_and_no_profile_is_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let endpoint = "http://127.0.0.1:9";
    let out = output_with_stdin(
        hangar(d, endpoint).args([
            "profile",
            "add",
            "dev",
            "--region",
            REGION,
            "--access-key-id",
            "AKIAHANGARTESTKEY003",
            "--secret-stdin",
            "--default-lifetime",
            "forever",
        ]),
        "testing\n",
    );
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("--default-lifetime") && err.contains("8h"),
        "{err}"
    );
    let list = hangar(d, endpoint)
        .args(["--json", "profile", "list"])
        .output()
        .expect("run");
    assert_eq!(text(&list.stdout).trim(), "[]");
}

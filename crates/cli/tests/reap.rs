//! Expiry from the command line: `up --expires-in`, `extend`, `list`'s time left, and `reap`,
//! which tears down what has expired and nothing else: judged by the emulator's own state, not
//! by Hangar's look-by-tag. `reap --install-timer` writes the systemd user units and enables the
//! timer; the service's command line, run once as systemd would, reaps.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::{must, text, with_profile};
use hangar_store::{EnvironmentStatus, NewEnvironment, OnFailure, Store};
use hangar_testkit::MotoServer;
use hangar_testkit::state::{Snapshot, difference};
use jiff::{SignedDuration, Timestamp};

fn listed(data_dir: &Path, endpoint: &str) -> Vec<serde_json::Value> {
    let out = must(data_dir, endpoint, &["--json", "list"]);
    serde_json::from_slice(&out.stdout).expect("list JSON")
}

fn row<'a>(rows: &'a [serde_json::Value], name: &str) -> &'a serde_json::Value {
    rows.iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("{name} is not listed: {rows:?}"))
}

fn expires_at(rows: &[serde_json::Value], name: &str) -> Option<Timestamp> {
    row(rows, name)["expiresAt"]
        .as_str()
        .map(|t| t.parse().expect("RFC 3339"))
}

/// A prod environment recorded and past its expiry (never provisioned: the reaper decides
/// by its plan's stage, before any AWS call).
fn expired_prod(store: &Store) {
    let env = store
        .create_environment(&NewEnvironment {
            name: "shop-prod",
            blueprint: "app-and-database",
            blueprint_source: hangar_core::builtin_source("app-and-database").expect("built-in"),
            parameters: r#"{"environment":"prod"}"#,
            profile: common::PROFILE,
            region: hangar_testkit::REGION,
            on_failure: OnFailure::Keep,
            expires_at: Some(Timestamp::now() - SignedDuration::from_hours(1)),
        })
        .expect("record");
    assert_eq!(env.status, EnvironmentStatus::New);
}

/// `systemctl` on PATH is this script: it records its arguments and succeeds.
fn fake_systemctl(dir: &Path) -> std::path::PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).expect("bin");
    let script = bin.join("systemctl");
    let log = dir.join("systemctl.log");
    std::fs::write(
        &script,
        format!("#!/bin/sh\necho \"$*\" >> '{}'\n", log.display()),
    )
    .expect("script");
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("chmod");
    bin
}

/// The words of a unit's `ExecStart=`, as systemd splits them (double quotes, `\"`, `%%`).
fn exec_start(unit: &str) -> Vec<String> {
    let line = unit
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart="))
        .expect("an ExecStart line");
    let (mut words, mut word, mut quoted, mut chars) =
        (Vec::new(), String::new(), false, line.chars().peekable());
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' => word.extend(chars.next()),
            '%' => word.extend(chars.next()),
            ' ' if !quoted => words.push(std::mem::take(&mut word)),
            c => word.push(c),
        }
    }
    words.push(word);
    words.retain(|w| !w.is_empty());
    words
}

#[test]
fn reap_tears_down_only_what_expired_and_its_timer_runs_it() {
    let server = MotoServer::start().expect("moto");
    let endpoint = server.endpoint();
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");

    must(
        d,
        &endpoint,
        &["up", "docker-host", "--name", "kept", "--expires-in", "8h"],
    );
    let with_kept = runtime.block_on(Snapshot::take(&endpoint));
    must(
        d,
        &endpoint,
        &[
            "up",
            "docker-host",
            "--name",
            "old",
            "--set",
            "project=old",
            "--expires-in",
            "1h",
        ],
    );
    let rows = listed(d, &endpoint);
    let left = row(&rows, "kept")["timeLeft"].as_str().expect("time left");
    assert!(
        left.starts_with("7h 5") && left.ends_with("m left"),
        "{left}"
    );

    // `extend` adds to the expiry while it is ahead.
    let before = expires_at(&rows, "kept").expect("kept expires");
    must(d, &endpoint, &["extend", "kept", "2h"]);
    let after = expires_at(&listed(d, &endpoint), "kept").expect("kept expires");
    assert_eq!(after.duration_since(before), SignedDuration::from_hours(2));

    // Time passes for `old` (the history is where its expiry lives), and a prod one expired.
    let store = Store::open_in(d).expect("store");
    let old = store.environment("old").expect("read").expect("old");
    store
        .set_expiry(
            old.id,
            Some(Timestamp::now() - SignedDuration::from_mins(5)),
        )
        .expect("expire");
    expired_prod(&store);

    let dry = must(d, &endpoint, &["--json", "reap", "--dry-run"]);
    let dry: Vec<serde_json::Value> = serde_json::from_slice(&dry.stdout).expect("JSON");
    assert_eq!(row(&dry, "old")["outcome"], "would-tear-down", "{dry:?}");
    assert_eq!(row(&dry, "shop-prod")["outcome"], "kept-prod", "{dry:?}");
    assert!(dry.iter().all(|r| r["name"] != "kept"), "{dry:?}");
    assert_eq!(
        row(&listed(d, &endpoint), "old")["status"],
        "ready",
        "a dry run tears down nothing"
    );

    // The timer: units written under XDG_CONFIG_HOME, systemctl asked to enable it.
    let config = d.join("config");
    let bin = fake_systemctl(d);
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let install = with_profile(d, &endpoint)
        .args(["reap", "--install-timer"])
        .env("XDG_CONFIG_HOME", &config)
        .env("PATH", &path)
        .output()
        .expect("install");
    assert!(install.status.success(), "{}", text(&install.stderr));
    let units = config.join("systemd/user");
    let timer = std::fs::read_to_string(units.join("hangar-reap.timer")).expect("timer unit");
    assert!(timer.contains("OnCalendar=*:0/15"), "{timer}");
    assert!(timer.contains("WantedBy=timers.target"), "{timer}");
    let calls = std::fs::read_to_string(d.join("systemctl.log")).expect("systemctl ran");
    assert_eq!(
        calls.lines().collect::<Vec<_>>(),
        [
            "--user daemon-reload",
            "--user enable --now hangar-reap.timer"
        ]
    );

    // What the timer runs, run once as systemd would: the service's own command line.
    let service = std::fs::read_to_string(units.join("hangar-reap.service")).expect("service");
    let words = exec_start(&service);
    assert_eq!(words[0], env!("CARGO_BIN_EXE_hangar"), "{service}");
    let env = with_profile(d, &endpoint);
    let mut service_command = Command::new(&words[0]);
    service_command.args(&words[1..]);
    for (key, value) in env.get_envs() {
        match value {
            Some(value) => service_command.env(key, value),
            None => service_command.env_remove(key),
        };
    }
    let reaped = service_command.output().expect("the service's command");
    let said = text(&reaped.stdout);
    assert!(reaped.status.success(), "{said}{}", text(&reaped.stderr));
    assert!(said.contains("torn down"), "{said}");
    assert!(said.contains("kept (prod)"), "{said}");

    let rows = listed(d, &endpoint);
    assert_eq!(row(&rows, "old")["status"], "destroyed");
    assert_eq!(row(&rows, "kept")["status"], "ready");
    let now = runtime.block_on(Snapshot::take(&endpoint));
    let left_over = difference(&with_kept, &now);
    assert!(
        left_over.is_empty(),
        "the reap left or took something:\n{left_over}"
    );
}

#[test]
fn a_lifetime_that_is_not_one_is_refused_before_anything_is_made() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = common::hangar(dir.path(), "http://127.0.0.1:9")
        .args(["up", "docker-host", "--name", "x", "--expires-in", "8"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "a usage error");
    let said = text(&out.stderr);
    assert!(
        said.contains("`8` is not a lifetime: write it as 8h"),
        "{said}"
    );
    let store = Store::open_in(dir.path()).expect("store");
    assert!(store.list_environments().expect("list").is_empty());
}

//! Runs the real `hangar users check` on files of the core's users corpus: exit codes 0/1/2,
//! the human listing and the JSON report.

use std::path::PathBuf;
use std::process::{Command, Output};

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/users_corpus")
        .join(name)
}

/// `hangar users check ...` with a data directory that cannot be used: the check must not need one.
fn check(args: &[&str]) -> Output {
    let unusable = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml/not-a-dir");
    Command::new(env!("CARGO_BIN_EXE_hangar"))
        .args(["users", "check"])
        .args(args)
        .env("HANGAR_DATA_DIR", unusable)
        .output()
        .expect("run hangar")
}

fn path(name: &str) -> String {
    corpus(name).to_string_lossy().into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_valid_file_exits_0_with_a_summary() {
    let out = check(&[&path("valid_basic.csv")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.trim_end()
            .ends_with("valid_basic.csv: 3 users, all valid"),
        "{text}"
    );
}

#[test]
fn invalid_rows_exit_1_and_every_one_is_listed() {
    let out = check(&[&path("bad_emails.csv")]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 11, "{text}");
    assert_eq!(
        lines[0],
        "row 2, column `email`: `bob@` is not an email address: nothing after the `@`"
    );
    assert!(lines[9].starts_with("row 11, column `email`: "), "{text}");
    assert!(
        lines[10].ends_with("bad_emails.csv: 11 rows read: 1 valid, 10 invalid (10 errors)"),
        "{text}"
    );
}

#[test]
fn warnings_come_first_and_do_not_fail_the_check() {
    let out = check(&[&path("latin1.csv")]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("warning: the file is not UTF-8"), "{text}");
    assert!(
        text.trim_end().ends_with("latin1.csv: 2 users, all valid"),
        "{text}"
    );
}

#[test]
fn files_that_are_not_users_csvs_exit_2_with_one_line() {
    for (name, piece) in [
        ("binary_garbage.bin", "is not text"),
        ("empty.csv", "is empty"),
        ("header_only.csv", "no users"),
        ("missing_role_column.csv", "no role column"),
        ("duplicate_header.csv", "two email columns"),
    ] {
        let out = check(&[&path(name)]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert!(
            err.starts_with("hangar: ") && err.contains(piece),
            "{name}: {err}"
        );
        assert!(stdout(&out).is_empty(), "{name}");
    }
    let out = check(&[&path("no-such-file.csv")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("hangar: cannot read "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn json_prints_the_report_or_the_error() {
    let out = check(&[&path("duplicates_case.csv"), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["rowsRead"], 5);
    assert_eq!(report["invalidRows"], 3);
    assert_eq!(report["users"].as_array().map(Vec::len), Some(2));
    assert_eq!(report["errors"][1]["row"], 4);
    assert_eq!(report["errors"][1]["column"], "username");
    assert!(
        report["errors"][1]["message"]
            .as_str()
            .is_some_and(|m| m.contains("duplicate of row 2")),
        "{report}"
    );

    let out = check(&["--json", &path("utf16_no_bom.csv")]);
    assert_eq!(out.status.code(), Some(2));
    let err: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(err["error"]["kind"], "notText");
    assert!(
        err["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("UTF-16"))
    );

    let out = check(&[&path("valid_basic.csv"), "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["errors"], serde_json::json!([]));
}

#[test]
fn roles_can_be_given() {
    let out = check(&[&path("valid_basic.csv"), "--roles", "admin,viewer"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.starts_with("row 3, column `role`: `developer` is not a role; allowed: admin, viewer"),
        "{text}"
    );
}

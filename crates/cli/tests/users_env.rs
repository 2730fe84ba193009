//! `hangar up --users FILE`, `hangar users import ENV FILE` and `hangar users export ENV`: the
//! real binary against the emulator.

use crate::common;

use std::path::PathBuf;
use std::process::{Command, Output};

use common::{text, with_profile};
use hangar_testkit::MotoServer;

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run hangar")
}

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/users_corpus")
        .join(name)
}

#[test]
fn up_with_a_bad_users_file_lists_the_rows_and_creates_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Nothing listens here: the run must stop before any AWS call.
    let out = run(with_profile(dir.path(), "http://127.0.0.1:9")
        .args(["up", "docker-host", "--name", "bad", "--users"])
        .arg(corpus("bad_emails.csv")));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let err = text(&out.stderr);
    for row in ["row 2, column `email`", "row 4, column `email`", "row 11"] {
        assert!(err.contains(row), "{row} missing from:\n{err}");
    }
    assert!(err.contains("10 of 11 rows are invalid"), "{err}");
    assert!(
        !err.contains("row 12,"),
        "the valid row is not an error:\n{err}"
    );

    let list = run(with_profile(dir.path(), "http://127.0.0.1:9").args(["list", "--json"]));
    assert_eq!(text(&list.stdout).trim(), "[]", "{}", text(&list.stderr));
}

#[test]
fn users_import_and_export_on_a_live_environment() {
    let server = MotoServer::start().expect("moto");
    let endpoint = server.endpoint();
    let dir = tempfile::tempdir().expect("tempdir");
    let up = run(with_profile(dir.path(), &endpoint)
        .args(["up", "docker-host", "--name", "live", "--users"])
        .arg(corpus("valid_basic.csv")));
    assert_eq!(up.status.code(), Some(0), "{}", text(&up.stderr));

    // A file with formulas: the export must neutralise them for spreadsheets.
    let file = dir.path().join("formulas.csv");
    std::fs::write(
        &file,
        "username,email,name,role\namy,amy@example.com,=cmd|' /C calc'!A0,admin\nbob,bob@example.com,Bob,viewer\n",
    )
    .expect("write");
    let import = run(with_profile(dir.path(), &endpoint)
        .args(["users", "import", "live"])
        .arg(&file));
    assert_eq!(import.status.code(), Some(0), "{}", text(&import.stderr));
    let said = text(&import.stdout);
    assert!(said.contains("live: 2 users from formulas.csv"), "{said}");
    assert!(said.contains("replace these instances"), "{said}");
    assert!(said.contains("instance.host"), "{said}");

    let export = run(with_profile(dir.path(), &endpoint).args(["users", "export", "live"]));
    assert_eq!(export.status.code(), Some(0), "{}", text(&export.stderr));
    assert_eq!(
        text(&export.stdout),
        "username,email,name,role\namy,amy@example.com,'=cmd|' /C calc'!A0,admin\nbob,bob@example.com,Bob,viewer\n"
    );
    let out_file = dir.path().join("out.csv");
    let export = run(with_profile(dir.path(), &endpoint)
        .args(["users", "export", "live", "--out"])
        .arg(&out_file));
    assert_eq!(export.status.code(), Some(0), "{}", text(&export.stderr));
    assert!(
        std::fs::read_to_string(&out_file)
            .expect("read")
            .contains("'=cmd")
    );

    // Invalid rows refuse the import and keep the list; --accept-valid keeps the valid rows.
    let refused = run(with_profile(dir.path(), &endpoint)
        .args(["users", "import", "live"])
        .arg(corpus("bad_emails.csv")));
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stderr).contains("nothing was recorded"));
    let kept = run(with_profile(dir.path(), &endpoint).args(["users", "export", "live"]));
    assert!(text(&kept.stdout).contains("amy@example.com"));
    let partial = run(with_profile(dir.path(), &endpoint)
        .args(["users", "import", "live", "--accept-valid", "--json"])
        .arg(corpus("bad_emails.csv")));
    assert_eq!(partial.status.code(), Some(0), "{}", text(&partial.stderr));
    let json: serde_json::Value = serde_json::from_slice(&partial.stdout).expect("json");
    assert_eq!(json["acceptedRows"], 1);
    assert_eq!(json["rejectedRows"], 10);
    assert_eq!(json["toReplace"][0], "instance.host");

    let unknown = run(with_profile(dir.path(), &endpoint).args(["users", "export", "nope"]));
    assert_eq!(unknown.status.code(), Some(1));
    assert!(text(&unknown.stderr).contains("no environment named 'nope'"));

    let down = run(with_profile(dir.path(), &endpoint).args(["down", "live"]));
    assert_eq!(down.status.code(), Some(0), "{}", text(&down.stderr));
}

//! Runs the real `hangar` binary against a real history file in a temporary directory.

use std::process::Command;

use hangar_store::{ProfileKind, ProfileRecord, Store};

fn hangar(data_dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hangar"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("HANGAR_DATA_DIR")
        .output()
        .expect("run hangar")
}

#[test]
fn version_names_the_package_version() {
    let out = Command::new(env!("CARGO_BIN_EXE_hangar"))
        .arg("--version")
        .output()
        .expect("run");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("hangar {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn profile_list_as_json_and_table() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut p = ProfileRecord::new("Sandbox", ProfileKind::Sandbox, "us-east-1");
    p.is_default = true;
    Store::open_in(dir.path())
        .expect("open")
        .save_profile(&p)
        .expect("save");

    let out = hangar(dir.path(), &["profile", "list", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(rows[0]["name"], "Sandbox");
    assert_eq!(rows[0]["kind"], "sandbox");
    assert_eq!(rows[0]["isDefault"], true);

    let out = hangar(dir.path(), &["profile", "list"]);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.starts_with("NAME"), "{table}");
    assert!(table.contains("Sandbox  sandbox"), "{table}");
}

#[test]
fn an_unusable_data_dir_is_one_line_and_a_failure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, "x").expect("write");
    let out = hangar(&file, &["profile", "list"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("hangar: cannot create the data directory"),
        "{err}"
    );
}

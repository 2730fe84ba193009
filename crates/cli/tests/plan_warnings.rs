//! `hangar plan` shows the plan's warnings: a list before the steps in text, `warnings` in JSON.

use std::path::PathBuf;
use std::process::{Command, Output};

/// Planning needs no history: a data directory that cannot be used proves it.
fn hangar(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hangar"))
        .args(args)
        .env(
            "HANGAR_DATA_DIR",
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml/not-a-dir"),
        )
        .output()
        .expect("run hangar")
}

fn ok(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const OPEN_SSH: [&str; 4] = ["plan", "docker-host", "--set", "admin_cidr=0.0.0.0/0"];

#[test]
fn ssh_open_to_everyone_is_listed_before_the_steps() {
    let text = ok(&hangar(&OPEN_SSH));
    let warning = text
        .find("Warnings (1):\n  security_groups[0].ingress[0] (security_group.host): ingress from 0.0.0.0/0 reaches port 22 (SSH)")
        .unwrap_or_else(|| panic!("no warning in:\n{text}"));
    let steps = text.find("Steps (").expect("steps");
    assert!(warning < steps, "{text}");
}

#[test]
fn json_carries_the_warnings_and_a_quiet_plan_has_none() {
    let mut args = OPEN_SSH.to_vec();
    args.push("--json");
    let plan: serde_json::Value = serde_json::from_str(&ok(&hangar(&args))).expect("JSON");
    let warnings = plan["warnings"].as_array().expect("warnings");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0]["kind"], "open_admin_port");
    assert_eq!(warnings[0]["logical"], "security_group.host");
    assert_eq!(warnings[0]["path"], "security_groups[0].ingress[0]");

    let quiet: serde_json::Value =
        serde_json::from_str(&ok(&hangar(&["plan", "docker-host", "--json"]))).expect("JSON");
    assert_eq!(quiet["warnings"], serde_json::json!([]));
    let text = ok(&hangar(&["plan", "docker-host"]));
    assert!(!text.contains("Warnings"), "{text}");
}

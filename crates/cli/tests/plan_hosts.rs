//! `hangar plan` shows what each host's user data does, not only what AWS will hold: the
//! Docker install, the containers with their images and ports, the users file, the generated
//! password as "generated, kept in the keychain" and never as a value.

use std::path::PathBuf;
use std::process::{Command, Output};

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

#[test]
fn the_single_host_plan_lists_its_boot_and_containers() {
    let text = ok(&hangar(&[
        "plan",
        "single-host-dev",
        "--set",
        "enable_worker=true",
    ]));
    let host = text
        .split("Host instance.dev-server (user data at first boot):")
        .nth(1)
        .unwrap_or_else(|| panic!("no host section:\n{text}"));
    for line in [
        "  - install docker.io, docker-compose-v2 (apt-get)",
        "  - enable and start docker",
        "  - write /opt/app/docker-compose.yml (mode 644): docker-compose.yml",
        "  - write /opt/app/.env (mode 600): compose variables",
        "  - set POSTGRES_PASSWORD: generated, kept in the keychain",
        "  - set HANGAR_PUBLIC_HOST to the host's public DNS name (else public IPv4), from IMDSv2",
        "  - docker compose up -d in /opt/app with profile worker",
    ] {
        assert!(host.contains(line), "{line:?} missing:\n{host}");
    }
    let row = |name: &str| {
        host.lines()
            .find(|l| l.trim_start().starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("no {name} row:\n{host}"))
            .to_string()
    };
    assert!(row("frontend").contains("migration/frontend:latest"));
    assert!(row("frontend").contains("8081->8081"));
    assert!(row("frontend").contains("NEXT_PUBLIC_API_URL=http://${HANGAR_PUBLIC_HOST}:8000"));
    assert!(row("postgres").contains("postgres:16-alpine"));
    assert!(row("postgres").contains("5433->5432"));
    assert!(row("postgres").contains("POSTGRES_PASSWORD: generated password"));
    assert!(row("assessment-worker").contains("no published port"));
    assert!(row("assessment-worker").contains("profile worker"));
}

#[test]
fn a_host_that_takes_users_shows_their_file_and_the_json_carries_hosts() {
    let text = ok(&hangar(&["plan", "docker-host"]));
    assert!(
        text.contains("(mode 644): the imported users (CSV)"),
        "{text}"
    );
    let plan: serde_json::Value =
        serde_json::from_str(&ok(&hangar(&["plan", "single-host-dev", "--json"]))).expect("JSON");
    let host = &plan["hosts"][0];
    assert_eq!(host["logical"], "instance.dev-server");
    let actions = host["actions"].as_array().expect("actions");
    assert!(actions.contains(&serde_json::json!({
        "action": "generatedPassword",
        "variable": "POSTGRES_PASSWORD"
    })));
}

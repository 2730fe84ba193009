//! The roles of a users CSV come from the blueprint's `[users]` section, and `--roles` takes
//! their place for one import: the real binary, a user's copy of a blueprint in the history
//! (which `hangar up` finds by name), and the emulator.

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

use common::{text, with_profile};
use hangar_testkit::MotoServer;

const TEAM: &str = "username,email,name,role\nalice,alice@example.com,Alice,user\nbob,bob@example.com,Bob,manager\n";

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run hangar")
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn default_roles_refuse_a_manager_before_any_aws_call() {
    let dir = tempfile::tempdir().expect("tempdir");
    let team = write(dir.path(), "team.csv", TEAM);
    // Nothing listens here: the run must stop before any AWS call.
    let out = run(with_profile(dir.path(), "http://127.0.0.1:9")
        .args(["up", "docker-host", "--name", "crm", "--users"])
        .arg(&team));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let err = text(&out.stderr);
    assert!(err.contains("row 2, column `role`"), "{err}");
    assert!(err.contains("row 3, column `role`"), "{err}");

    let out = run(with_profile(dir.path(), "http://127.0.0.1:9")
        .args([
            "up",
            "docker-host",
            "--name",
            "crm",
            "--roles",
            "user,,user",
            "--users",
        ])
        .arg(&team));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--roles: roles[1]"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_blueprints_roles_and_roles_given_on_the_command_line() {
    let server = MotoServer::start().expect("moto");
    let endpoint = server.endpoint();
    let dir = tempfile::tempdir().expect("tempdir");
    let copy = hangar_core::builtin_source("docker-host")
        .expect("built-in")
        .replacen("name = \"docker-host\"", "name = \"crm-host\"", 1)
        + "\n[users]\nroles = [\"user\", \"manager\"]\n";
    hangar_store::Store::open_in(dir.path())
        .expect("history")
        .save_blueprint("crm-host", Some("docker-host"), &copy)
        .expect("a user's copy");
    let team = write(dir.path(), "team.csv", TEAM);

    // The copy is found in the history by name, and its roles accept the file.
    let up = run(with_profile(dir.path(), &endpoint)
        .args(["up", "crm-host", "--name", "crm", "--users"])
        .arg(&team));
    assert_eq!(up.status.code(), Some(0), "{}", text(&up.stderr));

    let owners = write(
        dir.path(),
        "owners.csv",
        "username,email,role\ncarol,carol@example.com,owner\n",
    );
    let refused = run(with_profile(dir.path(), &endpoint)
        .args(["users", "import", "crm"])
        .arg(&owners));
    assert_eq!(refused.status.code(), Some(1));
    let err = text(&refused.stderr);
    assert!(err.contains("row 2, column `role`"), "{err}");
    assert!(
        err.contains("user, manager"),
        "the blueprint's roles: {err}"
    );

    let accepted = run(with_profile(dir.path(), &endpoint)
        .args(["users", "import", "crm", "--roles", "owner, user"])
        .arg(&owners));
    assert_eq!(
        accepted.status.code(),
        Some(0),
        "{}",
        text(&accepted.stderr)
    );
    let export = run(with_profile(dir.path(), &endpoint).args(["users", "export", "crm"]));
    assert_eq!(
        text(&export.stdout),
        "username,email,name,role\ncarol,carol@example.com,,owner\n"
    );
}

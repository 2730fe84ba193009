//! `hangar down` of a prod environment: off a terminal and without `--yes-destroy-prod ENV`
//! (or with another name) it refuses, saying how to confirm, and the database is still in the
//! emulator; with it, the teardown runs and lists what it kept with its monthly cost.

use crate::common;

use std::path::Path;
use std::process::Output;

use common::{output_with_stdin, text, with_profile};
use hangar_testkit::{MotoServer, sdk_config};

const ENV: &str = "shop-prod";

fn run(data_dir: &Path, endpoint: &str, args: &[&str]) -> Output {
    // Standard input is a pipe, not a terminal: nobody can be asked.
    output_with_stdin(with_profile(data_dir, endpoint).args(args), "shop-prod\n")
}

/// app-and-database in prod, as `ENV`.
fn up_prod(data_dir: &Path, endpoint: &str) {
    let up = run(
        data_dir,
        endpoint,
        &[
            "up",
            "app-and-database",
            "--name",
            ENV,
            "--set",
            "environment=prod",
        ],
    );
    assert!(up.status.success(), "{}", text(&up.stderr));
}

/// The database instances the emulator holds.
fn databases(endpoint: &str) -> usize {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        // The raw RDS client, asked directly (no Hangar code between it and the emulator).
        hangar_resources::Clients::new(&sdk_config(endpoint))
            .rds
            .describe_db_instances()
            .send()
            .await
            .expect("describe")
            .db_instances()
            .len()
    })
}

#[test]
fn a_prod_teardown_is_refused_without_the_name_and_lists_what_it_keeps_with_it() {
    let server = MotoServer::start().expect("moto");
    let endpoint = server.endpoint();
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    up_prod(d, &endpoint);
    assert_eq!(databases(&endpoint), 1);

    let refused = run(d, &endpoint, &["down", ENV]);
    assert!(!refused.status.success());
    let said = text(&refused.stderr);
    assert!(said.contains("is a prod environment"), "{said}");
    assert!(
        said.contains(&format!("--yes-destroy-prod {ENV}")),
        "{said}"
    );

    let wrong = run(d, &endpoint, &["down", ENV, "--yes-destroy-prod", "shop"]);
    assert!(!wrong.status.success());
    let said = text(&wrong.stderr);
    assert!(said.contains("'shop' is not 'shop-prod'"), "{said}");
    assert_eq!(databases(&endpoint), 1, "nothing was torn down");

    let down = run(d, &endpoint, &["down", ENV, "--yes-destroy-prod", ENV]);
    assert!(down.status.success(), "{}", text(&down.stderr));
    assert_eq!(databases(&endpoint), 0);
    let listed = text(&down.stdout);
    assert!(listed.contains("kept on purpose"), "{listed}");
    assert!(
        listed.contains(&format!("{ENV}-coherent-prod-db-final-")),
        "{listed}"
    );
    // The bucket's name ends in the environment's short id, never the plan's placeholder.
    assert!(listed.contains("coherent-artifacts-prod-"), "{listed}");
    assert!(!listed.contains("xxxxxxxx"), "{listed}");
    assert!(listed.contains("~$1.90/month"), "{listed}");
    assert!(listed.contains("estimates"), "{listed}");
}

/// `hangar down` on a terminal asks for the name: `script` gives it a pseudo-terminal, as a
/// person's shell would, and types what a person would.
fn down_on_a_terminal(data_dir: &Path, endpoint: &str, typed: &str) -> (bool, String) {
    let mut hangar = with_profile(data_dir, endpoint);
    hangar.args(["down", ENV]);
    let quote = |s: &std::ffi::OsStr| format!("'{}'", s.to_string_lossy().replace('\'', r"'\''"));
    let line: Vec<String> = std::iter::once(quote(hangar.get_program()))
        .chain(hangar.get_args().map(quote))
        .collect();
    let mut script = std::process::Command::new("script");
    script.args(["-qec", &line.join(" "), "/dev/null"]);
    for (key, value) in hangar.get_envs() {
        match value {
            Some(value) => script.env(key, value),
            None => script.env_remove(key),
        };
    }
    let out = output_with_stdin(&mut script, &format!("{typed}\n"));
    (out.status.success(), text(&out.stdout))
}

#[test]
fn on_a_terminal_down_asks_for_the_name_and_tears_down_only_when_it_is_typed() {
    let server = MotoServer::start().expect("moto");
    let endpoint = server.endpoint();
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    up_prod(d, &endpoint);

    let (ok, screen) = down_on_a_terminal(d, &endpoint, "shop");
    assert!(!ok, "{screen}");
    assert!(screen.contains("Type the environment's name"), "{screen}");
    assert!(screen.contains("'shop' is not 'shop-prod'"), "{screen}");
    assert_eq!(databases(&endpoint), 1, "nothing was torn down");

    let (ok, screen) = down_on_a_terminal(d, &endpoint, ENV);
    assert!(ok, "{screen}");
    assert_eq!(databases(&endpoint), 0);
    assert!(screen.contains("kept on purpose"), "{screen}");
}

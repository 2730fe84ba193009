//! `hangar profile ...` end to end: the real binary, a real history file, the real Secret
//! Service (run under scripts/with-keyring.sh, as `make test` does) and moto's STS.
//!
//! The last test adds a profile with a known secret, uses it in every way the CLI offers, and
//! then looks for that secret everywhere it must never be: the data directory (SQLite and its
//! WAL, kept on disk by an open reader), everything printed, and every error, in every
//! encoding `common::leaks` knows.

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

use hangar_sandbox::MotoServer;

const KNOWN_SECRET: &str = "hangar-known-secret-5b1f0a77c2";
const KEY_ID: &str = "AKIAHANGARCLITEST01";

struct Run {
    out: Output,
}

impl Run {
    fn ok(&self) -> bool {
        self.out.status.success()
    }
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.stdout).into_owned()
    }
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }
}

/// Runs `hangar`, feeding `stdin`, and records everything it printed.
fn hangar(data_dir: &Path, args: &[&str], stdin: &str, seen: &mut Vec<String>) -> Run {
    assert!(
        !args.iter().any(|a| a.contains(KNOWN_SECRET)),
        "the test itself must not put the secret in argv"
    );
    let mut command = Command::new(env!("CARGO_BIN_EXE_hangar"));
    command
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("HANGAR_DATA_DIR")
        .env("AWS_CONFIG_FILE", data_dir.join("aws-config"))
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            data_dir.join("aws-credentials"),
        );
    let out = common::output_with_stdin(&mut command, stdin);
    let run = Run { out };
    seen.push(run.stdout());
    seen.push(run.stderr());
    run
}

fn unique(name: &str) -> String {
    format!("{name}-{}", std::process::id())
}

fn secret_tool_has(profile: &str) -> bool {
    Command::new("secret-tool")
        .args([
            "lookup",
            "service",
            hangar_keychain::SERVICE,
            "username",
            profile,
        ])
        .output()
        .expect("secret-tool (libsecret-tools)")
        .status
        .success()
}

#[test]
fn add_test_and_remove_a_role_chain_against_moto() {
    let moto = MotoServer::start().expect("moto");
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let seen = &mut Vec::new();
    let (base, deploy, spoke) = (unique("base"), unique("deploy"), unique("spoke"));
    let endpoint = moto.endpoint();

    let add = hangar(
        d,
        &[
            "profile",
            "add",
            &base,
            "--region",
            "us-east-1",
            "--access-key-id",
            KEY_ID,
            "--secret-stdin",
            "--endpoint",
            &endpoint,
            "--default",
        ],
        &format!("{KNOWN_SECRET}\n"),
        seen,
    );
    assert!(add.ok(), "{}", add.stderr());
    assert!(secret_tool_has(&base), "the keys are in the Secret Service");

    let role = hangar(
        d,
        &[
            "profile",
            "add",
            &deploy,
            "--region",
            "us-east-1",
            "--role-arn",
            "arn:aws:iam::123456789012:role/Deploy",
            "--source-profile",
            &base,
            "--external-id",
            "client-4711",
            "--duration",
            "43200",
        ],
        "",
        seen,
    );
    assert!(role.ok(), "{}", role.stderr());
    assert!(
        role.stderr().is_empty(),
        "no warning for a role from keys: {}",
        role.stderr()
    );

    let chained = hangar(
        d,
        &[
            "profile",
            "add",
            &spoke,
            "--region",
            "us-east-1",
            "--role-arn",
            "arn:aws:iam::123456789012:role/Spoke",
            "--source-profile",
            &deploy,
            "--duration",
            "7200",
        ],
        "",
        seen,
    );
    assert!(chained.ok(), "{}", chained.stderr());
    assert!(
        chained.stderr().contains("one hour"),
        "{}",
        chained.stderr()
    );

    let test = hangar(d, &["profile", "test", &deploy, "--json"], "", seen);
    assert!(test.ok(), "{}", test.stderr());
    let id: serde_json::Value = serde_json::from_str(&test.stdout()).expect("JSON");
    assert_eq!(id["account"], "123456789012");
    assert!(
        id["arn"]
            .as_str()
            .unwrap_or_default()
            .contains("assumed-role/Deploy/"),
        "{id}"
    );
    assert_eq!(
        id["chain"][0]["roleArn"],
        "arn:aws:iam::123456789012:role/Deploy"
    );
    assert!(id["chain"][0]["expiresAt"].is_string(), "{id}");

    let test = hangar(d, &["profile", "test", &spoke], "", seen);
    assert!(test.ok(), "{}", test.stderr());
    assert!(
        test.stdout().contains("assumed-role/Spoke/"),
        "{}",
        test.stdout()
    );
    assert_eq!(
        test.stdout().matches("assumed    ").count(),
        2,
        "{}",
        test.stdout()
    );

    let removed = hangar(d, &["profile", "remove", &base], "", seen);
    assert!(!removed.ok(), "a source in use stays");
    assert_eq!(removed.stderr().lines().count(), 1, "{}", removed.stderr());
    for name in [&spoke, &deploy, &base] {
        let removed = hangar(d, &["profile", "remove", name], "", seen);
        assert!(removed.ok(), "{}", removed.stderr());
    }
    assert!(!secret_tool_has(&base), "the keychain entry is gone");
    let list = hangar(d, &["profile", "list", "--json"], "", seen);
    assert_eq!(list.stdout().trim(), "[]");
}

#[test]
fn a_secret_is_never_an_argument_and_no_terminal_means_stdin() {
    let dir = tempfile::tempdir().expect("tempdir");
    let seen = &mut Vec::new();
    let run = hangar(
        dir.path(),
        &[
            "profile",
            "add",
            &unique("prompted"),
            "--region",
            "us-east-1",
            "--access-key-id",
            KEY_ID,
        ],
        "",
        seen,
    );
    assert!(!run.ok());
    assert!(run.stderr().contains("--secret-stdin"), "{}", run.stderr());
    let help = hangar(dir.path(), &["profile", "add", "--help"], "", seen);
    assert!(
        !help.stdout().contains("--secret-access-key"),
        "{}",
        help.stdout()
    );
}

#[test]
fn import_lists_and_moves_keys_into_the_keychain() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let seen = &mut Vec::new();
    let name = unique("imported");
    std::fs::write(
        d.join("aws-credentials"),
        format!("[{name}]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {KNOWN_SECRET}\n"),
    )
    .expect("credentials");
    std::fs::write(
        d.join("aws-config"),
        format!("[profile {name}]\nregion = eu-west-1\n"),
    )
    .expect("config");

    let list = hangar(d, &["profile", "import", "--list", "--json"], "", seen);
    assert!(list.ok(), "{}", list.stderr());
    assert!(list.stdout().contains(&name) && !list.stdout().contains(KNOWN_SECRET));
    let import = hangar(d, &["profile", "import", &name, "missing-one"], "", seen);
    assert!(!import.ok(), "one name was missing");
    assert!(
        import
            .stdout()
            .contains(&format!("imported {name} as accessKeys")),
        "{}",
        import.stdout()
    );
    assert!(secret_tool_has(&name));
    let removed = hangar(d, &["profile", "remove", &name], "", seen);
    assert!(removed.ok(), "{}", removed.stderr());
    assert!(!secret_tool_has(&name));
}

#[test]
fn the_secret_is_nowhere_but_the_keychain() {
    let moto = MotoServer::start().expect("moto");
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let d = data.as_path();
    let seen = &mut Vec::new();
    let (keys, role) = (unique("secret-keys"), unique("secret-role"));
    let endpoint = moto.endpoint();

    let ok = |args: &[&str], stdin: &str, seen: &mut Vec<String>| {
        let run = hangar(d, args, stdin, seen);
        assert!(run.ok(), "{args:?}: {}", run.stderr());
    };
    ok(
        &[
            "profile",
            "add",
            &keys,
            "--region",
            "us-east-1",
            "--access-key-id",
            KEY_ID,
            "--secret-stdin",
            "--session-token",
            "--endpoint",
            &endpoint,
        ],
        &format!("{KNOWN_SECRET}\n{KNOWN_SECRET}-token\n"),
        seen,
    );
    let _wal = common::leaks::keep_wal(d);
    ok(
        &[
            "profile",
            "add",
            &role,
            "--region",
            "us-east-1",
            "--role-arn",
            "arn:aws:iam::123456789012:role/Secretive",
            "--source-profile",
            &keys,
            "--external-id",
            "ext-1",
        ],
        "",
        seen,
    );
    ok(&["profile", "test", &keys], "", seen);
    ok(&["profile", "test", &role, "--json"], "", seen);
    ok(&["profile", "list", "--json"], "", seen);
    ok(&["profile", "list"], "", seen);

    // Failures: an invalid edit, an endpoint where nothing listens, a missing profile.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        format!("http://{}", listener.local_addr().expect("addr"))
    };
    let failures = [
        hangar(
            d,
            &[
                "profile",
                "add",
                &keys,
                "--region",
                "nowhere",
                "--access-key-id",
                KEY_ID,
                "--secret-stdin",
            ],
            &format!("{KNOWN_SECRET}\n"),
            seen,
        ),
        hangar(
            d,
            &[
                "profile",
                "add",
                &keys,
                "--region",
                "us-east-1",
                "--access-key-id",
                KEY_ID,
                "--secret-stdin",
                "--endpoint",
                &closed,
            ],
            &format!("{KNOWN_SECRET}\n"),
            seen,
        ),
    ];
    let unreachable = hangar(d, &["profile", "test", &keys], "", seen);
    let missing = hangar(d, &["profile", "test", "no-such-profile"], "", seen);
    assert!(!failures[0].ok(), "an invalid region is refused");
    assert_eq!(
        failures[0].stderr().lines().count(),
        1,
        "{}",
        failures[0].stderr()
    );
    assert!(
        failures[1].ok(),
        "re-entering the keys with a dead endpoint is allowed"
    );
    assert!(!unreachable.ok());
    assert!(
        unreachable.stderr().contains("cannot reach"),
        "{}",
        unreachable.stderr()
    );
    assert!(!missing.ok());

    let secrets = [KNOWN_SECRET.to_string(), format!("{KNOWN_SECRET}-token")];
    let files = common::leaks::files(d);
    for name in ["hangar.sqlite3", "hangar.sqlite3-wal"] {
        assert!(files.iter().any(|p| p.ends_with(name)), "{name}: {files:?}");
    }
    let leaks = common::leaks::scan_dir(d, &secrets);
    assert!(leaks.is_empty(), "the secret is on disk: {leaks:?}");
    for output in seen.iter() {
        let found = common::leaks::found_in(output.as_bytes(), &secrets);
        assert!(found.is_empty(), "{found:?} printed: {output}");
    }
    assert!(secret_tool_has(&keys), "the keychain is where it lives");

    let cleanup = |name: &str| {
        let run = hangar(d, &["profile", "remove", name], "", &mut Vec::new());
        assert!(run.ok(), "{}", run.stderr());
    };
    cleanup(&role);
    cleanup(&keys);
}

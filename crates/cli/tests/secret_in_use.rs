//! The secrets an environment is built with, looked for where they must never be. An access-
//! keys profile and a role profile on top of it each bring an environment `up`, `show` and
//! `logs` read it back, and `down` removes it; the stored secret, and the temporary STS secrets and tokens the
//! role's AssumeRoles obtained (as the signature-checking proxy saw them handed out), must be
//! in none of the data directory's files (the WAL kept on disk by an open reader) and in
//! nothing printed, in any encoding `common::leaks` knows. That the scanner finds each of
//! those encodings is proved first, so a clean scan means something.

use crate::common;

use common::leaks;
use common::signed::{self, SECRET};
use hangar_testkit::MotoServer;

fn unique(name: &str) -> String {
    format!("{name}-{}", std::process::id())
}

#[test]
fn the_scanner_finds_every_form_it_claims_to() {
    let dir = tempfile::tempdir().expect("tempdir");
    let secret = "scanner-probe-secret-42";
    let forms = leaks::forms(secret);
    for (i, (form, bytes)) in forms.iter().enumerate() {
        let mut file = b"before ".to_vec();
        file.extend_from_slice(bytes);
        file.extend_from_slice(b" after");
        std::fs::write(dir.path().join(format!("{i}.bin")), file).expect("write");
        let found = leaks::found_in(
            &std::fs::read(dir.path().join(format!("{i}.bin"))).expect("read"),
            &[secret.into()],
        );
        assert!(
            found.iter().any(|f| f.starts_with(form.as_str())),
            "{form}: {found:?}"
        );
    }
    // base64 of the secret inside a longer value, at every offset, as a careless serialiser
    // would write it.
    use base64::Engine as _;
    for prefix in ["", "x", "xy", "xyz"] {
        let value = format!("{prefix}{secret}tail");
        let encoded = base64::engine::general_purpose::STANDARD.encode(value);
        let found = leaks::found_in(encoded.as_bytes(), &[secret.into()]);
        assert!(!found.is_empty(), "base64 after {prefix:?}: {encoded}");
    }
    assert_eq!(
        leaks::scan_dir(dir.path(), &[secret.into()]).len(),
        forms.len()
    );
    assert!(leaks::scan_dir(dir.path(), &["an-unrelated-secret".into()]).is_empty());
}

#[test]
fn neither_the_stored_nor_the_assumed_secrets_are_anywhere_after_up_show_and_logs() {
    let moto = MotoServer::start().expect("moto");
    let proxy = signed::verifying_proxy(&moto);
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let (keys, role) = (unique("nowhere-keys"), unique("nowhere-role"));
    signed::add_keys_profile(d, &keys, SECRET, &proxy.endpoint(), false);
    let _wal = leaks::keep_wal(d);
    let mut printed = Vec::new();
    let mut ok = |args: &[&str]| {
        let out = signed::run(d, args);
        let (stdout, stderr) = (common::text(&out.stdout), common::text(&out.stderr));
        assert!(out.status.success(), "{args:?}: {stderr}");
        printed.push(stdout.clone());
        printed.push(stderr);
        stdout
    };
    ok(&[
        "profile",
        "add",
        &role,
        "--region",
        hangar_testkit::REGION,
        "--role-arn",
        "arn:aws:iam::123456789012:role/Nowhere",
        "--source-profile",
        &keys,
    ]);
    for (env, profile) in [("by-keys", &keys), ("by-role", &role)] {
        ok(&["up", "single-host-dev", "--name", env, "--profile", profile]);
        let shown = ok(&["show", env, "--json"]);
        assert!(
            shown.contains("instance"),
            "show printed the environment: {shown}"
        );
        let logs = ok(&["logs", env]);
        assert!(!logs.trim().is_empty(), "logs printed the job");
        // Both environments are built from one blueprint with the same AWS names, so the first
        // goes before the second comes; its teardown is scanned too.
        ok(&["down", env]);
    }
    let assumed = proxy.session_secrets();
    assert!(
        !assumed.is_empty(),
        "the role's AssumeRole handed out a session to look for"
    );

    let mut secrets = vec![SECRET.to_string()];
    secrets.extend(assumed);
    let files = leaks::files(d);
    for name in ["hangar.sqlite3", "hangar.sqlite3-wal"] {
        assert!(files.iter().any(|p| p.ends_with(name)), "{name}: {files:?}");
    }
    let found = leaks::scan_dir(d, &secrets);
    assert!(found.is_empty(), "a secret is on disk: {found:?}");
    for output in &printed {
        let found = leaks::found_in(output.as_bytes(), &secrets);
        assert!(found.is_empty(), "{found:?} printed: {output}");
    }

    for name in [&role, &keys] {
        signed::remove_profile(d, name);
    }
}

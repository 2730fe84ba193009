//! Against the real Secret Service: run under `scripts/with-keyring.sh` (as `make test` does),
//! which starts a private D-Bus session with an unlocked, throwaway gnome-keyring. Each test
//! looks the item up with libsecret's own `secret-tool`, so a silent fallback to keyring's
//! in-memory mock cannot pass.
#![cfg(target_os = "linux")]

mod bus;

use std::process::Command;

use hangar_keychain::{Keychain, KeychainError, ProfileSecret, SERVICE, Secret};

/// What `secret-tool` finds for a profile, or `None` when the store has no such item.
fn secret_tool_lookup(profile: &str) -> Option<String> {
    let out = Command::new("secret-tool")
        .args(["lookup", "service", SERVICE, "username", profile])
        .output()
        .expect("secret-tool runs (Debian package libsecret-tools; scripts/setup.sh installs it)");
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn unique(name: &str) -> String {
    format!("{name}-{}", std::process::id())
}

/// Both ways round, so neither a mock nor a private store of our own could pass: what we
/// write the Secret Service holds as an unlocked item of the login collection, found over
/// D-Bus and by libsecret; what libsecret writes, we read.
#[test]
fn the_os_store_is_the_real_one() {
    let keychain = Keychain::os().expect("a platform keychain is compiled in");
    let ours = unique("real-ours");
    keychain
        .set(
            &ours,
            &ProfileSecret::new("AKIAREALONE", Secret::new("real-one-secret")),
        )
        .expect("set");
    let (unlocked, locked) =
        bus::Bus::session().search(&[("service", SERVICE), ("username", &ours)]);
    assert_eq!(unlocked.len(), 1, "one item over D-Bus: {unlocked:?}");
    assert!(
        unlocked[0].starts_with(&format!("{}/", bus::LOGIN)),
        "{unlocked:?}"
    );
    assert!(locked.is_empty(), "{locked:?}");
    let stored = secret_tool_lookup(&ours).expect("libsecret finds it");
    assert!(stored.contains("real-one-secret"), "{stored}");
    assert!(keychain.delete(&ours).expect("delete"));

    let theirs = unique("real-theirs");
    let written = ProfileSecret::new("AKIATHEIRS", Secret::new("written-by-libsecret"));
    let mut store = Command::new("secret-tool")
        .args([
            "store",
            "--label",
            "hangar test",
            "service",
            SERVICE,
            "username",
            &theirs,
        ])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("secret-tool store");
    std::io::Write::write_all(
        &mut store.stdin.take().expect("stdin"),
        br#"{"accessKeyId":"AKIATHEIRS","secretAccessKey":"written-by-libsecret"}"#,
    )
    .expect("write");
    assert!(store.wait().expect("wait").success());
    assert_eq!(keychain.get(&theirs).expect("get"), Some(written));
    assert!(keychain.delete(&theirs).expect("delete"));
}

#[test]
fn add_read_back_remove_and_the_item_is_gone() {
    let keychain = Keychain::os().expect("keychain");
    let profile = unique("round-trip");
    let mut secret = ProfileSecret::new("AKIAREALSTORE", Secret::new("real-store-secret-value"));
    secret.session_token = Some(Secret::new("real-store-session-token"));

    keychain.set(&profile, &secret).expect("set");
    let stored = secret_tool_lookup(&profile).expect("the item is in the Secret Service");
    assert!(stored.contains("real-store-secret-value"), "{stored}");
    assert_eq!(keychain.get(&profile).expect("get"), Some(secret.clone()));

    // Replacing keeps one item per profile.
    let replaced = ProfileSecret::new("AKIAREPLACED", Secret::new("replaced-secret"));
    keychain.set(&profile, &replaced).expect("replace");
    assert_eq!(keychain.get(&profile).expect("get"), Some(replaced));

    assert!(keychain.delete(&profile).expect("delete"));
    assert_eq!(
        secret_tool_lookup(&profile),
        None,
        "the item is gone from the store"
    );
    assert_eq!(keychain.get(&profile).expect("get after delete"), None);
    assert!(
        !keychain
            .delete(&profile)
            .expect("deleting a missing entry is fine")
    );
}

#[test]
fn a_missing_entry_is_none() {
    let keychain = Keychain::os().expect("keychain");
    assert_eq!(keychain.get(&unique("never-set")).expect("get"), None);
}

const CHILD: &str = "HANGAR_KEYCHAIN_TEST_CHILD";

/// With no D-Bus session to talk to, the error says what to install, and nothing panics. The
/// test runs itself again in a child process whose bus address points nowhere, because the
/// environment of this process cannot be changed safely.
#[test]
fn no_secret_service_is_a_clear_error() {
    if std::env::var_os(CHILD).is_some() {
        let keychain = Keychain::os().expect("building an entry does not touch D-Bus");
        let secret = ProfileSecret::new("AKIA", Secret::new("never-stored"));
        let err = keychain.set("nowhere", &secret).expect_err("no bus");
        assert_eq!(err, KeychainError::Unavailable, "{err}");
        assert!(
            err.to_string().contains("gnome-keyring or KWallet"),
            "{err}"
        );
        let err = keychain.get("nowhere").expect_err("no bus");
        assert_eq!(err, KeychainError::Unavailable, "{err}");
        return;
    }
    let exe = std::env::current_exe().expect("test binary");
    let out = Command::new(exe)
        .args([
            "--exact",
            "no_secret_service_is_a_clear_error",
            "--nocapture",
        ])
        .env(CHILD, "1")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/hangar-test-bus",
        )
        .output()
        .expect("run child");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("1 passed"),
        "the child ran the test: {stdout}"
    );
}

//! A locked keyring, for real: the login collection locked over D-Bus as a screen lock would,
//! and our clear "locked" error expected from reading and writing a profile's secret, then the
//! collection unlocked with its password and the secret readable again.
//!
//! Locking the keyring every other test process shares would fail them at random, so the test
//! runs itself again in a child under a keyring session of its own (`scripts/with-keyring.sh`
//! afresh: a private D-Bus and gnome-keyring), where it can lock whatever it likes.
#![cfg(target_os = "linux")]

mod bus;

use std::process::Command;

use hangar_keychain::{Keychain, KeychainError, ProfileSecret, Secret};

const CHILD: &str = "HANGAR_KEYCHAIN_LOCKED_CHILD";

fn in_own_keyring_session() {
    let keychain = Keychain::os().expect("keychain");
    let bus = bus::Bus::session();
    let secret = ProfileSecret::new("AKIALOCKED", Secret::new("locked-store-secret"));
    keychain
        .set("locked-probe", &secret)
        .expect("set while unlocked");
    assert!(!bus.is_locked(bus::LOGIN));

    bus.lock(bus::LOGIN);
    assert!(bus.is_locked(bus::LOGIN), "the collection is locked");
    let err = keychain
        .get("locked-probe")
        .expect_err("a locked keyring is not read");
    assert_eq!(err, KeychainError::Locked, "{err}");
    assert_eq!(err.code(), "keychain_locked");
    assert!(
        err.to_string().contains("unlock your login keyring"),
        "{err}"
    );
    let other = ProfileSecret::new("AKIAOTHER", Secret::new("never-written"));
    let err = keychain
        .set("locked-probe", &other)
        .expect_err("a locked keyring is not written");
    assert_eq!(err, KeychainError::Locked, "{err}");

    bus.unlock(bus::LOGIN, bus::PASSWORD);
    assert!(!bus.is_locked(bus::LOGIN), "the password unlocked it");
    assert_eq!(
        keychain.get("locked-probe").expect("read after unlocking"),
        Some(secret),
        "the failed write while locked changed nothing"
    );
    assert!(keychain.delete("locked-probe").expect("delete"));
}

#[test]
fn a_locked_keyring_is_the_locked_error_and_unlocking_it_recovers() {
    if std::env::var_os(CHILD).is_some() {
        in_own_keyring_session();
        return;
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scripts/with-keyring.sh");
    let exe = std::env::current_exe().expect("test binary");
    let out = Command::new(script)
        .arg(exe)
        .args([
            "--exact",
            "a_locked_keyring_is_the_locked_error_and_unlocking_it_recovers",
            "--nocapture",
        ])
        .env(CHILD, "1")
        // Without this the script would reuse the shared session instead of starting its own.
        .env_remove("HANGAR_IN_KEYRING_SESSION")
        .output()
        .expect("run the child under its own keyring");
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

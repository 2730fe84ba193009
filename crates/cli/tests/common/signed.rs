//! `hangar` through a profile stored in the real keychain (run under scripts/with-keyring.sh),
//! its endpoint a fault proxy that checks every call's SigV4 signature against that profile's
//! secret: moto accepts any credentials, so only the proxy can tell what signed a call.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

use hangar_testkit::faults::{self, FaultPlan, FaultProxy, SigningKey};
use hangar_testkit::{MotoServer, REGION};

pub const KEY_ID: &str = "AKIAHANGARSIGNED0001";
pub const SECRET: &str = "hangar-signing-secret-7f3c9e1d2b";

pub fn stored_key() -> SigningKey {
    SigningKey {
        access_key_id: KEY_ID.into(),
        secret_access_key: SECRET.into(),
    }
}

/// A proxy in front of `moto` that refuses any call not signed with `stored_key()` (or with a
/// session an AssumeRole signed with it obtained).
pub fn verifying_proxy(moto: &MotoServer) -> FaultProxy {
    faults::start(
        moto.addr(),
        FaultPlan {
            verify_signatures: Some(stored_key()),
            ..FaultPlan::default()
        },
    )
    .expect("proxy")
}

/// `hangar` with no endpoint in its environment, and the environment's keys wrong on purpose:
/// a call that used them instead of the stored profile would be refused.
pub fn hangar(data_dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hangar"));
    cmd.arg("--data-dir")
        .arg(data_dir)
        .env("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENTKEYS0")
        .env("AWS_SECRET_ACCESS_KEY", "not-the-stored-secret")
        .env("AWS_REGION", REGION)
        .env("AWS_CONFIG_FILE", data_dir.join("no-aws-config"))
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            data_dir.join("no-aws-credentials"),
        )
        .env_remove("AWS_ENDPOINT_URL")
        .env_remove("AWS_PROFILE")
        .env_remove("HANGAR_DATA_DIR");
    cmd
}

/// Stores an access-keys profile through `hangar profile add`, the secret on stdin.
pub fn add_keys_profile(data_dir: &Path, name: &str, secret: &str, endpoint: &str, default: bool) {
    let mut cmd = hangar(data_dir);
    cmd.args([
        "profile",
        "add",
        name,
        "--region",
        REGION,
        "--access-key-id",
        KEY_ID,
        "--secret-stdin",
        "--endpoint",
        endpoint,
    ]);
    if default {
        cmd.arg("--default");
    }
    let out = super::output_with_stdin(&mut cmd, &format!("{secret}\n"));
    assert!(out.status.success(), "{}", super::text(&out.stderr));
}

/// Removes a profile, and with it its keychain entry; the keyring outlives the test.
pub fn remove_profile(data_dir: &Path, name: &str) {
    let out = run(data_dir, &["profile", "remove", name]);
    assert!(out.status.success(), "{}", super::text(&out.stderr));
}

pub fn run(data_dir: &Path, args: &[&str]) -> Output {
    hangar(data_dir).args(args).output().expect("run hangar")
}

/// `run`, with `stdin` piped in (an MFA code a line, say).
pub fn run_with_stdin(data_dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut cmd = hangar(data_dir);
    cmd.args(args);
    super::output_with_stdin(&mut cmd, &format!("{stdin}\n"))
}

//! The real `hangar` binary over a throwaway data directory. Hangar never acts with the SDK's
//! default chain, so the shell's AWS variables are set to keys the emulator would take (and
//! the machine's ~/.aws is hidden) only to prove they are not used: environments act through a
//! stored profile ([`with_profile`]), its secret in the real keychain.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use hangar_testkit::REGION;

#[allow(dead_code)]
pub fn hangar(data_dir: &Path, endpoint: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hangar"));
    cmd.arg("--data-dir")
        .arg(data_dir)
        .env("AWS_ENDPOINT_URL", endpoint)
        .env("AWS_ACCESS_KEY_ID", "AKIASHELLNOTUSED0000")
        .env("AWS_SECRET_ACCESS_KEY", "shell-secret-not-used")
        .env("AWS_REGION", REGION)
        // The default chain must not find the machine's own ~/.aws.
        .env("AWS_CONFIG_FILE", data_dir.join("no-aws-config"))
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            data_dir.join("no-aws-credentials"),
        )
        .env_remove("AWS_PROFILE")
        .env_remove("HANGAR_DATA_DIR");
    cmd
}

/// The profile [`with_profile`] stores: access keys for the emulator at `endpoint`.
#[allow(dead_code)]
pub const PROFILE: &str = "moto";

/// `hangar` over `data_dir` with a default profile stored in it (once per directory): access
/// keys whose secret goes to the real keychain, and the emulator's endpoint.
#[allow(dead_code)]
pub fn with_profile(data_dir: &Path, endpoint: &str) -> Command {
    let marker = data_dir.join(".profile-stored");
    if !marker.exists() {
        let out = output_with_stdin(
            hangar(data_dir, endpoint).args([
                "profile",
                "add",
                PROFILE,
                "--region",
                REGION,
                "--access-key-id",
                "AKIAHANGARTESTKEY001",
                "--secret-stdin",
                "--endpoint",
                endpoint,
                "--default",
            ]),
            "testing\n",
        );
        assert!(
            out.status.success(),
            "storing the test profile: {}",
            text(&out.stderr)
        );
        std::fs::write(&marker, b"").expect("marker");
    }
    hangar(data_dir, endpoint)
}

#[allow(dead_code)]
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs `command` with `stdin` written to it (a secret at a prompt, an answer), and collects
/// what it printed.
#[allow(dead_code)]
pub fn output_with_stdin(command: &mut Command, stdin: &str) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run hangar");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

pub mod leaks;
pub mod power;
pub mod signed;

/// `hangar args` with the stored profile, which must succeed; what it printed.
#[allow(dead_code)]
pub fn must(data_dir: &Path, endpoint: &str, args: &[&str]) -> Output {
    let out = with_profile(data_dir, endpoint)
        .args(args)
        .output()
        .expect("run hangar");
    assert!(
        out.status.success(),
        "hangar {args:?}: {}",
        text(&out.stderr)
    );
    out
}

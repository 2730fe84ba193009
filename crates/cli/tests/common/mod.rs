//! The real `hangar` binary pointed at an emulator through `AWS_ENDPOINT_URL` and the SDK's
//! default chain, as a user without a stored profile runs it.

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
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
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

pub mod signed;

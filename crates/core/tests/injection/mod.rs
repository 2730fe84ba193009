//! A sandboxed bash for rendered user data. The script's fixed header (the helpers that own
//! every redirection) is swapped for stubs, every command the script may run is a function that
//! records its arguments, `PATH` is an empty directory and any other command lands in
//! `command_not_found_handle`, which records it. The body (every interpolated value) runs as
//! rendered, in an empty working directory: a value that broke out of its quotes shows up as
//! an unexpected command, a file in that directory (hostile values write `pwned` there), or
//! arguments that are not the value itself.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

use hangar_core::userdata::SCRIPT_HEADER;

/// What the body asked for, in order: `[command, args...]`.
#[derive(Debug)]
pub struct Run {
    pub calls: Vec<Vec<String>>,
    pub unexpected: Vec<String>,
    /// Files other than the harness's own in the working directory after the run.
    pub stray_files: Vec<String>,
    pub status: Option<i32>,
    pub stderr: String,
}

const STUBS: &[&str] = &[
    "put_file",
    "env_from_file",
    "env_line",
    "public_host_env",
    "apt-get",
    "yum",
    "dnf",
    "curl",
    "mkdir",
    "chmod",
    "systemctl",
    "docker",
    "cd",
    "uname",
];

/// `bash -n` on the whole script: it parses.
pub fn parses(script: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let file = dir.path().join("user-data.sh");
    std::fs::write(&file, script).map_err(|e| e.to_string())?;
    let out = Command::new("bash")
        .arg("-n")
        .arg(&file)
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

pub fn run(script: &str) -> Run {
    let body = script
        .strip_prefix(SCRIPT_HEADER)
        .unwrap_or_else(|| panic!("the script does not start with the fixed header:\n{script}"));
    let dir = tempfile::tempdir().expect("tempdir");
    let work = dir.path().join("work");
    let empty = dir.path().join("empty-path");
    std::fs::create_dir(&work).expect("work dir");
    std::fs::create_dir(&empty).expect("PATH dir");
    let calls = dir.path().join("calls");
    let unexpected = dir.path().join("unexpected");
    let mut prelude = format!(
        "set -euo pipefail\nPATH={}\nrecord() {{ printf '%s\\0' \"$#\" \"$@\" >> {}; }}\n\
         command_not_found_handle() {{ printf '%s\\0' \"$*\" >> {}; return 127; }}\n",
        q(&empty),
        q(&calls),
        q(&unexpected),
    );
    for stub in STUBS {
        prelude.push_str(&format!("{stub}() {{ record {stub} \"$@\"; }}\n"));
    }
    let file = dir.path().join("sandboxed.sh");
    std::fs::write(&file, format!("{prelude}{body}")).expect("write script");
    let out = Command::new("/bin/bash")
        .arg(&file)
        .current_dir(&work)
        .env_clear()
        .output()
        .expect("bash");
    let stray_files = std::fs::read_dir(&work)
        .expect("read work dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    Run {
        calls: parse_calls(&std::fs::read(&calls).unwrap_or_default()),
        unexpected: std::fs::read(&unexpected)
            .unwrap_or_default()
            .split(|b| *b == 0)
            .filter(|s| !s.is_empty())
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .collect(),
        stray_files,
        status: out.status.code(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn q(p: &Path) -> String {
    hangar_core::userdata::shell_quote(&p.display().to_string())
}

/// `count\0cmd\0arg\0...` records.
fn parse_calls(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut fields = bytes
        .split(|b| *b == 0)
        .map(|s| String::from_utf8_lossy(s).into_owned());
    let mut out = Vec::new();
    while let Some(count) = fields.next() {
        let Ok(n) = count.parse::<usize>() else {
            break;
        };
        out.push(fields.by_ref().take(n).collect());
    }
    out
}

impl Run {
    /// Nothing escaped: no command outside the stubs, no file written, a clean exit.
    pub fn assert_contained(&self, script: &str) {
        assert!(
            self.unexpected.is_empty() && self.stray_files.is_empty() && self.status == Some(0),
            "the script ran something it should not have: unexpected commands {:?}, files {:?}, \
             status {:?}, stderr {}\n{script}",
            self.unexpected,
            self.stray_files,
            self.status,
            self.stderr
        );
    }

    pub fn calls_of(&self, command: &str) -> Vec<Vec<String>> {
        self.calls
            .iter()
            .filter(|c| c[0] == command)
            .cloned()
            .collect()
    }
}

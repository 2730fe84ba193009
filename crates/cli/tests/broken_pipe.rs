//! `hangar … | head`: a reader that goes away after the first line must not make `hangar`
//! panic (Rust ignores SIGPIPE, so a write to the closed pipe is an error): it stops quietly,
//! with status 0. Each output is far larger than a pipe's buffer, so `hangar` is still writing
//! when the reader closes.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};

use hangar_core::users::UserRow;
use hangar_store::{JobKind, JobStatus, LogLevel, NewEnvironment, NewImport, OnFailure, Store};

/// Far more than a pipe holds (64 KiB by default on Linux, 1 MiB at most unless raised).
const ROWS: usize = 40_000;

fn hangar(data_dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hangar"));
    cmd.arg("--data-dir")
        .arg(data_dir)
        .env_remove("HANGAR_DATA_DIR");
    cmd
}

/// Runs `cmd` with stdout read up to its first line and then closed, as `| head -1` does.
fn first_line_then_close(cmd: &mut Command) -> String {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start hangar");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("read the first line");
    assert!(!first.is_empty(), "no output at all");
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("read stderr");
    let status = child.wait().expect("wait for hangar");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.is_empty(), "not quiet: {stderr}");
    assert_eq!(status.code(), Some(0), "{stderr}");
    first
}

fn environment(store: &Store, name: &str) -> i64 {
    store
        .create_environment(&NewEnvironment {
            name,
            blueprint: "docker-host",
            blueprint_source: "",
            parameters: "{}",
            profile: "default",
            region: "us-east-1",
            on_failure: OnFailure::Keep,
            expires_at: None,
        })
        .expect("create environment")
        .id
}

#[test]
fn users_check_json_into_a_closed_pipe() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("users.csv");
    let mut csv = String::from("username,email,name,role\n");
    for i in 0..ROWS {
        csv.push_str(&format!("user{i},user{i}@example.com,User {i},viewer\n"));
    }
    std::fs::write(&file, csv).expect("write");
    let first = first_line_then_close(
        hangar(dir.path())
            .args(["users", "check", "--json"])
            .arg(&file),
    );
    assert_eq!(first.trim(), "{");
}

#[test]
fn users_export_into_a_closed_pipe() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_in(dir.path()).expect("store");
    let id = environment(&store, "big");
    let users: Vec<UserRow> = (0..ROWS)
        .map(|i| UserRow {
            username: format!("user{i}"),
            email: format!("user{i}@example.com"),
            name: Some(format!("User {i}")),
            role: "viewer".into(),
        })
        .collect();
    store
        .record_users_import(id, &NewImport::from_bytes("users.csv", b"", 0), &users)
        .expect("record users");
    drop(store);
    let first = first_line_then_close(hangar(dir.path()).args(["users", "export", "big"]));
    assert!(first.starts_with("username,"), "{first}");
}

#[test]
fn logs_into_a_closed_pipe() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_in(dir.path()).expect("store");
    let id = environment(&store, "chatty");
    let job = store.start_job(id, JobKind::Provision).expect("job");
    for i in 0..ROWS {
        store
            .append_log(job.id, LogLevel::Info, "engine", &format!("line {i}"))
            .expect("log");
    }
    store
        .finish_job(job.id, JobStatus::Succeeded, &[])
        .expect("finish");
    drop(store);
    let first = first_line_then_close(hangar(dir.path()).args(["logs", "chatty"]));
    assert!(first.contains("line 0"), "{first}");
}

//! `hangar logs ENV [--job ID] [--follow]`: the latest job's log by default, another job's by
//! its id, and with `--follow` the lines a job still running (in another process) goes on to
//! write, until it ends.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use hangar_store::{JobKind, JobStatus, LogLevel, NewEnvironment, OnFailure, Store};

fn hangar(data_dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hangar"));
    cmd.arg("--data-dir")
        .arg(data_dir)
        .env_remove("HANGAR_DATA_DIR");
    cmd
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
        .expect("environment")
        .id
}

fn stdout(cmd: &mut Command) -> (bool, String, String) {
    let out = cmd.output().expect("run hangar");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_latest_job_by_default_and_another_by_its_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_in(dir.path()).expect("store");
    let env = environment(&store, "two-jobs");
    let first = store.start_job(env, JobKind::Provision).expect("job");
    store
        .append_log(first.id, LogLevel::Info, "engine", "made by the first job")
        .expect("log");
    store
        .finish_job(first.id, JobStatus::Succeeded, &[])
        .expect("finish");
    let second = store.start_job(env, JobKind::Teardown).expect("job");
    store
        .append_log(
            second.id,
            LogLevel::Info,
            "engine",
            "gone by the second job",
        )
        .expect("log");
    store
        .finish_job(second.id, JobStatus::Succeeded, &[])
        .expect("finish");
    drop(store);

    let (ok, latest, _) = stdout(hangar(dir.path()).args(["logs", "two-jobs"]));
    assert!(ok);
    assert!(latest.contains("gone by the second job"), "{latest}");
    assert!(!latest.contains("made by the first job"), "{latest}");

    let id = first.id.to_string();
    let (ok, chosen, _) = stdout(hangar(dir.path()).args(["logs", "two-jobs", "--job", &id]));
    assert!(ok);
    assert!(chosen.contains("made by the first job"), "{chosen}");
    assert!(!chosen.contains("gone by the second job"), "{chosen}");

    let (ok, _, err) = stdout(hangar(dir.path()).args(["logs", "two-jobs", "--job", "999"]));
    assert!(!ok);
    assert!(err.contains("'two-jobs' has no job 999"), "{err}");
}

#[test]
fn follow_prints_what_a_running_job_writes_until_it_ends() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_in(dir.path()).expect("store");
    let env = environment(&store, "busy");
    let job = store.start_job(env, JobKind::Provision).expect("job");
    store
        .append_log(job.id, LogLevel::Info, "engine", "before the follower came")
        .expect("log");

    let mut child = hangar(dir.path())
        .args(["logs", "busy", "--follow"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start hangar");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let first = lines.next().expect("a line").expect("read");
    assert!(first.contains("before the follower came"), "{first}");

    // Written by "another process" (this test) after the follower printed what was there.
    store
        .append_log(job.id, LogLevel::Info, "engine", "after the follower came")
        .expect("log");
    let second = lines.next().expect("a second line").expect("read");
    assert!(second.contains("after the follower came"), "{second}");

    store
        .finish_job(job.id, JobStatus::Succeeded, &[])
        .expect("finish");
    let rest: Vec<String> = lines.map(|l| l.expect("read")).collect();
    let status = child.wait().expect("wait");
    assert!(status.success(), "ends with the job, status 0: {rest:?}");
}

//! Environments, jobs, logs and the resource journal, in a real SQLite file.

use hangar_core::graph::ResourceKind;
use hangar_store::{
    EnvironmentStatus, JobFailure, JobKind, JobStatus, LogLevel, NewEnvironment, OnFailure,
    ResourceState, Store,
};

fn new_env(name: &str) -> NewEnvironment<'_> {
    NewEnvironment {
        name,
        blueprint: "web-and-postgres",
        blueprint_source: "[blueprint]",
        parameters: "{}",
        profile: "Sandbox",
        region: "us-east-1",
        on_failure: OnFailure::Keep,
        expires_at: None,
    }
}

#[test]
fn environment_names_are_unique() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_in(dir.path()).expect("open");
    let env = store.create_environment(&new_env("demo")).expect("create");
    assert_eq!(env.status, EnvironmentStatus::New);
    let err = store
        .create_environment(&new_env("demo"))
        .expect_err("taken");
    assert_eq!(
        err.to_string(),
        "an environment named 'demo' already exists"
    );
    store
        .set_environment_status(env.id, EnvironmentStatus::Ready)
        .expect("status");
    assert_eq!(
        store
            .environment("demo")
            .expect("get")
            .expect("some")
            .status,
        EnvironmentStatus::Ready
    );
    assert_eq!(store.list_environments().expect("list").len(), 1);
}

#[test]
fn the_journal_records_intent_before_the_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_in(dir.path()).expect("open");
    let env = store.create_environment(&new_env("demo")).expect("create");

    store
        .record_intent(env.id, "vpc.main", ResourceKind::Vpc)
        .expect("intent");
    let rows = store.resources(env.id).expect("rows");
    assert_eq!(
        (rows[0].state, rows[0].aws_id.as_deref()),
        (ResourceState::Creating, None)
    );

    store
        .record_created(env.id, "vpc.main", "vpc-123", &Default::default())
        .expect("created");
    // A resumed job records the intent again: what is known stays known.
    store
        .record_intent(env.id, "vpc.main", ResourceKind::Vpc)
        .expect("intent again");
    let rows = store.resources(env.id).expect("rows");
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].state, rows[0].aws_id.as_deref()),
        (ResourceState::Ready, Some("vpc-123"))
    );

    store
        .set_resource_state(env.id, "vpc.main", ResourceState::Deleted)
        .expect("state");
    assert_eq!(
        store.resources(env.id).expect("rows")[0].state,
        ResourceState::Deleted
    );
}

#[test]
fn jobs_and_their_logs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_in(dir.path()).expect("open");
    let env = store.create_environment(&new_env("demo")).expect("create");
    let job = store.start_job(env.id, JobKind::Provision).expect("job");
    assert_eq!(job.status, JobStatus::Running);
    assert!(job.failures.is_empty());
    assert_eq!(job.pid, Some(i64::from(std::process::id())));
    assert_eq!(store.running_jobs().expect("running").len(), 1);

    for i in 0..5 {
        store
            .append_log(job.id, LogLevel::Info, "engine", &format!("line {i}"))
            .expect("log");
    }
    let first = store.logs(job.id, 0, 3).expect("page 1");
    assert_eq!(first.len(), 3);
    let rest = store.logs(job.id, first[2].id, 100).expect("page 2");
    assert_eq!(
        rest.iter().map(|l| l.message.as_str()).collect::<Vec<_>>(),
        ["line 3", "line 4"]
    );

    // The tail: the last lines, oldest first, whether earlier ones remain, and the page
    // before it; another job's lines never mix in.
    let elsewhere = store.create_environment(&new_env("other")).expect("create");
    let other = store
        .start_job(elsewhere.id, JobKind::Refresh)
        .expect("job");
    store
        .append_log(other.id, LogLevel::Info, "engine", "another job")
        .expect("log");
    store
        .finish_job(other.id, JobStatus::Succeeded, &[])
        .expect("finish");
    let (tail, earlier) = store.log_tail(job.id, None, 2).expect("tail");
    assert_eq!(
        tail.iter().map(|l| l.message.as_str()).collect::<Vec<_>>(),
        ["line 3", "line 4"]
    );
    assert!(earlier);
    let (before, earlier) = store
        .log_tail(job.id, Some(tail[0].id), 10)
        .expect("earlier");
    assert_eq!(
        before
            .iter()
            .map(|l| l.message.as_str())
            .collect::<Vec<_>>(),
        ["line 0", "line 1", "line 2"]
    );
    assert!(!earlier);
    let (all, earlier) = store.log_tail(job.id, None, 5).expect("exactly all");
    assert_eq!((all.len(), earlier), (5, false));

    let failure = JobFailure::node(
        "subnet.a",
        Some(hangar_core::graph::ResourceKind::Subnet),
        "CreateSubnet: InvalidParameterValue: bad CIDR",
    )
    .with_aws_code("InvalidParameterValue");
    store
        .finish_job(job.id, JobStatus::Failed, std::slice::from_ref(&failure))
        .expect("finish");
    let done = store.job(job.id).expect("get").expect("some");
    assert_eq!(done.status, JobStatus::Failed);
    assert_eq!(
        done.failures,
        [failure],
        "the failures come back node by node"
    );
    assert_eq!(
        done.error.as_deref(),
        Some("subnet.a: CreateSubnet: InvalidParameterValue: bad CIDR"),
        "and in one line"
    );
    assert!(done.finished_at.is_some());
    assert!(store.running_jobs().expect("running").is_empty());
    assert_eq!(store.jobs(env.id).expect("jobs").len(), 1);
}

#[test]
fn a_job_that_succeeds_has_no_error_and_no_failures() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_in(dir.path()).expect("open");
    let env = store.create_environment(&new_env("demo")).expect("create");
    let job = store.start_job(env.id, JobKind::Refresh).expect("job");
    store
        .finish_job(job.id, JobStatus::Succeeded, &[])
        .expect("finish");
    let done = store.job(job.id).expect("get").expect("some");
    assert_eq!(
        (done.kind, done.status),
        (JobKind::Refresh, JobStatus::Succeeded)
    );
    assert_eq!((done.error, done.failures), (None, vec![]));
}

/// A retried attempt keeps its generation (so its client token: AWS hands back what the first
/// call made); a resource known gone or failed starts a new one.
#[test]
fn a_new_attempt_gets_a_new_generation_and_a_retry_keeps_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_in(dir.path()).expect("open");
    let env = store.create_environment(&new_env("demo")).expect("create");
    let intent = || {
        store
            .record_intent(env.id, "instance.app", ResourceKind::Instance)
            .expect("intent")
    };
    assert_eq!(intent(), 0);
    assert_eq!(intent(), 0, "a killed job's retry");
    store
        .record_created(env.id, "instance.app", "i-1", &Default::default())
        .expect("created");
    assert_eq!(intent(), 0, "made and still there");
    for gone in [
        ResourceState::Missing,
        ResourceState::Failed,
        ResourceState::Deleted,
    ] {
        let before = intent();
        store
            .set_resource_state(env.id, "instance.app", gone)
            .expect("state");
        assert_eq!(intent(), before + 1, "after {gone}");
        assert_eq!(
            store.resources(env.id).expect("rows")[0].state,
            ResourceState::Creating
        );
    }
}

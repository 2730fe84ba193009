//! The engine end to end against the emulator, on the smallest blueprint (a security group and
//! an instance in the default VPC): provision, the history, outputs, teardown with proof,
//! the environment lock, and crash recovery.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use hangar_core::graph::ResourceKind;
use hangar_engine::{Engine, EngineError, EnvLock, Event, NewEnvironmentRequest, NodeState, Sink};
use hangar_resources::{Clients, Ctx, find_tagged};
use hangar_store::{EnvironmentStatus, JobKind, JobStatus, OnFailure, Store};
use hangar_testkit::state::{Snapshot, assert_nothing_left};
use hangar_testkit::{MotoServer, REGION, sdk_config};

fn request(name: &str) -> NewEnvironmentRequest {
    NewEnvironmentRequest {
        name: name.into(),
        blueprint_name: "single-host-dev".into(),
        blueprint_source: include_str!("../../../blueprints/single-host-dev.toml").into(),
        overrides: BTreeMap::from([("admin_cidr".to_string(), "203.0.113.0/24".to_string())]),
        profile: "Sandbox".into(),
        on_failure: OnFailure::Keep,
        expires_at: None,
    }
}

fn recording_sink() -> (Sink, Arc<Mutex<Vec<Event>>>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink_events = events.clone();
    let sink: Sink = Arc::new(move |e| sink_events.lock().expect("events").push(e));
    (sink, events)
}

fn engine(dir: &std::path::Path) -> Engine {
    let store = Arc::new(Store::open_in(dir).expect("store"));
    Engine::new(store, dir)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn provision_record_and_tear_down_with_proof() {
    let server = MotoServer::start().expect("moto");
    let sdk = sdk_config(&server.endpoint());
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = engine(dir.path());
    let env = engine.create_environment(&request("shd")).expect("valid");
    assert_eq!(env.status, EnvironmentStatus::New);
    let before = Snapshot::take(&server.endpoint()).await;

    let (sink, events) = recording_sink();
    let job = engine
        .provision("shd", &sdk, sink)
        .await
        .expect("provisioned");
    assert_eq!(job.status, JobStatus::Succeeded);

    let store = engine.store();
    let env = store.environment("shd").expect("read").expect("exists");
    assert_eq!(env.status, EnvironmentStatus::Ready);
    let resources = store.resources(env.id).expect("journal");
    assert_eq!(
        resources
            .iter()
            .map(|r| (r.kind.as_str(), r.state.as_str()))
            .collect::<Vec<_>>(),
        [("security_group", "ready"), ("instance", "ready")]
    );
    assert!(resources.iter().all(|r| r.aws_id.is_some()));
    let outputs: BTreeMap<String, String> = serde_json::from_str(&env.outputs).expect("outputs");
    assert!(
        outputs
            .values()
            .any(|v| v.starts_with("i-") || v.contains('.')),
        "{outputs:?}"
    );

    let events = events.lock().expect("events").clone();
    let states = |logical: &str| -> Vec<NodeState> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Node {
                    logical: l, state, ..
                } if l == logical => Some(*state),
                _ => None,
            })
            .collect()
    };
    assert_eq!(
        states("instance.dev-server"),
        [NodeState::Pending, NodeState::Creating, NodeState::Ready]
    );
    assert!(
        matches!(events.last(), Some(Event::JobFinished { status, .. }) if *status == JobStatus::Succeeded)
    );

    let ctx = Ctx::new(
        Clients::new(&sdk),
        "shd",
        engine
            .store()
            .environment("shd")
            .expect("read")
            .expect("env")
            .uid,
        REGION,
    );
    assert_eq!(
        find_tagged(&ctx, ResourceKind::Instance)
            .await
            .expect("find")
            .len(),
        1
    );

    // Provisioning again changes nothing: everything is already there.
    engine
        .provision("shd", &sdk, hangar_engine::null_sink())
        .await
        .expect("again");
    assert_eq!(
        find_tagged(&ctx, ResourceKind::Instance)
            .await
            .expect("find")
            .len(),
        1
    );

    let job = engine
        .teardown("shd", &sdk, hangar_engine::null_sink())
        .await
        .expect("torn down");
    assert_eq!(job.status, JobStatus::Succeeded);
    assert_eq!(
        store
            .environment("shd")
            .expect("read")
            .expect("exists")
            .status,
        EnvironmentStatus::Destroyed
    );
    // Judged by the emulator's own listings, not Hangar's look by tag.
    assert_nothing_left(&before, &Snapshot::take(&server.endpoint()).await);
    let jobs = store.jobs(env.id).expect("jobs");
    assert_eq!(
        jobs.iter()
            .map(|j| (j.kind.as_str(), j.status.as_str()))
            .collect::<Vec<_>>(),
        [
            ("teardown", "succeeded"),
            ("provision", "succeeded"),
            ("provision", "succeeded")
        ]
    );
    let log = store.logs(jobs[2].id, 0, 1000).expect("logs");
    assert!(
        log.iter()
            .any(|l| l.source == "instance.dev-server" && l.message.starts_with("ready: i-"))
    );

    // Teardown is idempotent.
    engine
        .teardown("shd", &sdk, hangar_engine::null_sink())
        .await
        .expect("again");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_job_on_the_same_environment_is_refused() {
    let server = MotoServer::start().expect("moto");
    let sdk = sdk_config(&server.endpoint());
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = engine(dir.path());
    let env = engine.create_environment(&request("busy")).expect("valid");
    let _held = EnvLock::try_acquire(&dir.path().join("locks"), env.id)
        .expect("io")
        .expect("free");
    let err = engine
        .provision("busy", &sdk, hangar_engine::null_sink())
        .await
        .expect_err("locked");
    assert!(matches!(err, EngineError::Busy(_)), "{err}");
}

#[test]
fn a_running_job_whose_process_is_gone_is_found_interrupted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = engine(dir.path());
    let env = engine
        .create_environment(&request("crashed"))
        .expect("valid");
    // As a killed process leaves it: a running job, and nobody holding the lock.
    let job = engine
        .store()
        .start_job(env.id, JobKind::Provision)
        .expect("job");

    let found = engine.recover_interrupted().expect("recover");
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].id, found[0].status.as_str()),
        (job.id, "interrupted")
    );
    assert_eq!(
        engine
            .store()
            .environment("crashed")
            .expect("read")
            .expect("exists")
            .status,
        EnvironmentStatus::Interrupted
    );
    assert!(engine.recover_interrupted().expect("again").is_empty());
}

#[test]
fn a_running_job_whose_process_holds_the_lock_is_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = engine(dir.path());
    let env = engine.create_environment(&request("alive")).expect("valid");
    engine
        .store()
        .start_job(env.id, JobKind::Provision)
        .expect("job");
    let _held = EnvLock::try_acquire(&dir.path().join("locks"), env.id)
        .expect("io")
        .expect("free");
    assert!(engine.recover_interrupted().expect("recover").is_empty());
}

#[test]
fn bad_requests_are_refused_before_anything_is_recorded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = engine(dir.path());
    let mut bad_name = request("Bad Name");
    bad_name.name = "Bad Name".into();
    assert!(matches!(
        engine.create_environment(&bad_name),
        Err(EngineError::Invalid(_))
    ));
    let mut bad_param = request("ok");
    bad_param
        .overrides
        .insert("admin_cidr".into(), "not-a-cidr".into());
    let err = engine.create_environment(&bad_param).expect_err("invalid");
    assert!(matches!(err, EngineError::Blueprint(_)), "{err}");
    assert!(err.to_string().contains("admin_cidr"), "{err}");
    assert!(engine.store().list_environments().expect("list").is_empty());
}

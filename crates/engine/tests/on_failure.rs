//! What a failed provision does, per environment: `keep` (the default, like CloudFormation's
//! "preserve successfully provisioned resources") stops with the node and AWS's reason and
//! keeps what was made, so a retry continues from the failed node; `rollback` tears down what
//! was made and the environment ends destroyed. AWS's refusal comes from the fault proxy
//! (RunInstances answered `InsufficientInstanceCapacity`).

use crate::support;

use hangar_core::graph::ResourceKind;
use hangar_engine::{Engine, EngineError, JobStatus, null_sink};
use hangar_resources::{Ctx, find_tagged};
use hangar_testkit::faults::{self, FaultPlan, FaultStats};
use hangar_testkit::{MotoServer, REGION, sdk_config};

const BLUEPRINT: &str = "single-host-dev";

fn refusing_instances() -> FaultPlan {
    FaultPlan {
        refuse_ec2: Some(("RunInstances".into(), "InsufficientInstanceCapacity".into())),
        ..FaultPlan::default()
    }
}

fn engine_with(dir: &std::path::Path, env: &str, on_failure: &str) -> Engine {
    let engine = support::engine(dir);
    support::create(&engine, env, BLUEPRINT, on_failure);
    engine
}

async fn tagged(ctx: &Ctx, kind: ResourceKind) -> usize {
    find_tagged(ctx, kind).await.expect("find").len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keep_stops_at_the_failed_node_and_a_retry_finishes() {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(server.addr(), refusing_instances()).expect("proxy");
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = engine_with(dir.path(), "kept", "keep");

    let err = engine
        .provision("kept", &sdk_config(&proxy.endpoint()), null_sink())
        .await
        .expect_err("AWS refused the instance");
    assert!(matches!(err, EngineError::Failed(_)), "{err}");
    let message = err.to_string();
    assert!(
        message.contains("instance.dev-server"),
        "names the node: {message}"
    );
    assert!(
        message.contains("InsufficientInstanceCapacity"),
        "gives AWS's reason: {message}"
    );
    assert!(FaultStats::get(&proxy.stats.refused) > 0);
    assert_eq!(support::status(&engine, "kept"), "failed");

    // The history keeps the failure node by node, with AWS's own code: what the UI shows on
    // the failed node, with no parsing of the joined line.
    let env = engine
        .store()
        .environment("kept")
        .expect("read")
        .expect("env");
    let job = engine.store().jobs(env.id).expect("jobs").remove(0);
    assert_eq!(job.status, JobStatus::Failed);
    let failure = job
        .failures
        .iter()
        .find(|f| {
            f.node
                .as_deref()
                .is_some_and(|n| n.starts_with("instance."))
        })
        .unwrap_or_else(|| panic!("a failure on the instance: {:?}", job.failures));
    assert_eq!(failure.kind, Some(ResourceKind::Instance));
    assert_eq!(
        failure.aws_code.as_deref(),
        Some("InsufficientInstanceCapacity")
    );
    assert!(failure.message.contains("RunInstances"), "{failure:?}");
    assert_eq!(
        job.error.as_deref(),
        Some(message.as_str()),
        "the same, in one line"
    );

    let direct = sdk_config(&server.endpoint());
    let ctx = support::ctx(&engine, "kept", &direct, REGION);
    assert_eq!(tagged(&ctx, ResourceKind::SecurityGroup).await, 1, "kept");
    assert_eq!(tagged(&ctx, ResourceKind::Instance).await, 0);

    // AWS has capacity again: the retry makes only what is missing.
    engine
        .resume("kept", &direct, null_sink())
        .await
        .expect("retried");
    assert_eq!(support::status(&engine, "kept"), "ready");
    assert_eq!(
        tagged(&ctx, ResourceKind::SecurityGroup).await,
        1,
        "not made twice"
    );
    assert_eq!(tagged(&ctx, ResourceKind::Instance).await, 1);
    engine
        .teardown("kept", &direct, null_sink())
        .await
        .expect("down");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rollback_removes_what_was_made() {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(server.addr(), refusing_instances()).expect("proxy");
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = engine_with(dir.path(), "rolled", "rollback");

    let err = engine
        .provision("rolled", &sdk_config(&proxy.endpoint()), null_sink())
        .await
        .expect_err("AWS refused the instance");
    assert!(
        err.to_string().contains("InsufficientInstanceCapacity"),
        "{err}"
    );
    assert_eq!(support::status(&engine, "rolled"), "destroyed");
    let ctx = support::ctx(&engine, "rolled", &sdk_config(&server.endpoint()), REGION);
    for kind in ResourceKind::all() {
        assert_eq!(tagged(&ctx, kind).await, 0, "{kind:?} rolled back");
    }
}

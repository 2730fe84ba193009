//! What both provisioning benchmarks do once their emulator and proxy stand: record the
//! built-in `blueprint` as environment `bench` in a throwaway history, provision it, tear it
//! down, and time each. `mark` runs as the provision's clock starts and again as the teardown's
//! (a mark in the proxy's request log, say). Each service is called once before the clock starts.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use aws_config::SdkConfig;
use hangar_core::builtin_source;
use hangar_engine::{Engine, NewEnvironmentRequest, OnFailure, null_sink};
use hangar_store::Store;

/// The wall time of the provision and of the teardown.
pub fn up_and_down(
    runtime: &tokio::runtime::Runtime,
    sdk: &SdkConfig,
    blueprint: &str,
    concurrency: usize,
    mut mark: impl FnMut(),
) -> (Duration, Duration) {
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::new(
        Arc::new(Store::open_in(dir.path()).expect("store")),
        dir.path(),
    )
    .with_concurrency(concurrency);
    engine
        .create_environment(&NewEnvironmentRequest {
            name: "bench".into(),
            blueprint_name: blueprint.to_string(),
            blueprint_source: builtin_source(blueprint).expect("built-in").into(),
            overrides: BTreeMap::new(),
            profile: "Sandbox".into(),
            on_failure: OnFailure::Keep,
            expires_at: None,
        })
        .expect("valid");
    runtime.block_on(warm_up(sdk));
    mark();
    let start = Instant::now();
    let job = runtime
        .block_on(engine.provision("bench", sdk, null_sink()))
        .expect("provision");
    let up = start.elapsed();
    // Where the time went, when asked: the provision's log, each line with its time.
    if std::env::var_os("HANGAR_BENCH_LOG").is_some() {
        for line in engine.store().logs(job.id, 0, 10_000).expect("log") {
            eprintln!("{} {:<28} {}", line.at, line.source, line.message);
        }
    }
    mark();
    let start = Instant::now();
    runtime
        .block_on(engine.teardown("bench", sdk, null_sink()))
        .expect("teardown");
    (up, start.elapsed())
}

/// One call to each service a blueprint uses, before the clock starts: the emulator loads a
/// service's backend on its first request (EC2's takes about 1.5 s here), which AWS does not
/// make anyone wait for.
async fn warm_up(sdk: &SdkConfig) {
    let clients = hangar_resources::Clients::new(sdk);
    let _ = clients.sts.get_caller_identity().send().await;
    let _ = clients.ec2.describe_instances().send().await;
    let _ = clients.rds.describe_db_instances().send().await;
    let _ = clients
        .elasticache
        .describe_replication_groups()
        .send()
        .await;
    let _ = clients.elbv2.describe_load_balancers().send().await;
    let _ = clients.iam.list_roles().send().await;
    let _ = clients.s3.list_buckets().send().await;
    let _ = clients.ssm.describe_parameters().send().await;
    let _ = clients.ecs.list_clusters().send().await;
    let _ = clients.logs.describe_log_groups().send().await;
    let _ = clients.quotas.list_services().send().await;
}

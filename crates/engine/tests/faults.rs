//! Provisioning and teardown through the fault layer (throttling, latency, ids unknown right
//! after their create, slow resources, AWS's user-data limit, DependencyViolation for groups
//! still referenced): both still finish, nothing is made twice, nothing is left. The proxy
//! counts every fault it injected, so these tests fail if the faults did not happen. The jobs
//! sign with a profile stored in the real keychain, and the proxy verifies every signature.

use crate::support;

use std::sync::Arc;

use aws_config::SdkConfig;
use hangar_cloud::{NewCredentials, NewProfile};
use hangar_core::graph::ResourceKind;
use hangar_core::{Overrides, load_builtin, plan};
use hangar_engine::{Service, null_sink};
use hangar_keychain::{Keychain, ProfileSecret, Secret};
use hangar_resources::find_tagged;
use hangar_testkit::faults::{self, FaultPlan, FaultStats, SigningKey};
use hangar_testkit::state::{Snapshot, assert_nothing_left};
use hangar_testkit::{MotoServer, REGION, sdk_config};

const KEY_ID: &str = "AKIAHANGARFAULTS0001";
const SECRET: &str = "hangar-faults-secret-5d1e8a";

/// The SDK config a job gets from a profile stored in the real keychain (these tests run under
/// scripts/with-keyring.sh), its endpoint the proxy: what signs the calls is the stored secret,
/// and the proxy checks every signature against it.
async fn stored_profile_config(service: &Service, blueprint: &str, endpoint: &str) -> SdkConfig {
    let name = format!("faults-{blueprint}-{}", std::process::id());
    service
        .profiles()
        .expect("profiles")
        .save(NewProfile {
            name: name.clone(),
            region: REGION.into(),
            endpoint: Some(endpoint.into()),
            is_default: false,
            default_lifetime: None,
            credentials: NewCredentials::AccessKeys {
                secret: Some(ProfileSecret::new(KEY_ID, Secret::new(SECRET))),
            },
        })
        .expect("stored");
    service.sdk_config(&name, REGION).await.expect("sdk config")
}

async fn survive(blueprint: &str, env: &str) -> Arc<FaultStats> {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(
        server.addr(),
        FaultPlan {
            verify_signatures: Some(SigningKey {
                access_key_id: KEY_ID.into(),
                secret_access_key: SECRET.into(),
            }),
            ..FaultPlan::hostile()
        },
    )
    .expect("proxy");
    let dir = tempfile::tempdir().expect("tempdir");
    let service = Service::new(support::engine(dir.path()), Keychain::os());
    let sdk = stored_profile_config(&service, blueprint, &proxy.endpoint()).await;
    let engine = service.engine();
    support::create(engine, env, blueprint, "keep");
    let before = Snapshot::take(&server.endpoint()).await;
    engine
        .provision(env, &sdk, null_sink())
        .await
        .expect("provisioned despite the faults");

    // Exactly what the plan holds, no duplicates, looked at past the proxy.
    let direct = support::ctx(engine, env, &sdk_config(&server.endpoint()), REGION);
    let plan = plan(
        &load_builtin(blueprint).expect("built-in"),
        &Overrides::new(),
    )
    .expect("plan");
    for kind in support::tagged_kinds() {
        let found = find_tagged(&direct, kind).await.expect("find").len();
        assert_eq!(found, plan.graph.count(kind), "{blueprint}: {kind:?}");
    }

    // Each NAT gateway, instance and DB instance was reported pending at least once.
    let slow: usize = [
        ResourceKind::NatGateway,
        ResourceKind::Instance,
        ResourceKind::RdsInstance,
    ]
    .into_iter()
    .map(|kind| plan.graph.count(kind))
    .sum();
    assert!(
        FaultStats::get(&proxy.stats.pending) >= slow as u64,
        "{blueprint}: {slow} slow resources, pending answers: {:?}",
        proxy.stats.pending
    );

    engine
        .teardown(env, &sdk, null_sink())
        .await
        .expect("torn down despite the faults");
    assert_nothing_left(&before, &Snapshot::take(&server.endpoint()).await);
    assert_aws_rules_fired(blueprint, &plan, &proxy.stats);
    assert!(count(&proxy.stats.signed_with_expected) > 0);
    assert_eq!(
        count(&proxy.stats.signatures_rejected),
        0,
        "{blueprint}: every call was signed with the stored secret"
    );
    proxy.stats.clone()
}

/// The AWS rules that apply to what this blueprint holds fired, and were survived.
fn assert_aws_rules_fired(blueprint: &str, plan: &hangar_core::Plan, stats: &FaultStats) {
    let has = |kinds: &[ResourceKind]| kinds.iter().any(|k| plan.graph.count(*k) > 0);
    if has(&[ResourceKind::IamRole, ResourceKind::S3Bucket]) {
        assert!(
            count(&stats.propagation) > 0,
            "{blueprint}: a new IAM entity or bucket was unknown at first"
        );
    }
    if has(&[
        ResourceKind::LoadBalancer,
        ResourceKind::RdsInstance,
        ResourceKind::VpcEndpoint,
        ResourceKind::ElasticacheReplicationGroup,
    ]) && has(&[ResourceKind::Subnet, ResourceKind::SecurityGroup])
    {
        assert!(
            count(&stats.lingering) > 0,
            "{blueprint}: network interfaces held a subnet or group for a while"
        );
    }
    // A lost answer to a create that takes no token: the independent check that nothing is
    // left after teardown would find the second one it would have made.
    if has(&[
        ResourceKind::Vpc,
        ResourceKind::Subnet,
        ResourceKind::InternetGateway,
        ResourceKind::Eip,
    ]) {
        assert!(
            count(&stats.answers_lost) > 0,
            "{blueprint}: a tokenless create's answer was lost"
        );
    }
    if has(&[ResourceKind::NatGateway]) {
        assert!(
            count(&stats.address_held) > 0,
            "{blueprint}: a deleted NAT gateway's address was held for a while"
        );
    }
    assert_eq!(
        count(&stats.catalogue_refusals),
        0,
        "{blueprint}: no retired version was asked for"
    );
    // Enabled, and meant never to fire: every built-in blueprint's user data fits AWS's
    // 16 KB (the rule itself is shown to refuse in crates/testkit/src/faults/rules.rs).
    assert_eq!(
        count(&stats.user_data_refused),
        0,
        "{blueprint}: user data over AWS's limit was sent"
    );
    // The history's teardown revokes group-to-group rules (their own nodes) before either
    // group is deleted, so AWS never has to refuse a group delete for a reference. The rule
    // that would refuse is shown to fire, and survived by a sweep, in
    // crates/resources/tests/group_references.rs.
    assert_eq!(
        count(&stats.dependency_violations),
        0,
        "{blueprint}: a group was deleted while another group's rule referenced it"
    );
}

fn count(counter: &std::sync::atomic::AtomicU64) -> u64 {
    FaultStats::get(counter)
}

/// Every fault the hostile plan injects for every blueprint, counted: a test whose faults did not
/// fire proves nothing.
fn assert_faults_fired(stats: &FaultStats) {
    assert!(count(&stats.throttled) > 0, "throttling happened");
    assert!(
        count(&stats.not_found) > 0,
        "fresh ids were unknown at least once"
    );
    assert!(
        count(&stats.pending) > 0,
        "slow resources stayed pending for a while"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn single_host_dev_survives_a_hostile_aws() {
    assert_faults_fired(&*survive("single-host-dev", "hostile-shd").await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn docker_host_survives_a_hostile_aws() {
    assert_faults_fired(&*survive("docker-host", "hostile-dh").await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn web_and_postgres_survives_a_hostile_aws() {
    assert_faults_fired(&*survive("web-and-postgres", "hostile-wp").await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn app_and_database_survives_a_hostile_aws() {
    assert_faults_fired(&*survive("app-and-database", "hostile-ad").await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn multi_az_three_tier_survives_a_hostile_aws() {
    let stats = survive("multi-az-three-tier", "hostile-maz").await;
    assert_faults_fired(&stats);
    // AWS refuses a service whose target group no listener uses yet (the fault layer does
    // too, see rules.rs): the web service is created only after the ALB's listener.
    assert_eq!(count(&stats.unattached_target_groups), 0);
}

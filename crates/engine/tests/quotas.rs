//! Account quotas checked before the first create. web-and-postgres spends one VPC, one
//! Elastic IP (its NAT gateway's) and one NAT gateway in us-east-1a. The fault layer enforces
//! AWS's limits (moto has none): with the account's five addresses taken, the pre-check refuses
//! the job before any create, so the proxy's limit is never reached; when the limit is reached
//! after the pre-check looked (its view is stale), the create fails naming the quota, and the
//! half-made environment is torn down or finished by a retry once an address is free.

use crate::support;

use aws_sdk_ec2::Client as Ec2;
use hangar_engine::{EngineError, null_sink};
use hangar_store::{ProfileKind, ProfileRecord, TeamState};
use hangar_testkit::faults::{self, FaultPlan, FaultStats, QuotaLimits};
use hangar_testkit::state::{Snapshot, assert_nothing_left};
use hangar_testkit::{MotoServer, sdk_config};

const ENV: &str = "quotas";

fn limits(elastic_ips: u32) -> FaultPlan {
    FaultPlan {
        quota_limits: Some(QuotaLimits {
            vpcs: 5,
            elastic_ips,
            nat_gateways_per_zone: 5,
        }),
        ..FaultPlan::default()
    }
}

/// Someone else's addresses, allocated through the proxy so its quota book counts them.
async fn allocate(ec2: &Ec2, n: usize) -> Vec<String> {
    let mut ids = Vec::new();
    for _ in 0..n {
        let out = ec2.allocate_address().send().await.expect("allocated");
        ids.push(out.allocation_id().expect("id").to_string());
    }
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shortfall_refuses_the_job_before_any_create() {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(server.addr(), limits(5)).expect("proxy");
    let sdk = sdk_config(&proxy.endpoint());
    let ec2 = Ec2::new(&sdk);
    allocate(&ec2, 5).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = support::engine(dir.path());
    support::create(&engine, ENV, "web-and-postgres", "keep");

    let mark = proxy.mark();
    let err = engine
        .provision(ENV, &sdk, null_sink())
        .await
        .expect_err("no address left");
    let EngineError::QuotaShortfall(short) = &err else {
        panic!("expected a quota refusal, got {err}");
    };
    assert_eq!(
        short,
        &[
            "this blueprint needs 1 Elastic IP; 5 of 5 are in use in us-east-1 (quota L-0263D0A3)"
                .to_string()
        ]
    );
    // Refused by the pre-check, not by AWS: the proxy's limit was never reached.
    assert_eq!(FaultStats::get(&proxy.stats.quota_refusals), 0);
    let actions = proxy.actions_since(mark);
    for asked in [
        "GetServiceQuota",
        "DescribeVpcs",
        "DescribeAddresses",
        "DescribeNatGateways",
    ] {
        assert!(actions.iter().any(|a| a == asked), "{asked}: {actions:?}");
    }
    assert!(
        !actions
            .iter()
            .any(|a| a.starts_with("Create") || a == "AllocateAddress" || a == "RunInstances"),
        "nothing is made: {actions:?}"
    );
    let env = engine.store().environment(ENV).expect("read").expect("env");
    assert!(
        engine.store().jobs(env.id).expect("jobs").is_empty(),
        "no job row"
    );
}

/// In team mode the lease comes after the pre-check: a job it refuses takes none, so the retry
/// is not refused by a lease of its own that nobody renews.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_team_job_the_pre_check_refuses_takes_no_lease_and_its_retry_runs() {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(server.addr(), limits(5)).expect("proxy");
    let sdk = sdk_config(&proxy.endpoint());
    let ec2 = Ec2::new(&sdk);
    let taken = allocate(&ec2, 5).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = support::engine(dir.path());
    support::create(&engine, ENV, "web-and-postgres", "keep");
    let store = engine.store();
    store
        .save_profile(&ProfileRecord::new(
            "Sandbox",
            ProfileKind::Sandbox,
            "us-east-1",
        ))
        .expect("profile");
    store
        .set_team_state("Sandbox", Some(&TeamState::default()))
        .expect("team mode");

    let err = engine
        .provision(ENV, &sdk, null_sink())
        .await
        .expect_err("no address left");
    assert!(matches!(err, EngineError::QuotaShortfall(_)), "{err}");
    let leases = |method: &str| {
        proxy
            .requests()
            .into_iter()
            .filter(|r| r.path.contains("/hangar/leases/") && r.action.starts_with(method))
            .count()
    };
    assert_eq!(leases("PUT"), 0, "a refused job asked for no lease");

    ec2.release_address()
        .allocation_id(&taken[0])
        .send()
        .await
        .expect("an address freed");
    engine
        .provision(ENV, &sdk, null_sink())
        .await
        .expect("the retry runs");
    assert_eq!((leases("PUT") >= 1, leases("DELETE")), (true, 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_limit_reached_after_the_check_names_the_quota_and_the_job_recovers() {
    let server = MotoServer::start().expect("moto");
    let before = Snapshot::take(&server.endpoint()).await;
    // The pre-check reads AWS's default of 5 (moto's Service Quotas knows no EC2 quota) and
    // sees 4 in use: room for 1. AWS's real limit is 4 by then, as if someone had allocated
    // the fifth address between the check and the create.
    let proxy = faults::start(server.addr(), limits(4)).expect("proxy");
    let sdk = sdk_config(&proxy.endpoint());
    let ec2 = Ec2::new(&sdk);
    let theirs = allocate(&ec2, 4).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = support::engine(dir.path());
    support::create(&engine, ENV, "web-and-postgres", "keep");

    let err = engine
        .provision(ENV, &sdk, null_sink())
        .await
        .expect_err("AWS refuses the address");
    let message = err.to_string();
    assert!(
        message.contains("AddressLimitExceeded") && message.contains("L-0263D0A3"),
        "{message}"
    );
    assert_eq!(FaultStats::get(&proxy.stats.quota_refusals), 1);

    // Once one of theirs is released, a retry finishes the environment; then it goes.
    ec2.release_address()
        .allocation_id(&theirs[0])
        .send()
        .await
        .expect("released");
    engine
        .resume(ENV, &sdk, null_sink())
        .await
        .expect("the retry finishes it");
    engine
        .teardown(ENV, &sdk, null_sink())
        .await
        .expect("torn down");
    for id in &theirs[1..] {
        ec2.release_address()
            .allocation_id(id)
            .send()
            .await
            .expect("released");
    }
    assert_nothing_left(&before, &Snapshot::take(&server.endpoint()).await);
}

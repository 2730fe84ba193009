//! A create job first asks the environment's region which zones and instance types it offers
//! this account: an instance type AWS does not offer in its instance's zone refuses the job at
//! the blueprint path that chose it, naming the zone and the type, before any job row or
//! create call. The refusal rests on what AWS answered: the fault layer hides one offering.

use crate::support;

use hangar_engine::{EngineError, null_sink};
use hangar_testkit::faults::{self, FaultPlan, FaultStats};
use hangar_testkit::{MotoServer, sdk_config};

const ENV: &str = "offerings";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_type_the_zone_does_not_offer_refuses_the_job_before_any_create() {
    let server = MotoServer::start().expect("moto");
    // web-and-postgres puts its t3.small host in the first zone's public subnet.
    let plan = FaultPlan {
        hidden_offerings: vec![("us-east-1a".into(), "t3.small".into())],
        ..FaultPlan::default()
    };
    let proxy = faults::start(server.addr(), plan).expect("proxy");
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = support::engine(dir.path());
    support::create(&engine, ENV, "web-and-postgres", "keep");

    let err = engine
        .provision(ENV, &sdk_config(&proxy.endpoint()), null_sink())
        .await
        .expect_err("t3.small is hidden in us-east-1a");
    let EngineError::Blueprint(errors) = &err else {
        panic!("expected a plan error, got {err}");
    };
    assert!(
        errors.contains(
            "instances[0].instance_type",
            "t3.small is not offered in us-east-1a"
        ),
        "{errors}"
    );
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert_eq!(FaultStats::get(&proxy.stats.offerings_hidden), 1);
    let asked = proxy.seen("DescribeInstanceTypeOfferings");
    assert!(
        asked
            .iter()
            .any(|r| r.param("LocationType") == Some("availability-zone")
                && r.params
                    .iter()
                    .any(|(k, v)| k.starts_with("Filter.") && v == "t3.small")),
        "{asked:#?}"
    );
    let actions = proxy.actions_since(0);
    assert!(
        !actions
            .iter()
            .any(|a| a.starts_with("Create") || a == "RunInstances" || a == "AllocateAddress"),
        "nothing is made: {actions:?}"
    );
    let env = engine.store().environment(ENV).expect("read").expect("env");
    assert!(
        engine.store().jobs(env.id).expect("jobs").is_empty(),
        "no job row"
    );

    // The same environment through a proxy that hides nothing goes ahead.
    let open = faults::start(server.addr(), FaultPlan::default()).expect("proxy");
    engine
        .provision(ENV, &sdk_config(&open.endpoint()), null_sink())
        .await
        .expect("offered everywhere it goes");
    engine
        .teardown(ENV, &sdk_config(&open.endpoint()), null_sink())
        .await
        .expect("torn down");
}

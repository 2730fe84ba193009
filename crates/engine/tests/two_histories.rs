//! Two histories (two machines, two people) in one AWS account, both with an environment
//! called `dev`. Names are unique only in one history; the environment's id decides what is
//! whose. The second `dev` is refused before any create, naming where the first lives, and
//! its teardown's sweep leaves the first one's resources alone.

use crate::support;

use hangar_engine::{EngineError, null_sink};
use hangar_testkit::faults::{self, FaultPlan};
use hangar_testkit::{MotoServer, REGION, sdk_config};

const ENV: &str = "dev";
const BLUEPRINT: &str = "single-host-dev";
/// moto's account for any credentials.
const ACCOUNT: &str = "123456789012";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_histories_with_one_name_never_touch_each_other() {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(server.addr(), FaultPlan::default()).expect("proxy");
    let sdk = sdk_config(&proxy.endpoint());
    let (dir_a, dir_b) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let (a, b) = (support::engine(dir_a.path()), support::engine(dir_b.path()));

    support::create(&a, ENV, BLUEPRINT, "keep");
    a.provision(ENV, &sdk, null_sink()).await.expect("A's dev");
    let a_env = a.store().environment(ENV).expect("read").expect("env");
    assert_eq!(
        a_env.account_id.as_deref(),
        Some(ACCOUNT),
        "recorded at first provision"
    );
    let a_ids: Vec<String> = a
        .store()
        .resources(a_env.id)
        .expect("journal")
        .into_iter()
        .filter_map(|r| r.aws_id)
        .collect();
    assert!(!a_ids.is_empty());

    support::create(&b, ENV, BLUEPRINT, "keep");
    let b_env = b.store().environment(ENV).expect("read").expect("env");
    assert_ne!(a_env.uid, b_env.uid);
    let mark = proxy.mark();
    let err = b
        .provision(ENV, &sdk, null_sink())
        .await
        .expect_err("the name is live in the account");
    assert!(matches!(err, EngineError::NameLive(_)), "{err}");
    let message = err.to_string();
    for part in [ACCOUNT, REGION, &format!("hangar:env-id={}", a_env.uid)] {
        assert!(message.contains(part), "{part} missing from: {message}");
    }
    let after = proxy.actions_since(mark);
    assert!(
        after.iter().all(|action| !is_create(action)),
        "nothing is created once refused: {after:?}"
    );
    assert!(
        b.store()
            .environment(ENV)
            .expect("read")
            .expect("env")
            .account_id
            .is_none()
    );

    // B's teardown of its own `dev` finds nothing of its own id, and deletes none of A's.
    let mark = proxy.mark();
    b.teardown(ENV, &sdk, null_sink())
        .await
        .expect("nothing of B's to delete");
    let deletes: Vec<String> = proxy
        .actions_since(mark)
        .into_iter()
        .filter(|a| is_delete(a))
        .collect();
    assert!(deletes.is_empty(), "B deleted: {deletes:?}");
    let direct = aws_sdk_ec2::Client::new(&sdk_config(&server.endpoint()));
    let running = direct
        .describe_instances()
        .send()
        .await
        .expect("describe")
        .reservations()
        .iter()
        .flat_map(|r| r.instances())
        .filter(|i| i.state().and_then(|s| s.name()).map(|n| n.as_str()) == Some("running"))
        .filter_map(|i| i.instance_id().map(str::to_string))
        .collect::<Vec<_>>();
    assert!(
        a_ids.iter().any(|id| running.contains(id)),
        "A's instance still runs: {running:?} of {a_ids:?}"
    );

    // And A's own teardown still finds and removes all of its own.
    a.teardown(ENV, &sdk, null_sink())
        .await
        .expect("A's teardown");
    // With A gone, the name is free in the account: B may now build its `dev`.
    b.provision(ENV, &sdk, null_sink())
        .await
        .expect("B's dev, now");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credentials_for_another_account_are_refused_with_both_named() {
    let server = MotoServer::start().expect("moto");
    let sdk = sdk_config(&server.endpoint());
    let dir = tempfile::tempdir().expect("dir");
    let engine = support::engine(dir.path());
    support::create(&engine, ENV, BLUEPRINT, "keep");
    let env = engine.store().environment(ENV).expect("read").expect("env");
    // As if first provisioned with a profile of another account.
    engine
        .store()
        .set_environment_account(env.id, "210987654321")
        .expect("record");
    for job in ["provision", "teardown"] {
        let result = match job {
            "provision" => engine.provision(ENV, &sdk, null_sink()).await,
            _ => engine.teardown(ENV, &sdk, null_sink()).await,
        };
        let err = result.expect_err("another account");
        assert!(
            matches!(err, EngineError::WrongAccount { .. }),
            "{job}: {err}"
        );
        let message = err.to_string();
        assert!(
            message.contains("210987654321") && message.contains(ACCOUNT),
            "{message}"
        );
    }
    assert!(
        engine.store().jobs(env.id).expect("jobs").is_empty(),
        "refused before any job"
    );
}

fn is_create(action: &str) -> bool {
    [
        "Create",
        "Run",
        "Allocate",
        "Put",
        "Authorize",
        "Attach",
        "Associate",
    ]
    .iter()
    .any(|p| action.starts_with(p))
}

fn is_delete(action: &str) -> bool {
    [
        "Delete",
        "Terminate",
        "Release",
        "Revoke",
        "Detach",
        "Disassociate",
        "Remove",
    ]
    .iter()
    .any(|p| action.starts_with(p))
}

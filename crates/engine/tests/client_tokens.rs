//! Client tokens under AWS's rule, which the fault layer enforces (moto forgets tokens): a
//! token is kept after the instance it made is terminated, and the same token gets the dead
//! instance back. Repair after a terminated instance must therefore launch with a new token
//! (the history's generation goes up when the resource is found gone), while a retried attempt
//! keeps its token.

use crate::support;

use hangar_engine::null_sink;
use hangar_store::ResourceState;
use hangar_testkit::faults::{self, FaultPlan, FaultStats};
use hangar_testkit::{MotoServer, sdk_config};

const ENV: &str = "tokens";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repair_after_a_terminated_instance_launches_a_new_one() {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(
        server.addr(),
        FaultPlan {
            enforce_client_tokens: true,
            ..FaultPlan::default()
        },
    )
    .expect("proxy");
    let sdk = sdk_config(&proxy.endpoint());
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = support::engine(dir.path());
    support::create(&engine, ENV, "single-host-dev", "keep");
    engine.provision(ENV, &sdk, null_sink()).await.expect("up");
    let instance = |engine: &hangar_engine::Engine| {
        let env = engine.store().environment(ENV).expect("read").expect("env");
        engine
            .store()
            .resources(env.id)
            .expect("journal")
            .into_iter()
            .find(|r| r.logical_name == "instance.dev-server")
            .expect("recorded")
    };
    let first = instance(&engine).aws_id.expect("made");

    // Behind Hangar's back, past the proxy.
    let direct = aws_sdk_ec2::Client::new(&sdk_config(&server.endpoint()));
    direct
        .terminate_instances()
        .instance_ids(&first)
        .send()
        .await
        .expect("terminated");
    engine
        .refresh(ENV, &sdk, null_sink())
        .await
        .expect("refresh");
    assert_eq!(instance(&engine).state, ResourceState::Missing);

    engine
        .resume(ENV, &sdk, null_sink())
        .await
        .expect("repaired");
    let second = instance(&engine);
    assert_eq!(second.state, ResourceState::Ready);
    let second = second.aws_id.expect("made");
    assert_ne!(second, first, "a new instance, not the dead one back");
    let running = direct
        .describe_instances()
        .instance_ids(&second)
        .send()
        .await
        .expect("describe");
    let state = running
        .reservations()
        .iter()
        .flat_map(|r| r.instances())
        .find_map(|i| i.state().and_then(|s| s.name()).cloned());
    assert_eq!(state, Some(aws_sdk_ec2::types::InstanceStateName::Running));

    let runs = proxy.seen("RunInstances");
    let tokens: Vec<&str> = runs.iter().filter_map(|r| r.param("ClientToken")).collect();
    assert_eq!(tokens.len(), 2, "{tokens:?}");
    assert_ne!(
        tokens[0], tokens[1],
        "the repair's attempt has its own token"
    );
    assert_eq!(FaultStats::get(&proxy.stats.token_mismatches), 0);

    // The rule is real: AWS (here the fault layer) still holds the first token.
    let again = aws_sdk_ec2::Client::new(&sdk)
        .run_instances()
        .image_id(runs[0].param("ImageId").expect("the first launch's image"))
        .instance_type(aws_sdk_ec2::types::InstanceType::T3Micro)
        .min_count(1)
        .max_count(1)
        .client_token(tokens[0])
        .send()
        .await;
    // With other parameters, the old token is refused, as AWS refuses it.
    let err = again.expect_err("a used token with other parameters");
    assert_eq!(
        aws_sdk_ec2::error::ProvideErrorMetadata::code(&err),
        Some("IdempotentParameterMismatch")
    );
    assert_eq!(FaultStats::get(&proxy.stats.token_mismatches), 1);
}

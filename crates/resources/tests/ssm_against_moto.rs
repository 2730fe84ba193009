//! The SSM parameter kind against the emulator: it holds the outputs it names as JSON, is
//! found by tag, is adopted (its value rewritten) by a resumed job, is never taken over from
//! someone else, and is gone after its delete.

use crate::support;

use hangar_core::graph::spec::{OutputSource, SsmParameterSpec};
use hangar_core::graph::{ResourceKind as K, ResourceNode};
use hangar_resources::{ErrorKind, create, delete, find_tagged};
use hangar_testkit::MotoServer;

const NAME: &str = "/web/dev/outputs";

fn parameter() -> ResourceNode {
    ResourceNode::new(
        "outputs",
        SsmParameterSpec {
            parameter_name: NAME.into(),
            description: "web-and-postgres outputs".into(),
            values: vec![(
                "vpc_id".into(),
                OutputSource::Id {
                    node: "vpc.main".into(),
                },
            )],
        },
        "ssm_parameters[0]",
    )
    .dep("vpc.main")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_parameter_holds_the_outputs_and_comes_and_goes_by_tag() {
    let server = MotoServer::start().expect("moto");
    let ctx = support::ctx(&server, "ssm-outputs");
    let mut nodes = support::nodes_for("web-and-postgres", &[K::Vpc]);
    nodes.push(parameter());
    let made = support::create_all(&ctx, &nodes).await;
    let vpc = made.id("vpc.main");

    let got = ctx
        .clients
        .ssm
        .get_parameter()
        .name(NAME)
        .send()
        .await
        .expect("the parameter exists");
    let value: serde_json::Value =
        serde_json::from_str(got.parameter().and_then(|p| p.value()).expect("value"))
            .expect("JSON");
    assert_eq!(value, serde_json::json!({ "vpc_id": vpc }));

    let found = find_tagged(&ctx, K::SsmParameter).await.expect("find");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].logical.as_deref(), Some("ssm_parameter.outputs"));

    // A resumed job adopts it: same name, the value written again.
    let again = support::create_all(&ctx, &nodes).await;
    made.assert_same_ids(&again);

    made.delete_all(&ctx).await;
    // Gone, as the emulator itself says, not only as a look by tag says.
    let gone = ctx.clients.ssm.get_parameter().name(NAME).send().await;
    assert!(gone.is_err(), "{gone:?}");
    support::assert_nothing_tagged(&ctx, &[K::SsmParameter, K::Vpc]).await;
    // Already gone is success.
    delete(
        &ctx,
        K::SsmParameter,
        made.get("ssm_parameter.outputs"),
        None,
    )
    .await
    .expect("gone is fine");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_parameter_of_that_name_that_is_not_ours_is_refused() {
    let server = MotoServer::start().expect("moto");
    let ctx = support::ctx(&server, "ssm-foreign");
    ctx.clients
        .ssm
        .put_parameter()
        .name(NAME)
        .value("someone else's")
        .r#type(aws_sdk_ssm::types::ParameterType::String)
        .send()
        .await
        .expect("hand-made parameter");
    let mut nodes = support::nodes_for("web-and-postgres", &[K::Vpc]);
    let made = support::create_all(&ctx, &nodes).await;
    nodes.push(parameter());
    let mut refs = hangar_resources::Refs::default();
    refs.insert("vpc.main", made.get("vpc.main").clone());
    let err = create(&ctx, &nodes[1], &refs, 0)
        .await
        .expect_err("not ours");
    assert_eq!(err.kind, ErrorKind::Invalid);
    assert!(err.message.contains(NAME), "{err}");
    made.delete_all(&ctx).await;
}

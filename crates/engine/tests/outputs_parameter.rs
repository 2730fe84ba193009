//! The SSM parameter kind end to end: web-and-postgres with `publish_outputs = true` keeps the
//! environment's outputs in Parameter Store, read back from the emulator, and its teardown
//! removes the parameter with everything else.

use crate::support;

use std::collections::BTreeMap;

use hangar_engine::{NewEnvironmentRequest, null_sink};
use hangar_testkit::{MotoServer, sdk_config};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_outputs_land_in_ssm_and_leave_with_the_environment() {
    let server = MotoServer::start().expect("moto");
    let sdk = sdk_config(&server.endpoint());
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = support::engine(dir.path());
    engine
        .create_environment(&NewEnvironmentRequest {
            name: "published".into(),
            blueprint_name: "web-and-postgres".into(),
            blueprint_source: hangar_core::builtin_source("web-and-postgres")
                .expect("built-in")
                .into(),
            overrides: BTreeMap::from([("publish_outputs".to_string(), "true".to_string())]),
            profile: "Sandbox".into(),
            on_failure: hangar_engine::OnFailure::Keep,
            expires_at: None,
        })
        .expect("valid");
    engine
        .provision("published", &sdk, null_sink())
        .await
        .expect("provisioned");
    let outputs: BTreeMap<String, String> = serde_json::from_str(
        &engine
            .store()
            .environment("published")
            .expect("read")
            .expect("env")
            .outputs,
    )
    .expect("outputs");
    let ssm = aws_sdk_ssm::Client::new(&sdk);
    let stored = ssm
        .get_parameter()
        .name("/aloka/dev/outputs")
        .send()
        .await
        .expect("the parameter exists");
    let stored: BTreeMap<String, String> =
        serde_json::from_str(stored.parameter().and_then(|p| p.value()).expect("value"))
            .expect("JSON");
    assert_eq!(stored, outputs, "the parameter holds exactly the outputs");
    assert!(stored.values().all(|v| !v.is_empty()), "{stored:?}");

    engine
        .teardown("published", &sdk, null_sink())
        .await
        .expect("torn down");
    let gone = ssm.get_parameter().name("/aloka/dev/outputs").send().await;
    assert!(gone.is_err(), "the parameter went with the environment");
}

//! Refresh against the emulator: an instance terminated behind Hangar's back is found missing
//! and the environment drifted; a resume makes it again and a second refresh finds nothing
//! amiss; a group tagged with the environment but unknown to the history is reported, and
//! teardown's sweep removes it.

use crate::support;

use aws_sdk_ec2::types::{ResourceType, Tag, TagSpecification};
use hangar_engine::{Engine, null_sink};
use hangar_testkit::state::{Snapshot, assert_nothing_left};
use hangar_testkit::{MotoServer, REGION, sdk_config};

const ENV: &str = "drift";

fn aws_id(engine: &Engine, logical: &str) -> (String, String) {
    let env = engine.store().environment(ENV).expect("read").expect("env");
    let row = engine
        .store()
        .resources(env.id)
        .expect("journal")
        .into_iter()
        .find(|r| r.logical_name == logical)
        .expect("recorded");
    (row.aws_id.expect("made"), row.state.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refresh_finds_drift_and_resume_repairs_it() {
    let server = MotoServer::start().expect("moto");
    let sdk = sdk_config(&server.endpoint());
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = support::engine(dir.path());
    support::create(&engine, ENV, "single-host-dev", "keep");
    let before = Snapshot::take(&server.endpoint()).await;
    engine.provision(ENV, &sdk, null_sink()).await.expect("up");

    let job = engine
        .refresh(ENV, &sdk, null_sink())
        .await
        .expect("refresh");
    assert_eq!(
        (job.kind.as_str(), job.status.as_str()),
        ("refresh", "succeeded")
    );
    assert_eq!(
        support::status(&engine, ENV),
        "ready",
        "nothing drifted yet"
    );

    let ctx = support::ctx(&engine, ENV, &sdk, REGION);
    let (first, _) = aws_id(&engine, "instance.dev-server");
    ctx.clients
        .ec2
        .terminate_instances()
        .instance_ids(&first)
        .send()
        .await
        .expect("terminated behind Hangar's back");
    let stray = ctx
        .clients
        .ec2
        .create_security_group()
        .group_name("stray")
        .description("made by hand, tagged as the environment's")
        .tag_specifications(
            TagSpecification::builder()
                .resource_type(ResourceType::SecurityGroup)
                .tags(Tag::builder().key("hangar:env").value(ENV).build())
                .tags(
                    Tag::builder()
                        .key("hangar:env-id")
                        .value(&ctx.env_id)
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .expect("stray group")
        .group_id()
        .expect("id")
        .to_string();

    engine
        .refresh(ENV, &sdk, null_sink())
        .await
        .expect("refresh");
    assert_eq!(support::status(&engine, ENV), "drifted");
    assert_eq!(aws_id(&engine, "instance.dev-server").1, "missing");
    assert_eq!(aws_id(&engine, "security_group.dev-server").1, "ready");
    let env = engine.store().environment(ENV).expect("read").expect("env");
    let jobs = engine.store().jobs(env.id).expect("jobs");
    let logs = engine
        .store()
        .logs(
            jobs.iter().map(|j| j.id).max().expect("the refresh job"),
            0,
            10_000,
        )
        .expect("logs");
    let text: Vec<&str> = logs.iter().map(|l| l.message.as_str()).collect();
    assert!(
        text.iter()
            .any(|m| m.contains(&first) && m.contains("gone")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|m| m.contains(&stray) && m.contains("not in its history")),
        "{text:?}"
    );

    engine
        .resume(ENV, &sdk, null_sink())
        .await
        .expect("repaired");
    let (second, state) = aws_id(&engine, "instance.dev-server");
    assert_ne!(second, first, "a new instance");
    assert_eq!(state, "ready");
    engine
        .refresh(ENV, &sdk, null_sink())
        .await
        .expect("refresh");
    assert_eq!(support::status(&engine, ENV), "ready");

    engine.teardown(ENV, &sdk, null_sink()).await.expect("down");
    // Judged by the emulator's own listings, not Hangar's look by tag; the stray instance
    // made behind Hangar's back must be gone too.
    assert_nothing_left(&before, &Snapshot::take(&server.endpoint()).await);
}

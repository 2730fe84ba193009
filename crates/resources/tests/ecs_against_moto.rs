//! ECS on Fargate against the emulator: multi-az-three-tier's cluster, task definitions and
//! services are created with what they need (network, groups, execution role, log groups, the
//! ALB), the web service is registered with the ALB's `ip` target group, all three kinds are
//! found by tag, adopted by a resumed job, refused when the name is someone else's, and gone
//! after their deletes as the emulator's own listing says (`hangar_testkit::state`).
//!
//! moto starts no tasks (its running count comes from an environment variable, not from the
//! service), so nothing here waits for a service to be steady: Hangar does not either.

use crate::support;

use aws_sdk_ecs::types::{ServiceField, TaskDefinitionStatus};
use hangar_core::graph::ResourceKind as K;
use hangar_resources::{ErrorKind, Refs, create, delete, find_tagged};
use hangar_testkit::MotoServer;
use hangar_testkit::state::{Snapshot, assert_nothing_left};

const BLUEPRINT: &str = "multi-az-three-tier";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn services_run_behind_the_alb_and_come_and_go_by_tag() {
    let server = MotoServer::start().expect("moto");
    let ctx = support::ctx(&server, "ecs-services");
    let before = Snapshot::take(&server.endpoint()).await;
    let nodes = support::nodes_for(BLUEPRINT, &[K::EcsService]);
    let made = support::create_all(&ctx, &nodes).await;

    let cluster = made.id("ecs_cluster.main");
    let out = ctx
        .clients
        .ecs
        .describe_services()
        .cluster(&cluster)
        .services("web")
        .services("api")
        .services("worker")
        .include(ServiceField::Tags)
        .send()
        .await
        .expect("services");
    assert_eq!(out.services().len(), 3, "{out:?}");
    for s in out.services() {
        assert_eq!(s.status(), Some("ACTIVE"));
        assert_eq!(s.launch_type().map(|l| l.as_str()), Some("FARGATE"));
        let vpc = s
            .network_configuration()
            .and_then(|n| n.awsvpc_configuration())
            .expect("awsvpc");
        assert_eq!(
            vpc.assign_public_ip().map(|a| a.as_str()),
            Some("DISABLED"),
            "{:?} has no public IP",
            s.service_name()
        );
        let behind: Vec<&str> = s
            .load_balancers()
            .iter()
            .filter_map(|l| l.target_group_arn())
            .collect();
        match s.service_name() {
            Some("web") => assert_eq!(behind, [made.id("target_group.alb")]),
            Some("api") => assert_eq!(behind, [made.id("target_group.alb-api")]),
            _ => assert!(behind.is_empty(), "{:?}: {behind:?}", s.service_name()),
        }
    }
    let group = ctx
        .clients
        .elbv2
        .describe_target_groups()
        .target_group_arns(made.id("target_group.alb"))
        .send()
        .await
        .expect("target group");
    assert_eq!(
        group.target_groups()[0].target_type().map(|t| t.as_str()),
        Some("ip"),
        "Fargate tasks register by IP"
    );

    for (kind, count) in [
        (K::EcsCluster, 1),
        (K::EcsTaskDefinition, 3),
        (K::EcsService, 3),
    ] {
        let found = find_tagged(&ctx, kind).await.expect("find");
        assert_eq!(found.len(), count, "{kind:?}: {found:?}");
        for f in &found {
            let logical = f.logical.as_deref().expect("tagged with its logical name");
            assert_eq!(f.created.aws_id, made.id(logical), "{logical}");
        }
    }

    // A resumed job adopts all three kinds: same ARNs, no second revision or service.
    let again = support::create_all(&ctx, &nodes).await;
    made.assert_same_ids(&again);
    let revisions = ctx
        .clients
        .ecs
        .list_task_definitions()
        .status(TaskDefinitionStatus::Active)
        .send()
        .await
        .expect("revisions");
    assert_eq!(revisions.task_definition_arns().len(), 3, "{revisions:?}");

    made.delete_all(&ctx).await;
    let after = Snapshot::take(&server.endpoint()).await;
    assert_nothing_left(&before, &after);
    support::assert_nothing_tagged(&ctx, &[K::EcsCluster, K::EcsTaskDefinition, K::EcsService])
        .await;
    // Already gone is success, for each kind.
    for logical in [
        "ecs_service.web",
        "ecs_task_definition.web",
        "ecs_cluster.main",
    ] {
        let kind = K::parse(logical.split('.').next().expect("kind")).expect("a kind");
        delete(&ctx, kind, made.get(logical), None)
            .await
            .unwrap_or_else(|e| panic!("{logical} again: {e}"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_that_are_not_ours_are_refused() {
    let server = MotoServer::start().expect("moto");
    let ctx = support::ctx(&server, "ecs-foreign");
    let plan = support::nodes_for(BLUEPRINT, &[K::EcsService]);
    let node = |logical: &str| {
        plan.iter()
            .find(|n| n.logical == logical)
            .unwrap_or_else(|| panic!("{logical}"))
            .clone()
    };
    let ecs = &ctx.clients.ecs;

    // Someone else's cluster of the blueprint's name.
    let cluster = node("ecs_cluster.main");
    let hangar_core::graph::NodeSpec::EcsCluster(spec) = &cluster.spec else {
        panic!("a cluster");
    };
    let theirs = ecs
        .create_cluster()
        .cluster_name(&spec.cluster_name)
        .send()
        .await
        .expect("hand-made cluster");
    let err = create(&ctx, &cluster, &Refs::default(), 0)
        .await
        .expect_err("not ours");
    assert_eq!(err.kind, ErrorKind::Invalid);
    assert!(err.message.contains(&spec.cluster_name), "{err}");

    // Someone else's task definition family.
    let task = node("ecs_task_definition.web");
    let hangar_core::graph::NodeSpec::EcsTaskDefinition(spec) = &task.spec else {
        panic!("a task definition");
    };
    ecs.register_task_definition()
        .family(&spec.family)
        .container_definitions(
            aws_sdk_ecs::types::ContainerDefinition::builder()
                .name("theirs")
                .image("busybox")
                .memory(128)
                .build(),
        )
        .send()
        .await
        .expect("hand-made task definition");
    let err = create(&ctx, &task, &Refs::default(), 0)
        .await
        .expect_err("not ours");
    assert_eq!(err.kind, ErrorKind::Invalid);
    assert!(err.message.contains(&spec.family), "{err}");

    // Someone else's service of that name in the cluster.
    let arn = theirs
        .cluster()
        .and_then(|c| c.cluster_arn())
        .expect("arn")
        .to_string();
    ecs.create_service()
        .cluster(&arn)
        .service_name("web")
        .task_definition(&spec.family)
        .desired_count(0)
        .send()
        .await
        .expect("hand-made service");
    let mut refs = Refs::default();
    refs.insert(
        "ecs_cluster.main",
        hangar_resources::Created::new(arn.clone()),
    );
    let err = create(&ctx, &node("ecs_service.web"), &refs, 0)
        .await
        .expect_err("not ours");
    assert_eq!(err.kind, ErrorKind::Invalid);
    assert!(err.message.contains("web"), "{err}");
}

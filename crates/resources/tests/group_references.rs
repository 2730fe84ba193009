//! AWS refuses to delete a security group that another group's rule still names
//! (`DependencyViolation`, enforced by the fault layer, which moto does not). Two of an
//! environment's groups that name each other, with no rule node in any history to revoke
//! first (a sweep works from tags alone), are deleted one at a time: the first delete is
//! refused once, revokes the other group's reference, and goes. A group of another
//! environment that names ours is never touched: our delete stays refused.

use crate::support;

use aws_sdk_ec2::types::{IpPermission, ResourceType, Tag, TagSpecification, UserIdGroupPair};
use hangar_core::graph::ResourceKind as K;
use hangar_resources::{Created, Ctx, ENV_ID_TAG, ENV_TAG, ErrorKind, LOGICAL_TAG, delete};
use hangar_sandbox::MotoServer;
use hangar_testkit::faults::{self, FaultPlan, FaultProxy, FaultStats};

/// A group in the default VPC carrying `ctx`'s environment tags, made past Hangar's code.
async fn group(ctx: &Ctx, name: &str) -> String {
    let tag = |k: &str, v: &str| Tag::builder().key(k).value(v).build();
    ctx.clients
        .ec2
        .create_security_group()
        .group_name(name)
        .description(name)
        .tag_specifications(
            TagSpecification::builder()
                .resource_type(ResourceType::SecurityGroup)
                .tags(tag(ENV_TAG, &ctx.env))
                .tags(tag(ENV_ID_TAG, &ctx.env_id))
                .tags(tag(LOGICAL_TAG, &format!("security_group.{name}")))
                .build(),
        )
        .send()
        .await
        .expect("create group")
        .group_id()
        .expect("id")
        .to_string()
}

/// `owner` lets `peer` in on 5432.
async fn names(ctx: &Ctx, owner: &str, peer: &str) {
    ctx.clients
        .ec2
        .authorize_security_group_ingress()
        .group_id(owner)
        .ip_permissions(
            IpPermission::builder()
                .ip_protocol("tcp")
                .from_port(5432)
                .to_port(5432)
                .user_id_group_pairs(UserIdGroupPair::builder().group_id(peer).build())
                .build(),
        )
        .send()
        .await
        .expect("authorize");
}

/// A proxy that refuses a group's delete while another group's rule names it, as AWS does.
fn refusing_references(server: &MotoServer) -> FaultProxy {
    faults::start(
        server.addr(),
        FaultPlan {
            enforce_group_references: true,
            ..FaultPlan::default()
        },
    )
    .expect("proxy")
}

async fn exists(ctx: &Ctx, group: &str) -> bool {
    ctx.clients
        .ec2
        .describe_security_groups()
        .group_ids(group)
        .send()
        .await
        .is_ok_and(|out| !out.security_groups().is_empty())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn groups_that_name_each_other_are_deleted_one_at_a_time() {
    let server = MotoServer::start().expect("moto");
    let proxy = refusing_references(&server);
    let ctx = support::ctx_via(&proxy.endpoint(), "mutual");
    let app = group(&ctx, "app").await;
    let db = group(&ctx, "db").await;
    names(&ctx, &db, &app).await;
    names(&ctx, &app, &db).await;

    delete(&ctx, K::SecurityGroup, &Created::new(&app), None)
        .await
        .expect("app goes once db's reference is revoked");
    assert_eq!(
        FaultStats::get(&proxy.stats.dependency_violations),
        1,
        "AWS refused the first delete"
    );
    delete(&ctx, K::SecurityGroup, &Created::new(&db), None)
        .await
        .expect("db goes");
    assert!(!exists(&ctx, &app).await && !exists(&ctx, &db).await);
    assert_eq!(FaultStats::get(&proxy.stats.dependency_violations), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_environments_reference_is_never_revoked() {
    let server = MotoServer::start().expect("moto");
    let proxy = refusing_references(&server);
    let ours = support::ctx_via(&proxy.endpoint(), "ours");
    let theirs = support::ctx_via(&proxy.endpoint(), "theirs");
    let db = group(&ours, "db").await;
    let their_app = group(&theirs, "app").await;
    names(&theirs, &their_app, &db).await;

    let err = delete(&ours, K::SecurityGroup, &Created::new(&db), None)
        .await
        .expect_err("their rule holds it");
    assert_eq!(err.kind, ErrorKind::DependencyViolation, "{err}");
    assert!(exists(&ours, &db).await);
    let rules = theirs
        .clients
        .ec2
        .describe_security_group_rules()
        .filters(
            aws_sdk_ec2::types::Filter::builder()
                .name("group-id")
                .values(&their_app)
                .build(),
        )
        .send()
        .await
        .expect("rules");
    assert!(
        rules
            .security_group_rules()
            .iter()
            .any(|r| r.referenced_group_info().and_then(|g| g.group_id()) == Some(db.as_str())),
        "their rule naming our group is still there"
    );
}

//! AWS rules moto does not keep, enforced by the fault layer, and what Hangar does about each:
//! a retired RDS minor version is refused (the blueprints ask for majors), a new IAM role or
//! instance profile is unknown to its first users for a while (retried), a new bucket is
//! unknown to the next request (retried). Each test shows the rule fired.

mod support;

use hangar_core::graph::spec::NodeSpec;
use hangar_core::graph::{ResourceKind as K, ResourceNode};
use hangar_resources::{ErrorKind, Refs, create};
use hangar_sandbox::MotoServer;
use hangar_testkit::faults::{self, FaultPlan, FaultStats};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retired_minor_version_is_refused_and_a_major_is_taken() {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(
        server.addr(),
        FaultPlan {
            enforce_rds_catalogue: true,
            ..FaultPlan::default()
        },
    )
    .expect("proxy");
    let ctx = support::ctx_via(&proxy.endpoint(), "rds-versions");
    let nodes = support::nodes_for("web-and-postgres", &[K::RdsInstance]);
    let (db, before) = nodes.split_last().expect("the database is last");
    let made = support::create_all(&ctx, before).await;
    let refs = refs_of(&made);

    // As the blueprint used to say: a minor AWS has since retired.
    let mut pinned: ResourceNode = db.clone();
    let NodeSpec::RdsInstance(spec) = &mut pinned.spec else {
        panic!("{} is a database", db.logical);
    };
    spec.engine_version = "15.4".into();
    let err = create(&ctx, &pinned, &refs, 0).await.expect_err("retired");
    assert_eq!(err.kind, ErrorKind::Invalid, "{err}");
    assert_eq!(err.code, "InvalidParameterCombination");
    assert!(err.message.contains("15.4"), "{err}");
    assert_eq!(FaultStats::get(&proxy.stats.catalogue_refusals), 1);

    // The built-in asks for the major and never sends a zero storage ceiling.
    create(&ctx, db, &refs, 0)
        .await
        .expect("the major is offered");
    let sent = proxy.seen("CreateDBInstance");
    let last = sent.last().expect("sent");
    assert_eq!(last.param("EngineVersion"), Some("15"));
    assert_ne!(last.param("MaxAllocatedStorage"), Some("0"));
    assert_eq!(FaultStats::get(&proxy.stats.catalogue_refusals), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_iam_entities_are_waited_for_until_iam_knows_them() {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(
        server.addr(),
        FaultPlan {
            iam_propagation: 2,
            ..FaultPlan::default()
        },
    )
    .expect("proxy");
    let ctx = support::ctx_via(&proxy.endpoint(), "iam-lag");
    let nodes = support::nodes_for("app-and-database", &[K::IamRole, K::InstanceProfile]);
    let made = support::create_all(&ctx, &nodes).await;
    // The role's policy attachments and the profile's AddRoleToInstanceProfile were each
    // refused as not there yet, twice per new name, and retried until IAM knew them.
    let refused = FaultStats::get(&proxy.stats.propagation);
    assert!(refused >= 4, "propagation refusals: {refused}");
    let attach = proxy.seen("AttachRolePolicy");
    assert!(attach.len() >= 3, "retried: {}", attach.len());
    assert_eq!(made.0.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_bucket_unknown_to_the_next_request_is_retried() {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(
        server.addr(),
        FaultPlan {
            s3_propagation: true,
            ..FaultPlan::default()
        },
    )
    .expect("proxy");
    let ctx = support::ctx_via(&proxy.endpoint(), "s3-lag");
    let nodes = support::nodes_for("app-and-database", &[K::S3Bucket]);
    support::create_all(&ctx, &nodes).await;
    assert_eq!(
        FaultStats::get(&proxy.stats.propagation),
        1,
        "NoSuchBucket once"
    );
}

fn refs_of(made: &support::Made) -> Refs {
    let mut refs = Refs::default();
    for (node, created) in &made.0 {
        refs.insert(&node.logical, created.clone());
    }
    refs
}

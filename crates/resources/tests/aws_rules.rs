//! AWS rules moto does not keep, enforced by the fault layer, and what Hangar does about each:
//! a retired RDS minor version is refused (the blueprints ask for majors), a new IAM role or
//! instance profile is unknown to its first users for a while (retried), a new bucket is
//! unknown to the next request (retried), a load balancer AWS could not provision ends the wait
//! at once, a deleted NAT gateway holds its address for a while (retried), and a route that
//! already exists is pointed where the plan says. Each test shows the rule fired.

use crate::support;

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_load_balancer_aws_could_not_provision_ends_the_wait() {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(
        server.addr(),
        FaultPlan {
            failing_load_balancers: true,
            ..FaultPlan::default()
        },
    )
    .expect("proxy");
    let ctx = support::ctx_via(&proxy.endpoint(), "lb-failed");
    let nodes = support::nodes_for("multi-az-three-tier", &[K::LoadBalancer]);
    let (lb, before) = nodes.split_last().expect("the load balancer is last");
    let made = support::create_all(&ctx, before).await;
    let started = std::time::Instant::now();
    let err = create(&ctx, lb, &refs_of(&made), 0)
        .await
        .expect_err("failed, not waited on");
    assert_eq!(err.code, "LoadBalancerFailed", "{err}");
    assert!(err.message.contains("Not enough IP space"), "{err}");
    // One look said so: not the 45-minute deadline, nor a poll loop that went on.
    assert_eq!(
        proxy.seen("DescribeLoadBalancers").len(),
        2,
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_held_by_a_deleted_nat_gateway_is_released_once_let_go() {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(
        server.addr(),
        FaultPlan {
            nat_address_lag: true,
            ..FaultPlan::default()
        },
    )
    .expect("proxy");
    let ctx = support::ctx_via(&proxy.endpoint(), "nat-address");
    let nodes = support::nodes_for("web-and-postgres", &[K::NatGateway]);
    let made = support::create_all(&ctx, &nodes).await;
    made.delete_all(&ctx).await;
    assert_eq!(
        FaultStats::get(&proxy.stats.address_held),
        1,
        "refused once"
    );
    let releases = proxy.seen("ReleaseAddress");
    assert_eq!(releases.len(), 2, "retried until released");
    let direct = aws_sdk_ec2::Client::new(&hangar_testkit::sdk_config(&server.endpoint()));
    let left = direct.describe_addresses().send().await.expect("describe");
    assert!(left.addresses().is_empty(), "{:?}", left.addresses());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_route_that_exists_is_pointed_where_the_plan_says() {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(server.addr(), FaultPlan::default()).expect("proxy");
    let ctx = support::ctx_via(&proxy.endpoint(), "route-repair");
    let nodes = support::nodes_for("web-and-postgres", &[K::Route]);
    let made = support::create_all(&ctx, &nodes).await;
    let (route, igw) = nodes
        .iter()
        .find_map(|n| match &n.spec {
            NodeSpec::Route(r) => match &r.target {
                hangar_core::graph::spec::RouteTarget::Gateway(g) => Some((n, g.clone())),
                hangar_core::graph::spec::RouteTarget::NatGateway(_) => None,
            },
            _ => None,
        })
        .expect("a route through the internet gateway");
    // As after a repair: the target the plan names has a new id, the old route still stands.
    let direct = aws_sdk_ec2::Client::new(&hangar_testkit::sdk_config(&server.endpoint()));
    let replacement = direct
        .create_internet_gateway()
        .send()
        .await
        .expect("igw")
        .internet_gateway()
        .and_then(|g| g.internet_gateway_id())
        .expect("id")
        .to_string();
    let mut refs = refs_of(&made);
    refs.insert(&igw, hangar_resources::Created::new(&replacement));
    create(&ctx, route, &refs, 0)
        .await
        .expect("replaced, not 'already exists'");
    assert_eq!(proxy.seen("ReplaceRoute").len(), 1);
    let table = made.id(match &route.spec {
        NodeSpec::Route(r) => &r.route_table,
        _ => unreachable!("a route"),
    });
    let tables = direct
        .describe_route_tables()
        .route_table_ids(&table)
        .send()
        .await
        .expect("tables");
    let targets: Vec<&str> = tables.route_tables()[0]
        .routes()
        .iter()
        .filter(|r| r.destination_cidr_block() == Some("0.0.0.0/0"))
        .filter_map(|r| r.gateway_id())
        .collect();
    assert_eq!(targets, [replacement.as_str()]);
}

/// A VPC, subnets, an internet gateway and an address take no client token. The fault layer
/// lets the first of each reach the emulator and loses its answer (a 503): the create looks by
/// tag before sending again, so there is exactly one of each, counted past Hangar's code.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_answer_to_a_tokenless_create_never_makes_a_second() {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(
        server.addr(),
        FaultPlan {
            lose_tokenless_answers: true,
            ..FaultPlan::default()
        },
    )
    .expect("proxy");
    let ctx = support::ctx_via(&proxy.endpoint(), "lost-answers");
    let nodes = support::nodes_for("web-and-postgres", &[K::Subnet, K::InternetGateway, K::Eip]);
    let planned = |kind: K| nodes.iter().filter(|n| n.spec.kind() == kind).count();
    support::create_all(&ctx, &nodes).await;
    assert_eq!(
        FaultStats::get(&proxy.stats.answers_lost),
        4,
        "one per tokenless create"
    );

    let ec2 = aws_sdk_ec2::Client::new(&hangar_testkit::sdk_config(&server.endpoint()));
    let ours = || {
        aws_sdk_ec2::types::Filter::builder()
            .name("tag:hangar:env")
            .values("lost-answers")
            .build()
    };
    let vpcs = ec2
        .describe_vpcs()
        .filters(ours())
        .send()
        .await
        .expect("vpcs");
    assert_eq!(vpcs.vpcs().len(), planned(K::Vpc));
    let subnets = ec2
        .describe_subnets()
        .filters(ours())
        .send()
        .await
        .expect("subnets");
    assert_eq!(subnets.subnets().len(), planned(K::Subnet));
    let gateways = ec2
        .describe_internet_gateways()
        .filters(ours())
        .send()
        .await
        .expect("gateways");
    assert_eq!(
        gateways.internet_gateways().len(),
        planned(K::InternetGateway)
    );
    let addresses = ec2
        .describe_addresses()
        .filters(ours())
        .send()
        .await
        .expect("addresses");
    assert_eq!(addresses.addresses().len(), planned(K::Eip));
}

/// Another team's bucket in the same account whose policy denies reading its tags: the look by
/// tag (what the sweep and the final check use) passes over it and still finds ours, instead of
/// ending the teardown on its `AccessDenied`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bucket_whose_tags_cannot_be_read_does_not_end_the_look() {
    const THEIRS: &str = "team-b-private-data";
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(
        server.addr(),
        FaultPlan {
            unreadable_bucket_tags: vec![THEIRS.into()],
            ..FaultPlan::default()
        },
    )
    .expect("proxy");
    // Made past the proxy, as the other team did.
    aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&hangar_testkit::sdk_config(&server.endpoint()))
            .force_path_style(true)
            .build(),
    )
    .create_bucket()
    .bucket(THEIRS)
    .send()
    .await
    .expect("their bucket");
    let ctx = support::ctx_via(&proxy.endpoint(), "shared-account");
    let nodes = support::nodes_for("app-and-database", &[K::S3Bucket]);
    let made = support::create_all(&ctx, &nodes).await;

    let found = hangar_resources::find_tagged(&ctx, K::S3Bucket)
        .await
        .expect("one unreadable bucket does not end the look");
    let ids: Vec<&str> = found.iter().map(|f| f.created.aws_id.as_str()).collect();
    assert_eq!(ids, vec![made.id("s3_bucket.artifacts").as_str()]);
    assert!(
        FaultStats::get(&proxy.stats.tag_reads_denied) > 0,
        "the policy refused"
    );
}

//! The EC2 network core through the real emulator: the `web-and-postgres` blueprint's VPC,
//! subnets, gateways, routes, groups and instance are created, found by tag, created again
//! without duplicates, and deleted in reverse order until nothing tagged is left.

use crate::support;

use aws_sdk_ec2::types::Filter;
use hangar_core::graph::{ResourceKind as K, ResourceNode};
use hangar_core::{Overrides, load_builtin, plan};
use hangar_resources::{Created, Refs, create, delete, find_tagged};
use hangar_sandbox::MotoServer;

const NETWORK_CORE: [K; 11] = [
    K::Vpc,
    K::Subnet,
    K::InternetGateway,
    K::RouteTable,
    K::Route,
    K::RouteTableAssociation,
    K::Eip,
    K::NatGateway,
    K::SecurityGroup,
    K::SecurityGroupRule,
    K::Instance,
];

fn network_nodes() -> Vec<ResourceNode> {
    let blueprint = load_builtin("web-and-postgres").expect("built-in");
    let plan = plan(&blueprint, &Overrides::new()).expect("valid");
    plan.graph
        .creation_order()
        .into_iter()
        .filter(|n| NETWORK_CORE.contains(&n.kind()))
        .cloned()
        .collect()
}

async fn create_all(
    ctx: &hangar_resources::Ctx,
    nodes: &[ResourceNode],
) -> Vec<(ResourceNode, Created)> {
    let mut refs = Refs::default();
    let mut made = Vec::new();
    for node in nodes {
        let created = create(ctx, node, &refs, 0)
            .await
            .unwrap_or_else(|e| panic!("create {}: {e}", node.logical));
        refs.insert(&node.logical, created.clone());
        made.push((node.clone(), created));
    }
    made
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_adopt_and_delete_the_network_core() {
    let server = MotoServer::start().expect("moto");
    let ctx = support::ctx(&server, "net-test");
    let nodes = network_nodes();
    assert!(
        nodes.iter().any(|n| n.kind() == K::NatGateway),
        "the blueprint has a NAT"
    );

    let made = create_all(&ctx, &nodes).await;
    let id_of = |logical: &str| {
        made.iter()
            .find(|(n, _)| n.logical == logical)
            .map(|(_, c)| c.aws_id.clone())
            .unwrap_or_else(|| panic!("{logical} was made"))
    };

    // What AWS now holds matches the blueprint.
    let ec2 = &ctx.clients.ec2;
    let vpc = ec2
        .describe_vpcs()
        .vpc_ids(id_of("vpc.main"))
        .send()
        .await
        .expect("describe vpc");
    assert_eq!(vpc.vpcs()[0].cidr_block(), Some("10.0.0.0/16"));
    let subnets = ec2
        .describe_subnets()
        .filters(
            Filter::builder()
                .name("vpc-id")
                .values(id_of("vpc.main"))
                .build(),
        )
        .send()
        .await
        .expect("subnets");
    let mut cidrs: Vec<_> = subnets
        .subnets()
        .iter()
        .filter_map(|s| s.cidr_block())
        .collect();
    cidrs.sort();
    assert_eq!(
        cidrs,
        ["10.0.1.0/24", "10.0.10.0/24", "10.0.11.0/24", "10.0.2.0/24"]
    );

    let db_sg = made
        .iter()
        .find(|(n, _)| n.kind() == K::SecurityGroup && n.logical.contains("db"))
        .map(|(_, c)| c.aws_id.clone())
        .expect("a db group");
    let app_sg = made
        .iter()
        .find(|(n, _)| n.kind() == K::SecurityGroup && n.logical.contains("app"))
        .map(|(_, c)| c.aws_id.clone())
        .expect("an app group");
    let groups = ec2
        .describe_security_groups()
        .group_ids(&db_sg)
        .send()
        .await
        .expect("db sg");
    let ingress = groups.security_groups()[0].ip_permissions();
    assert!(
        ingress.iter().any(|p| p.from_port() == Some(5432)
            && p.user_id_group_pairs()
                .iter()
                .any(|g| g.group_id() == Some(app_sg.as_str()))),
        "5432 from the app group only: {ingress:?}"
    );

    // Every tagged kind is found again, and creating again adopts instead of duplicating.
    for kind in [
        K::Vpc,
        K::Subnet,
        K::SecurityGroup,
        K::NatGateway,
        K::Instance,
        K::Eip,
    ] {
        let expected = made.iter().filter(|(n, _)| n.kind() == kind).count();
        let found = find_tagged(&ctx, kind).await.expect("find");
        assert_eq!(found.len(), expected, "{kind:?}");
        assert!(
            found.iter().all(|f| f.logical.is_some()),
            "every one carries its logical tag"
        );
    }
    let again = create_all(&ctx, &nodes).await;
    for ((node, first), (_, second)) in made.iter().zip(&again) {
        assert_eq!(
            first.aws_id, second.aws_id,
            "{} was adopted, not made twice",
            node.logical
        );
    }
    assert_eq!(find_tagged(&ctx, K::Instance).await.expect("find").len(), 1);

    // Reverse order, and then nothing tagged remains.
    for (node, created) in made.iter().rev() {
        delete(&ctx, node.kind(), created, Some(&node.spec))
            .await
            .unwrap_or_else(|e| panic!("delete {}: {e}", node.logical));
    }
    for kind in NETWORK_CORE {
        let left = find_tagged(&ctx, kind).await.expect("find");
        assert!(left.is_empty(), "{kind:?} left behind: {left:?}");
    }
    // Deleting what is already gone is success.
    let (node, created) = &made[0];
    delete(&ctx, node.kind(), created, Some(&node.spec))
        .await
        .expect("idempotent delete");
}

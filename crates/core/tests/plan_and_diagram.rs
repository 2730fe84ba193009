//! Plan order (stable, dependencies first, slow kinds early), cycles, and the diagram.

mod common;

use common::*;
use hangar_core::blueprint::builtin_names;
use hangar_core::diagram::DiagramNodeKind;
use hangar_core::graph::spec::{SecurityGroupSpec, VpcSpec};
use hangar_core::graph::{ResourceGraph, ResourceKind, ResourceNode};

#[test]
fn plan_order_is_stable() {
    for name in builtin_names() {
        let first = plan_of(name, &[("environment", "prod")]);
        let second = plan_of(name, &[("environment", "prod")]);
        assert_eq!(first.order(), second.order(), "{name}");
        assert_eq!(first, second, "{name}: the whole plan is deterministic");
    }
}

#[test]
fn every_step_comes_after_its_dependencies() {
    for name in builtin_names() {
        let p = plan_of(name, &[("environment", "prod")]);
        let order = p.order();
        assert_eq!(order.len(), p.graph.nodes.len());
        for (i, step) in p.steps.iter().enumerate() {
            assert_eq!(step.index as usize, i);
            for d in &step.depends_on {
                let j = order
                    .iter()
                    .position(|l| l == d)
                    .expect("dependency is planned");
                assert!(
                    j < i,
                    "{name}: {} planned before its dependency {d}",
                    step.logical
                );
            }
        }
    }
}

#[test]
fn slow_kinds_start_as_soon_as_they_are_ready() {
    let p = plan_of("multi-az-three-tier", &[("environment", "prod")]);
    let order = p.order();
    // Each NAT gateway is created right after the last thing it waits for.
    for nat in p
        .steps
        .iter()
        .filter(|s| s.spec.kind() == ResourceKind::NatGateway)
    {
        let pos = order
            .iter()
            .position(|l| *l == nat.logical)
            .expect("planned");
        let last_dep = nat
            .depends_on
            .iter()
            .map(|d| order.iter().position(|l| l == d).expect("planned"))
            .max()
            .expect("has deps");
        let between = &p.steps[last_dep + 1..pos];
        assert!(
            between.iter().all(|s| s.slow),
            "{}: only other slow nodes may go between it and its last dependency, got {:?}",
            nat.logical,
            between.iter().map(|s| &s.logical).collect::<Vec<_>>()
        );
    }
    assert!(ResourceKind::RdsInstance.is_slow());
    assert!(ResourceKind::ElasticacheReplicationGroup.is_slow());
    assert!(ResourceKind::LoadBalancer.is_slow());
    assert!(!ResourceKind::Subnet.is_slow());
}

#[test]
fn teardown_revokes_cross_group_rules_before_groups() {
    let p = plan_of("web-and-postgres", &[]);
    let down: Vec<&str> = p
        .graph
        .teardown_order()
        .iter()
        .map(|n| n.logical.as_str())
        .collect();
    let pos = |l: &str| down.iter().position(|x| *x == l).expect(l);
    assert!(pos("security_group_rule.db-in-0") < pos("security_group.app"));
    assert!(pos("security_group_rule.db-in-0") < pos("security_group.db"));
    assert!(pos("route_table_association.public-a") < pos("route_table.public"));
    assert!(pos("instance.app") < pos("subnet.public-a"));
    assert_eq!(
        field(node(&p, "security_group_rule.db-in-0"), "group"),
        "security_group.db"
    );
}

#[test]
fn a_cycle_is_rejected_with_its_members() {
    let n = |name: &str, dep: &str| {
        ResourceNode::new(
            name,
            SecurityGroupSpec {
                group_name: name.to_string(),
                description: String::new(),
                vpc: None,
                ingress: Vec::new(),
                egress: Vec::new(),
            },
            format!("security_groups.{name}"),
        )
        .dep(dep)
    };
    let nodes = vec![
        ResourceNode::new(
            "main",
            VpcSpec {
                cidr_block: "10.0.0.0/16".into(),
                enable_dns_hostnames: true,
                enable_dns_support: true,
            },
            "network",
        ),
        n("a", "security_group.b"),
        n("b", "security_group.c"),
        n("c", "security_group.a"),
    ];
    let e = ResourceGraph::from_nodes(nodes).expect_err("cycle");
    assert_eq!(e.len(), 1);
    assert_eq!(e.0[0].path, "security_groups.a");
    assert_eq!(
        e.0[0].message,
        "dependency cycle: security_group.a -> security_group.b -> security_group.c -> security_group.a"
    );
    let e = ResourceGraph::from_nodes(vec![n("x", "security_group.x")]).expect_err("self loop");
    assert_eq!(
        e.0[0].message,
        "dependency cycle: security_group.x -> security_group.x"
    );
    let e = ResourceGraph::from_nodes(vec![n("x", "vpc.nowhere")]).expect_err("dangling");
    assert_eq!(
        e.0[0].message,
        "'security_group.x' depends on unknown 'vpc.nowhere'"
    );
}

#[test]
fn diagram_contains_vpc_azs_subnets_and_rules() {
    let p = plan_of("multi-az-three-tier", &[]);
    let d = &p.diagram;
    let of = |k: DiagramNodeKind| d.nodes.iter().filter(|n| n.kind == k).count();
    assert_eq!(of(DiagramNodeKind::Vpc), 1);
    assert_eq!(of(DiagramNodeKind::Az), 3);
    assert_eq!(of(DiagramNodeKind::Subnet), 9);
    let parent = |id: &str| {
        d.nodes
            .iter()
            .find(|n| n.id == id)
            .and_then(|n| n.parent.clone())
            .unwrap_or_else(|| panic!("{id} has no parent"))
    };
    assert_eq!(parent("subnet.private-b"), "az.us-east-1b");
    assert_eq!(parent("az.us-east-1b"), "vpc.main");
    // A service is drawn in its private subnets, as the hosts it replaced were; its cluster
    // in the VPC.
    assert_eq!(parent("ecs_service.web"), "subnet.private-a");
    assert_eq!(parent("ecs_cluster.main"), "vpc.main");
    assert_eq!(parent("nat_gateway.a"), "subnet.public-a");
    let igw = d
        .nodes
        .iter()
        .find(|n| n.id == "internet_gateway.main")
        .expect("igw");
    assert!(igw.at_edge);
    // SG rules become labelled edges: internet -> ALB on 80, the services -> RDS on 5432.
    assert!(d.edges.iter().any(|e| e.source == "cidr:0.0.0.0/0"
        && e.target == "load_balancer.alb"
        && e.label == "tcp 80 from 0.0.0.0/0"));
    assert!(d.edges.iter().any(|e| e.source == "ecs_service.api"
        && e.target == "rds_instance.postgres"
        && e.label == "tcp 5432 from app"));
    let ids: std::collections::BTreeSet<&str> = d.nodes.iter().map(|n| n.id.as_str()).collect();
    for e in &d.edges {
        assert!(
            ids.contains(e.source.as_str()) && ids.contains(e.target.as_str()),
            "{e:?}"
        );
    }
}

#[test]
fn mermaid_has_subgraphs_for_vpc_azs_and_subnets() {
    let p = plan_of("web-and-postgres", &[]);
    let m = p.diagram.to_mermaid();
    assert!(m.starts_with("flowchart TB\n"), "{m}");
    for needle in [
        "subgraph region[\"AWS us-east-1\"]",
        "subgraph vpc_main[\"VPC 10.0.0.0/16\"]",
        "subgraph az_us_east_1a[\"us-east-1a\"]",
        "subgraph subnet_public_a[\"public 10.0.1.0/24\"]",
        "subgraph subnet_private_b[\"private 10.0.11.0/24\"]",
        "instance_app[\"EC2 app (t3.small)\"]",
        "instance_app -->|\"tcp 5432 from app\"| rds_instance_postgres",
        "cidr_0_0_0_0_0 -->|\"tcp 80 from 0.0.0.0/0\"| instance_app",
    ] {
        assert!(m.contains(needle), "missing {needle:?} in:\n{m}");
    }
    let ends = m.lines().filter(|l| l.trim() == "end").count();
    assert_eq!(
        m.matches("subgraph ").count(),
        ends,
        "every subgraph is closed"
    );
}

#[test]
fn default_vpc_blueprints_draw_a_default_vpc() {
    let p = plan_of("single-host-dev", &[]);
    let m = p.diagram.to_mermaid();
    assert!(m.contains("subgraph vpc_default[\"default VPC\"]"), "{m}");
    assert!(
        m.contains("-->|\"tcp 22 from 203.0.113.0/24\"| instance_dev_server"),
        "{m}"
    );
}

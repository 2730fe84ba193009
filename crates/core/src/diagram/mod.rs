//! The architecture diagram as data: containers (region > VPC > AZ > subnet), the resources in
//! them, and security-group rules as labelled edges. The UI lays it out with elkjs; resource
//! node ids are the graph's logical names so provisioning progress can colour them.

mod mermaid;

use std::collections::BTreeSet;

use serde::Serialize;

use crate::blueprint::schema::Spec;
use crate::graph::spec::{Direction, InlinePeer};
use crate::graph::{NodeSpec, Placement, ResourceGraph, ResourceKind as K, ResourceNode};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DiagramNodeKind {
    Region,
    Vpc,
    Az,
    Subnet,
    Resource,
    /// A traffic source outside AWS, such as the internet or an admin CIDR.
    External,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DiagramNode {
    pub id: String,
    pub label: String,
    pub kind: DiagramNodeKind,
    pub parent: Option<String>,
    pub resource_kind: Option<K>,
    /// Drawn on its container's border (internet gateway, endpoints, load balancer, flow log).
    pub at_edge: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DiagramEdgeKind {
    /// Traffic a security group lets in: source -> protected resource.
    SecurityRule,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DiagramEdge {
    pub id: String,
    pub source: String,
    pub target: String,
    /// `tcp 5432`, plus where the rule comes from.
    pub label: String,
    pub kind: DiagramEdgeKind,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Diagram {
    pub nodes: Vec<DiagramNode>,
    pub edges: Vec<DiagramEdge>,
}

impl Diagram {
    fn node(&mut self, id: &str, label: String, kind: DiagramNodeKind, parent: Option<&str>) {
        self.nodes.push(DiagramNode {
            id: id.to_string(),
            label,
            kind,
            parent: parent.map(String::from),
            resource_kind: None,
            at_edge: false,
        });
    }

    pub fn children<'a>(
        &'a self,
        parent: Option<&'a str>,
    ) -> impl Iterator<Item = &'a DiagramNode> {
        self.nodes
            .iter()
            .filter(move |n| n.parent.as_deref() == parent)
    }

    pub fn to_mermaid(&self) -> String {
        mermaid::render(self)
    }
}

const REGION: &str = "region";

fn short(n: &ResourceNode) -> &str {
    n.logical
        .split_once('.')
        .map(|(_, s)| s)
        .unwrap_or(&n.logical)
}

pub fn from_graph(graph: &ResourceGraph, spec: &Spec) -> Diagram {
    let mut d = Diagram::default();
    d.node(
        REGION,
        format!("AWS {}", spec.region),
        DiagramNodeKind::Region,
        None,
    );
    let vpc_id = match graph.get("vpc.main").and_then(|v| match &v.spec {
        NodeSpec::Vpc(x) => Some((v, x)),
        _ => None,
    }) {
        Some((v, x)) => {
            d.node(
                &v.logical,
                format!("VPC {}", x.cidr_block),
                DiagramNodeKind::Vpc,
                Some(REGION),
            );
            v.logical.clone()
        }
        None => {
            d.node(
                "vpc.default",
                "default VPC".into(),
                DiagramNodeKind::Vpc,
                Some(REGION),
            );
            "vpc.default".into()
        }
    };
    let mut azs: Vec<String> = Vec::new();
    for s in graph.of_kind(K::Subnet) {
        if let Some(az) = s.az.as_ref().filter(|a| !azs.contains(a)) {
            azs.push(az.clone());
        }
    }
    for az in &azs {
        d.node(
            &format!("az.{az}"),
            az.clone(),
            DiagramNodeKind::Az,
            Some(&vpc_id),
        );
    }
    for s in &graph.nodes {
        let NodeSpec::Subnet(x) = &s.spec else {
            continue;
        };
        let parent = s.az.as_ref().map(|a| format!("az.{a}"));
        let label = format!("{} {}", x.tier, x.cidr_block);
        d.node(
            &s.logical,
            label,
            DiagramNodeKind::Subnet,
            parent.as_deref().or(Some(&vpc_id)),
        );
    }
    for n in &graph.nodes {
        let (parent, at_edge) = match n.kind().info().placement {
            Placement::InSubnet => (n.subnet.clone().unwrap_or_else(|| vpc_id.clone()), false),
            Placement::VpcEdge => (vpc_id.clone(), true),
            Placement::Region => (REGION.to_string(), false),
            Placement::NotDrawn => continue,
        };
        let label = label(n);
        d.nodes.push(DiagramNode {
            id: n.logical.clone(),
            label,
            kind: DiagramNodeKind::Resource,
            parent: Some(parent),
            resource_kind: Some(n.kind()),
            at_edge,
        });
    }
    security_edges(graph, &mut d);
    d
}

/// What the diagram writes on a resource.
fn label(n: &ResourceNode) -> String {
    match &n.spec {
        NodeSpec::Instance(x) => format!("EC2 {} ({})", short(n), x.instance_type),
        NodeSpec::RdsInstance(x) => format!(
            "RDS {} {}{}",
            x.engine,
            x.engine_version,
            if x.multi_az { " Multi-AZ" } else { "" }
        ),
        NodeSpec::VpcEndpoint(x) => format!(
            "endpoint {}",
            x.service_name.rsplit('.').next().unwrap_or("")
        ),
        NodeSpec::EcsService(x) => format!("ECS {} (Fargate x{})", short(n), x.desired_count),
        NodeSpec::Vpc(_)
        | NodeSpec::Subnet(_)
        | NodeSpec::InternetGateway(_)
        | NodeSpec::RouteTable(_)
        | NodeSpec::Route(_)
        | NodeSpec::RouteTableAssociation(_)
        | NodeSpec::Eip(_)
        | NodeSpec::NatGateway(_)
        | NodeSpec::SecurityGroup(_)
        | NodeSpec::SecurityGroupRule(_)
        | NodeSpec::IamRole(_)
        | NodeSpec::InstanceProfile(_)
        | NodeSpec::DbSubnetGroup(_)
        | NodeSpec::DbParameterGroup(_)
        | NodeSpec::CacheSubnetGroup(_)
        | NodeSpec::ElasticacheReplicationGroup(_)
        | NodeSpec::LoadBalancer(_)
        | NodeSpec::TargetGroup(_)
        | NodeSpec::Listener(_)
        | NodeSpec::LogGroup(_)
        | NodeSpec::FlowLog(_)
        | NodeSpec::S3Bucket(_)
        | NodeSpec::SsmParameter(_)
        | NodeSpec::EcsCluster(_)
        | NodeSpec::EcsTaskDefinition(_) => format!("{} {}", n.kind().label(), short(n)),
    }
}

/// Resources that carry a security group, by group logical name.
fn members<'a>(graph: &'a ResourceGraph, group: &str) -> Vec<&'a ResourceNode> {
    graph
        .nodes
        .iter()
        .filter(|n| n.kind() != K::VpcEndpoint)
        .filter(|n| n.spec.security_groups().iter().any(|g| g == group))
        .collect()
}

fn security_edges(graph: &ResourceGraph, d: &mut Diagram) {
    let mut externals = BTreeSet::new();
    let mut edges = Vec::new();
    for g in &graph.nodes {
        let NodeSpec::SecurityGroup(group) = &g.spec else {
            continue;
        };
        let targets = members(graph, &g.logical);
        for rule in &group.ingress {
            let label = rule_label(&rule.protocol, rule.from_port, rule.to_port);
            match &rule.peer {
                InlinePeer::Cidr(cidr) => {
                    let ext = format!("cidr:{cidr}");
                    externals.insert((ext.clone(), cidr.to_string()));
                    for t in &targets {
                        edges.push((
                            ext.clone(),
                            t.logical.clone(),
                            format!("{label} from {cidr}"),
                        ));
                    }
                }
                InlinePeer::SelfGroup => {
                    for t in &targets {
                        edges.push((
                            t.logical.clone(),
                            t.logical.clone(),
                            format!("{label} (self)"),
                        ));
                    }
                }
            }
        }
    }
    for node in &graph.nodes {
        let NodeSpec::SecurityGroupRule(rule) = &node.spec else {
            continue;
        };
        if rule.direction != Direction::Ingress {
            continue;
        }
        let from = members(graph, &rule.peer_group);
        let to = members(graph, &rule.group);
        let label = rule_label(&rule.protocol, rule.from_port, rule.to_port);
        let peer = rule.peer_group.trim_start_matches("security_group.");
        for f in &from {
            for t in &to {
                edges.push((
                    f.logical.clone(),
                    t.logical.clone(),
                    format!("{label} from {peer}"),
                ));
            }
        }
    }
    for (id, cidr) in externals {
        let label = if cidr == "0.0.0.0/0" {
            "Internet 0.0.0.0/0".to_string()
        } else {
            format!("CIDR {cidr}")
        };
        d.node(&id, label, DiagramNodeKind::External, None);
    }
    for (i, (source, target, label)) in edges.into_iter().enumerate() {
        d.edges.push(DiagramEdge {
            id: format!("e{i}"),
            source,
            target,
            label,
            kind: DiagramEdgeKind::SecurityRule,
        });
    }
}

fn rule_label(protocol: &str, from: i32, to: i32) -> String {
    match (protocol, from, to) {
        ("-1", _, _) => "all".to_string(),
        (p, f, t) if f == t => format!("{p} {f}"),
        (p, f, t) => format!("{p} {f}-{t}"),
    }
}

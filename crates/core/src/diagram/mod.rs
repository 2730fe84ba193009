//! The architecture diagram as data: containers (region > VPC > AZ > subnet), the resources in
//! them, and security-group rules as labelled edges. The UI lays it out with elkjs; resource
//! node ids are the graph's logical names so provisioning progress can colour them.

mod mermaid;

use std::collections::BTreeSet;

use serde::Serialize;

use crate::blueprint::schema::Spec;
use crate::graph::{Prop, ResourceGraph, ResourceKind as K, ResourceNode};

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

fn str_prop<'a>(n: &'a ResourceNode, key: &str) -> &'a str {
    n.properties.get(key).and_then(Prop::as_str).unwrap_or("")
}

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
    let vpc_id = match graph.get("vpc.main") {
        Some(v) => {
            d.node(
                &v.logical,
                format!("VPC {}", str_prop(v, "cidr_block")),
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
    for s in graph.of_kind(K::Subnet) {
        let parent = s.az.as_ref().map(|a| format!("az.{a}"));
        let label = format!("{} {}", str_prop(s, "tier"), str_prop(s, "cidr_block"));
        d.node(
            &s.logical,
            label,
            DiagramNodeKind::Subnet,
            parent.as_deref().or(Some(&vpc_id)),
        );
    }
    for n in &graph.nodes {
        let (parent, at_edge) = match n.kind {
            K::Instance | K::NatGateway | K::RdsInstance | K::ElasticacheReplicationGroup => {
                (n.subnet.clone().unwrap_or_else(|| vpc_id.clone()), false)
            }
            K::InternetGateway | K::VpcEndpoint | K::LoadBalancer | K::FlowLog => {
                (vpc_id.clone(), true)
            }
            K::S3Bucket | K::IamRole | K::LogGroup => (REGION.to_string(), false),
            _ => continue,
        };
        let label = match n.kind {
            K::Instance => format!("EC2 {} ({})", short(n), str_prop(n, "instance_type")),
            K::RdsInstance => format!(
                "RDS {} {}{}",
                str_prop(n, "engine"),
                str_prop(n, "engine_version"),
                if n.properties.get("multi_az").and_then(Prop::as_bool) == Some(true) {
                    " Multi-AZ"
                } else {
                    ""
                }
            ),
            K::VpcEndpoint => format!(
                "endpoint {}",
                str_prop(n, "service_name").rsplit('.').next().unwrap_or("")
            ),
            _ => format!("{} {}", n.kind.label(), short(n)),
        };
        d.nodes.push(DiagramNode {
            id: n.logical.clone(),
            label,
            kind: DiagramNodeKind::Resource,
            parent: Some(parent),
            resource_kind: Some(n.kind),
            at_edge,
        });
    }
    security_edges(graph, &mut d);
    d
}

/// Resources that carry a security group, by group logical name.
fn members<'a>(graph: &'a ResourceGraph, group: &str) -> Vec<&'a ResourceNode> {
    graph
        .nodes
        .iter()
        .filter(|n| n.kind != K::VpcEndpoint)
        .filter(|n| {
            n.properties
                .get("security_groups")
                .is_some_and(|p| p.as_list().iter().any(|g| g.as_str() == Some(group)))
        })
        .collect()
}

fn security_edges(graph: &ResourceGraph, d: &mut Diagram) {
    let mut externals = BTreeSet::new();
    let mut edges = Vec::new();
    for g in graph.of_kind(K::SecurityGroup) {
        let targets = members(graph, &g.logical);
        for rule in g
            .properties
            .get("ingress")
            .map(Prop::as_list)
            .unwrap_or(&[])
        {
            let Prop::Map(r) = rule else { continue };
            let label = rule_label(r);
            if let Some(cidr) = r.get("cidr").and_then(Prop::as_str) {
                let ext = format!("cidr:{cidr}");
                externals.insert((ext.clone(), cidr.to_string()));
                for t in &targets {
                    edges.push((
                        ext.clone(),
                        t.logical.clone(),
                        format!("{label} from {cidr}"),
                    ));
                }
            } else if r.get("self").is_some() {
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
    for rule in graph.of_kind(K::SecurityGroupRule) {
        if str_prop(rule, "direction") != "ingress" {
            continue;
        }
        let from = members(graph, str_prop(rule, "peer_group"));
        let to = members(graph, str_prop(rule, "group"));
        let Prop::Map(_) = Prop::map(rule.properties.clone()) else {
            continue;
        };
        let label = rule_label(&rule.properties);
        let peer = str_prop(rule, "peer_group").trim_start_matches("security_group.");
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

fn rule_label(r: &std::collections::BTreeMap<String, Prop>) -> String {
    let proto = r.get("protocol").and_then(Prop::as_str).unwrap_or("tcp");
    let from = r.get("from_port").and_then(Prop::as_int).unwrap_or(-1);
    let to = r.get("to_port").and_then(Prop::as_int).unwrap_or(-1);
    match (proto, from, to) {
        ("-1", _, _) => "all".to_string(),
        (p, f, t) if f == t => format!("{p} {f}"),
        (p, f, t) => format!("{p} {f}-{t}"),
    }
}

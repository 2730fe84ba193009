#![allow(dead_code)]

use std::collections::BTreeMap;

use hangar_core::blueprint::{Overrides, load_builtin};
use hangar_core::graph::spec::{AmiSource, Direction, InlinePeer, InstanceSpec, UserData};
use hangar_core::graph::{NodeSpec, ResourceNode};
use hangar_core::plan::{Plan, plan};
use serde_json::Value;

pub fn plan_of(name: &str, sets: &[(&str, &str)]) -> Plan {
    let bp = load_builtin(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    let overrides: Overrides = sets.iter().copied().collect();
    plan(&bp, &overrides).unwrap_or_else(|e| panic!("{name} {sets:?}:\n{e}"))
}

pub fn counts(p: &Plan) -> BTreeMap<&'static str, usize> {
    let mut out = BTreeMap::new();
    for s in &p.steps {
        *out.entry(s.spec.kind().as_str()).or_insert(0) += 1;
    }
    out
}

pub fn node<'a>(p: &'a Plan, logical: &str) -> &'a ResourceNode {
    p.graph
        .get(logical)
        .unwrap_or_else(|| panic!("no node {logical}"))
}

/// One field of a node's spec as it crosses to the UI (`properties.<key>`).
pub fn field(n: &ResourceNode, key: &str) -> Value {
    let v = serde_json::to_value(&n.spec).expect("spec serialises");
    v["properties"][key].clone()
}

pub fn s(n: &ResourceNode, key: &str) -> String {
    match field(n, key) {
        Value::String(s) => s,
        other => panic!("{}: no string {key} ({other})", n.logical),
    }
}

pub fn i(n: &ResourceNode, key: &str) -> i64 {
    field(n, key)
        .as_i64()
        .unwrap_or_else(|| panic!("{}: no int {key}", n.logical))
}

pub fn b(n: &ResourceNode, key: &str) -> bool {
    field(n, key)
        .as_bool()
        .unwrap_or_else(|| panic!("{}: no bool {key}", n.logical))
}

pub fn strs(n: &ResourceNode, key: &str) -> Vec<String> {
    field(n, key)
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| p.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// An instance's user data script as the plan rendered it.
/// The SSM parameter an instance's image is read from.
#[allow(dead_code)]
pub fn ami_parameter(n: &ResourceNode) -> String {
    match &n.spec {
        NodeSpec::Instance(InstanceSpec {
            ami: AmiSource::Parameter(name),
            ..
        }) => name.clone(),
        _ => panic!("{}: no image parameter", n.logical),
    }
}

pub fn user_data(n: &ResourceNode) -> String {
    match &n.spec {
        NodeSpec::Instance(InstanceSpec {
            user_data: Some(UserData::Script(script)),
            ..
        }) => script.clone(),
        _ => panic!("{}: no user data script", n.logical),
    }
}

/// A security group's inline rules as (protocol, from, to, peer) where peer is the CIDR or
/// `self`; cross-group rules as `sg:<group>` from their own nodes.
pub fn ingress(p: &Plan, group: &str) -> Vec<(String, i64, i64, String)> {
    let g = node(p, &format!("security_group.{group}"));
    let NodeSpec::SecurityGroup(spec) = &g.spec else {
        panic!("{} is not a security group", g.logical);
    };
    let mut out: Vec<(String, i64, i64, String)> = spec
        .ingress
        .iter()
        .map(|r| {
            (
                r.protocol.clone(),
                i64::from(r.from_port),
                i64::from(r.to_port),
                match &r.peer {
                    InlinePeer::Cidr(c) => c.clone(),
                    InlinePeer::SelfGroup => "self".to_string(),
                },
            )
        })
        .collect();
    for n in &p.graph.nodes {
        let NodeSpec::SecurityGroupRule(r) = &n.spec else {
            continue;
        };
        if r.group != g.logical || r.direction != Direction::Ingress {
            continue;
        }
        out.push((
            r.protocol.clone(),
            i64::from(r.from_port),
            i64::from(r.to_port),
            format!("sg:{}", r.peer_group.trim_start_matches("security_group.")),
        ));
    }
    out
}

pub fn rule(proto: &str, from: i64, to: i64, peer: &str) -> (String, i64, i64, String) {
    (proto.to_string(), from, to, peer.to_string())
}

/// The docker-compose.yml embedded (base64) in a rendered user-data script.
pub fn compose_of(user_data: &str) -> String {
    use base64::Engine;
    let line = user_data
        .lines()
        .find(|l| l.starts_with("put_file ") && l.contains("docker-compose.yml"))
        .unwrap_or_else(|| panic!("no compose file in user data:\n{user_data}"));
    let b64 = line
        .split('\'')
        .nth(3)
        .unwrap_or_else(|| panic!("no base64 in {line}"));
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap_or_else(|e| panic!("bad base64: {e}"));
    String::from_utf8(bytes).unwrap_or_else(|e| panic!("not utf-8: {e}"))
}

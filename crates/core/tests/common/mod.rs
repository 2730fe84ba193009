#![allow(dead_code)]

use std::collections::BTreeMap;

use hangar_core::blueprint::{Overrides, load_builtin};
use hangar_core::graph::{Prop, ResourceNode};
use hangar_core::plan::{Plan, plan};

pub fn plan_of(name: &str, sets: &[(&str, &str)]) -> Plan {
    let bp = load_builtin(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    let overrides: Overrides = sets.iter().copied().collect();
    plan(&bp, &overrides).unwrap_or_else(|e| panic!("{name} {sets:?}:\n{e}"))
}

pub fn counts(p: &Plan) -> BTreeMap<&'static str, usize> {
    let mut out = BTreeMap::new();
    for s in &p.steps {
        *out.entry(s.kind.as_str()).or_insert(0) += 1;
    }
    out
}

pub fn node<'a>(p: &'a Plan, logical: &str) -> &'a ResourceNode {
    p.graph
        .get(logical)
        .unwrap_or_else(|| panic!("no node {logical}"))
}

pub fn s<'a>(n: &'a ResourceNode, key: &str) -> &'a str {
    n.properties
        .get(key)
        .and_then(Prop::as_str)
        .unwrap_or_else(|| panic!("{}: no string {key}", n.logical))
}

pub fn i(n: &ResourceNode, key: &str) -> i64 {
    n.properties
        .get(key)
        .and_then(Prop::as_int)
        .unwrap_or_else(|| panic!("{}: no int {key}", n.logical))
}

pub fn b(n: &ResourceNode, key: &str) -> bool {
    n.properties
        .get(key)
        .and_then(Prop::as_bool)
        .unwrap_or_else(|| panic!("{}: no bool {key}", n.logical))
}

pub fn strs(n: &ResourceNode, key: &str) -> Vec<String> {
    n.properties
        .get(key)
        .map(Prop::as_list)
        .unwrap_or(&[])
        .iter()
        .filter_map(|p| p.as_str().map(String::from))
        .collect()
}

/// A security group's inline rules as (protocol, from, to, peer) where peer is the CIDR or
/// `self`; cross-group rules as `sg:<group>` from their own nodes.
pub fn ingress(p: &Plan, group: &str) -> Vec<(String, i64, i64, String)> {
    let g = node(p, &format!("security_group.{group}"));
    let mut out: Vec<(String, i64, i64, String)> = g
        .properties
        .get("ingress")
        .map(Prop::as_list)
        .unwrap_or(&[])
        .iter()
        .filter_map(|r| match r {
            Prop::Map(m) => Some((
                m["protocol"].as_str().unwrap_or("").to_string(),
                m["from_port"].as_int().unwrap_or(0),
                m["to_port"].as_int().unwrap_or(0),
                m.get("cidr")
                    .and_then(Prop::as_str)
                    .map(String::from)
                    .unwrap_or_else(|| "self".to_string()),
            )),
            _ => None,
        })
        .collect();
    for r in p.graph.nodes.iter().filter(|n| {
        n.kind == hangar_core::ResourceKind::SecurityGroupRule
            && s(n, "group") == g.logical
            && s(n, "direction") == "ingress"
    }) {
        out.push((
            s(r, "protocol").to_string(),
            i(r, "from_port"),
            i(r, "to_port"),
            format!(
                "sg:{}",
                s(r, "peer_group").trim_start_matches("security_group.")
            ),
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
        .find(|l| l.contains("base64 -d") && l.contains("docker-compose.yml"))
        .unwrap_or_else(|| panic!("no compose file in user data:\n{user_data}"));
    let b64 = line
        .split('\'')
        .nth(1)
        .unwrap_or_else(|| panic!("no base64 in {line}"));
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap_or_else(|e| panic!("bad base64: {e}"));
    String::from_utf8(bytes).unwrap_or_else(|e| panic!("not utf-8: {e}"))
}

//! Guardrails: settings in a plan that are legal but risky, said before anything is created.
//! They are read from the graph's typed specs (what will actually reach AWS), and each names
//! the node and the blueprint path to change. A warning never stops a plan.
//!
//! There is no "default database password" warning: the blueprint schema has no password field;
//! RDS generates and keeps the master password (`manage_master_user_password`).

use ipnet::IpNet;
use serde::{Deserialize, Serialize};

use crate::blueprint::schema::Spec;
use crate::graph::spec::{HttpTokens, InlinePeer, InlineRule};
use crate::graph::{NodeSpec, ResourceGraph, ResourceNode, Stage, inline_rules, sg};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum PlanWarningKind {
    /// An ingress rule lets the whole internet reach an admin or database port.
    OpenAdminPort,
    /// IMDSv1 stays on: an SSRF in the app can read the instance's credentials.
    ImdsV1Allowed,
    EbsUnencrypted,
    RdsUnencrypted,
    RdsPublic,
    S3PublicAccessBlockOff,
    /// A role gets an AWS managed policy outside the short known-safe list, or one that
    /// grants administration (`*Admin*`, `*FullAccess*`).
    BroadIamPolicy,
}

impl PlanWarningKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Whether creating what carries this warning needs the person's explicit yes, given
    /// outside the web view (`--accept-risk`, or a native dialog). In prod every warning does;
    /// a broad IAM policy does anywhere, because it can hand the account to whoever runs code
    /// on the instance.
    pub fn needs_consent(self, stage: Stage) -> bool {
        match (self, stage) {
            (Self::BroadIamPolicy, _) => true,
            (
                Self::OpenAdminPort
                | Self::ImdsV1Allowed
                | Self::EbsUnencrypted
                | Self::RdsUnencrypted
                | Self::RdsPublic
                | Self::S3PublicAccessBlockOff,
                Stage::Prod,
            ) => true,
            (
                Self::OpenAdminPort
                | Self::ImdsV1Allowed
                | Self::EbsUnencrypted
                | Self::RdsUnencrypted
                | Self::RdsPublic
                | Self::S3PublicAccessBlockOff,
                Stage::NonProd,
            ) => false,
        }
    }
}

/// AWS managed policies a role may carry without asking: what the SSM agent and the
/// CloudWatch agent need, and nothing that writes beyond them. ECS's task execution policy
/// is of that kind: it lets ECS itself (not the code in the container, which gets the task
/// role) read images from ECR and write the task's log streams, and nothing else.
pub const SAFE_MANAGED_POLICIES: [&str; 3] = [
    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
    "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
];

/// The warnings of `warnings` that need consent before a create in `stage`.
pub fn needing_consent(warnings: &[PlanWarning], stage: Stage) -> Vec<PlanWarning> {
    warnings
        .iter()
        .filter(|w| w.kind.needs_consent(stage))
        .cloned()
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PlanWarning {
    pub kind: PlanWarningKind,
    /// The node it is about (`security_group.app`).
    pub logical: String,
    /// Where in the blueprint to change it (`security_groups[0].ingress[1]`).
    pub path: String,
    pub message: String,
    /// Whether creating it needs the person's explicit yes in this plan's stage
    /// ([`PlanWarningKind::needs_consent`]).
    pub needs_consent: bool,
}

/// Ports that should never face the whole internet, with what usually listens there, in order.
pub const ADMIN_PORTS: [(i32, &str); 7] = [
    (22, "SSH"),
    (3306, "MySQL"),
    (3389, "RDP"),
    (5432, "PostgreSQL"),
    (5433, "PostgreSQL"),
    (6379, "Redis"),
    (27017, "MongoDB"),
];

/// Every warning for the graph, in graph order. `spec` only supplies the blueprint index of
/// each inline rule (the graph keeps the rules, not where they were written).
pub fn warnings(spec: &Spec, graph: &ResourceGraph, stage: Stage) -> Vec<PlanWarning> {
    let mut out = Vec::new();
    for node in &graph.nodes {
        node_warnings(spec, node, stage, &mut out);
    }
    out
}

fn node_warnings(spec: &Spec, node: &ResourceNode, stage: Stage, out: &mut Vec<PlanWarning>) {
    let mut warn = |kind: PlanWarningKind, path: String, message: String| {
        out.push(PlanWarning {
            kind,
            logical: node.logical.clone(),
            path,
            message,
            needs_consent: kind.needs_consent(stage),
        });
    };
    let src = &node.source;
    match &node.spec {
        NodeSpec::SecurityGroup(s) => {
            let paths = ingress_paths(spec, node);
            for (k, rule) in s.ingress.iter().enumerate() {
                let Some(message) = open_admin_port(rule) else {
                    continue;
                };
                let path = paths
                    .get(k)
                    .cloned()
                    .unwrap_or_else(|| format!("{src}.ingress"));
                warn(PlanWarningKind::OpenAdminPort, path, message);
            }
        }
        NodeSpec::Instance(s) => {
            match s.http_tokens {
                HttpTokens::Required => {}
                HttpTokens::Optional => warn(
                    PlanWarningKind::ImdsV1Allowed,
                    format!("{src}.imdsv2"),
                    format!(
                        "{} allows IMDSv1 (http_tokens optional): a request forgery in the app can read the instance's credentials; set imdsv2 = true",
                        node.logical
                    ),
                ),
            }
            if !s.root_volume.encrypted {
                warn(
                    PlanWarningKind::EbsUnencrypted,
                    format!("{src}.root_volume.encrypted"),
                    format!("{}'s root volume is not encrypted", node.logical),
                );
            }
        }
        NodeSpec::RdsInstance(s) => {
            if !s.storage_encrypted {
                warn(
                    PlanWarningKind::RdsUnencrypted,
                    format!("{src}.storage_encrypted"),
                    format!(
                        "database '{}' stores its data unencrypted, and that cannot be changed after creation",
                        s.db_instance_identifier
                    ),
                );
            }
            if s.publicly_accessible {
                warn(
                    PlanWarningKind::RdsPublic,
                    format!("{src}.publicly_accessible"),
                    format!(
                        "database '{}' is publicly accessible: it gets a public address",
                        s.db_instance_identifier
                    ),
                );
            }
        }
        NodeSpec::IamRole(s) => {
            for (j, arn) in s.managed_policies.iter().enumerate() {
                if let Some(why) = broad_policy(arn) {
                    warn(
                        PlanWarningKind::BroadIamPolicy,
                        format!("{src}.managed_policies[{j}]"),
                        format!("role {} gets {arn}: {why}", node.logical),
                    );
                }
            }
        }
        NodeSpec::S3Bucket(s) => {
            if !s.block_public_access {
                warn(
                    PlanWarningKind::S3PublicAccessBlockOff,
                    format!("{src}.block_public_access"),
                    format!(
                        "bucket '{}' has no public access block: a policy or ACL can make its objects public",
                        s.bucket_name
                    ),
                );
            }
        }
        // Nothing here carries a guarded setting. Rules naming another group (a
        // SecurityGroupRule) never open a port to an address range.
        NodeSpec::Vpc(_)
        | NodeSpec::Subnet(_)
        | NodeSpec::InternetGateway(_)
        | NodeSpec::RouteTable(_)
        | NodeSpec::Route(_)
        | NodeSpec::RouteTableAssociation(_)
        | NodeSpec::Eip(_)
        | NodeSpec::NatGateway(_)
        | NodeSpec::SecurityGroupRule(_)
        | NodeSpec::InstanceProfile(_)
        | NodeSpec::DbSubnetGroup(_)
        | NodeSpec::DbParameterGroup(_)
        | NodeSpec::CacheSubnetGroup(_)
        | NodeSpec::ElasticacheReplicationGroup(_)
        | NodeSpec::LoadBalancer(_)
        | NodeSpec::TargetGroup(_)
        | NodeSpec::Listener(_)
        | NodeSpec::VpcEndpoint(_)
        | NodeSpec::LogGroup(_)
        | NodeSpec::FlowLog(_)
        | NodeSpec::SsmParameter(_)
        | NodeSpec::EcsCluster(_)
        | NodeSpec::EcsTaskDefinition(_)
        | NodeSpec::EcsService(_) => {}
    }
}

/// Why a managed policy is risky, or None for one of the known-safe ones.
fn broad_policy(arn: &str) -> Option<&'static str> {
    if SAFE_MANAGED_POLICIES.contains(&arn) {
        return None;
    }
    let name = arn.rsplit('/').next().unwrap_or(arn);
    if name.contains("Admin") || name.contains("FullAccess") {
        Some("it grants administration; code on the instance could take over the account")
    } else {
        Some("it is not on Hangar's known-safe list; read what it allows before granting it")
    }
}

/// The blueprint path of each inline ingress rule of a group node, in the node's order.
fn ingress_paths(spec: &Spec, node: &ResourceNode) -> Vec<String> {
    spec.security_groups
        .iter()
        .enumerate()
        .find(|(_, g)| g.enabled && sg(&g.name) == node.logical)
        .map(|(gi, g)| {
            inline_rules(&g.ingress)
                .into_iter()
                .map(|(ri, _)| format!("security_groups[{gi}].ingress[{ri}]"))
                .collect()
        })
        .unwrap_or_default()
}

/// The warning's sentence when the rule opens an admin port to every address.
fn open_admin_port(rule: &InlineRule) -> Option<String> {
    let cidr = match &rule.peer {
        InlinePeer::Cidr(c) => c,
        InlinePeer::SelfGroup => return None,
    };
    // Any spelling of "everything" (`0.0.0.0/0`, `::/0`, `0::0/0`) is a zero-length prefix.
    if !cidr.parse::<IpNet>().is_ok_and(|n| n.prefix_len() == 0) {
        return None;
    }
    let ports: Vec<String> = ADMIN_PORTS
        .iter()
        .filter(|(p, _)| covers(rule, *p))
        .map(|(p, name)| format!("{p} ({name})"))
        .collect();
    if ports.is_empty() {
        return None;
    }
    let noun = if ports.len() == 1 { "port" } else { "ports" };
    Some(format!(
        "ingress from {cidr} reaches {noun} {}: limit it to the addresses that need it",
        ports.join(", ")
    ))
}

/// Whether the rule lets TCP traffic reach `port`. `-1` is every protocol and port; UDP and
/// ICMP do not reach these TCP services.
fn covers(rule: &InlineRule, port: i32) -> bool {
    match rule.protocol.as_str() {
        "-1" => true,
        "tcp" => rule.from_port <= port && port <= rule.to_port,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(protocol: &str, from: i32, to: i32, cidr: &str) -> InlineRule {
        InlineRule {
            protocol: protocol.into(),
            from_port: from,
            to_port: to,
            description: String::new(),
            peer: InlinePeer::Cidr(cidr.into()),
        }
    }

    #[test]
    fn admin_ports_open_to_everyone_are_named() {
        for (port, _) in ADMIN_PORTS {
            for cidr in ["0.0.0.0/0", "::/0"] {
                let m = open_admin_port(&rule("tcp", port, port, cidr));
                assert!(
                    m.is_some_and(|m| m.contains(&port.to_string())),
                    "{port} {cidr}"
                );
            }
        }
    }

    #[test]
    fn a_range_or_all_traffic_names_every_port_it_covers() {
        let m = open_admin_port(&rule("tcp", 3000, 6000, "0.0.0.0/0")).expect("warns");
        assert_eq!(
            m,
            "ingress from 0.0.0.0/0 reaches ports 3306 (MySQL), 3389 (RDP), 5432 (PostgreSQL), 5433 (PostgreSQL): limit it to the addresses that need it"
        );
        let all = open_admin_port(&rule("-1", -1, -1, "::/0")).expect("warns");
        assert!(
            all.contains("22 (SSH)") && all.contains("27017 (MongoDB)"),
            "{all}"
        );
    }

    #[test]
    fn narrow_sources_other_ports_and_udp_are_quiet() {
        assert_eq!(
            open_admin_port(&rule("tcp", 22, 22, "203.0.113.0/24")),
            None
        );
        assert_eq!(open_admin_port(&rule("tcp", 443, 443, "0.0.0.0/0")), None);
        assert_eq!(open_admin_port(&rule("tcp", 23, 3305, "0.0.0.0/0")), None);
        assert_eq!(open_admin_port(&rule("udp", 22, 22, "0.0.0.0/0")), None);
        let mut own = rule("tcp", 22, 22, "0.0.0.0/0");
        own.peer = InlinePeer::SelfGroup;
        assert_eq!(open_admin_port(&own), None);
    }

    #[test]
    fn kinds_are_snake_case_on_the_wire() {
        assert_eq!(PlanWarningKind::ImdsV1Allowed.as_str(), "imds_v1_allowed");
        assert_eq!(
            serde_json::to_value(PlanWarningKind::S3PublicAccessBlockOff).ok(),
            Some(serde_json::json!("s3_public_access_block_off"))
        );
    }
}

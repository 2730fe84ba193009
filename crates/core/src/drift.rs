//! Drift of settings: what AWS says a resource is now, held against what its plan made it.
//! A refresh reads each resource (the resource layer fills an [`Observation`]); this says,
//! setting by setting, what changed behind Hangar's back and whether a repair can put the
//! blueprint's value back in place or only by making the resource again.
//!
//! Rules that name another security group are separate nodes whose peer is an AWS id; only
//! the address-range rules a group carries inline are compared here.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::graph::spec::{InlinePeer, NodeSpec};

/// One setting that differs, as a person reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SettingDrift {
    pub setting: Setting,
    /// The blueprint's value (`absent` for a rule or tag that should not be there).
    pub want: String,
    /// What AWS holds (`absent` for a rule or tag that is gone).
    pub have: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Setting {
    InstanceType,
    InstanceState,
    DbInstanceClass,
    MultiAz,
    SubnetCidr,
    IngressRule,
    Tag,
}

/// Whether a repair can put the value back without making the resource again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repair {
    InPlace,
    /// Why not, for the person.
    NotInPlace(&'static str),
}

impl Setting {
    pub fn label(self) -> &'static str {
        match self {
            Self::InstanceType => "instance type",
            Self::InstanceState => "instance state",
            Self::DbInstanceClass => "database class",
            Self::MultiAz => "Multi-AZ",
            Self::SubnetCidr => "subnet CIDR",
            Self::IngressRule => "ingress rule",
            Self::Tag => "tag",
        }
    }

    pub fn repair(self) -> Repair {
        match self {
            Self::InstanceState
            | Self::DbInstanceClass
            | Self::MultiAz
            | Self::IngressRule
            | Self::Tag => Repair::InPlace,
            Self::InstanceType => Repair::NotInPlace(
                "EC2 changes an instance's type only while it is stopped: pause, change it, wake",
            ),
            Self::SubnetCidr => {
                Repair::NotInPlace("a subnet's CIDR cannot change: tear down and make it again")
            }
        }
    }
}

impl std::fmt::Display for SettingDrift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: want {}, have {}",
            self.setting.label(),
            self.want,
            self.have
        )
    }
}

/// An ingress rule to an address range, as AWS lists it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CidrRule {
    /// `tcp`, `udp`, `icmp` or `-1`.
    pub protocol: String,
    pub from_port: i32,
    pub to_port: i32,
    pub cidr: String,
}

impl std::fmt::Display for CidrRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ports = if self.from_port == self.to_port {
            self.from_port.to_string()
        } else {
            format!("{}-{}", self.from_port, self.to_port)
        };
        write!(f, "{} {ports} from {}", self.protocol, self.cidr)
    }
}

/// What AWS says of one resource's compared settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Observed {
    Instance {
        instance_type: String,
        /// `running`, `stopped`, …
        state: String,
    },
    RdsInstance {
        class: String,
        multi_az: bool,
    },
    Subnet {
        cidr: String,
    },
    SecurityGroup {
        ingress: Vec<CidrRule>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    pub settings: Observed,
    pub tags: BTreeMap<String, String>,
}

const ABSENT: &str = "absent";

/// What differs between the plan's `spec` and what AWS holds. `expected_tags` are the tags
/// Hangar put on it; tags others added are theirs and not drift. `paused`: its instances are
/// meant to be stopped.
pub fn compare(
    spec: &NodeSpec,
    seen: &Observation,
    expected_tags: &[(String, String)],
    paused: bool,
) -> Vec<SettingDrift> {
    let mut drift = settings(spec, &seen.settings, paused);
    for (key, want) in expected_tags {
        match seen.tags.get(key) {
            Some(have) if have == want => {}
            have => drift.push(SettingDrift {
                setting: Setting::Tag,
                want: format!("{key}={want}"),
                have: have.map_or_else(|| ABSENT.to_string(), |v| format!("{key}={v}")),
            }),
        }
    }
    drift
}

fn differ(setting: Setting, want: &str, have: &str) -> Option<SettingDrift> {
    (want != have).then(|| SettingDrift {
        setting,
        want: want.to_string(),
        have: have.to_string(),
    })
}

/// `seen` is read for `spec`'s kind by the resource layer; a mismatch is its bug, and
/// compares as nothing changed.
fn settings(spec: &NodeSpec, seen: &Observed, paused: bool) -> Vec<SettingDrift> {
    let found: Vec<Option<SettingDrift>> = match seen {
        Observed::Instance {
            instance_type,
            state,
        } => {
            let NodeSpec::Instance(spec) = spec else {
                return Vec::new();
            };
            let want_state = if paused { "stopped" } else { "running" };
            // Only a settled state is drift: pending or stopping is AWS on its way somewhere.
            let settled = matches!(state.as_str(), "running" | "stopped");
            vec![
                differ(Setting::InstanceType, &spec.instance_type, instance_type),
                settled
                    .then(|| differ(Setting::InstanceState, want_state, state))
                    .flatten(),
            ]
        }
        Observed::RdsInstance { class, multi_az } => {
            let NodeSpec::RdsInstance(spec) = spec else {
                return Vec::new();
            };
            vec![
                differ(Setting::DbInstanceClass, &spec.db_instance_class, class),
                differ(
                    Setting::MultiAz,
                    &spec.multi_az.to_string(),
                    &multi_az.to_string(),
                ),
            ]
        }
        Observed::Subnet { cidr } => {
            let NodeSpec::Subnet(spec) = spec else {
                return Vec::new();
            };
            vec![differ(Setting::SubnetCidr, &spec.cidr_block, cidr)]
        }
        Observed::SecurityGroup { ingress } => {
            let NodeSpec::SecurityGroup(spec) = spec else {
                return Vec::new();
            };
            let want = wanted_cidr_rules(spec);
            let missing = want
                .iter()
                .filter(|r| !ingress.contains(r))
                .map(|r| SettingDrift {
                    setting: Setting::IngressRule,
                    want: r.to_string(),
                    have: ABSENT.to_string(),
                });
            let extra = ingress
                .iter()
                .filter(|r| !want.contains(r))
                .map(|r| SettingDrift {
                    setting: Setting::IngressRule,
                    want: ABSENT.to_string(),
                    have: r.to_string(),
                });
            missing.chain(extra).map(Some).collect()
        }
    };
    found.into_iter().flatten().collect()
}

/// The inline ingress rules to address ranges a group's plan asks for.
pub fn wanted_cidr_rules(spec: &crate::graph::spec::SecurityGroupSpec) -> Vec<CidrRule> {
    spec.ingress
        .iter()
        .filter_map(|rule| match &rule.peer {
            InlinePeer::Cidr(cidr) => Some(CidrRule {
                protocol: rule.protocol.clone(),
                from_port: rule.from_port,
                to_port: rule.to_port,
                cidr: cidr.clone(),
            }),
            InlinePeer::SelfGroup => None,
        })
        .collect()
}

/// Reads back a rule from its [`CidrRule`] display (`tcp 80-90 from 0.0.0.0/0`): what a
/// repair sends is what the drift names.
pub fn parse_cidr_rule(text: &str) -> Option<CidrRule> {
    let (head, cidr) = text.split_once(" from ")?;
    let (protocol, ports) = head.split_once(' ')?;
    let (from, to) = ports.split_once('-').unwrap_or((ports, ports));
    Some(CidrRule {
        protocol: protocol.to_string(),
        from_port: from.parse().ok()?,
        to_port: to.parse().ok()?,
        cidr: cidr.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::spec::{InlineRule, SecurityGroupSpec};

    fn group(rules: &[(&str, i32, &str)]) -> NodeSpec {
        NodeSpec::SecurityGroup(SecurityGroupSpec {
            group_name: "web".into(),
            description: "web".into(),
            vpc: Some("vpc.main".into()),
            ingress: rules
                .iter()
                .map(|(protocol, port, cidr)| InlineRule {
                    protocol: (*protocol).into(),
                    from_port: *port,
                    to_port: *port,
                    description: String::new(),
                    peer: InlinePeer::Cidr((*cidr).into()),
                })
                .chain(std::iter::once(InlineRule {
                    protocol: "-1".into(),
                    from_port: -1,
                    to_port: -1,
                    description: "members".into(),
                    peer: InlinePeer::SelfGroup,
                }))
                .collect(),
            egress: Vec::new(),
        })
    }

    fn subnet(cidr: &str) -> NodeSpec {
        NodeSpec::Subnet(crate::graph::spec::SubnetSpec {
            vpc: "vpc.main".into(),
            cidr_block: cidr.into(),
            availability_zone: "us-east-1a".into(),
            tier: "public".into(),
            map_public_ip_on_launch: true,
            name: None,
        })
    }

    fn rule(protocol: &str, port: i32, cidr: &str) -> CidrRule {
        CidrRule {
            protocol: protocol.into(),
            from_port: port,
            to_port: port,
            cidr: cidr.into(),
        }
    }

    fn seen(settings: Observed, tags: &[(&str, &str)]) -> Observation {
        Observation {
            settings,
            tags: tags
                .iter()
                .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
                .collect(),
        }
    }

    #[test]
    fn a_rule_gone_and_a_rule_added_are_both_named() {
        let spec = group(&[("tcp", 443, "0.0.0.0/0"), ("tcp", 80, "0.0.0.0/0")]);
        let now = seen(
            Observed::SecurityGroup {
                ingress: vec![rule("tcp", 443, "0.0.0.0/0"), rule("tcp", 22, "0.0.0.0/0")],
            },
            &[],
        );
        let drift = compare(&spec, &now, &[], false);
        let said: Vec<String> = drift.iter().map(ToString::to_string).collect();
        assert_eq!(
            said,
            [
                "ingress rule: want tcp 80 from 0.0.0.0/0, have absent",
                "ingress rule: want absent, have tcp 22 from 0.0.0.0/0",
            ]
        );
        assert!(drift.iter().all(|d| d.setting.repair() == Repair::InPlace));
    }

    #[test]
    fn a_rule_reads_back_from_what_the_drift_says() {
        for r in [
            rule("tcp", 22, "10.0.0.0/16"),
            CidrRule {
                to_port: 90,
                ..rule("udp", 80, "0.0.0.0/0")
            },
        ] {
            assert_eq!(parse_cidr_rule(&r.to_string()), Some(r));
        }
    }

    #[test]
    fn tags_hangar_set_are_compared_and_others_are_left_alone() {
        let spec = subnet("10.0.1.0/24");
        let now = seen(
            Observed::Subnet {
                cidr: "10.0.1.0/24".into(),
            },
            &[("Name", "renamed"), ("team", "web")],
        );
        let want = [
            ("Name".to_string(), "dev-public".to_string()),
            ("hangar:env".to_string(), "dev".to_string()),
        ];
        let said: Vec<String> = compare(&spec, &now, &want, false)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            said,
            [
                "tag: want Name=dev-public, have Name=renamed",
                "tag: want hangar:env=dev, have absent",
            ]
        );
    }

    #[test]
    fn a_subnet_with_another_cidr_is_named_and_not_repaired_in_place() {
        let spec = subnet("10.0.1.0/24");
        let now = seen(
            Observed::Subnet {
                cidr: "10.0.9.0/24".into(),
            },
            &[],
        );
        let drift = compare(&spec, &now, &[], false);
        assert_eq!(drift.len(), 1);
        assert_eq!(
            drift[0].to_string(),
            "subnet CIDR: want 10.0.1.0/24, have 10.0.9.0/24"
        );
        assert!(matches!(drift[0].setting.repair(), Repair::NotInPlace(_)));
    }

    #[test]
    fn a_stopped_instance_is_drift_only_when_it_is_not_paused() {
        let blueprint = crate::load_builtin("docker-host").expect("built-in");
        let plan = crate::plan(&blueprint, &crate::Overrides::default()).expect("plans");
        let spec = plan
            .graph
            .nodes
            .into_iter()
            .find_map(|n| matches!(n.spec, NodeSpec::Instance(_)).then_some(n.spec))
            .expect("docker-host has an instance");
        let stopped = seen(
            Observed::Instance {
                instance_type: "t3.large".into(),
                state: "stopped".into(),
            },
            &[],
        );
        let running_want: Vec<Setting> = compare(&spec, &stopped, &[], false)
            .iter()
            .map(|d| d.setting)
            .collect();
        assert_eq!(
            running_want,
            [Setting::InstanceType, Setting::InstanceState]
        );
        let paused: Vec<Setting> = compare(&spec, &stopped, &[], true)
            .iter()
            .map(|d| d.setting)
            .collect();
        assert_eq!(paused, [Setting::InstanceType]);
        assert!(matches!(
            Setting::InstanceType.repair(),
            Repair::NotInPlace(_)
        ));
    }
}

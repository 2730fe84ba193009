//! The account quotas a blueprint spends, and whether what is left covers it. The engine asks
//! AWS for the limits (Service Quotas) and the usage (DescribeVpcs, DescribeAddresses,
//! DescribeNatGateways); core only counts and compares, so a shortfall is said before the first
//! create instead of as a half-made environment.

use std::collections::{BTreeMap, BTreeSet};

use crate::graph::{NodeSpec, ResourceGraph};

/// The quotas a Hangar plan can run into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, strum::VariantArray)]
pub enum Quota {
    /// VPCs per Region (the default VPC counts).
    Vpcs,
    /// EC2-VPC Elastic IPs per Region.
    ElasticIps,
    /// NAT gateways per Availability Zone.
    NatGatewaysPerZone,
}

impl Quota {
    pub fn all() -> &'static [Quota] {
        <Self as strum::VariantArray>::VARIANTS
    }

    /// Service Quotas' service code and quota code.
    pub fn codes(self) -> (&'static str, &'static str) {
        match self {
            Self::Vpcs => ("vpc", "L-F678F1CE"),
            Self::ElasticIps => ("ec2", "L-0263D0A3"),
            Self::NatGatewaysPerZone => ("vpc", "L-FE5A380F"),
        }
    }

    /// AWS's documented default, used when the quota cannot be read.
    pub fn default_limit(self) -> u32 {
        match self {
            Self::Vpcs | Self::ElasticIps | Self::NatGatewaysPerZone => 5,
        }
    }

    pub fn label(self, n: u32) -> &'static str {
        match (self, n) {
            (Self::Vpcs, 1) => "VPC",
            (Self::Vpcs, _) => "VPCs",
            (Self::ElasticIps, 1) => "Elastic IP",
            (Self::ElasticIps, _) => "Elastic IPs",
            (Self::NatGatewaysPerZone, 1) => "NAT gateway",
            (Self::NatGatewaysPerZone, _) => "NAT gateways",
        }
    }

    pub fn per_zone(self) -> bool {
        match self {
            Self::Vpcs | Self::ElasticIps => false,
            Self::NatGatewaysPerZone => true,
        }
    }
}

/// What a plan still has to make, per quota and (for per-zone quotas) zone. `made` holds the
/// logical names the environment already owns in AWS (a resume): they spend nothing new.
pub fn needs(
    graph: &ResourceGraph,
    made: &BTreeSet<String>,
) -> BTreeMap<(Quota, Option<String>), u32> {
    let mut out = BTreeMap::new();
    for node in graph.creation_order() {
        if made.contains(&node.logical) {
            continue;
        }
        let key = match &node.spec {
            NodeSpec::Vpc(_) => (Quota::Vpcs, None),
            NodeSpec::Eip(_) => (Quota::ElasticIps, None),
            NodeSpec::NatGateway(_) => (Quota::NatGatewaysPerZone, node.az.clone()),
            _ => continue,
        };
        *out.entry(key).or_insert(0) += 1;
    }
    out
}

/// One quota's limit and what the account already spends on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headroom {
    pub limit: u32,
    pub in_use: u32,
}

/// Each need the headroom does not cover, as the sentence the person reads.
pub fn shortfalls(
    needs: &BTreeMap<(Quota, Option<String>), u32>,
    headroom: &BTreeMap<(Quota, Option<String>), Headroom>,
    region: &str,
) -> Vec<String> {
    let mut out = Vec::new();
    for ((quota, zone), need) in needs {
        let key = (*quota, zone.clone());
        let room = headroom.get(&key).cloned().unwrap_or(Headroom {
            limit: quota.default_limit(),
            in_use: 0,
        });
        if room.in_use.saturating_add(*need) <= room.limit {
            continue;
        }
        let place = match zone {
            Some(z) => z.as_str(),
            None => region,
        };
        out.push(format!(
            "this blueprint needs {need} {}; {} of {} are in use in {place} (quota {})",
            quota.label(*need),
            room.in_use,
            room.limit,
            quota.codes().1,
        ));
    }
    out
}

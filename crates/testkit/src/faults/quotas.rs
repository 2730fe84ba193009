//! AWS's account quotas, which moto does not keep: past the limit, AllocateAddress answers
//! `AddressLimitExceeded`, CreateVpc `VpcLimitExceeded` and CreateNatGateway
//! `NatGatewayLimitExceeded` (HTTP 400, EC2's error XML), as AWS does. The proxy counts what
//! exists from the answers it forwarded (creates in, deletes out), so only what was made
//! through it counts, plus the region's default VPC that moto, like AWS, starts with.

use std::collections::{HashMap, HashSet};

use super::errors::{self, Reply};
use super::request::Request;
use super::{FaultStats, bump};

/// The limits to enforce. `vpcs` counts the default VPC, as AWS's quota does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaLimits {
    pub vpcs: u32,
    pub elastic_ips: u32,
    pub nat_gateways_per_zone: u32,
}

#[derive(Debug, Default)]
pub(super) struct QuotaBook {
    vpcs: HashSet<String>,
    addresses: HashSet<String>,
    nats: HashMap<String, String>,
    subnet_zones: HashMap<String, String>,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl QuotaBook {
    pub(super) fn before(
        &self,
        limits: &QuotaLimits,
        req: &Request,
        stats: &FaultStats,
    ) -> Option<Reply> {
        let refusal = match req.action.as_str() {
            // The region's default VPC is the 1.
            "CreateVpc" if 1 + count(self.vpcs.len()) >= limits.vpcs => Some((
                "VpcLimitExceeded",
                "The maximum number of VPCs has been reached.".to_string(),
            )),
            "AllocateAddress" if count(self.addresses.len()) >= limits.elastic_ips => Some((
                "AddressLimitExceeded",
                "The maximum number of addresses has been reached.".to_string(),
            )),
            "CreateNatGateway" => {
                let zone = req
                    .param("SubnetId")
                    .and_then(|s| self.subnet_zones.get(s))?;
                let in_zone = self.nats.values().filter(|z| *z == zone).count();
                (count(in_zone) >= limits.nat_gateways_per_zone).then(|| {
                    (
                        "NatGatewayLimitExceeded",
                        format!("The maximum number of NAT gateways in {zone} has been reached."),
                    )
                })
            }
            _ => None,
        };
        let (code, message) = refusal?;
        bump(&stats.quota_refusals);
        Some(errors::ec2(400, code, &message))
    }

    pub(super) fn after(&mut self, req: &Request, body: &str) {
        match req.action.as_str() {
            "CreateVpc" => self.vpcs.extend(tag(body, "vpcId")),
            "DeleteVpc" => {
                if let Some(id) = req.param("VpcId") {
                    self.vpcs.remove(id);
                }
            }
            "AllocateAddress" => self.addresses.extend(tag(body, "allocationId")),
            "ReleaseAddress" => {
                if let Some(id) = req.param("AllocationId") {
                    self.addresses.remove(id);
                }
            }
            "CreateSubnet" => {
                if let (Some(id), Some(zone)) =
                    (tag(body, "subnetId"), tag(body, "availabilityZone"))
                {
                    self.subnet_zones.insert(id, zone);
                }
            }
            "CreateNatGateway" => {
                let zone = req
                    .param("SubnetId")
                    .and_then(|s| self.subnet_zones.get(s))
                    .cloned();
                if let (Some(id), Some(zone)) = (tag(body, "natGatewayId"), zone) {
                    self.nats.insert(id, zone);
                }
            }
            "DeleteNatGateway" => {
                if let Some(id) = req.param("NatGatewayId") {
                    self.nats.remove(id);
                }
            }
            _ => {}
        }
    }
}

/// The first `<name>value</name>` of an EC2 answer.
fn tag(body: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let start = body.find(&open)? + open.len();
    let len = body[start..].find('<')?;
    Some(body[start..start + len].to_string())
}

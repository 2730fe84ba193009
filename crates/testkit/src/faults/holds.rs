//! AWS refuses to delete a subnet that still has a network interface in it, or a security group
//! an interface still uses (`DependencyViolation`); moto deletes either. The proxy keeps the rule
//! for the interfaces it saw created (CreateNetworkInterface) and not yet deleted, which is how a
//! test stands in for a load balancer's or database's interfaces that outlive their owner.

use std::collections::HashMap;

use super::errors::{self, Reply};
use super::request::Request;
use super::{FaultPlan, FaultStats, bump};

#[derive(Default)]
pub(crate) struct Holds {
    /// Interface id -> the subnet and groups it holds.
    interfaces: HashMap<String, Vec<String>>,
}

impl Holds {
    pub(crate) fn before(
        &self,
        plan: &FaultPlan,
        req: &Request,
        stats: &FaultStats,
    ) -> Option<Reply> {
        if !plan.enforce_interface_holds {
            return None;
        }
        let id = match req.action.as_str() {
            "DeleteSubnet" => req.param("SubnetId")?,
            "DeleteSecurityGroup" => req.param("GroupId")?,
            _ => return None,
        };
        let holder = self
            .interfaces
            .iter()
            .find(|(_, held)| held.iter().any(|h| h == id))?;
        bump(&stats.held_by_interfaces);
        Some(errors::ec2(
            400,
            "DependencyViolation",
            &format!(
                "The {id} has dependencies and cannot be deleted: network interface {} uses it.",
                holder.0
            ),
        ))
    }

    pub(crate) fn after(&mut self, plan: &FaultPlan, req: &Request, body: &str) {
        if !plan.enforce_interface_holds {
            return;
        }
        match req.action.as_str() {
            "CreateNetworkInterface" => {
                if let Some(eni) = element(body, "networkInterfaceId") {
                    let held = req
                        .params
                        .iter()
                        .filter(|(k, _)| k == "SubnetId" || k.starts_with("SecurityGroupId."))
                        .map(|(_, v)| v.clone())
                        .collect();
                    self.interfaces.insert(eni, held);
                }
            }
            "DeleteNetworkInterface" => {
                if let Some(eni) = req.param("NetworkInterfaceId") {
                    self.interfaces.remove(eni);
                }
            }
            _ => {}
        }
    }
}

fn element(body: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let start = body.find(&open)? + open.len();
    let end = body[start..].find(&format!("</{name}>"))? + start;
    Some(body[start..end].to_string())
}

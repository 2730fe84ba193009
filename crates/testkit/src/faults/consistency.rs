//! EC2 is eventually consistent: an id a create just returned can be unknown to the next call
//! for a moment, and a NAT gateway, instance or database stays pending for a while. moto knows
//! every id at once and makes everything available at once.

use std::collections::{HashMap, HashSet};

use super::errors::{self, Reply};
use super::request::{Request, ids_in};
use super::{FaultPlan, FaultStats, bump};

/// The id each create returns, by action, and the error AWS gives for an id it doesn't know.
const CREATES: [(&str, &str, &str); 8] = [
    ("CreateVpc", "vpc-", "InvalidVpcID.NotFound"),
    ("CreateSubnet", "subnet-", "InvalidSubnetID.NotFound"),
    (
        "CreateInternetGateway",
        "igw-",
        "InvalidInternetGatewayID.NotFound",
    ),
    ("CreateRouteTable", "rtb-", "InvalidRouteTableID.NotFound"),
    ("CreateSecurityGroup", "sg-", "InvalidGroup.NotFound"),
    ("CreateNatGateway", "nat-", "NatGatewayNotFound"),
    (
        "AllocateAddress",
        "eipalloc-",
        "InvalidAllocationID.NotFound",
    ),
    ("RunInstances", "i-", "InvalidInstanceID.NotFound"),
];

/// Calls made on the way out: eventual consistency bites right after a create, and a
/// not-found here would read as "already gone".
const NEVER_NOT_FOUND: [&str; 7] = [
    "Delete",
    "Release",
    "Terminate",
    "Disassociate",
    "Detach",
    "Revoke",
    "Create",
];

#[derive(Default)]
pub(crate) struct Consistency {
    /// Ids that get one `NotFound` from the next request naming them.
    fresh: HashSet<String>,
    /// How many more describes of each new slow resource say it is still pending.
    pending: HashMap<String, u32>,
}

impl Consistency {
    pub(crate) fn before(
        &mut self,
        plan: &FaultPlan,
        req: &Request,
        stats: &FaultStats,
    ) -> Option<Reply> {
        if !plan.not_found_for_fresh_ids
            || NEVER_NOT_FOUND.iter().any(|p| req.action.starts_with(p))
        {
            return None;
        }
        let id = req
            .params
            .iter()
            .find(|(_, v)| self.fresh.contains(v))
            .map(|(_, v)| v.clone())?;
        self.fresh.remove(&id);
        let code = CREATES
            .iter()
            .find(|(_, prefix, _)| id.starts_with(prefix))
            .map_or("InvalidID.NotFound", |(_, _, code)| code);
        bump(&stats.not_found);
        Some(errors::ec2(
            400,
            code,
            &format!("The ID '{id}' does not exist"),
        ))
    }

    pub(crate) fn after(
        &mut self,
        plan: &FaultPlan,
        req: &Request,
        body: &mut String,
        stats: &FaultStats,
    ) {
        if let Some((_, prefix, _)) = CREATES.iter().find(|(a, _, _)| *a == req.action) {
            for id in ids_in(body, prefix) {
                if plan.not_found_for_fresh_ids {
                    self.fresh.insert(id.clone());
                }
                if matches!(*prefix, "nat-" | "i-") {
                    self.pending.insert(id, plan.pending_describes);
                }
            }
        }
        if req.action == "CreateDBInstance"
            && let Some(id) = req.param("DBInstanceIdentifier")
        {
            self.pending.insert(id.to_string(), plan.pending_describes);
        }
        if req.action.starts_with("Describe") {
            self.still_pending(req, body, stats);
        }
    }

    /// Rewrites a describe of a young slow resource to say it is still pending.
    fn still_pending(&mut self, req: &Request, body: &mut String, stats: &FaultStats) {
        let young = req
            .params
            .iter()
            .find(|(_, v)| self.pending.get(v).is_some_and(|left| *left > 0))
            .map(|(_, v)| v.clone());
        let Some(young) = young else {
            return;
        };
        if let Some(left) = self.pending.get_mut(&young) {
            *left -= 1;
        }
        let rewritten = match req.action.as_str() {
            "DescribeNatGateways" => {
                body.replace("<state>available</state>", "<state>pending</state>")
            }
            "DescribeInstances" => body
                .replace("<name>running</name>", "<name>pending</name>")
                .replace("<code>16</code>", "<code>0</code>"),
            "DescribeDBInstances" => body.replace(
                "<DBInstanceStatus>available</DBInstanceStatus>",
                "<DBInstanceStatus>creating</DBInstanceStatus>",
            ),
            _ => return,
        };
        if rewritten != *body {
            bump(&stats.pending);
            *body = rewritten;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_id_is_unknown_once() {
        let plan = FaultPlan {
            not_found_for_fresh_ids: true,
            ..FaultPlan::default()
        };
        let stats = FaultStats::default();
        let mut ids = Consistency::default();
        let mut body = "<vpc><vpcId>vpc-00000000aaaa</vpcId></vpc>".to_string();
        ids.after(&plan, &Request::ec2("CreateVpc", &[]), &mut body, &stats);
        let modify = Request::ec2("ModifyVpcAttribute", &[("VpcId", "vpc-00000000aaaa")]);
        let reply = ids.before(&plan, &modify, &stats).expect("not found once");
        assert!(reply.body.contains("InvalidVpcID.NotFound"));
        assert!(ids.before(&plan, &modify, &stats).is_none());
        // Never on the way out.
        let mut body = "<vpcId>vpc-00000000bbbb</vpcId>".to_string();
        ids.after(&plan, &Request::ec2("CreateVpc", &[]), &mut body, &stats);
        let delete = Request::ec2("DeleteVpc", &[("VpcId", "vpc-00000000bbbb")]);
        assert!(ids.before(&plan, &delete, &stats).is_none());
    }

    #[test]
    fn a_new_nat_gateway_is_pending_for_the_planned_describes() {
        let plan = FaultPlan {
            pending_describes: 1,
            ..FaultPlan::default()
        };
        let stats = FaultStats::default();
        let mut ids = Consistency::default();
        let mut created = "<natGatewayId>nat-00000000cccc</natGatewayId>".to_string();
        ids.after(
            &plan,
            &Request::ec2("CreateNatGateway", &[]),
            &mut created,
            &stats,
        );
        let describe = Request::ec2(
            "DescribeNatGateways",
            &[("NatGatewayId.1", "nat-00000000cccc")],
        );
        let available = "<state>available</state>";
        let mut first = available.to_string();
        ids.after(&plan, &describe, &mut first, &stats);
        assert_eq!(first, "<state>pending</state>");
        let mut second = available.to_string();
        ids.after(&plan, &describe, &mut second, &stats);
        assert_eq!(second, available);
    }
}

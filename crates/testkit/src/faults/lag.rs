//! AWS rules about time and catalogues that moto does not keep: a new IAM role or instance
//! profile is not usable for seconds to minutes; a new bucket can be unknown to the very next
//! request; the network interfaces of a deleted load balancer, database or endpoint hold their
//! subnet and groups for minutes; RDS refuses minor versions it has retired. Counted in uses,
//! not seconds, so a test is as fast as the retries it proves.

use std::collections::HashMap;

use super::buckets::{bucket_of, is_create_bucket};
use super::errors::{self, Reply};
use super::request::Request;
use super::{FaultPlan, FaultStats, bump};

/// Minor versions AWS has retired (the blueprints once pinned these), by engine.
const RETIRED: [(&str, &str); 6] = [
    ("postgres", "14.10"),
    ("postgres", "15.4"),
    ("postgres", "16.4"),
    ("postgres", "13.16"),
    ("mysql", "8.0.35"),
    ("mysql", "8.0.36"),
];

/// Deletes that leave network interfaces behind for a while.
const LEAVES_INTERFACES: [&str; 4] = [
    "DeleteLoadBalancer",
    "DeleteDBInstance",
    "DeleteVpcEndpoints",
    "DeleteReplicationGroup",
];

#[derive(Default)]
pub(crate) struct Lag {
    /// IAM names created and how many more uses of each are refused.
    iam: HashMap<String, u32>,
    /// Buckets just created that the next request does not find.
    buckets: HashMap<String, u32>,
    /// Replication-group ARN -> tag reads refused so far.
    busy_groups: HashMap<String, u32>,
    /// Interfaces linger: subnets and groups refused so far, and whether any delete left some.
    lingering: bool,
    held: HashMap<String, u32>,
    /// A NAT gateway was deleted and its address not yet asked to be released.
    nat_address_held: bool,
}

impl Lag {
    pub(crate) fn before(
        &mut self,
        plan: &FaultPlan,
        req: &Request,
        stats: &FaultStats,
    ) -> Option<Reply> {
        if plan.enforce_rds_catalogue
            && req.action == "CreateDBInstance"
            && let Some(reply) = rds_catalogue(req)
        {
            bump(&stats.catalogue_refusals);
            return Some(reply);
        }
        if plan.iam_propagation > 0
            && let Some(reply) = self.iam_not_yet(req)
        {
            bump(&stats.propagation);
            return Some(reply);
        }
        if plan.busy_cache_tags > 0
            && req.action == "ListTagsForResource"
            && let Some(arn) = req.param("ResourceName")
            && arn.contains(":replicationgroup:")
        {
            let refused = self.busy_groups.entry(arn.to_string()).or_insert(0);
            if *refused < plan.busy_cache_tags {
                *refused += 1;
                bump(&stats.busy_tag_reads);
                return Some(errors::query(
                    400,
                    "InvalidReplicationGroupState",
                    &format!("Replication group {arn} is not in available state."),
                ));
            }
        }
        if req.service == "s3"
            && req.action.starts_with("GET ")
            && req.path.contains("tagging")
            && let Some(bucket) = bucket_of(req)
            && plan.unreadable_bucket_tags.contains(&bucket)
        {
            bump(&stats.tag_reads_denied);
            return Some(errors::s3(403, "AccessDenied", "Access Denied"));
        }
        if plan.s3_propagation
            && req.service == "s3"
            && let Some(bucket) = bucket_of(req)
            && let Some(left) = self.buckets.get_mut(&bucket)
            && *left > 0
            && !is_create_bucket(req)
        {
            *left -= 1;
            bump(&stats.propagation);
            return Some(errors::s3(
                404,
                "NoSuchBucket",
                &format!("The specified bucket does not exist: {bucket}"),
            ));
        }
        if plan.nat_address_lag && req.action == "ReleaseAddress" && self.nat_address_held {
            self.nat_address_held = false;
            bump(&stats.address_held);
            return Some(errors::ec2(
                400,
                "AuthFailure",
                "You do not have permission to access the specified resource.",
            ));
        }
        if plan.lingering_interfaces > 0
            && self.lingering
            && matches!(req.action.as_str(), "DeleteSubnet" | "DeleteSecurityGroup")
            && let Some(id) = req.param("SubnetId").or_else(|| req.param("GroupId"))
        {
            let left = self
                .held
                .entry(id.to_string())
                .or_insert(plan.lingering_interfaces);
            if *left > 0 {
                *left -= 1;
                bump(&stats.lingering);
                return Some(errors::ec2(
                    400,
                    "DependencyViolation",
                    &format!("The {id} has dependencies and cannot be deleted."),
                ));
            }
        }
        None
    }

    pub(crate) fn after(&mut self, plan: &FaultPlan, req: &Request, body: &mut String) {
        if plan.failing_load_balancers && req.action == "DescribeLoadBalancers" {
            *body = body.replace(
                "<Code>active</Code>",
                "<Code>failed</Code><Reason>Not enough IP space available in the subnets</Reason>",
            );
        }
        if plan.nat_address_lag && req.action == "DeleteNatGateway" {
            self.nat_address_held = true;
        }
        match req.action.as_str() {
            "CreateRole" | "CreateInstanceProfile" if plan.iam_propagation > 0 => {
                if let Some(name) = req
                    .param("RoleName")
                    .or_else(|| req.param("InstanceProfileName"))
                {
                    self.iam.insert(name.to_string(), plan.iam_propagation);
                }
            }
            action if LEAVES_INTERFACES.contains(&action) => self.lingering = true,
            _ => {}
        }
        if plan.s3_propagation
            && is_create_bucket(req)
            && let Some(bucket) = bucket_of(req)
        {
            self.buckets.insert(bucket, 1);
        }
    }

    fn iam_not_yet(&mut self, req: &Request) -> Option<Reply> {
        let (names, reply): (&[&str], fn(&str) -> Reply) = match req.action.as_str() {
            "AttachRolePolicy" | "PutRolePolicy" => (&["RoleName"], |name| {
                errors::query(
                    404,
                    "NoSuchEntity",
                    &format!("The role with name {name} cannot be found."),
                )
            }),
            "AddRoleToInstanceProfile" => (&["InstanceProfileName", "RoleName"], |name| {
                errors::query(
                    404,
                    "NoSuchEntity",
                    &format!("Instance Profile or Role {name} cannot be found."),
                )
            }),
            "RunInstances" => (
                &["IamInstanceProfile.Name", "IamInstanceProfile.Arn"],
                |name| {
                    errors::ec2(
                        400,
                        "InvalidParameterValue",
                        &format!(
                            "Value ({name}) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name"
                        ),
                    )
                },
            ),
            "CreateFlowLogs" => (&["DeliverLogsPermissionArn"], |_| {
                errors::ec2(400, "InvalidParameter", "Unable to assume given IAM role.")
            }),
            _ => return None,
        };
        for param in names {
            let Some(value) = req.param(param) else {
                continue;
            };
            // A role or profile is named bare or at the end of its ARN.
            let name = value.rsplit('/').next().unwrap_or(value);
            if let Some(left) = self.iam.get_mut(name)
                && *left > 0
            {
                *left -= 1;
                return Some(reply(name));
            }
        }
        None
    }
}

fn rds_catalogue(req: &Request) -> Option<Reply> {
    let engine = req.param("Engine").unwrap_or_default();
    let version = req.param("EngineVersion").unwrap_or_default();
    if RETIRED.contains(&(engine, version)) {
        return Some(errors::query(
            400,
            "InvalidParameterCombination",
            &format!("Cannot find version {version} for {engine}"),
        ));
    }
    if req.param("MaxAllocatedStorage") == Some("0") {
        return Some(errors::query(
            400,
            "InvalidParameterCombination",
            "Max storage size must be greater than storage size",
        ));
    }
    None
}

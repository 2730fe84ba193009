//! Monthly cost estimate from the bundled price table. Usage-based charges (NAT data, log
//! ingestion, requests) are named in notes rather than guessed into the total.

pub mod prices;
mod retained;
mod so_far;

pub use retained::{RetainedKind, retained_monthly};
pub use so_far::{ResourceSpan, so_far};

use serde::Serialize;

use crate::graph::{NodeSpec, ResourceGraph, ResourceKind as K, ResourceNode};
use prices::*;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CostLine {
    pub logical: String,
    pub kind: K,
    /// What is charged, e.g. `t3.medium instance-hours`.
    pub item: String,
    pub quantity: f64,
    pub unit: String,
    pub unit_price: f64,
    pub monthly: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CostEstimate {
    pub currency: String,
    pub monthly_total: f64,
    pub lines: Vec<CostLine>,
    pub notes: Vec<String>,
    /// Where the prices come from and when.
    pub source: String,
}

struct Lines<'a> {
    lines: Vec<CostLine>,
    node: &'a ResourceNode,
}

impl Lines<'_> {
    fn add(&mut self, item: String, quantity: f64, unit: &str, unit_price: f64) {
        self.lines.push(CostLine {
            logical: self.node.logical.clone(),
            kind: self.node.kind(),
            item,
            quantity,
            unit: unit.to_string(),
            unit_price,
            monthly: round2(quantity * unit_price),
        });
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

pub fn estimate(graph: &ResourceGraph, region: &str) -> CostEstimate {
    let mut lines = Vec::new();
    let mut notes = Vec::new();
    let mut unknown = Vec::new();
    let h = HOURS_PER_MONTH;
    for node in &graph.nodes {
        let mut l = Lines {
            lines: Vec::new(),
            node,
        };
        // Every kind is priced here or said to be free: a new kind is a compile error until
        // someone decides which.
        match &node.spec {
            NodeSpec::Instance(x) => {
                let t = &x.instance_type;
                match lookup(EC2_HOURLY, t) {
                    Some(p) => l.add(format!("{t} instance-hours"), h, "hour", p),
                    None => unknown.push(t.to_string()),
                }
                let ty = &x.root_volume.volume_type;
                let p = lookup(EBS_GB_MONTH, ty).unwrap_or(0.08);
                l.add(
                    format!("EBS {ty} root volume"),
                    f64::from(x.root_volume.size_gb),
                    "GB-month",
                    p,
                );
                if x.associate_public_ip {
                    l.add("public IPv4 address".into(), h, "hour", PUBLIC_IPV4_HOURLY);
                }
            }
            NodeSpec::Eip(_) => l.add(
                "Elastic IP (public IPv4)".into(),
                h,
                "hour",
                PUBLIC_IPV4_HOURLY,
            ),
            NodeSpec::NatGateway(_) => {
                l.add("NAT gateway hours".into(), h, "hour", NAT_GATEWAY_HOURLY)
            }
            NodeSpec::VpcEndpoint(x) => {
                // Gateway endpoints (S3, DynamoDB) are free; interface endpoints bill per AZ.
                if x.az_count() > 0 {
                    l.add(
                        format!("interface endpoint {}", x.service_name),
                        x.az_count() as f64 * h,
                        "AZ-hour",
                        INTERFACE_ENDPOINT_AZ_HOURLY,
                    );
                }
            }
            NodeSpec::RdsInstance(x) => {
                let class = &x.db_instance_class;
                let multi = if x.multi_az { 2.0 } else { 1.0 };
                let suffix = if x.multi_az {
                    " (Multi-AZ: primary + standby)"
                } else {
                    ""
                };
                match lookup(RDS_HOURLY, class) {
                    Some(p) => l.add(
                        format!("{class} instance-hours{suffix}"),
                        h * multi,
                        "hour",
                        p,
                    ),
                    None => unknown.push(class.to_string()),
                }
                let ty = &x.storage_type;
                let p = lookup(RDS_STORAGE_GB_MONTH, ty).unwrap_or(0.115);
                l.add(
                    format!("RDS {ty} storage{suffix}"),
                    f64::from(x.allocated_storage_gb) * multi,
                    "GB-month",
                    p,
                );
            }
            NodeSpec::ElasticacheReplicationGroup(x) => {
                let t = &x.cache_node_type;
                match lookup(CACHE_HOURLY, t) {
                    Some(p) => l.add(
                        format!("{t} node-hours"),
                        h * f64::from(x.num_cache_clusters),
                        "hour",
                        p,
                    ),
                    None => unknown.push(t.to_string()),
                }
            }
            NodeSpec::LoadBalancer(x) => {
                l.add("ALB hours".into(), h, "hour", ALB_HOURLY);
                l.add(
                    "ALB LCU-hours (nominal 1 LCU)".into(),
                    h,
                    "LCU-hour",
                    ALB_LCU_HOURLY,
                );
                if x.scheme == "internet-facing" {
                    l.add(
                        "ALB public IPv4 (one per AZ)".into(),
                        x.subnets.len() as f64 * h,
                        "hour",
                        PUBLIC_IPV4_HOURLY,
                    );
                }
            }
            NodeSpec::EcsService(x) => {
                // Fargate bills the task's size while it runs; the service keeps
                // `desired_count` of them running all month.
                let Some(NodeSpec::EcsTaskDefinition(task)) =
                    graph.get(&x.task_definition).map(|n| &n.spec)
                else {
                    continue;
                };
                let tasks = f64::from(x.desired_count);
                let vcpu = f64::from(task.cpu) / 1024.0;
                let gb = f64::from(task.memory_mib) / 1024.0;
                l.add(
                    format!("Fargate vCPU-hours ({tasks} tasks x {vcpu} vCPU)"),
                    tasks * vcpu * h,
                    "vCPU-hour",
                    FARGATE_VCPU_HOURLY,
                );
                l.add(
                    format!("Fargate GB-hours ({tasks} tasks x {gb} GB)"),
                    tasks * gb * h,
                    "GB-hour",
                    FARGATE_GB_HOURLY,
                );
            }
            NodeSpec::S3Bucket(_) => l.add(
                format!("S3 Standard storage (nominal {S3_NOMINAL_GB} GB)"),
                S3_NOMINAL_GB,
                "GB-month",
                S3_STANDARD_GB_MONTH,
            ),
            // Standard-tier parameters, networking glue, IAM and log groups (ingestion is a
            // note below) cost nothing by themselves.
            NodeSpec::Vpc(_)
            | NodeSpec::Subnet(_)
            | NodeSpec::InternetGateway(_)
            | NodeSpec::RouteTable(_)
            | NodeSpec::Route(_)
            | NodeSpec::RouteTableAssociation(_)
            | NodeSpec::SecurityGroup(_)
            | NodeSpec::SecurityGroupRule(_)
            | NodeSpec::IamRole(_)
            | NodeSpec::InstanceProfile(_)
            | NodeSpec::DbSubnetGroup(_)
            | NodeSpec::DbParameterGroup(_)
            | NodeSpec::CacheSubnetGroup(_)
            | NodeSpec::TargetGroup(_)
            | NodeSpec::Listener(_)
            | NodeSpec::LogGroup(_)
            | NodeSpec::FlowLog(_)
            | NodeSpec::SsmParameter(_)
            | NodeSpec::EcsCluster(_)
            | NodeSpec::EcsTaskDefinition(_) => {}
        }
        lines.extend(l.lines);
    }
    if graph.count(K::NatGateway) > 0 {
        notes.push(format!(
            "NAT gateways also charge ${NAT_DATA_PER_GB}/GB of data processed (not estimated)."
        ));
    }
    if graph.count(K::FlowLog) > 0 {
        notes.push(format!("Flow logs are billed as CloudWatch Logs ingestion, ${LOGS_INGEST_PER_GB}/GB (not estimated)."));
    }
    if region != PRICE_REGION {
        notes.push(format!("Prices are {PRICE_REGION}'s; {region} differs."));
    }
    for t in unknown {
        notes.push(format!("No price for '{t}'; left out of the total."));
    }
    let total = round2(lines.iter().map(|l| l.monthly).sum());
    CostEstimate {
        currency: "USD".into(),
        monthly_total: total,
        lines,
        notes,
        source: format!(
            "AWS public on-demand prices, {PRICE_REGION}, as of {PRICE_DATE}; {HOURS_PER_MONTH} hours a month"
        ),
    }
}

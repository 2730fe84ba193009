//! The typed body of a blueprint, after parameters are substituted. Unknown keys are errors so
//! a typo (`cidrr`) is caught instead of silently dropped.

mod compute;
mod data;
mod ecs;
mod security;

use serde::{Deserialize, Serialize};

pub use compute::{
    AmiSource, IamRole, InlinePolicy, Instance, OsFamily, PublicUrl, Service, UrlScheme,
    UserDataSpec, Volume,
};
pub use data::{
    Bucket, Cache, Database, LifecycleRule, Listener, LoadBalancer, NoncurrentTransition, Route,
    TargetGroup,
};
pub use ecs::{EcsCluster, EcsService};
pub use security::{Rule, SecurityGroup};

pub(crate) fn yes() -> bool {
    true
}

/// An `enabled` switch: a boolean, or `{ if_set = "${param}" }`, on when that string is not
/// empty. It lets one optional value (a certificate's ARN) switch on everything that needs it
/// (the HTTPS listener and its port-443 rule) without a second parameter that could disagree.
pub(crate) fn switch<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Switch {
        Bool(bool),
        IfSet(IfSet),
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct IfSet {
        if_set: String,
    }
    Ok(match Switch::deserialize(d)? {
        Switch::Bool(b) => b,
        Switch::IfSet(IfSet { if_set }) => !if_set.trim().is_empty(),
    })
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    pub region: String,
    /// Absent: the region's default VPC (the single-host seeds describe no network of their own).
    #[serde(default)]
    pub network: Option<Network>,
    #[serde(default)]
    pub security_groups: Vec<SecurityGroup>,
    #[serde(default)]
    pub iam_roles: Vec<IamRole>,
    #[serde(default)]
    pub instances: Vec<Instance>,
    #[serde(default)]
    pub databases: Vec<Database>,
    #[serde(default)]
    pub caches: Vec<Cache>,
    #[serde(default)]
    pub load_balancers: Vec<LoadBalancer>,
    #[serde(default)]
    pub buckets: Vec<Bucket>,
    #[serde(default)]
    pub outputs: Vec<Output>,
    #[serde(default)]
    pub ssm_parameters: Vec<SsmParameter>,
    #[serde(default)]
    pub ecs_clusters: Vec<EcsCluster>,
    #[serde(default)]
    pub services: Vec<EcsService>,
}

/// An SSM parameter (String, standard tier) holding the outputs as one JSON object.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SsmParameter {
    pub name: String,
    /// The parameter's path, e.g. `/shop/dev/outputs`.
    pub parameter_name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "yes")]
    pub enabled: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NatMode {
    None,
    /// One NAT gateway in the first AZ: cheaper, a single point of failure.
    Single,
    /// One NAT gateway per AZ, each AZ's private route table pointing at its own.
    PerAz,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TierKind {
    /// Default route to the internet gateway.
    Public,
    /// Default route to a NAT gateway.
    Private,
    /// No default route at all.
    Isolated,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Network {
    pub vpc_cidr: String,
    pub az_count: i64,
    #[serde(default = "yes")]
    pub dns_hostnames: bool,
    #[serde(default = "yes")]
    pub dns_support: bool,
    #[serde(default = "no_nat")]
    pub nat: NatMode,
    pub tiers: Vec<Tier>,
    #[serde(default)]
    pub endpoints: Vec<Endpoint>,
    #[serde(default)]
    pub flow_logs: Option<FlowLogs>,
}

fn no_nat() -> NatMode {
    NatMode::None
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    pub name: String,
    pub kind: TierKind,
    /// One per AZ, in AZ order; only the first `az_count` are used.
    pub subnets: Vec<SubnetSpec>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SubnetSpec {
    pub cidr: String,
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EndpointType {
    Gateway,
    Interface,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    /// The short service name: `s3`, `dynamodb`, `ecr.api`, `ecr.dkr`, `secretsmanager`, `logs`.
    pub service: String,
    #[serde(rename = "type")]
    pub kind: EndpointType,
    /// Gateway: the tiers whose route tables get the prefix-list route. Interface: the tiers
    /// whose subnets get an endpoint network interface.
    pub tiers: Vec<String>,
    #[serde(default)]
    pub security_groups: Vec<String>,
    #[serde(default = "yes")]
    pub private_dns: bool,
    #[serde(default = "yes")]
    pub enabled: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FlowLogs {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default = "all_traffic")]
    pub traffic_type: String,
    pub log_group: String,
    pub retention_days: i64,
    /// The role VPC Flow Logs assumes to write to CloudWatch Logs.
    pub role_name: String,
    /// A second flow log of the same traffic into a bucket of the blueprint's own.
    #[serde(default)]
    pub s3: Option<FlowLogsToS3>,
}

/// Flow logs also delivered to S3, as files a query engine (Athena) reads long after the
/// CloudWatch group's retention has dropped them.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FlowLogsToS3 {
    /// The `[[buckets]]` entry (its `name`) the logs go to.
    pub bucket: String,
    #[serde(default = "yes", deserialize_with = "switch")]
    pub enabled: bool,
}

fn all_traffic() -> String {
    "ALL".into()
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Output {
    pub name: String,
    /// `<section>.<name>.<attribute>`, e.g. `instances.app.public_ip`.
    pub value: String,
    #[serde(default)]
    pub description: String,
}

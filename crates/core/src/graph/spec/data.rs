//! Databases, caches, load balancers, logs, buckets and parameters.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::graph::Attr;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DbSubnetGroupSpec {
    pub db_subnet_group_name: String,
    pub subnets: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RdsInstanceSpec {
    pub db_instance_identifier: String,
    pub engine: String,
    pub engine_version: String,
    pub db_instance_class: String,
    pub allocated_storage_gb: i32,
    /// Storage autoscaling's ceiling; `None` leaves it off.
    pub max_allocated_storage_gb: Option<i32>,
    pub storage_type: String,
    pub storage_encrypted: bool,
    pub multi_az: bool,
    pub backup_retention_days: i32,
    pub backup_window: Option<String>,
    pub publicly_accessible: bool,
    pub db_name: String,
    pub master_username: String,
    pub port: i32,
    pub db_subnet_group: String,
    pub security_groups: Vec<String>,
    /// The parameter group it runs with (a logical name); `None` is the engine's default.
    pub db_parameter_group: Option<String>,
    /// Set at create; teardown turns it off (ModifyDBInstance) only once the user confirmed.
    pub deletion_protection: bool,
    /// Teardown keeps a final snapshot, named with the environment and the time.
    pub final_snapshot: bool,
}

/// A DB parameter group: engine settings a database is created with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DbParameterGroupSpec {
    pub db_parameter_group_name: String,
    /// `postgres14`, `mysql8.0`: what engine and major version the settings are for.
    pub family: String,
    pub description: String,
    /// Parameter name -> value, as ModifyDBParameterGroup takes them (`rds.force_ssl` = `1`).
    pub parameters: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CacheSubnetGroupSpec {
    pub cache_subnet_group_name: String,
    pub subnets: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReplicationGroupSpec {
    pub replication_group_id: String,
    pub description: String,
    pub engine: String,
    pub engine_version: String,
    pub cache_node_type: String,
    pub num_cache_clusters: i32,
    pub automatic_failover: bool,
    pub multi_az: bool,
    pub port: i32,
    pub at_rest_encryption: bool,
    pub transit_encryption: bool,
    pub cache_subnet_group: String,
    pub security_groups: Vec<String>,
}

/// An application load balancer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LoadBalancerSpec {
    pub name: String,
    /// `internet-facing` or `internal`.
    pub scheme: String,
    pub subnets: Vec<String>,
    pub security_groups: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TargetGroupSpec {
    pub name: String,
    pub port: i32,
    pub protocol: String,
    pub vpc: Option<String>,
    pub health_check_path: String,
    pub target_type: TargetType,
    /// Instances registered as targets (type `instance` only; ECS registers an `ip` group's).
    pub targets: Vec<String>,
}

/// What a target group's targets are: instances by id, or addresses (what a Fargate task in
/// `awsvpc` mode is, and what ECS registers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TargetType {
    Instance,
    Ip,
}

impl TargetType {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetType::Instance => "instance",
            TargetType::Ip => "ip",
        }
    }
}

/// What an HTTPS listener presents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListenerTls {
    /// An ACM certificate's ARN.
    pub certificate_arn: String,
    /// The ELB security policy (`ELBSecurityPolicy-TLS13-1-2-2021-06`).
    pub ssl_policy: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListenerSpec {
    pub load_balancer: String,
    pub port: i32,
    pub protocol: String,
    /// The target group a request no rule matches is forwarded to.
    pub forward_to: String,
    /// Given for HTTPS: the certificate and TLS policy.
    pub tls: Option<ListenerTls>,
    /// Made with the listener and deleted with it (AWS deletes a listener's rules with it).
    pub rules: Vec<ListenerRuleSpec>,
}

/// A listener rule: requests whose path matches one of `path_patterns` go to `forward_to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListenerRuleSpec {
    pub priority: i32,
    pub path_patterns: Vec<String>,
    pub forward_to: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LogGroupSpec {
    pub log_group_name: String,
    pub retention_in_days: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LifecycleAction {
    /// Move to this storage class.
    TransitionTo(String),
    Expire,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LifecycleRule {
    pub days: i32,
    pub action: LifecycleAction,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct S3BucketSpec {
    pub bucket_name: String,
    pub versioning: bool,
    /// `AES256` or `aws:kms`.
    pub encryption: String,
    pub block_public_access: bool,
    /// Teardown empties the bucket (every version) first; without it a bucket that still
    /// holds objects stays, and the teardown says so.
    pub force_destroy: bool,
    /// Teardown leaves the bucket, its objects and its tags in place and records it as
    /// retained (a prod environment's versioned bucket holds its backups).
    pub retain: bool,
    pub lifecycle: Vec<LifecycleRule>,
    pub noncurrent_expiration_days: Option<i32>,
    /// Old versions' moves to colder storage, each before their expiry.
    pub noncurrent_transitions: Vec<NoncurrentTransition>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NoncurrentTransition {
    /// Days after a newer version replaced it.
    pub noncurrent_days: i32,
    /// An S3 storage class (`GLACIER`, `STANDARD_IA`, ...).
    pub storage_class: String,
}

/// Where an output's value comes from once the environment exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OutputSource {
    /// The node's AWS id.
    Id { node: String },
    /// One attribute its create returned.
    Attr { node: String, attr: Attr },
}

impl OutputSource {
    pub fn node(&self) -> &str {
        match self {
            OutputSource::Id { node } | OutputSource::Attr { node, .. } => node,
        }
    }
}

/// An SSM parameter holding the environment's outputs as a JSON object, so the app on the
/// servers (or another stack) can read them at run time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SsmParameterSpec {
    pub parameter_name: String,
    pub description: String,
    /// Output name -> where its value comes from.
    pub values: Vec<(String, OutputSource)>,
}

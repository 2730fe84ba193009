use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::compute::gp3;
use super::yes;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Database {
    pub name: String,
    pub identifier: String,
    pub engine: String,
    pub engine_version: String,
    pub instance_class: String,
    pub allocated_storage_gb: i64,
    /// Storage autoscaling ceiling; 0 turns autoscaling off.
    #[serde(default)]
    pub max_allocated_storage_gb: i64,
    #[serde(default = "gp3")]
    pub storage_type: String,
    #[serde(default = "yes")]
    pub storage_encrypted: bool,
    pub multi_az: bool,
    pub backup_retention_days: i64,
    #[serde(default)]
    pub backup_window: Option<String>,
    #[serde(default)]
    pub publicly_accessible: bool,
    pub db_name: String,
    pub username: String,
    #[serde(default = "pg_port")]
    pub port: i64,
    /// The tier whose subnets make the DB subnet group.
    pub tier: String,
    pub subnet_group_name: String,
    pub security_groups: Vec<String>,
    /// On in a prod environment whatever this says.
    #[serde(default)]
    pub deletion_protection: bool,
    /// Teardown keeps a final snapshot (it outlives the environment and costs money, so off
    /// unless asked for, as for dev environments). On in a prod environment whatever this says.
    #[serde(default)]
    pub final_snapshot: bool,
    /// Engine settings (`"rds.force_ssl" = "1"`): given, the database gets a parameter group
    /// of its own holding them, for its engine's family.
    #[serde(default)]
    pub parameters: BTreeMap<String, String>,
    #[serde(default)]
    pub depends_on: Vec<String>,
    #[serde(default = "yes")]
    pub enabled: bool,
}

fn pg_port() -> i64 {
    5432
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cache {
    pub name: String,
    pub replication_group_id: String,
    pub description: String,
    #[serde(default = "redis")]
    pub engine: String,
    pub engine_version: String,
    pub node_type: String,
    /// Primary plus replicas.
    pub num_cache_clusters: i64,
    pub automatic_failover: bool,
    pub multi_az: bool,
    #[serde(default = "redis_port")]
    pub port: i64,
    pub tier: String,
    pub subnet_group_name: String,
    pub security_groups: Vec<String>,
    #[serde(default = "yes")]
    pub at_rest_encryption: bool,
    #[serde(default = "yes")]
    pub transit_encryption: bool,
    #[serde(default = "yes")]
    pub enabled: bool,
}

fn redis() -> String {
    "redis".into()
}

fn redis_port() -> i64 {
    6379
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LoadBalancer {
    pub name: String,
    pub lb_name: String,
    #[serde(default = "internet_facing")]
    pub scheme: String,
    pub tier: String,
    pub security_groups: Vec<String>,
    /// Where requests no route matches go.
    pub target_group: TargetGroup,
    pub listeners: Vec<Listener>,
    /// Path rules on every listener, each forwarding to a target group of its own.
    #[serde(default)]
    pub routes: Vec<Route>,
    #[serde(default = "yes")]
    pub enabled: bool,
}

/// Requests whose path matches go to this route's target group instead of the default one.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// Names its target group node and what a service's `route` names.
    pub name: String,
    /// `/api/*`: `*` any characters, `?` one.
    pub path_patterns: Vec<String>,
    /// The rule's priority on each listener: lower is evaluated first.
    pub priority: i64,
    pub target_group: TargetGroup,
}

fn internet_facing() -> String {
    "internet-facing".into()
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TargetGroup {
    pub name: String,
    pub port: i64,
    #[serde(default = "http")]
    pub protocol: String,
    #[serde(default = "root")]
    pub health_check_path: String,
    /// `instance` (the default) or `ip`, which `services` on Fargate need.
    #[serde(default = "instance_targets")]
    pub target_type: String,
    /// `instances` entries registered as targets.
    #[serde(default)]
    pub targets: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Listener {
    pub port: i64,
    #[serde(default = "http")]
    pub protocol: String,
    /// HTTPS: the ACM certificate it presents.
    #[serde(default)]
    pub certificate_arn: Option<String>,
    /// HTTPS: the TLS policy; the default allows TLS 1.3 and 1.2 only.
    #[serde(default = "modern_tls")]
    pub ssl_policy: String,
    #[serde(default = "yes", deserialize_with = "super::switch")]
    pub enabled: bool,
}

fn modern_tls() -> String {
    "ELBSecurityPolicy-TLS13-1-2-2021-06".into()
}

fn instance_targets() -> String {
    "instance".into()
}

fn http() -> String {
    "HTTP".into()
}

fn root() -> String {
    "/".into()
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Bucket {
    pub name: String,
    pub bucket_name: String,
    #[serde(default)]
    pub versioning: bool,
    #[serde(default = "aes256")]
    pub encryption: String,
    #[serde(default = "yes")]
    pub block_public_access: bool,
    /// Teardown must empty the bucket (all versions) before DeleteBucket succeeds.
    #[serde(default = "yes")]
    pub force_destroy: bool,
    /// Whether teardown leaves the bucket standing. Absent: kept when it is versioned and the
    /// environment is prod (its versions are the backups); `false` lets a prod teardown
    /// delete it, `true` keeps it in any environment.
    #[serde(default)]
    pub keep_on_teardown: Option<bool>,
    #[serde(default)]
    pub lifecycle: Vec<LifecycleRule>,
    #[serde(default)]
    pub noncurrent_expiration_days: Option<i64>,
    /// Old (noncurrent) versions move to a colder storage class this many days after a newer
    /// version replaced them, before `noncurrent_expiration_days` deletes them.
    #[serde(default)]
    pub noncurrent_transitions: Vec<NoncurrentTransition>,
    #[serde(default = "yes", deserialize_with = "super::switch")]
    pub enabled: bool,
}

/// After `days` as an old version, move to `storage_class`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NoncurrentTransition {
    pub days: i64,
    pub storage_class: String,
}

fn aes256() -> String {
    "AES256".into()
}

/// After `days`, move to `storage_class`, or delete when `expire`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LifecycleRule {
    pub days: i64,
    #[serde(default)]
    pub storage_class: Option<String>,
    #[serde(default)]
    pub expire: bool,
}

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::yes;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EcsCluster {
    pub name: String,
    pub cluster_name: String,
}

/// A Fargate service: one container, `desired_count` tasks in a private tier.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EcsService {
    pub name: String,
    /// Its name in the cluster; defaults to `name`.
    #[serde(default)]
    pub service_name: Option<String>,
    /// An `ecs_clusters` entry.
    pub cluster: String,
    /// A private tier: the tasks get no public IP and pull their image through NAT.
    pub tier: String,
    pub security_groups: Vec<String>,
    /// An `iam_roles` entry trusted by `ecs-tasks.amazonaws.com`.
    pub execution_role: String,
    pub image: String,
    /// CPU units (256 = 0.25 vCPU) and MiB, a pair Fargate offers.
    pub cpu: i64,
    pub memory: i64,
    #[serde(default = "one")]
    pub desired_count: i64,
    /// The container's TCP port; none for a worker that takes no traffic.
    #[serde(default)]
    pub port: Option<i64>,
    /// A `load_balancers` entry whose target group (of type `ip`) the tasks join.
    #[serde(default)]
    pub load_balancer: Option<String>,
    /// The load balancer's `routes` entry whose target group the tasks join; absent, its
    /// default target group.
    #[serde(default)]
    pub route: Option<String>,
    #[serde(default)]
    pub environment: BTreeMap<String, String>,
    /// The CloudWatch log group Hangar makes for its output.
    pub log_group: String,
    #[serde(default = "thirty")]
    pub log_retention_days: i64,
    #[serde(default = "yes")]
    pub enabled: bool,
}

impl EcsService {
    pub fn aws_name(&self) -> &str {
        self.service_name.as_deref().unwrap_or(&self.name)
    }
}

fn one() -> i64 {
    1
}

fn thirty() -> i64 {
    30
}

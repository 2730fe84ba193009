//! ECS on Fargate: a cluster, a task definition per service and the service itself. Fargate
//! is the only launch type and `awsvpc` the only network mode Hangar sends, so neither is a
//! field: a task gets its own network interface in the service's subnets, with its groups.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EcsClusterSpec {
    pub cluster_name: String,
}

/// The one container a task runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ContainerSpec {
    pub name: String,
    pub image: String,
    /// The port it listens on (TCP); `None` for a worker that takes no traffic.
    pub port: Option<i32>,
    pub environment: BTreeMap<String, String>,
    /// The CloudWatch log group its output goes to (the `awslogs` driver), by AWS name; the
    /// task definition depends on the log group node that makes it.
    pub log_group_name: String,
    pub log_stream_prefix: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EcsTaskDefinitionSpec {
    /// The family; each registration is a new revision of it.
    pub family: String,
    /// CPU units (1024 = one vCPU), one of Fargate's sizes.
    pub cpu: i32,
    /// MiB, a size Fargate allows with `cpu`.
    pub memory_mib: i32,
    /// The role (logical name) ECS assumes to pull the image and write the logs.
    pub execution_role: String,
    pub container: ContainerSpec,
}

/// Where a service's tasks are registered: a target group of type `ip`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ServiceLoadBalancer {
    pub target_group: String,
    pub container_name: String,
    pub container_port: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EcsServiceSpec {
    pub service_name: String,
    pub cluster: String,
    pub task_definition: String,
    pub desired_count: i32,
    /// Private subnets: the tasks get no public IP and reach the internet through NAT.
    pub subnets: Vec<String>,
    pub security_groups: Vec<String>,
    pub load_balancer: Option<ServiceLoadBalancer>,
}

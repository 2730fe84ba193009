//! The network: VPC, subnets, gateways, routes, addresses, endpoints, flow logs.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VpcSpec {
    pub cidr_block: String,
    pub enable_dns_hostnames: bool,
    pub enable_dns_support: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SubnetSpec {
    pub vpc: String,
    pub cidr_block: String,
    pub availability_zone: String,
    /// The blueprint tier it belongs to; the diagram groups and colours by it.
    pub tier: String,
    pub map_public_ip_on_launch: bool,
    /// The blueprint's own label for the subnet, for its `Name` tag.
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InternetGatewaySpec {
    pub vpc: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RouteTableSpec {
    pub vpc: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RouteTarget {
    Gateway(String),
    NatGateway(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RouteSpec {
    pub route_table: String,
    pub destination_cidr_block: String,
    pub target: RouteTarget,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RouteTableAssociationSpec {
    pub route_table: String,
    pub subnet: String,
}

/// An Elastic IP in the VPC domain, for a NAT gateway or associated with an instance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EipSpec {
    pub instance: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NatGatewaySpec {
    pub subnet: String,
    /// The Elastic IP node it takes its address from.
    pub allocation: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "vpc_endpoint_type")]
pub enum EndpointKind {
    Gateway {
        route_tables: Vec<String>,
    },
    Interface {
        subnets: Vec<String>,
        security_groups: Vec<String>,
        private_dns_enabled: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VpcEndpointSpec {
    pub vpc: String,
    /// `com.amazonaws.<region>.<service>`.
    pub service_name: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub endpoint: EndpointKind,
}

impl VpcEndpointSpec {
    /// Interface endpoints are billed per AZ they reach.
    pub fn az_count(&self) -> usize {
        match &self.endpoint {
            EndpointKind::Interface { subnets, .. } => subnets.len(),
            EndpointKind::Gateway { .. } => 0,
        }
    }
}

/// A VPC flow log, delivered to a CloudWatch Logs group or an S3 bucket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FlowLogSpec {
    /// The VPC it watches.
    pub resource: String,
    /// `ALL`, `ACCEPT` or `REJECT`.
    pub traffic_type: String,
    pub destination: FlowLogDestination,
}

/// Where a flow log's records go (`LogDestinationType`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum FlowLogDestination {
    CloudWatchLogs {
        log_group: String,
        /// The IAM role that lets the service write to the group.
        deliver_logs_role: String,
    },
    /// The bucket node; S3 delivery needs no role (the service writes as itself, under the
    /// bucket policy AWS adds for `delivery.logs.amazonaws.com`).
    S3 { bucket: String },
}

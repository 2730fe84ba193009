use serde::{Deserialize, Serialize};

/// Every kind of AWS object a plan can create. Route-table routes and associations are their
/// own kinds because each is a separate API call with its own teardown step
/// (DisassociateRouteTable before DeleteRouteTable), and so a private route can wait for its
/// NAT gateway without holding back the route table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    Vpc,
    Subnet,
    InternetGateway,
    RouteTable,
    Route,
    RouteTableAssociation,
    Eip,
    NatGateway,
    SecurityGroup,
    /// An ingress/egress rule whose peer is another group. Kept apart from the group so two
    /// groups can reference each other, and so teardown revokes it before deleting either.
    SecurityGroupRule,
    IamRole,
    InstanceProfile,
    Instance,
    DbSubnetGroup,
    RdsInstance,
    CacheSubnetGroup,
    ElasticacheReplicationGroup,
    LoadBalancer,
    TargetGroup,
    Listener,
    VpcEndpoint,
    LogGroup,
    FlowLog,
    S3Bucket,
}

impl ResourceKind {
    pub const ALL: [ResourceKind; 24] = [
        ResourceKind::Vpc,
        ResourceKind::Subnet,
        ResourceKind::InternetGateway,
        ResourceKind::RouteTable,
        ResourceKind::Route,
        ResourceKind::RouteTableAssociation,
        ResourceKind::Eip,
        ResourceKind::NatGateway,
        ResourceKind::SecurityGroup,
        ResourceKind::SecurityGroupRule,
        ResourceKind::IamRole,
        ResourceKind::InstanceProfile,
        ResourceKind::Instance,
        ResourceKind::DbSubnetGroup,
        ResourceKind::RdsInstance,
        ResourceKind::CacheSubnetGroup,
        ResourceKind::ElasticacheReplicationGroup,
        ResourceKind::LoadBalancer,
        ResourceKind::TargetGroup,
        ResourceKind::Listener,
        ResourceKind::VpcEndpoint,
        ResourceKind::LogGroup,
        ResourceKind::FlowLog,
        ResourceKind::S3Bucket,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ResourceKind::Vpc => "vpc",
            ResourceKind::Subnet => "subnet",
            ResourceKind::InternetGateway => "internet_gateway",
            ResourceKind::RouteTable => "route_table",
            ResourceKind::Route => "route",
            ResourceKind::RouteTableAssociation => "route_table_association",
            ResourceKind::Eip => "eip",
            ResourceKind::NatGateway => "nat_gateway",
            ResourceKind::SecurityGroup => "security_group",
            ResourceKind::SecurityGroupRule => "security_group_rule",
            ResourceKind::IamRole => "iam_role",
            ResourceKind::InstanceProfile => "instance_profile",
            ResourceKind::Instance => "instance",
            ResourceKind::DbSubnetGroup => "db_subnet_group",
            ResourceKind::RdsInstance => "rds_instance",
            ResourceKind::CacheSubnetGroup => "cache_subnet_group",
            ResourceKind::ElasticacheReplicationGroup => "elasticache_replication_group",
            ResourceKind::LoadBalancer => "load_balancer",
            ResourceKind::TargetGroup => "target_group",
            ResourceKind::Listener => "listener",
            ResourceKind::VpcEndpoint => "vpc_endpoint",
            ResourceKind::LogGroup => "log_group",
            ResourceKind::FlowLog => "flow_log",
            ResourceKind::S3Bucket => "s3_bucket",
        }
    }

    /// Minutes, not seconds, to become available: the engine starts these first so the
    /// critical path starts early.
    pub fn is_slow(self) -> bool {
        matches!(
            self,
            ResourceKind::RdsInstance
                | ResourceKind::NatGateway
                | ResourceKind::ElasticacheReplicationGroup
                | ResourceKind::LoadBalancer
        )
    }

    /// What a person calls it.
    pub fn label(self) -> &'static str {
        match self {
            ResourceKind::Vpc => "VPC",
            ResourceKind::Subnet => "Subnet",
            ResourceKind::InternetGateway => "Internet gateway",
            ResourceKind::RouteTable => "Route table",
            ResourceKind::Route => "Route",
            ResourceKind::RouteTableAssociation => "Route table association",
            ResourceKind::Eip => "Elastic IP",
            ResourceKind::NatGateway => "NAT gateway",
            ResourceKind::SecurityGroup => "Security group",
            ResourceKind::SecurityGroupRule => "Security group rule",
            ResourceKind::IamRole => "IAM role",
            ResourceKind::InstanceProfile => "Instance profile",
            ResourceKind::Instance => "EC2 instance",
            ResourceKind::DbSubnetGroup => "DB subnet group",
            ResourceKind::RdsInstance => "RDS instance",
            ResourceKind::CacheSubnetGroup => "Cache subnet group",
            ResourceKind::ElasticacheReplicationGroup => "ElastiCache replication group",
            ResourceKind::LoadBalancer => "Application load balancer",
            ResourceKind::TargetGroup => "Target group",
            ResourceKind::Listener => "Listener",
            ResourceKind::VpcEndpoint => "VPC endpoint",
            ResourceKind::LogGroup => "Log group",
            ResourceKind::FlowLog => "Flow log",
            ResourceKind::S3Bucket => "S3 bucket",
        }
    }
}

impl std::fmt::Display for ResourceKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

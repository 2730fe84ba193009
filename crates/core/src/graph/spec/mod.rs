//! The contract between the plan and the AWS calls: one typed spec per kind. The graph builder
//! writes them, the resource layer reads them, and every field here reaches a request (or
//! decides how a delete goes). A field that nothing reads is a compile warning waiting to be
//! deleted, not a silent no-op; a blueprint field with no spec field is refused at validation.
//!
//! References to other nodes are their logical names (`vpc.main`); the resource layer turns
//! them into AWS ids once those nodes exist.

mod compute;
mod data;
mod ecs;
mod net;

use serde::{Deserialize, Serialize};

pub use compute::{
    AmiSource, Direction, HttpTokens, IamRoleSpec, InlinePeer, InlinePolicy, InlineRule,
    InstanceProfileSpec, InstanceSpec, RootVolume, SecurityGroupRuleSpec, SecurityGroupSpec,
    UserData,
};
pub use data::{
    CacheSubnetGroupSpec, DbParameterGroupSpec, DbSubnetGroupSpec, LifecycleAction, LifecycleRule,
    ListenerRuleSpec, ListenerSpec, ListenerTls, LoadBalancerSpec, LogGroupSpec,
    NoncurrentTransition, OutputSource, RdsInstanceSpec, ReplicationGroupSpec, S3BucketSpec,
    SsmParameterSpec, TargetGroupSpec, TargetType,
};
pub use ecs::{
    ContainerSpec, EcsClusterSpec, EcsServiceSpec, EcsTaskDefinitionSpec, ServiceLoadBalancer,
};
pub use net::{
    EipSpec, EndpointKind, FlowLogDestination, FlowLogSpec, InternetGatewaySpec, NatGatewaySpec,
    RouteSpec, RouteTableAssociationSpec, RouteTableSpec, RouteTarget, SubnetSpec, VpcEndpointSpec,
    VpcSpec,
};

use super::ResourceKind;

/// What one node's create call sets, by kind. Serialised as `kind` plus `properties`, so the
/// UI's inspector gets a discriminated union.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", content = "properties", rename_all = "snake_case")]
pub enum NodeSpec {
    Vpc(VpcSpec),
    Subnet(SubnetSpec),
    InternetGateway(InternetGatewaySpec),
    RouteTable(RouteTableSpec),
    Route(RouteSpec),
    RouteTableAssociation(RouteTableAssociationSpec),
    Eip(EipSpec),
    NatGateway(NatGatewaySpec),
    SecurityGroup(SecurityGroupSpec),
    SecurityGroupRule(SecurityGroupRuleSpec),
    IamRole(IamRoleSpec),
    InstanceProfile(InstanceProfileSpec),
    Instance(InstanceSpec),
    DbSubnetGroup(DbSubnetGroupSpec),
    DbParameterGroup(DbParameterGroupSpec),
    RdsInstance(RdsInstanceSpec),
    CacheSubnetGroup(CacheSubnetGroupSpec),
    ElasticacheReplicationGroup(ReplicationGroupSpec),
    LoadBalancer(LoadBalancerSpec),
    TargetGroup(TargetGroupSpec),
    Listener(ListenerSpec),
    VpcEndpoint(VpcEndpointSpec),
    LogGroup(LogGroupSpec),
    FlowLog(FlowLogSpec),
    S3Bucket(S3BucketSpec),
    SsmParameter(SsmParameterSpec),
    EcsCluster(EcsClusterSpec),
    EcsTaskDefinition(EcsTaskDefinitionSpec),
    EcsService(EcsServiceSpec),
}

impl NodeSpec {
    pub fn kind(&self) -> ResourceKind {
        use ResourceKind as K;
        match self {
            NodeSpec::Vpc(_) => K::Vpc,
            NodeSpec::Subnet(_) => K::Subnet,
            NodeSpec::InternetGateway(_) => K::InternetGateway,
            NodeSpec::RouteTable(_) => K::RouteTable,
            NodeSpec::Route(_) => K::Route,
            NodeSpec::RouteTableAssociation(_) => K::RouteTableAssociation,
            NodeSpec::Eip(_) => K::Eip,
            NodeSpec::NatGateway(_) => K::NatGateway,
            NodeSpec::SecurityGroup(_) => K::SecurityGroup,
            NodeSpec::SecurityGroupRule(_) => K::SecurityGroupRule,
            NodeSpec::IamRole(_) => K::IamRole,
            NodeSpec::InstanceProfile(_) => K::InstanceProfile,
            NodeSpec::Instance(_) => K::Instance,
            NodeSpec::DbSubnetGroup(_) => K::DbSubnetGroup,
            NodeSpec::DbParameterGroup(_) => K::DbParameterGroup,
            NodeSpec::RdsInstance(_) => K::RdsInstance,
            NodeSpec::CacheSubnetGroup(_) => K::CacheSubnetGroup,
            NodeSpec::ElasticacheReplicationGroup(_) => K::ElasticacheReplicationGroup,
            NodeSpec::LoadBalancer(_) => K::LoadBalancer,
            NodeSpec::TargetGroup(_) => K::TargetGroup,
            NodeSpec::Listener(_) => K::Listener,
            NodeSpec::VpcEndpoint(_) => K::VpcEndpoint,
            NodeSpec::LogGroup(_) => K::LogGroup,
            NodeSpec::FlowLog(_) => K::FlowLog,
            NodeSpec::S3Bucket(_) => K::S3Bucket,
            NodeSpec::SsmParameter(_) => K::SsmParameter,
            NodeSpec::EcsCluster(_) => K::EcsCluster,
            NodeSpec::EcsTaskDefinition(_) => K::EcsTaskDefinition,
            NodeSpec::EcsService(_) => K::EcsService,
        }
    }

    /// The name AWS holds unique for this resource, when it has one the blueprint chose.
    pub fn aws_name(&self) -> Option<&str> {
        match self {
            NodeSpec::IamRole(s) => Some(&s.role_name),
            NodeSpec::InstanceProfile(s) => Some(&s.instance_profile_name),
            NodeSpec::S3Bucket(s) => Some(&s.bucket_name),
            NodeSpec::RdsInstance(s) => Some(&s.db_instance_identifier),
            NodeSpec::DbSubnetGroup(s) => Some(&s.db_subnet_group_name),
            NodeSpec::DbParameterGroup(s) => Some(&s.db_parameter_group_name),
            NodeSpec::ElasticacheReplicationGroup(s) => Some(&s.replication_group_id),
            NodeSpec::CacheSubnetGroup(s) => Some(&s.cache_subnet_group_name),
            NodeSpec::LoadBalancer(s) => Some(&s.name),
            NodeSpec::TargetGroup(s) => Some(&s.name),
            NodeSpec::LogGroup(s) => Some(&s.log_group_name),
            NodeSpec::SecurityGroup(s) => Some(&s.group_name),
            NodeSpec::SsmParameter(s) => Some(&s.parameter_name),
            NodeSpec::EcsCluster(s) => Some(&s.cluster_name),
            NodeSpec::EcsTaskDefinition(s) => Some(&s.family),
            // Unique only within its cluster, whose name is claimed.
            NodeSpec::EcsService(_) => None,
            NodeSpec::Vpc(_)
            | NodeSpec::Subnet(_)
            | NodeSpec::InternetGateway(_)
            | NodeSpec::RouteTable(_)
            | NodeSpec::Route(_)
            | NodeSpec::RouteTableAssociation(_)
            | NodeSpec::Eip(_)
            | NodeSpec::NatGateway(_)
            | NodeSpec::SecurityGroupRule(_)
            | NodeSpec::Instance(_)
            | NodeSpec::Listener(_)
            | NodeSpec::VpcEndpoint(_)
            | NodeSpec::FlowLog(_) => None,
        }
    }

    /// The security groups the resource carries, by logical name.
    pub fn security_groups(&self) -> &[String] {
        match self {
            NodeSpec::Instance(s) => &s.security_groups,
            NodeSpec::RdsInstance(s) => &s.security_groups,
            NodeSpec::ElasticacheReplicationGroup(s) => &s.security_groups,
            NodeSpec::LoadBalancer(s) => &s.security_groups,
            NodeSpec::EcsService(s) => &s.security_groups,
            NodeSpec::VpcEndpoint(s) => match &s.endpoint {
                EndpointKind::Interface {
                    security_groups, ..
                } => security_groups,
                EndpointKind::Gateway { .. } => &[],
            },
            NodeSpec::Vpc(_)
            | NodeSpec::Subnet(_)
            | NodeSpec::InternetGateway(_)
            | NodeSpec::RouteTable(_)
            | NodeSpec::Route(_)
            | NodeSpec::RouteTableAssociation(_)
            | NodeSpec::Eip(_)
            | NodeSpec::NatGateway(_)
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
            | NodeSpec::S3Bucket(_)
            | NodeSpec::SsmParameter(_)
            | NodeSpec::EcsCluster(_)
            | NodeSpec::EcsTaskDefinition(_) => &[],
        }
    }
}

/// A count or size the blueprint validated as fitting AWS's 32-bit fields.
pub(crate) fn i32_of(v: i64) -> i32 {
    i32::try_from(v).unwrap_or(if v < 0 { i32::MIN } else { i32::MAX })
}

macro_rules! from_specs {
    ($($variant:ident($ty:ty)),* $(,)?) => {
        $(impl From<$ty> for NodeSpec {
            fn from(spec: $ty) -> Self {
                NodeSpec::$variant(spec)
            }
        })*
    };
}

from_specs!(
    Vpc(VpcSpec),
    Subnet(SubnetSpec),
    InternetGateway(InternetGatewaySpec),
    RouteTable(RouteTableSpec),
    Route(RouteSpec),
    RouteTableAssociation(RouteTableAssociationSpec),
    Eip(EipSpec),
    NatGateway(NatGatewaySpec),
    SecurityGroup(SecurityGroupSpec),
    SecurityGroupRule(SecurityGroupRuleSpec),
    IamRole(IamRoleSpec),
    InstanceProfile(InstanceProfileSpec),
    Instance(InstanceSpec),
    DbSubnetGroup(DbSubnetGroupSpec),
    DbParameterGroup(DbParameterGroupSpec),
    RdsInstance(RdsInstanceSpec),
    CacheSubnetGroup(CacheSubnetGroupSpec),
    ElasticacheReplicationGroup(ReplicationGroupSpec),
    LoadBalancer(LoadBalancerSpec),
    TargetGroup(TargetGroupSpec),
    Listener(ListenerSpec),
    VpcEndpoint(VpcEndpointSpec),
    LogGroup(LogGroupSpec),
    FlowLog(FlowLogSpec),
    S3Bucket(S3BucketSpec),
    SsmParameter(SsmParameterSpec),
    EcsCluster(EcsClusterSpec),
    EcsTaskDefinition(EcsTaskDefinitionSpec),
    EcsService(EcsServiceSpec),
);

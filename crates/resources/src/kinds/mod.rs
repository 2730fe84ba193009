//! Dispatch from a graph node's kind to the module that knows its API calls.

mod cache_subnet_group;
mod db_subnet_group;
mod ec2util;
mod eip;
mod elb_tags;
mod flow_log;
mod iam_role;
mod igw;
mod instance;
mod instance_profile;
mod listener;
mod load_balancer;
mod log_group;
mod nat;
mod poll;
mod props;
mod rds_instance;
mod replication_group;
mod routes;
mod s3;
mod s3_empty;
mod security_group;
mod subnet;
mod target_group;
mod vpc;
mod vpc_endpoint;

use hangar_core::graph::{ResourceKind as K, ResourceNode};

use crate::{Created, Ctx, Found, Refs, ResourceError};

/// Creates the node's resource, or adopts the one that already carries its tags (a resumed or
/// retried job), and waits until it is usable.
pub async fn create(ctx: &Ctx, node: &ResourceNode, refs: &Refs) -> Result<Created, ResourceError> {
    match node.kind {
        K::Vpc => vpc::create(ctx, node).await,
        K::Subnet => subnet::create(ctx, node, refs).await,
        K::InternetGateway => igw::create(ctx, node, refs).await,
        K::RouteTable => routes::create_table(ctx, node, refs).await,
        K::Route => routes::create_route(ctx, node, refs).await,
        K::RouteTableAssociation => routes::associate(ctx, node, refs).await,
        K::Eip => eip::create(ctx, node, refs).await,
        K::NatGateway => nat::create(ctx, node, refs).await,
        K::SecurityGroup => security_group::create(ctx, node, refs).await,
        K::SecurityGroupRule => security_group::create_rule(ctx, node, refs).await,
        K::Instance => instance::create(ctx, node, refs).await,
        K::IamRole => iam_role::create(ctx, node).await,
        K::InstanceProfile => instance_profile::create(ctx, node, refs).await,
        K::S3Bucket => s3::create(ctx, node).await,
        K::DbSubnetGroup => db_subnet_group::create(ctx, node, refs).await,
        K::RdsInstance => rds_instance::create(ctx, node, refs).await,
        K::CacheSubnetGroup => cache_subnet_group::create(ctx, node, refs).await,
        K::ElasticacheReplicationGroup => replication_group::create(ctx, node, refs).await,
        K::LoadBalancer => load_balancer::create(ctx, node, refs).await,
        K::TargetGroup => target_group::create(ctx, node, refs).await,
        K::Listener => listener::create(ctx, node, refs).await,
        K::VpcEndpoint => vpc_endpoint::create(ctx, node, refs).await,
        K::LogGroup => log_group::create(ctx, node).await,
        K::FlowLog => flow_log::create(ctx, node, refs).await,
    }
}

/// Deletes what `create` made and waits until AWS agrees it is gone. Already gone is success.
pub async fn delete(ctx: &Ctx, kind: K, created: &Created) -> Result<(), ResourceError> {
    let result = match kind {
        K::Vpc => vpc::delete(ctx, created).await,
        K::Subnet => subnet::delete(ctx, created).await,
        K::InternetGateway => igw::delete(ctx, created).await,
        K::RouteTable => routes::delete_table(ctx, created).await,
        K::Route => routes::delete_route(ctx, created).await,
        K::RouteTableAssociation => routes::disassociate(ctx, created).await,
        K::Eip => eip::delete(ctx, created).await,
        K::NatGateway => nat::delete(ctx, created).await,
        K::SecurityGroup => security_group::delete(ctx, created).await,
        K::SecurityGroupRule => security_group::delete_rule(ctx, created).await,
        K::Instance => instance::delete(ctx, created).await,
        K::IamRole => iam_role::delete(ctx, created).await,
        K::InstanceProfile => instance_profile::delete(ctx, created).await,
        K::S3Bucket => s3::delete(ctx, created).await,
        K::DbSubnetGroup => db_subnet_group::delete(ctx, created).await,
        K::RdsInstance => rds_instance::delete(ctx, created).await,
        K::CacheSubnetGroup => cache_subnet_group::delete(ctx, created).await,
        K::ElasticacheReplicationGroup => replication_group::delete(ctx, created).await,
        K::LoadBalancer => load_balancer::delete(ctx, created).await,
        K::TargetGroup => target_group::delete(ctx, created).await,
        K::Listener => listener::delete(ctx, created).await,
        K::VpcEndpoint => vpc_endpoint::delete(ctx, created).await,
        K::LogGroup => log_group::delete(ctx, created).await,
        K::FlowLog => flow_log::delete(ctx, created).await,
    };
    match result {
        Err(err) if err.is_not_found() => Ok(()),
        other => other,
    }
}

/// Everything of one kind that carries the environment's tag and is not already gone. Kinds
/// that AWS cannot tag (routes, associations, cross-group rules) and listeners (tagged, but
/// deleted with their load balancer) live and die with their parents and return nothing.
pub async fn find_tagged(ctx: &Ctx, kind: K) -> Result<Vec<Found>, ResourceError> {
    match kind {
        K::Vpc => vpc::find_tagged(ctx, None).await,
        K::Subnet => subnet::find_tagged(ctx, None).await,
        K::InternetGateway => igw::find_tagged(ctx, None).await,
        K::RouteTable => routes::find_tables(ctx, None).await,
        K::Route | K::RouteTableAssociation | K::SecurityGroupRule | K::Listener => Ok(Vec::new()),
        K::Eip => eip::find_tagged(ctx, None).await,
        K::NatGateway => nat::find_tagged(ctx, None).await,
        K::SecurityGroup => security_group::find_tagged(ctx, None).await,
        K::Instance => instance::find_tagged(ctx, None).await,
        K::IamRole => iam_role::find_tagged(ctx).await,
        K::InstanceProfile => instance_profile::find_tagged(ctx).await,
        K::S3Bucket => s3::find_tagged(ctx).await,
        K::DbSubnetGroup => db_subnet_group::find_tagged(ctx).await,
        K::RdsInstance => rds_instance::find_tagged(ctx).await,
        K::CacheSubnetGroup => cache_subnet_group::find_tagged(ctx).await,
        K::ElasticacheReplicationGroup => replication_group::find_tagged(ctx).await,
        K::LoadBalancer => load_balancer::find_tagged(ctx).await,
        K::TargetGroup => target_group::find_tagged(ctx).await,
        K::VpcEndpoint => vpc_endpoint::find_tagged(ctx, None).await,
        K::LogGroup => log_group::find_tagged(ctx).await,
        K::FlowLog => flow_log::find_tagged(ctx, None).await,
    }
}

/// Whether [`find_tagged`] lists this kind on its own. Routes, route-table associations, group
/// rules and listeners live and die with the tagged resource they hang off (AWS tags none of
/// the first three; a listener goes with its load balancer), so it reports none of them.
pub fn found_by_tag(kind: K) -> bool {
    !matches!(
        kind,
        K::Route | K::RouteTableAssociation | K::SecurityGroupRule | K::Listener
    )
}

/// The order a sweep deletes kinds in when it has no graph to follow: what uses a thing goes
/// before the thing (instances before their groups, NAT gateways before their addresses,
/// everything in a VPC before the VPC).
pub fn teardown_rank(kind: K) -> u8 {
    match kind {
        K::Listener => 0,
        K::Instance | K::LoadBalancer => 1,
        K::TargetGroup | K::ElasticacheReplicationGroup | K::RdsInstance => 2,
        K::NatGateway | K::VpcEndpoint | K::FlowLog => 3,
        K::SecurityGroupRule | K::Route | K::RouteTableAssociation => 4,
        K::Eip | K::DbSubnetGroup | K::CacheSubnetGroup => 5,
        K::SecurityGroup | K::RouteTable | K::InstanceProfile => 6,
        K::InternetGateway | K::Subnet | K::IamRole | K::LogGroup | K::S3Bucket => 7,
        K::Vpc => 8,
    }
}

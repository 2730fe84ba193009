//! Dispatch from a graph node's kind to the module that knows its API calls.

mod ec2util;
mod eip;
mod iam;
mod igw;
mod instance;
mod nat;
mod props;
mod rds;
mod routes;
mod s3;
mod security_group;
mod subnet;
mod vpc;

mod data;

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
        other => data::create(ctx, other, node, refs).await,
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
        other => data::delete(ctx, other, created).await,
    };
    match result {
        Err(err) if err.is_not_found() => Ok(()),
        other => other,
    }
}

/// Everything of one kind that carries the environment's tag and is not already gone. Kinds
/// that AWS cannot tag (routes, associations, cross-group rules) live and die with their
/// parents and return nothing.
pub async fn find_tagged(ctx: &Ctx, kind: K) -> Result<Vec<Found>, ResourceError> {
    match kind {
        K::Vpc => vpc::find_tagged(ctx, None).await,
        K::Subnet => subnet::find_tagged(ctx, None).await,
        K::InternetGateway => igw::find_tagged(ctx, None).await,
        K::RouteTable => routes::find_tables(ctx, None).await,
        K::Route | K::RouteTableAssociation | K::SecurityGroupRule => Ok(Vec::new()),
        K::Eip => eip::find_tagged(ctx, None).await,
        K::NatGateway => nat::find_tagged(ctx, None).await,
        K::SecurityGroup => security_group::find_tagged(ctx, None).await,
        K::Instance => instance::find_tagged(ctx, None).await,
        other => data::find_tagged(ctx, other).await,
    }
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

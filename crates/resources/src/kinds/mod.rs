//! Dispatch from a graph node's kind to the module that knows its API calls.

mod cache_subnet_group;
mod db_parameter_group;
mod db_subnet_group;
mod drift;
mod ec2util;
mod ecs_cluster;
mod ecs_service;
mod ecs_tags;
mod ecs_task_definition;
mod eip;
mod elb_tags;
mod flow_log;
mod iam_role;
mod igw;
mod instance;
mod instance_power;
mod instance_profile;
mod listener;
mod listener_rules;
mod load_balancer;
mod log_group;
mod nat;
mod poll;
mod power;
mod rds_instance;
mod rds_power;
mod replication_group;
mod routes;
mod s3;
mod s3_empty;
pub(crate) mod s3_settings;
mod security_group;
mod ssm_parameter;
mod subnet;
mod target_group;
mod vpc;
mod vpc_endpoint;

use hangar_core::graph::{NodeSpec as S, ResourceKind as K, ResourceNode};

pub use drift::{Observable, observe, repair};
pub use power::{Stoppable, start, stop};

use crate::tags::client_token;
use crate::{Created, Ctx, Disposal, Found, Refs, ResourceError};

/// Creates the node's resource, or adopts the one that already carries its tags (a resumed or
/// retried job), and waits until it is usable. `generation` is the attempt's, from the
/// history: it goes into the client token of every create that takes one.
pub async fn create(
    ctx: &Ctx,
    node: &ResourceNode,
    refs: &Refs,
    generation: u32,
) -> Result<Created, ResourceError> {
    let n = &node.logical;
    let token = &client_token(&ctx.env_id, n, generation);
    match &node.spec {
        S::Vpc(s) => vpc::create(ctx, n, s).await,
        S::Subnet(s) => subnet::create(ctx, n, s, refs).await,
        S::InternetGateway(s) => igw::create(ctx, n, s, refs).await,
        S::RouteTable(s) => routes::create_table(ctx, n, s, refs).await,
        S::Route(s) => routes::create_route(ctx, s, refs).await,
        S::RouteTableAssociation(s) => routes::associate(ctx, s, refs).await,
        S::Eip(s) => eip::create(ctx, n, s, refs).await,
        S::NatGateway(s) => nat::create(ctx, n, s, refs, token).await,
        S::SecurityGroup(s) => security_group::create(ctx, n, s, refs).await,
        S::SecurityGroupRule(s) => security_group::create_rule(ctx, s, refs).await,
        S::Instance(s) => instance::create(ctx, n, s, refs, token).await,
        S::IamRole(s) => iam_role::create(ctx, n, s).await,
        S::InstanceProfile(s) => instance_profile::create(ctx, n, s, refs).await,
        S::S3Bucket(s) => s3::create(ctx, n, s).await,
        S::DbSubnetGroup(s) => db_subnet_group::create(ctx, n, s, refs).await,
        S::DbParameterGroup(s) => db_parameter_group::create(ctx, n, s).await,
        S::RdsInstance(s) => rds_instance::create(ctx, n, s, refs).await,
        S::CacheSubnetGroup(s) => cache_subnet_group::create(ctx, n, s, refs).await,
        S::ElasticacheReplicationGroup(s) => replication_group::create(ctx, n, s, refs).await,
        S::LoadBalancer(s) => load_balancer::create(ctx, n, s, refs).await,
        S::TargetGroup(s) => target_group::create(ctx, n, s, refs).await,
        S::Listener(s) => listener::create(ctx, n, s, refs).await,
        S::VpcEndpoint(s) => vpc_endpoint::create(ctx, n, s, refs, token).await,
        S::LogGroup(s) => log_group::create(ctx, n, s).await,
        S::FlowLog(s) => flow_log::create(ctx, n, s, refs, token).await,
        S::SsmParameter(s) => ssm_parameter::create(ctx, n, s, refs).await,
        S::EcsCluster(s) => ecs_cluster::create(ctx, n, s).await,
        S::EcsTaskDefinition(s) => ecs_task_definition::create(ctx, n, s, refs).await,
        S::EcsService(s) => ecs_service::create(ctx, n, s, refs, token).await,
    }
}

/// Deletes what `create` made and waits until AWS agrees it is gone. Already gone is success.
/// `spec` is the node's spec when the plan still has it (a resource swept by tag may have
/// none); it decides what a delete keeps (a bucket's objects without `force_destroy`, a
/// retained bucket as a whole). What outlives the delete is in the [`Disposal`].
pub async fn delete(
    ctx: &Ctx,
    kind: K,
    created: &Created,
    spec: Option<&S>,
) -> Result<Disposal, ResourceError> {
    let gone = |r: Result<(), ResourceError>| r.map(|()| Disposal::Deleted);
    let result = match kind {
        K::Vpc => gone(vpc::delete(ctx, created).await),
        K::Subnet => gone(subnet::delete(ctx, created).await),
        K::InternetGateway => gone(igw::delete(ctx, created).await),
        K::RouteTable => gone(routes::delete_table(ctx, created).await),
        K::Route => gone(routes::delete_route(ctx, created).await),
        K::RouteTableAssociation => gone(routes::disassociate(ctx, created).await),
        K::Eip => gone(eip::delete(ctx, created).await),
        K::NatGateway => gone(nat::delete(ctx, created).await),
        K::SecurityGroup => gone(security_group::delete(ctx, created).await),
        K::SecurityGroupRule => gone(security_group::delete_rule(ctx, created).await),
        K::Instance => gone(instance::delete(ctx, created).await),
        K::IamRole => gone(iam_role::delete(ctx, created).await),
        K::InstanceProfile => gone(instance_profile::delete(ctx, created).await),
        K::S3Bucket => match spec {
            Some(S::S3Bucket(s)) if s.retain => s3_empty::keep(ctx, created).await,
            Some(S::S3Bucket(s)) => gone(s3::delete(ctx, created, s.force_destroy).await),
            // Found by tag with no plan to say: keep what it holds rather than guess.
            _ => gone(s3::delete(ctx, created, false).await),
        },
        K::DbSubnetGroup => gone(db_subnet_group::delete(ctx, created).await),
        K::DbParameterGroup => gone(db_parameter_group::delete(ctx, created).await),
        K::RdsInstance => rds_instance::delete(ctx, created).await,
        K::CacheSubnetGroup => gone(cache_subnet_group::delete(ctx, created).await),
        K::ElasticacheReplicationGroup => gone(replication_group::delete(ctx, created).await),
        K::LoadBalancer => gone(load_balancer::delete(ctx, created).await),
        K::TargetGroup => gone(target_group::delete(ctx, created).await),
        K::Listener => gone(listener::delete(ctx, created).await),
        K::VpcEndpoint => gone(vpc_endpoint::delete(ctx, created).await),
        K::LogGroup => gone(log_group::delete(ctx, created).await),
        K::FlowLog => gone(flow_log::delete(ctx, created).await),
        K::SsmParameter => gone(ssm_parameter::delete(ctx, created).await),
        K::EcsCluster => gone(ecs_cluster::delete(ctx, created).await),
        K::EcsTaskDefinition => gone(ecs_task_definition::delete(ctx, created).await),
        K::EcsService => gone(ecs_service::delete(ctx, created).await),
    };
    match result {
        Err(err) if err.is_not_found() => Ok(Disposal::Deleted),
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
        K::DbParameterGroup => db_parameter_group::find_tagged(ctx).await,
        K::RdsInstance => rds_instance::find_tagged(ctx).await,
        K::CacheSubnetGroup => cache_subnet_group::find_tagged(ctx).await,
        K::ElasticacheReplicationGroup => replication_group::find_tagged(ctx).await,
        K::LoadBalancer => load_balancer::find_tagged(ctx).await,
        K::TargetGroup => target_group::find_tagged(ctx).await,
        K::VpcEndpoint => vpc_endpoint::find_tagged(ctx, None).await,
        K::LogGroup => log_group::find_tagged(ctx).await,
        K::FlowLog => flow_log::find_tagged(ctx, None).await,
        K::SsmParameter => ssm_parameter::find_tagged(ctx).await,
        K::EcsCluster => ecs_cluster::find_tagged(ctx).await,
        K::EcsTaskDefinition => ecs_task_definition::find_tagged(ctx).await,
        K::EcsService => ecs_service::find_tagged(ctx).await,
    }
}

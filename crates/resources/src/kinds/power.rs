//! Pause and wake: the kinds that can be stopped without losing what they hold (an EC2
//! instance keeps its EBS volumes, an RDS instance its storage), and the dispatch to the module
//! that knows each one's calls. Both verbs are idempotent: stopping what is stopped, or starting
//! what runs, only waits for it to be there.

use hangar_core::graph::ResourceKind as K;

use super::{instance_power, rds_power};
use crate::{Created, Ctx, ResourceError};

/// A kind a pause stops and a wake starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stoppable {
    Instance,
    RdsInstance,
}

impl Stoppable {
    /// `None` for every kind that bills whether or not anyone uses it (or bills nothing): a
    /// pause leaves those as they are.
    pub fn of(kind: K) -> Option<Self> {
        match kind {
            K::Instance => Some(Self::Instance),
            K::RdsInstance => Some(Self::RdsInstance),
            K::Vpc
            | K::Subnet
            | K::InternetGateway
            | K::RouteTable
            | K::Route
            | K::RouteTableAssociation
            | K::Eip
            | K::NatGateway
            | K::SecurityGroup
            | K::SecurityGroupRule
            | K::IamRole
            | K::InstanceProfile
            | K::DbSubnetGroup
            | K::DbParameterGroup
            | K::CacheSubnetGroup
            | K::ElasticacheReplicationGroup
            | K::LoadBalancer
            | K::TargetGroup
            | K::Listener
            | K::VpcEndpoint
            | K::LogGroup
            | K::FlowLog
            | K::S3Bucket
            | K::SsmParameter
            | K::EcsCluster
            | K::EcsTaskDefinition
            | K::EcsService => None,
        }
    }
}

/// Stops the resource `aws_id` names and waits until AWS says it is stopped.
pub async fn stop(ctx: &Ctx, what: Stoppable, aws_id: &str) -> Result<(), ResourceError> {
    match what {
        Stoppable::Instance => instance_power::stop(ctx, aws_id).await,
        Stoppable::RdsInstance => rds_power::stop(ctx, aws_id).await,
    }
}

/// Starts the resource `aws_id` names, waits until it runs (an instance) or is available (a
/// database), and returns it as described then: an instance without an Elastic IP comes back
/// with a new public address.
pub async fn start(ctx: &Ctx, what: Stoppable, aws_id: &str) -> Result<Created, ResourceError> {
    match what {
        Stoppable::Instance => instance_power::start(ctx, aws_id).await,
        Stoppable::RdsInstance => rds_power::start(ctx, aws_id).await,
    }
}

//! How long AWS takes: the one table of modelled durations. The fault proxy keeps resources
//! pending for these (scaled), and the critical-path bound is computed from the same numbers,
//! so a benchmark compares Hangar with the best any walk of the graph could do on that model.
//!
//! AWS publishes no service-level figures for these; each is a typical duration, with where it
//! comes from. Any one can be off by a factor of two in a given region on a given day: the
//! point is the shape (which waits dominate, which chains are long), not the minutes.

use std::time::Duration;

use crate::graph::{NodeSpec, ResourceKind, ResourceNode};

/// The resources AWS keeps pending long enough to matter, each with its own create and delete
/// duration. Everything else is modelled as ready when its call answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Modelled {
    NatGateway,
    Instance,
    RdsSingleAz,
    RdsMultiAz,
    LoadBalancer,
    ReplicationGroup,
}

impl Modelled {
    /// What a node of the graph is, on the model; `None` for what is ready at once.
    pub fn of(node: &ResourceNode) -> Option<Modelled> {
        use ResourceKind as K;
        match node.kind() {
            K::NatGateway => Some(Modelled::NatGateway),
            K::Instance => Some(Modelled::Instance),
            K::RdsInstance => Some(match &node.spec {
                NodeSpec::RdsInstance(s) if s.multi_az => Modelled::RdsMultiAz,
                _ => Modelled::RdsSingleAz,
            }),
            K::LoadBalancer => Some(Modelled::LoadBalancer),
            K::ElasticacheReplicationGroup => Some(Modelled::ReplicationGroup),
            K::Vpc
            | K::Subnet
            | K::InternetGateway
            | K::RouteTable
            | K::Route
            | K::RouteTableAssociation
            | K::Eip
            | K::SecurityGroup
            | K::SecurityGroupRule
            | K::IamRole
            | K::InstanceProfile
            | K::DbSubnetGroup
            | K::DbParameterGroup
            | K::CacheSubnetGroup
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

    /// Seconds from the create call until AWS reports it ready, at scale 1.
    fn create_secs(self) -> f64 {
        match self {
            // `pending` to `available`: typically one to two minutes (AWS re:Post, "How long
            // does it take to create a NAT gateway"; Terraform's aws_nat_gateway allows 10 min).
            Modelled::NatGateway => 120.0,
            // `pending` to `running`: AWS's EC2 user guide, "Instance lifecycle", has an
            // instance running within a minute or so; 30 s is typical for Amazon Linux.
            Modelled::Instance => 30.0,
            // `creating` to `available`: about ten minutes for a small Single-AZ instance
            // (RDS user guide, "Creating an Amazon RDS DB instance": "can take several
            // minutes"; the getting-started tutorial says up to 20 with Multi-AZ).
            Modelled::RdsSingleAz => 600.0,
            // A standby in a second zone roughly doubles it: 15-20 minutes (hangar-resources'
            // Ctx::wait_deadline says the same).
            Modelled::RdsMultiAz => 1200.0,
            // `provisioning` to `active`: about three minutes (ELB user guide, "Create an
            // Application Load Balancer": "it can take a few minutes").
            Modelled::LoadBalancer => 180.0,
            // `creating` to `available`: about ten minutes for a small Redis group with a
            // replica (ElastiCache user guide, "Creating a replication group": "several
            // minutes").
            Modelled::ReplicationGroup => 600.0,
        }
    }

    /// Seconds from the delete call until AWS reports it gone, at scale 1.
    fn delete_secs(self) -> f64 {
        match self {
            // `deleting` to `deleted`: about a minute (VPC user guide, "Delete a NAT gateway":
            // "it can take up to an hour to be removed from the list"; `deleted` comes first).
            Modelled::NatGateway => 60.0,
            // `shutting-down` to `terminated`: about a minute (EC2 "Terminate instances").
            Modelled::Instance => 60.0,
            // `deleting` until DBInstanceNotFound, no final snapshot: about five minutes,
            // longer with a standby (observed; Terraform's aws_db_instance allows 60 min).
            Modelled::RdsSingleAz => 300.0,
            Modelled::RdsMultiAz => 480.0,
            // Gone from DescribeLoadBalancers within about thirty seconds (its interfaces
            // linger longer, which `lingering_interfaces` models).
            Modelled::LoadBalancer => 30.0,
            // `deleting` until ReplicationGroupNotFound: about five minutes (observed).
            Modelled::ReplicationGroup => 300.0,
        }
    }
}

/// The modelled durations times one scale factor (1: AWS's own; 0.05: a benchmark's twentieth).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DurationModel {
    pub scale: f64,
}

impl DurationModel {
    /// One API call's round trip from a desktop to a regional endpoint, at scale 1.
    const CALL_LATENCY_SECS: f64 = 0.1;

    pub fn scaled(scale: f64) -> Self {
        Self { scale }
    }

    pub fn create(&self, m: Modelled) -> Duration {
        self.secs(m.create_secs())
    }

    pub fn delete(&self, m: Modelled) -> Duration {
        self.secs(m.delete_secs())
    }

    pub fn call_latency(&self) -> Duration {
        self.secs(Self::CALL_LATENCY_SECS)
    }

    /// How long creating (or deleting) this node stays pending; zero for what is not modelled.
    pub fn pending(&self, node: &ResourceNode, direction: Direction) -> Duration {
        Modelled::of(node).map_or(Duration::ZERO, |m| match direction {
            Direction::Create => self.create(m),
            Direction::Delete => self.delete(m),
        })
    }

    fn secs(&self, secs: f64) -> Duration {
        Duration::from_secs_f64((secs * self.scale).max(0.0))
    }
}

impl Default for DurationModel {
    fn default() -> Self {
        Self::scaled(1.0)
    }
}

/// Which way a walk goes: creation follows dependencies, teardown reverses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Create,
    Delete,
}

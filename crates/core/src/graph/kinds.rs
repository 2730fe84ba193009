use serde::{Deserialize, Serialize};
use strum::VariantArray;

/// Every kind of AWS object a plan can create. Route-table routes and associations are their
/// own kinds because each is a separate API call with its own teardown step
/// (DisassociateRouteTable before DeleteRouteTable), and so a private route can wait for its
/// NAT gateway without holding back the route table.
///
/// A new kind is added here and then wherever the compiler says a match is not exhaustive:
/// [`ResourceKind::info`], the spec in `graph::spec`, and the resource layer's dispatch
/// (docs/adding-a-kind.md).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
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
    /// The engine settings a database runs with (`rds.force_ssl`); made before the database
    /// that names it, deleted after.
    DbParameterGroup,
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
    SsmParameter,
    /// An ECS cluster: the namespace Fargate services run in; it holds no machines.
    EcsCluster,
    /// A Fargate task definition: the container, its size and where its logs go.
    EcsTaskDefinition,
    /// A Fargate service: keeps `desired_count` tasks running, registered with a target group.
    EcsService,
}

/// The blueprint section a kind is declared in, where a blueprint's `depends_on` and
/// `[[outputs]]` name it (`databases.postgres.endpoint`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::VariantArray, strum::IntoStaticStr, strum::EnumString,
)]
#[strum(serialize_all = "snake_case")]
pub enum Section {
    Network,
    Instances,
    Databases,
    Caches,
    LoadBalancers,
    Buckets,
    SecurityGroups,
    IamRoles,
    SsmParameters,
    EcsClusters,
    Services,
}

impl Section {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Section> {
        s.parse().ok()
    }

    /// The kind a `section.name` reference means.
    pub fn kind(self) -> ResourceKind {
        use ResourceKind as K;
        match self {
            Section::Network => K::Vpc,
            Section::Instances => K::Instance,
            Section::Databases => K::RdsInstance,
            Section::Caches => K::ElasticacheReplicationGroup,
            Section::LoadBalancers => K::LoadBalancer,
            Section::Buckets => K::S3Bucket,
            Section::SecurityGroups => K::SecurityGroup,
            Section::IamRoles => K::IamRole,
            Section::SsmParameters => K::SsmParameter,
            Section::EcsClusters => K::EcsCluster,
            Section::Services => K::EcsService,
        }
    }
}

/// Where the diagram draws a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Inside its subnet (or the VPC when it has none).
    InSubnet,
    /// On the VPC's border: a way in or out of it.
    VpcEdge,
    /// In the region, outside any VPC (global or regional services).
    Region,
    /// Drawn as part of something else (a route in its table, a rule as an edge), or the
    /// container itself (VPC, subnet).
    NotDrawn,
}

/// How the resource layer finds a kind by the environment's tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindByTag {
    /// Listed on its own by its tags.
    Own,
    /// AWS tags none of these (routes, associations, group rules), or it goes with its parent
    /// (a listener with its load balancer): found and deleted through the parent.
    WithParent,
}

/// Everything Hangar knows of a kind apart from its API calls, in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindInfo {
    /// What a person calls it.
    pub label: &'static str,
    /// Minutes, not seconds, to become available: the engine starts these first so the
    /// critical path starts early.
    pub slow: bool,
    /// The order a sweep deletes kinds in when it has no graph to follow: what uses a thing
    /// goes before the thing (instances before their groups, NAT gateways before their
    /// addresses, everything in a VPC before the VPC). Lower goes first.
    pub teardown_rank: u8,
    pub find: FindByTag,
    pub placement: Placement,
}

impl ResourceKind {
    /// Every kind, derived from the enum: a new variant is in it without anyone counting.
    pub const ALL: &'static [ResourceKind] = Self::VARIANTS;

    pub fn all() -> impl Iterator<Item = ResourceKind> {
        Self::ALL.iter().copied()
    }

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<ResourceKind> {
        s.parse().ok()
    }

    pub fn info(self) -> KindInfo {
        use FindByTag::{Own, WithParent};
        use Placement as P;
        use ResourceKind as K;
        let (label, slow, teardown_rank, find, placement) = match self {
            K::Vpc => ("VPC", false, 8, Own, P::NotDrawn),
            K::Subnet => ("Subnet", false, 7, Own, P::NotDrawn),
            K::InternetGateway => ("Internet gateway", false, 7, Own, P::VpcEdge),
            K::RouteTable => ("Route table", false, 6, Own, P::NotDrawn),
            K::Route => ("Route", false, 4, WithParent, P::NotDrawn),
            K::RouteTableAssociation => {
                ("Route table association", false, 4, WithParent, P::NotDrawn)
            }
            K::Eip => ("Elastic IP", false, 5, Own, P::NotDrawn),
            K::NatGateway => ("NAT gateway", true, 3, Own, P::InSubnet),
            K::SecurityGroup => ("Security group", false, 6, Own, P::NotDrawn),
            K::SecurityGroupRule => ("Security group rule", false, 4, WithParent, P::NotDrawn),
            K::IamRole => ("IAM role", false, 7, Own, P::Region),
            K::InstanceProfile => ("Instance profile", false, 6, Own, P::NotDrawn),
            K::Instance => ("EC2 instance", false, 1, Own, P::InSubnet),
            K::DbSubnetGroup => ("DB subnet group", false, 5, Own, P::NotDrawn),
            K::DbParameterGroup => ("DB parameter group", false, 5, Own, P::NotDrawn),
            K::RdsInstance => ("RDS instance", true, 2, Own, P::InSubnet),
            K::CacheSubnetGroup => ("Cache subnet group", false, 5, Own, P::NotDrawn),
            K::ElasticacheReplicationGroup => {
                ("ElastiCache replication group", true, 2, Own, P::InSubnet)
            }
            K::LoadBalancer => ("Application load balancer", true, 1, Own, P::VpcEdge),
            K::TargetGroup => ("Target group", false, 2, Own, P::NotDrawn),
            K::Listener => ("Listener", false, 0, WithParent, P::NotDrawn),
            K::VpcEndpoint => ("VPC endpoint", false, 3, Own, P::VpcEdge),
            K::LogGroup => ("Log group", false, 7, Own, P::Region),
            K::FlowLog => ("Flow log", false, 3, Own, P::VpcEdge),
            K::S3Bucket => ("S3 bucket", false, 7, Own, P::Region),
            K::SsmParameter => ("SSM parameter", false, 0, Own, P::Region),
            // A service goes before its target group (AWS refuses to delete a group a service
            // still names), its task definition and its cluster (a cluster with services
            // cannot be deleted); the cluster is drawn in the VPC, its services in subnets.
            K::EcsService => ("ECS service", false, 1, Own, P::InSubnet),
            K::EcsTaskDefinition => ("ECS task definition", false, 2, Own, P::NotDrawn),
            K::EcsCluster => ("ECS cluster", false, 3, Own, P::InSubnet),
        };
        KindInfo {
            label,
            slow,
            teardown_rank,
            find,
            placement,
        }
    }

    pub fn is_slow(self) -> bool {
        self.info().slow
    }

    pub fn label(self) -> &'static str {
        self.info().label
    }

    pub fn teardown_rank(self) -> u8 {
        self.info().teardown_rank
    }

    /// Whether the resource layer lists this kind by tag on its own.
    pub fn found_by_tag(self) -> bool {
        self.info().find == FindByTag::Own
    }
}

impl std::fmt::Display for ResourceKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_name() {
        for kind in ResourceKind::all() {
            assert_eq!(ResourceKind::parse(kind.as_str()), Some(kind));
            let json = serde_json::to_string(&kind).expect("json");
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
        assert!(ResourceKind::ALL.len() >= 25);
    }

    #[test]
    fn every_section_names_a_kind_found_by_tag() {
        for section in Section::VARIANTS {
            assert_eq!(Section::parse(section.as_str()), Some(*section));
            assert!(section.kind().found_by_tag(), "{section:?}");
        }
    }

    #[test]
    fn what_uses_a_thing_is_swept_before_it() {
        use ResourceKind as K;
        for (user, used) in [
            (K::Instance, K::SecurityGroup),
            (K::Listener, K::LoadBalancer),
            (K::NatGateway, K::Eip),
            (K::RdsInstance, K::DbSubnetGroup),
            (K::Subnet, K::Vpc),
            (K::InstanceProfile, K::IamRole),
            (K::EcsService, K::TargetGroup),
            (K::EcsService, K::EcsCluster),
            (K::EcsService, K::EcsTaskDefinition),
            (K::EcsService, K::SecurityGroup),
            (K::EcsTaskDefinition, K::IamRole),
            (K::EcsTaskDefinition, K::LogGroup),
        ] {
            assert!(
                user.teardown_rank() < used.teardown_rank(),
                "{user} vs {used}"
            );
        }
    }
}

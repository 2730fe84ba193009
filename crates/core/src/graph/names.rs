//! Names AWS holds unique across an account (IAM) or an account and region (RDS identifiers,
//! ElastiCache ids, subnet groups, load balancers, log groups, groups in the default VPC), and
//! S3 bucket names, unique across all of AWS. Two environments whose plans share one cannot
//! both exist; the engine checks this before anything is sent to AWS.

use super::{NodeSpec, ResourceGraph, ResourceKind as K};

/// Where a name must be unique.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameScope {
    /// IAM: every region of the account.
    Account,
    /// The account, in one region.
    Region,
    /// S3: everyone's buckets.
    Global,
}

/// A name the plan would take, with its kind and its scope.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClaimedName {
    pub scope: NameScope,
    pub kind: K,
    pub name: String,
    pub logical: String,
}

fn scope(kind: K) -> Option<NameScope> {
    Some(match kind {
        K::IamRole | K::InstanceProfile => NameScope::Account,
        K::S3Bucket => NameScope::Global,
        K::RdsInstance
        | K::DbSubnetGroup
        | K::DbParameterGroup
        | K::ElasticacheReplicationGroup
        | K::CacheSubnetGroup
        | K::LoadBalancer
        | K::TargetGroup
        | K::LogGroup
        | K::SecurityGroup
        | K::SsmParameter
        | K::EcsCluster
        | K::EcsTaskDefinition => NameScope::Region,
        K::Vpc
        | K::Subnet
        | K::InternetGateway
        | K::RouteTable
        | K::Route
        | K::RouteTableAssociation
        | K::Eip
        | K::NatGateway
        | K::SecurityGroupRule
        | K::Instance
        | K::Listener
        | K::VpcEndpoint
        | K::FlowLog
        | K::EcsService => return None,
    })
}

impl ResourceGraph {
    /// Every account-, region- or globally-unique name this graph would take. A security
    /// group's name is unique only within its VPC, so it counts only in the default VPC, which
    /// every environment in the region shares.
    pub fn claimed_names(&self) -> Vec<ClaimedName> {
        let mut names: Vec<ClaimedName> = self
            .nodes
            .iter()
            .filter(|n| match &n.spec {
                NodeSpec::SecurityGroup(g) => g.vpc.is_none(),
                _ => true,
            })
            .filter_map(|n| {
                let scope = scope(n.kind())?;
                let name = n.spec.aws_name()?;
                Some(ClaimedName {
                    scope,
                    kind: n.kind(),
                    name: name.to_string(),
                    logical: n.logical.clone(),
                })
            })
            .collect();
        names.sort();
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Overrides, load_builtin, plan};

    fn claimed(blueprint: &str) -> Vec<(NameScope, K, String)> {
        let plan = plan(
            &load_builtin(blueprint).expect("built-in"),
            &Overrides::new(),
        )
        .expect("plan");
        plan.graph
            .claimed_names()
            .into_iter()
            .map(|c| (c.scope, c.kind, c.name))
            .collect()
    }

    #[test]
    fn web_and_postgres_claims_its_database_names_but_not_its_vpc_groups() {
        let names = claimed("web-and-postgres");
        assert!(
            names
                .iter()
                .any(|(s, k, _)| *s == NameScope::Region && *k == K::RdsInstance),
            "{names:?}"
        );
        assert!(names.iter().any(|(_, k, _)| *k == K::DbSubnetGroup));
        assert!(
            !names.iter().any(|(_, k, _)| *k == K::SecurityGroup),
            "its groups live in its own VPC: {names:?}"
        );
    }

    #[test]
    fn single_host_dev_claims_its_group_in_the_default_vpc() {
        let names = claimed("single-host-dev");
        assert!(
            names.iter().any(|(_, k, _)| *k == K::SecurityGroup),
            "{names:?}"
        );
    }

    #[test]
    fn app_and_database_claims_a_global_bucket_and_an_account_role() {
        let names = claimed("app-and-database");
        assert!(
            names
                .iter()
                .any(|(s, k, _)| *s == NameScope::Global && *k == K::S3Bucket)
        );
        assert!(
            names
                .iter()
                .any(|(s, k, _)| *s == NameScope::Account && *k == K::IamRole)
        );
    }
}

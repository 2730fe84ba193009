//! Names AWS holds unique across an account (IAM) or an account and region (RDS identifiers,
//! ElastiCache ids, subnet groups, load balancers, log groups, groups in the default VPC), and
//! S3 bucket names, unique across all of AWS. Two environments whose plans share one cannot
//! both exist; the engine checks this before anything is sent to AWS.

use super::{ResourceGraph, ResourceKind as K};

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

/// A name the plan would take, with its kind, the property that carries it and its scope.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClaimedName {
    pub scope: NameScope,
    pub kind: K,
    pub name: String,
    pub logical: String,
}

fn name_property(kind: K) -> Option<(&'static str, NameScope)> {
    Some(match kind {
        K::IamRole => ("role_name", NameScope::Account),
        K::InstanceProfile => ("instance_profile_name", NameScope::Account),
        K::S3Bucket => ("bucket_name", NameScope::Global),
        K::RdsInstance => ("db_instance_identifier", NameScope::Region),
        K::DbSubnetGroup => ("db_subnet_group_name", NameScope::Region),
        K::ElasticacheReplicationGroup => ("replication_group_id", NameScope::Region),
        K::CacheSubnetGroup => ("cache_subnet_group_name", NameScope::Region),
        K::LoadBalancer | K::TargetGroup => ("name", NameScope::Region),
        K::LogGroup => ("log_group_name", NameScope::Region),
        K::SecurityGroup => ("group_name", NameScope::Region),
        _ => return None,
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
            .filter(|n| {
                n.kind != K::SecurityGroup
                    || n.properties.get("vpc").and_then(|v| v.as_str()) == Some("default")
            })
            .filter_map(|n| {
                let (property, scope) = name_property(n.kind)?;
                let name = n.properties.get(property)?.as_str()?;
                Some(ClaimedName {
                    scope,
                    kind: n.kind,
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

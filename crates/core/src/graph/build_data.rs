//! Databases, caches and load balancers.

use super::build::{dependency_targets, instance_names, sg};
use super::build_net::{NetInfo, VPC};
use super::{Prop, ResourceKind as K, ResourceNode as N};
use crate::blueprint::schema::Spec;

fn tier_subnets(net: &NetInfo, tier: &str) -> Vec<String> {
    net.tier(tier)
        .map(|t| t.subnets.clone())
        .unwrap_or_default()
}

pub(super) fn databases(spec: &Spec, net: &NetInfo, nodes: &mut Vec<N>) {
    for (i, db) in spec.databases.iter().enumerate().filter(|(_, d)| d.enabled) {
        let src = format!("databases[{i}]");
        let subnets = tier_subnets(net, &db.tier);
        let group = N::new(K::DbSubnetGroup, &db.name, &src)
            .prop("db_subnet_group_name", &db.subnet_group_name)
            .prop("subnets", subnets.clone())
            .deps(subnets.clone());
        let groups: Vec<String> = db.security_groups.iter().map(|g| sg(g)).collect();
        let extra: Vec<String> = db
            .depends_on
            .iter()
            .flat_map(|d| dependency_targets(spec, d))
            .collect();
        let mut n = N::new(K::RdsInstance, &db.name, &src)
            .prop("db_instance_identifier", &db.identifier)
            .prop("engine", &db.engine)
            .prop("engine_version", &db.engine_version)
            .prop("db_instance_class", &db.instance_class)
            .prop("allocated_storage_gb", db.allocated_storage_gb)
            .prop("max_allocated_storage_gb", db.max_allocated_storage_gb)
            .prop("storage_type", &db.storage_type)
            .prop("storage_encrypted", db.storage_encrypted)
            .prop("multi_az", db.multi_az)
            .prop("backup_retention_days", db.backup_retention_days)
            .prop("publicly_accessible", db.publicly_accessible)
            .prop("db_name", &db.db_name)
            .prop("master_username", &db.username)
            // The password lives in Secrets Manager, never in the plan or the history.
            .prop("manage_master_user_password", true)
            .prop("port", db.port)
            .prop("db_subnet_group", &group.logical)
            .prop("security_groups", groups.clone())
            .prop("deletion_protection", db.deletion_protection)
            .prop("final_snapshot", db.final_snapshot)
            .dep(group.logical.clone())
            .deps(groups)
            .deps(extra);
        if let Some(w) = &db.backup_window {
            n = n.prop("backup_window", w);
        }
        n.az = net.azs.first().cloned();
        n.subnet = subnets.first().cloned();
        nodes.push(group);
        nodes.push(n);
    }
}

pub(super) fn caches(spec: &Spec, net: &NetInfo, nodes: &mut Vec<N>) {
    for (i, c) in spec.caches.iter().enumerate().filter(|(_, c)| c.enabled) {
        let src = format!("caches[{i}]");
        let subnets = tier_subnets(net, &c.tier);
        let group = N::new(K::CacheSubnetGroup, &c.name, &src)
            .prop("cache_subnet_group_name", &c.subnet_group_name)
            .prop("subnets", subnets.clone())
            .deps(subnets.clone());
        let groups: Vec<String> = c.security_groups.iter().map(|g| sg(g)).collect();
        let mut n = N::new(K::ElasticacheReplicationGroup, &c.name, &src)
            .prop("replication_group_id", &c.replication_group_id)
            .prop("description", &c.description)
            .prop("engine", &c.engine)
            .prop("engine_version", &c.engine_version)
            .prop("cache_node_type", &c.node_type)
            .prop("num_cache_clusters", c.num_cache_clusters)
            .prop("automatic_failover", c.automatic_failover)
            .prop("multi_az", c.multi_az)
            .prop("port", c.port)
            .prop("at_rest_encryption", c.at_rest_encryption)
            .prop("transit_encryption", c.transit_encryption)
            .prop("cache_subnet_group", &group.logical)
            .prop("security_groups", groups.clone())
            .dep(group.logical.clone())
            .deps(groups);
        n.az = net.azs.first().cloned();
        n.subnet = subnets.first().cloned();
        nodes.push(group);
        nodes.push(n);
    }
}

pub(super) fn load_balancers(spec: &Spec, net: &NetInfo, nodes: &mut Vec<N>) {
    for (i, lb) in spec
        .load_balancers
        .iter()
        .enumerate()
        .filter(|(_, l)| l.enabled)
    {
        let src = format!("load_balancers[{i}]");
        let subnets = tier_subnets(net, &lb.tier);
        let groups: Vec<String> = lb.security_groups.iter().map(|g| sg(g)).collect();
        let alb = N::new(K::LoadBalancer, &lb.name, &src)
            .prop("name", &lb.lb_name)
            .prop("type", "application")
            .prop("scheme", &lb.scheme)
            .prop("subnets", subnets.clone())
            .prop("security_groups", groups.clone())
            .deps(subnets.clone())
            .deps(groups)
            // An internet-facing ALB fails to create in a VPC without an attached IGW.
            .deps(net.igw.clone());
        let tg_spec = &lb.target_group;
        let targets: Vec<String> = tg_spec
            .targets
            .iter()
            .filter_map(|t| spec.instances.iter().find(|x| x.enabled && &x.name == t))
            .flat_map(|x| instance_names(&x.name, x.count))
            .collect();
        let tg = N::new(K::TargetGroup, &lb.name, &src)
            .prop("name", &tg_spec.name)
            .prop("port", tg_spec.port)
            .prop("protocol", &tg_spec.protocol)
            .prop("vpc", VPC)
            .prop("target_type", "instance")
            .prop("health_check_path", &tg_spec.health_check_path)
            .prop("targets", targets.clone())
            .dep(VPC)
            .deps(targets);
        for l in &lb.listeners {
            nodes.push(
                N::new(K::Listener, &format!("{}-{}", lb.name, l.port), &src)
                    .prop("load_balancer", &alb.logical)
                    .prop("port", l.port)
                    .prop("protocol", &l.protocol)
                    .prop(
                        "default_action",
                        Prop::map([("forward", Prop::from(&tg.logical))]),
                    )
                    .dep(alb.logical.clone())
                    .dep(tg.logical.clone()),
            );
        }
        nodes.push(alb);
        nodes.push(tg);
    }
}

//! Databases, caches, load balancers and the outputs' parameter.

use super::build::{dependency_targets, instance_names, sg};
use super::build_net::NetInfo;
use super::spec::{
    CacheSubnetGroupSpec, DbParameterGroupSpec, DbSubnetGroupSpec, ListenerRuleSpec, ListenerSpec,
    ListenerTls, LoadBalancerSpec, RdsInstanceSpec, ReplicationGroupSpec, SsmParameterSpec,
    TargetGroupSpec, TargetType, i32_of,
};
use super::{ResourceNode as N, Stage, output_source, parameter_group_family};
use crate::blueprint::schema::Spec;

pub(super) fn tier_subnets(net: &NetInfo, tier: &str) -> Vec<String> {
    net.tier(tier)
        .map(|t| t.subnets.clone())
        .unwrap_or_default()
}

pub(super) fn databases(spec: &Spec, net: &NetInfo, stage: Stage, nodes: &mut Vec<N>) {
    for (i, db) in spec.databases.iter().enumerate().filter(|(_, d)| d.enabled) {
        let src = format!("databases[{i}]");
        let subnets = tier_subnets(net, &db.tier);
        let group = N::new(
            &db.name,
            DbSubnetGroupSpec {
                db_subnet_group_name: db.subnet_group_name.clone(),
                subnets: subnets.clone(),
            },
            &src,
        )
        .deps(subnets.clone());
        let groups: Vec<String> = db.security_groups.iter().map(|g| sg(g)).collect();
        let extra: Vec<String> = db
            .depends_on
            .iter()
            .flat_map(|d| dependency_targets(spec, d))
            .collect();
        // Its own parameter group when it has settings: made first, deleted after it.
        let params = parameter_group_family(&db.engine, &db.engine_version)
            .filter(|_| !db.parameters.is_empty())
            .map(|family| {
                N::new(
                    &db.name,
                    DbParameterGroupSpec {
                        db_parameter_group_name: format!("{}-params", db.identifier),
                        family,
                        description: format!("{} settings of {}", db.engine, db.identifier),
                        parameters: db.parameters.clone(),
                    },
                    &src,
                )
            });
        let mut n = N::new(
            &db.name,
            RdsInstanceSpec {
                db_instance_identifier: db.identifier.clone(),
                engine: db.engine.clone(),
                engine_version: db.engine_version.clone(),
                db_instance_class: db.instance_class.clone(),
                allocated_storage_gb: i32_of(db.allocated_storage_gb),
                max_allocated_storage_gb: Some(i32_of(db.max_allocated_storage_gb))
                    .filter(|m| *m > 0),
                storage_type: db.storage_type.clone(),
                storage_encrypted: db.storage_encrypted,
                multi_az: db.multi_az,
                backup_retention_days: i32_of(db.backup_retention_days),
                backup_window: db.backup_window.clone(),
                publicly_accessible: db.publicly_accessible,
                db_name: db.db_name.clone(),
                master_username: db.username.clone(),
                port: i32_of(db.port),
                db_subnet_group: group.logical.clone(),
                security_groups: groups.clone(),
                db_parameter_group: params.as_ref().map(|p| p.logical.clone()),
                // Prod's data outlives a teardown, whatever the blueprint says.
                deletion_protection: db.deletion_protection || stage.is_prod(),
                final_snapshot: db.final_snapshot || stage.is_prod(),
            },
            &src,
        )
        .dep(group.logical.clone())
        .deps(groups)
        .deps(params.iter().map(|p| p.logical.clone()))
        .deps(extra);
        n.az = net.azs.first().cloned();
        n.subnet = subnets.first().cloned();
        nodes.push(group);
        nodes.extend(params);
        nodes.push(n);
    }
}

pub(super) fn caches(spec: &Spec, net: &NetInfo, nodes: &mut Vec<N>) {
    for (i, c) in spec.caches.iter().enumerate().filter(|(_, c)| c.enabled) {
        let src = format!("caches[{i}]");
        let subnets = tier_subnets(net, &c.tier);
        let group = N::new(
            &c.name,
            CacheSubnetGroupSpec {
                cache_subnet_group_name: c.subnet_group_name.clone(),
                subnets: subnets.clone(),
            },
            &src,
        )
        .deps(subnets.clone());
        let groups: Vec<String> = c.security_groups.iter().map(|g| sg(g)).collect();
        let mut n = N::new(
            &c.name,
            ReplicationGroupSpec {
                replication_group_id: c.replication_group_id.clone(),
                description: c.description.clone(),
                engine: c.engine.clone(),
                engine_version: c.engine_version.clone(),
                cache_node_type: c.node_type.clone(),
                num_cache_clusters: i32_of(c.num_cache_clusters),
                automatic_failover: c.automatic_failover,
                multi_az: c.multi_az,
                port: i32_of(c.port),
                at_rest_encryption: c.at_rest_encryption,
                transit_encryption: c.transit_encryption,
                cache_subnet_group: group.logical.clone(),
                security_groups: groups.clone(),
            },
            &src,
        )
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
        let alb = N::new(
            &lb.name,
            LoadBalancerSpec {
                name: lb.lb_name.clone(),
                scheme: lb.scheme.clone(),
                subnets: subnets.clone(),
                security_groups: groups.clone(),
            },
            &src,
        )
        .deps(subnets.clone())
        .deps(groups)
        // An internet-facing ALB fails to create in a VPC without an attached IGW.
        .deps(net.igw.clone());
        let tg = target_group(spec, net, &lb.name, &lb.target_group, &src);
        let routed: Vec<N> = lb
            .routes
            .iter()
            .enumerate()
            .map(|(j, r)| {
                let name = format!("{}-{}", lb.name, r.name);
                target_group(
                    spec,
                    net,
                    &name,
                    &r.target_group,
                    &format!("{src}.routes[{j}]"),
                )
            })
            .collect();
        let rules: Vec<ListenerRuleSpec> = lb
            .routes
            .iter()
            .zip(&routed)
            .map(|(r, group)| ListenerRuleSpec {
                priority: i32_of(r.priority),
                path_patterns: r.path_patterns.clone(),
                forward_to: group.logical.clone(),
            })
            .collect();
        let routed_logicals: Vec<String> = routed.iter().map(|g| g.logical.clone()).collect();
        for l in lb.listeners.iter().filter(|l| l.enabled) {
            let tls =
                l.certificate_arn
                    .clone()
                    .filter(|arn| !arn.is_empty())
                    .map(|certificate_arn| ListenerTls {
                        certificate_arn,
                        ssl_policy: l.ssl_policy.clone(),
                    });
            nodes.push(
                N::new(
                    &format!("{}-{}", lb.name, l.port),
                    ListenerSpec {
                        load_balancer: alb.logical.clone(),
                        port: i32_of(l.port),
                        protocol: l.protocol.clone(),
                        forward_to: tg.logical.clone(),
                        tls,
                        rules: rules.clone(),
                    },
                    &src,
                )
                .dep(alb.logical.clone())
                .dep(tg.logical.clone())
                .deps(routed_logicals.clone()),
            );
        }
        nodes.extend(routed);
        nodes.push(alb);
        nodes.push(tg);
    }
}

/// `[[ssm_parameters]]`: each holds every output of the blueprint, so it waits for what they
/// come from.
pub(super) fn ssm_parameters(spec: &Spec, nodes: &mut Vec<N>) {
    for (i, p) in spec
        .ssm_parameters
        .iter()
        .enumerate()
        .filter(|(_, p)| p.enabled)
    {
        let values: Vec<_> = spec
            .outputs
            .iter()
            .filter_map(|o| Some((o.name.clone(), output_source(spec, &o.value)?)))
            .collect();
        let deps: Vec<String> = values.iter().map(|(_, s)| s.node().to_string()).collect();
        nodes.push(
            N::new(
                &p.name,
                SsmParameterSpec {
                    parameter_name: p.parameter_name.clone(),
                    description: p.description.clone(),
                    values,
                },
                format!("ssm_parameters[{i}]"),
            )
            .deps(deps),
        );
    }
}

/// A target group node; `instance` groups register the named instances, `ip` ones are joined
/// by the services that name them.
fn target_group(
    spec: &Spec,
    net: &NetInfo,
    name: &str,
    tg: &crate::blueprint::schema::TargetGroup,
    src: &str,
) -> N {
    let targets: Vec<String> = tg
        .targets
        .iter()
        .filter_map(|t| spec.instances.iter().find(|x| x.enabled && &x.name == t))
        .flat_map(|x| instance_names(&x.name, x.count))
        .collect();
    N::new(
        name,
        TargetGroupSpec {
            name: tg.name.clone(),
            port: i32_of(tg.port),
            protocol: tg.protocol.clone(),
            vpc: net.vpc_ref(),
            health_check_path: tg.health_check_path.clone(),
            target_type: if tg.target_type == "ip" {
                TargetType::Ip
            } else {
                TargetType::Instance
            },
            targets: targets.clone(),
        },
        src,
    )
    .deps(net.vpc_ref())
    .deps(targets)
}

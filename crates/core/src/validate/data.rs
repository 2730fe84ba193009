use std::collections::BTreeSet;

use super::{Ctx, check, check_port, limits, names};
use crate::error::ValidationErrors;

pub(super) fn check_data(ctx: &Ctx, errors: &mut ValidationErrors) {
    check_databases(ctx, errors);
    check_caches(ctx, errors);
    check_load_balancers(ctx, errors);
}

/// A subnet group or load balancer spanning a tier gets one subnet per AZ.
fn tier_spans_two_azs(ctx: &Ctx, tier: &str, what: &str, p: &str, errors: &mut ValidationErrors) {
    if ctx.check_tier(tier, p, errors) && ctx.az_count < 2 {
        errors.push(
            p,
            format!(
                "{what} needs subnets in at least 2 AZs; tier '{tier}' spans {} (az_count = {})",
                ctx.az_count, ctx.az_count
            ),
        );
    }
}

/// RDS takes a major version; a pinned minor is refused here, naming the major to give.
fn check_rds_version(engine: &str, version: &str, p: &str, errors: &mut ValidationErrors) {
    let majors = limits::engine_versions(engine).unwrap_or_default();
    let pinned = majors.iter().find(|major| {
        version
            .strip_prefix(**major)
            .is_some_and(|rest| rest.starts_with('.'))
    });
    match pinned {
        Some(major) => errors.push(
            format!("{p}.engine_version"),
            format!(
                "{engine} {version} pins a minor version, which AWS retires; give the major ({major}) and RDS picks the newest minor it offers"
            ),
        ),
        None => check_version(engine, version, p, errors),
    }
}

fn check_version(engine: &str, version: &str, p: &str, errors: &mut ValidationErrors) {
    match limits::engine_versions(engine) {
        None => errors.push(
            format!("{p}.engine"),
            format!("unsupported engine '{engine}'"),
        ),
        Some(versions) if !versions.contains(&version) => errors.push(
            format!("{p}.engine_version"),
            format!(
                "{engine} {version} is not offered; allowed: {}",
                versions.join(", ")
            ),
        ),
        Some(_) => {}
    }
}

fn check_databases(ctx: &Ctx, errors: &mut ValidationErrors) {
    let mut seen = BTreeSet::new();
    for (i, db) in ctx
        .spec
        .databases
        .iter()
        .enumerate()
        .filter(|(_, d)| d.enabled)
    {
        let p = format!("databases[{i}]");
        check(names::logical_name(&db.name), &format!("{p}.name"), errors);
        if !seen.insert(db.name.as_str()) {
            errors.push(
                format!("{p}.name"),
                format!("duplicate database '{}'", db.name),
            );
        }
        check(
            names::rds_identifier(&db.identifier),
            &format!("{p}.identifier"),
            errors,
        );
        if !["postgres", "mysql"].contains(&db.engine.as_str()) {
            errors.push(
                format!("{p}.engine"),
                format!("unsupported engine '{}'", db.engine),
            );
        } else {
            check_rds_version(&db.engine, &db.engine_version, &p, errors);
        }
        if !limits::DB_INSTANCE_CLASSES.contains(&db.instance_class.as_str()) {
            errors.push(
                format!("{p}.instance_class"),
                format!(
                    "unknown or unsupported DB instance class '{}'",
                    db.instance_class
                ),
            );
        }
        if !db.parameters.is_empty()
            && crate::graph::parameter_group_family(&db.engine, &db.engine_version).is_none()
        {
            errors.push(
                format!("{p}.parameters"),
                format!(
                    "no parameter group family is known for {} {}",
                    db.engine, db.engine_version
                ),
            );
        }
        for (name, value) in &db.parameters {
            if name.trim().is_empty() || value.trim().is_empty() {
                errors.push(
                    format!("{p}.parameters"),
                    format!("a parameter needs a name and a value, got '{name}' = '{value}'"),
                );
            }
        }
        if !(20..=65536).contains(&db.allocated_storage_gb) {
            errors.push(
                format!("{p}.allocated_storage_gb"),
                format!(
                    "storage must be 20-65536 GiB, got {}",
                    db.allocated_storage_gb
                ),
            );
        }
        if db.max_allocated_storage_gb != 0
            && db.max_allocated_storage_gb <= db.allocated_storage_gb
        {
            errors.push(
                format!("{p}.max_allocated_storage_gb"),
                format!(
                    "the autoscaling limit {} must exceed allocated storage {} (0 turns it off)",
                    db.max_allocated_storage_gb, db.allocated_storage_gb
                ),
            );
        }
        if !["gp2", "gp3", "io1", "io2"].contains(&db.storage_type.as_str()) {
            errors.push(
                format!("{p}.storage_type"),
                format!("unknown storage type '{}'", db.storage_type),
            );
        }
        if !(0..=35).contains(&db.backup_retention_days) {
            errors.push(
                format!("{p}.backup_retention_days"),
                format!(
                    "backup retention must be 0-35 days, got {}",
                    db.backup_retention_days
                ),
            );
        }
        if let Some(w) = &db.backup_window
            && !is_window(w)
        {
            errors.push(
                format!("{p}.backup_window"),
                format!("'{w}' is not hh:mm-hh:mm (UTC)"),
            );
        }
        check(
            names::db_word(&db.db_name, "a database name"),
            &format!("{p}.db_name"),
            errors,
        );
        check(
            names::db_word(&db.username, "a master username"),
            &format!("{p}.username"),
            errors,
        );
        if !(1150..=65535).contains(&db.port) {
            errors.push(
                format!("{p}.port"),
                format!("RDS ports are 1150-65535, got {}", db.port),
            );
        }
        check(
            names::subnet_group_name(&db.subnet_group_name),
            &format!("{p}.subnet_group_name"),
            errors,
        );
        tier_spans_two_azs(
            ctx,
            &db.tier,
            "a DB subnet group",
            &format!("{p}.tier"),
            errors,
        );
        ctx.check_groups(&db.security_groups, &format!("{p}.security_groups"), errors);
        super::resources::check_depends_on(ctx, &db.depends_on, &format!("{p}.depends_on"), errors);
    }
}

fn is_window(w: &str) -> bool {
    let hm = |s: &str| {
        s.split_once(':').is_some_and(|(h, m)| {
            h.len() == 2
                && m.len() == 2
                && h.parse::<u8>().is_ok_and(|h| h < 24)
                && m.parse::<u8>().is_ok_and(|m| m < 60)
        })
    };
    w.split_once('-').is_some_and(|(a, b)| hm(a) && hm(b))
}

fn check_caches(ctx: &Ctx, errors: &mut ValidationErrors) {
    for (i, c) in ctx
        .spec
        .caches
        .iter()
        .enumerate()
        .filter(|(_, c)| c.enabled)
    {
        let p = format!("caches[{i}]");
        check(names::logical_name(&c.name), &format!("{p}.name"), errors);
        check(
            names::replication_group_id(&c.replication_group_id),
            &format!("{p}.replication_group_id"),
            errors,
        );
        check_version(&c.engine, &c.engine_version, &p, errors);
        if !limits::CACHE_NODE_TYPES.contains(&c.node_type.as_str()) {
            errors.push(
                format!("{p}.node_type"),
                format!("unknown or unsupported node type '{}'", c.node_type),
            );
        }
        if !(1..=6).contains(&c.num_cache_clusters) {
            errors.push(
                format!("{p}.num_cache_clusters"),
                format!(
                    "a replication group has 1-6 nodes, got {}",
                    c.num_cache_clusters
                ),
            );
        }
        if c.automatic_failover && c.num_cache_clusters < 2 {
            errors.push(
                format!("{p}.automatic_failover"),
                "automatic failover needs at least 2 nodes",
            );
        }
        if c.multi_az && !c.automatic_failover {
            errors.push(
                format!("{p}.multi_az"),
                "Multi-AZ needs automatic_failover = true",
            );
        }
        check_port(c.port, &format!("{p}.port"), errors);
        check(
            names::subnet_group_name(&c.subnet_group_name),
            &format!("{p}.subnet_group_name"),
            errors,
        );
        if c.multi_az {
            tier_spans_two_azs(
                ctx,
                &c.tier,
                "a Multi-AZ cache",
                &format!("{p}.tier"),
                errors,
            );
        } else {
            ctx.check_tier(&c.tier, &format!("{p}.tier"), errors);
        }
        ctx.check_groups(&c.security_groups, &format!("{p}.security_groups"), errors);
    }
}

fn check_load_balancers(ctx: &Ctx, errors: &mut ValidationErrors) {
    for (i, lb) in ctx
        .spec
        .load_balancers
        .iter()
        .enumerate()
        .filter(|(_, l)| l.enabled)
    {
        let p = format!("load_balancers[{i}]");
        check(names::logical_name(&lb.name), &format!("{p}.name"), errors);
        check(
            names::elb_name(&lb.lb_name),
            &format!("{p}.lb_name"),
            errors,
        );
        if !["internet-facing", "internal"].contains(&lb.scheme.as_str()) {
            errors.push(
                format!("{p}.scheme"),
                "scheme must be internet-facing or internal",
            );
        }
        tier_spans_two_azs(
            ctx,
            &lb.tier,
            "an application load balancer",
            &format!("{p}.tier"),
            errors,
        );
        ctx.check_groups(&lb.security_groups, &format!("{p}.security_groups"), errors);
        check_target_group(ctx, &lb.target_group, &format!("{p}.target_group"), errors);
        super::routes::check_routes(ctx, lb, &p, errors);
        if lb.listeners.is_empty() {
            errors.push(format!("{p}.listeners"), "a load balancer needs a listener");
        }
        for (j, l) in lb.listeners.iter().enumerate().filter(|(_, l)| l.enabled) {
            let lp = format!("{p}.listeners[{j}]");
            check_port(l.port, &format!("{lp}.port"), errors);
            let certificate = l.certificate_arn.as_deref().filter(|c| !c.is_empty());
            match (l.protocol.as_str(), certificate) {
                ("HTTP", None) => {}
                ("HTTP", Some(_)) => errors.push(
                    format!("{lp}.certificate_arn"),
                    "an HTTP listener takes no certificate; use protocol = \"HTTPS\"",
                ),
                ("HTTPS", None) => errors.push(
                    format!("{lp}.certificate_arn"),
                    "an HTTPS listener needs an ACM certificate's ARN",
                ),
                ("HTTPS", Some(arn)) => {
                    if !arn.starts_with("arn:aws:acm:") || !arn.contains(":certificate/") {
                        errors.push(
                            format!("{lp}.certificate_arn"),
                            format!("'{arn}' is not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)"),
                        );
                    }
                    if !l.ssl_policy.starts_with("ELBSecurityPolicy-") {
                        errors.push(
                            format!("{lp}.ssl_policy"),
                            format!("'{}' is not an ELB security policy", l.ssl_policy),
                        );
                    }
                }
                (other, _) => errors.push(
                    format!("{lp}.protocol"),
                    format!("listener protocol must be HTTP or HTTPS, got '{other}'"),
                ),
            }
        }
    }
}

pub(super) fn check_target_group(
    ctx: &Ctx,
    tg: &crate::blueprint::schema::TargetGroup,
    p: &str,
    errors: &mut ValidationErrors,
) {
    check(names::elb_name(&tg.name), &format!("{p}.name"), errors);
    check_port(tg.port, &format!("{p}.port"), errors);
    let tt = &tg.target_type;
    if !["instance", "ip"].contains(&tt.as_str()) {
        errors.push(
            format!("{p}.target_type"),
            format!("target_type must be instance or ip, got '{tt}'"),
        );
    }
    if tt == "ip" && !tg.targets.is_empty() {
        errors.push(
            format!("{p}.targets"),
            "an ip target group takes no instances; the services that name this load balancer register with it",
        );
    }
    for (j, t) in tg.targets.iter().enumerate() {
        if !ctx.spec.instances.iter().any(|x| x.enabled && &x.name == t) {
            errors.push(
                format!("{p}.targets[{j}]"),
                format!("no instance named '{t}'"),
            );
        }
    }
}

//! `[[ecs_clusters]]` and `[[services]]`: names, references, and the sizes Fargate offers.

use std::collections::BTreeSet;

use super::resources::unique;
use super::{Ctx, check, check_port, host, limits, names};
use crate::blueprint::schema::TierKind;
use crate::error::ValidationErrors;

/// The service principal an execution role must trust for ECS to assume it.
pub const ECS_TASKS_PRINCIPAL: &str = "ecs-tasks.amazonaws.com";

/// Fargate's task sizes: CPU units, and the memory (MiB) each allows, as a range and a step.
const FARGATE_SIZES: &[(i64, i64, i64, i64)] = &[
    (256, 512, 2048, 512),
    (512, 1024, 4096, 1024),
    (1024, 2048, 8192, 1024),
    (2048, 4096, 16384, 1024),
    (4096, 8192, 30720, 1024),
];

/// ECS names (clusters, services): 1-255 letters, digits, hyphens and underscores.
fn ecs_name(s: &str, what: &str) -> Result<(), String> {
    let ok = !s.is_empty()
        && s.len() <= 255
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "'{s}' is not {what} (1-255 letters, digits, hyphens, underscores)"
        ))
    }
}

pub(super) fn check_ecs(ctx: &Ctx, errors: &mut ValidationErrors) {
    let mut seen = BTreeSet::new();
    for (i, c) in ctx.spec.ecs_clusters.iter().enumerate() {
        let p = format!("ecs_clusters[{i}]");
        unique(&mut seen, &c.name, "cluster", &format!("{p}.name"), errors);
        check(
            ecs_name(&c.cluster_name, "an ECS cluster name"),
            &format!("{p}.cluster_name"),
            errors,
        );
    }
    let mut seen = BTreeSet::new();
    let mut families = BTreeSet::new();
    for (i, s) in ctx
        .spec
        .services
        .iter()
        .enumerate()
        .filter(|(_, s)| s.enabled)
    {
        let p = format!("services[{i}]");
        unique(&mut seen, &s.name, "service", &format!("{p}.name"), errors);
        check(
            ecs_name(s.aws_name(), "an ECS service name"),
            &format!("{p}.service_name"),
            errors,
        );
        if !families.insert((s.cluster.as_str(), s.aws_name())) {
            errors.push(
                format!("{p}.service_name"),
                format!("two services named '{}' in one cluster", s.aws_name()),
            );
        }
        if !ctx.spec.ecs_clusters.iter().any(|c| c.name == s.cluster) {
            errors.push(
                format!("{p}.cluster"),
                format!("no ecs_clusters entry named '{}'", s.cluster),
            );
        }
        let tp = format!("{p}.tier");
        if ctx.check_tier(&s.tier, &tp, errors)
            && ctx.tiers.get(s.tier.as_str()) != Some(&TierKind::Private)
        {
            errors.push(
                tp,
                format!(
                    "Fargate tasks here get no public IP, so they need a private tier (with a NAT gateway to pull their image); '{}' is not one",
                    s.tier
                ),
            );
        }
        ctx.check_groups(&s.security_groups, &format!("{p}.security_groups"), errors);
        match ctx
            .spec
            .iam_roles
            .iter()
            .find(|r| r.name == s.execution_role)
        {
            None => errors.push(
                format!("{p}.execution_role"),
                format!("no IAM role named '{}'", s.execution_role),
            ),
            Some(r) if r.trust_service != ECS_TASKS_PRINCIPAL => errors.push(
                format!("{p}.execution_role"),
                format!(
                    "IAM role '{}' trusts {}; ECS can assume only a role that trusts {ECS_TASKS_PRINCIPAL}",
                    r.name, r.trust_service
                ),
            ),
            Some(_) => {}
        }
        check(
            host::image_reference(&s.image),
            &format!("{p}.image"),
            errors,
        );
        match FARGATE_SIZES.iter().find(|(cpu, ..)| *cpu == s.cpu) {
            None => errors.push(
                format!("{p}.cpu"),
                format!(
                    "Fargate offers cpu 256, 512, 1024, 2048 or 4096, got {}",
                    s.cpu
                ),
            ),
            Some((cpu, lo, hi, step)) => {
                let fits = (*lo..=*hi).contains(&s.memory) && (s.memory - lo) % step == 0;
                if !fits {
                    errors.push(
                        format!("{p}.memory"),
                        format!(
                            "with cpu {cpu} Fargate offers {lo}-{hi} MiB in steps of {step}, got {}",
                            s.memory
                        ),
                    );
                }
            }
        }
        if !(0..=100).contains(&s.desired_count) {
            errors.push(
                format!("{p}.desired_count"),
                format!("desired_count must be 0-100, got {}", s.desired_count),
            );
        }
        if let Some(port) = s.port {
            check_port(port, &format!("{p}.port"), errors);
        }
        if let Some(name) = &s.load_balancer {
            let lp = format!("{p}.load_balancer");
            match ctx
                .spec
                .load_balancers
                .iter()
                .find(|l| l.enabled && &l.name == name)
            {
                None => errors.push(&lp, format!("no load balancer named '{name}'")),
                Some(lb) if s.route.is_none() && lb.target_group.target_type != "ip" => errors.push(
                    &lp,
                    format!(
                        "Fargate tasks (awsvpc) register by IP: load balancer '{name}' needs target_group.target_type = \"ip\""
                    ),
                ),
                Some(lb) if s.route.is_some() && route_of(lb, s).is_none() => errors.push(
                    format!("{p}.route"),
                    format!(
                        "load balancer '{name}' has no route named '{}'",
                        s.route.as_deref().unwrap_or_default()
                    ),
                ),
                Some(lb) if route_of(lb, s).is_some_and(|r| r.target_group.target_type != "ip") => {
                    errors.push(
                        format!("{p}.route"),
                        "Fargate tasks (awsvpc) register by IP: the route's target_group needs target_type = \"ip\"",
                    )
                }
                Some(_) if s.port.is_none() => errors.push(
                    &lp,
                    "a service behind a load balancer needs the port its container listens on",
                ),
                Some(_) => {}
            }
        }
        if s.route.is_some() && s.load_balancer.is_none() {
            errors.push(
                format!("{p}.route"),
                "a route is on a load balancer: name it in load_balancer",
            );
        }
        for key in s.environment.keys() {
            check(
                host::env_name(key),
                &format!("{p}.environment.{key}"),
                errors,
            );
        }
        check(
            names::log_group_name(&s.log_group),
            &format!("{p}.log_group"),
            errors,
        );
        if !limits::LOG_RETENTION_DAYS.contains(&s.log_retention_days) {
            errors.push(
                format!("{p}.log_retention_days"),
                format!(
                    "CloudWatch Logs does not accept a retention of {} days",
                    s.log_retention_days
                ),
            );
        }
    }
}

/// The load balancer route a service names, if it names one that exists.
fn route_of<'a>(
    lb: &'a crate::blueprint::schema::LoadBalancer,
    s: &crate::blueprint::schema::EcsService,
) -> Option<&'a crate::blueprint::schema::Route> {
    let name = s.route.as_ref()?;
    lb.routes.iter().find(|r| &r.name == name)
}

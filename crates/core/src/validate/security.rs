use std::collections::BTreeSet;

use super::{Ctx, check, check_port, cidr, names};
use crate::blueprint::schema::Rule;
use crate::error::ValidationErrors;

pub(super) fn check_groups(ctx: &Ctx, errors: &mut ValidationErrors) {
    let mut seen = BTreeSet::new();
    let mut aws_names = BTreeSet::new();
    for (gi, g) in ctx.spec.security_groups.iter().enumerate() {
        let p = format!("security_groups[{gi}]");
        check(names::logical_name(&g.name), &format!("{p}.name"), errors);
        if !seen.insert(g.name.as_str()) {
            errors.push(
                format!("{p}.name"),
                format!("duplicate security group '{}'", g.name),
            );
        }
        if !g.enabled {
            continue;
        }
        let name_path = if g.group_name.is_some() {
            format!("{p}.group_name")
        } else {
            format!("{p}.name")
        };
        check(names::security_group_name(g.aws_name()), &name_path, errors);
        if !aws_names.insert(g.aws_name()) {
            errors.push(
                &name_path,
                format!(
                    "two security groups would both be named '{}' in one VPC",
                    g.aws_name()
                ),
            );
        }
        check(
            names::security_group_description(&g.description),
            &format!("{p}.description"),
            errors,
        );
        for (ri, rule) in g.ingress.iter().enumerate().filter(|(_, r)| r.enabled) {
            check_rule(ctx, rule, &format!("{p}.ingress[{ri}]"), errors);
        }
        for (ri, rule) in g.egress.iter().enumerate().filter(|(_, r)| r.enabled) {
            check_rule(ctx, rule, &format!("{p}.egress[{ri}]"), errors);
        }
    }
}

fn check_rule(ctx: &Ctx, rule: &Rule, p: &str, errors: &mut ValidationErrors) {
    let proto = rule.protocol.as_str();
    if !["tcp", "udp", "icmp", "all"].contains(&proto) {
        errors.push(
            format!("{p}.protocol"),
            format!("protocol must be tcp, udp, icmp or all, got '{proto}'"),
        );
    }
    if rule.port.is_some() && (rule.from_port.is_some() || rule.to_port.is_some()) {
        errors.push(
            format!("{p}.port"),
            "give either port or from_port/to_port, not both",
        );
    }
    if matches!(proto, "tcp" | "udp") {
        if let Some(port) = rule.port {
            check_port(port, &format!("{p}.port"), errors);
        }
        if let Some(f) = rule.from_port {
            check_port(f, &format!("{p}.from_port"), errors);
        }
        if let Some(t) = rule.to_port {
            check_port(t, &format!("{p}.to_port"), errors);
        }
        if let (Some(f), Some(t)) = (rule.from_port, rule.to_port)
            && f > t
        {
            errors.push(
                format!("{p}.to_port"),
                format!("to_port {t} is below from_port {f}"),
            );
        }
        if rule.port.is_none() && rule.from_port.is_none() && rule.to_port.is_none() {
            errors.push(
                format!("{p}.port"),
                format!("a {proto} rule needs a port or port range"),
            );
        }
    }
    let sources = usize::from(rule.cidr.is_some())
        + usize::from(rule.group.is_some())
        + usize::from(rule.self_ref);
    if sources != 1 {
        errors.push(
            p,
            format!("a rule needs exactly one of cidr, group, self; it has {sources}"),
        );
    }
    if let Some(c) = &rule.cidr
        && let Err(msg) = cidr::parse_cidr(c)
    {
        errors.push(format!("{p}.cidr"), msg);
    }
    if let Some(g) = &rule.group
        && !ctx.groups.contains(&g.as_str())
    {
        errors.push(
            format!("{p}.group"),
            format!("no security group named '{g}'"),
        );
    }
}

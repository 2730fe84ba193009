use std::collections::BTreeSet;

use ipnet::Ipv4Net;

use super::{Ctx, check, cidr, limits, names};
use crate::blueprint::schema::{EndpointType, NatMode, TierKind};
use crate::error::ValidationErrors;

pub(super) fn check_network(ctx: &Ctx, errors: &mut ValidationErrors) {
    let Some(net) = &ctx.spec.network else {
        return;
    };
    let vpc = match cidr::parse_cidr(&net.vpc_cidr) {
        Ok(v) => {
            check(
                cidr::check_block_size(&v, "the VPC CIDR"),
                "network.vpc_cidr",
                errors,
            );
            Some(v)
        }
        Err(msg) => {
            errors.push("network.vpc_cidr", msg);
            None
        }
    };
    if let Some(letters) = limits::az_letters(&ctx.spec.region)
        && (net.az_count < 1 || net.az_count as usize > letters.len())
    {
        errors.push(
            "network.az_count",
            format!(
                "region {} has {} AZs; az_count must be 1-{}, got {}",
                ctx.spec.region,
                letters.len(),
                letters.len(),
                net.az_count
            ),
        );
    }
    let mut seen: Vec<(Ipv4Net, String)> = Vec::new();
    let mut tier_names = BTreeSet::new();
    for (ti, tier) in net.tiers.iter().enumerate() {
        let tp = format!("network.tiers[{ti}]");
        check(
            names::logical_name(&tier.name),
            &format!("{tp}.name"),
            errors,
        );
        if !tier_names.insert(tier.name.as_str()) {
            errors.push(
                format!("{tp}.name"),
                format!("duplicate tier '{}'", tier.name),
            );
        }
        if tier.subnets.len() < ctx.az_count {
            errors.push(
                format!("{tp}.subnets"),
                format!(
                    "tier '{}' has {} subnets but az_count is {}; one subnet per AZ is needed",
                    tier.name,
                    tier.subnets.len(),
                    ctx.az_count
                ),
            );
        }
        if tier.kind == TierKind::Private && net.nat == NatMode::None {
            errors.push(
                format!("{tp}.kind"),
                "a private tier routes through NAT; set network.nat to single or per_az",
            );
        }
        for (si, subnet) in tier.subnets.iter().enumerate() {
            let sp = format!("{tp}.subnets[{si}].cidr");
            let s = match cidr::parse_cidr(&subnet.cidr) {
                Ok(s) => s,
                Err(msg) => {
                    errors.push(sp, msg);
                    continue;
                }
            };
            check(cidr::check_block_size(&s, "a subnet CIDR"), &sp, errors);
            if let Some(v) = vpc.filter(|v| !cidr::contains(v, &s)) {
                errors.push(&sp, format!("{s} is not inside the VPC {v}"));
            }
            if let Some((other, at)) = seen.iter().find(|(o, _)| cidr::overlaps(o, &s)) {
                errors.push(&sp, format!("{s} overlaps {at} ({other})"));
            }
            seen.push((s, format!("{tp}.subnets[{si}]")));
        }
    }
    let has_public = net.tiers.iter().any(|t| t.kind == TierKind::Public);
    if net.nat != NatMode::None && !has_public {
        errors.push(
            "network.nat",
            "a NAT gateway needs a public tier to live in",
        );
    }
    for (ei, ep) in net.endpoints.iter().enumerate().filter(|(_, e)| e.enabled) {
        let p = format!("network.endpoints[{ei}]");
        if !limits::ENDPOINT_SERVICES.contains(&ep.service.as_str()) {
            errors.push(
                format!("{p}.service"),
                format!("unknown endpoint service '{}'", ep.service),
            );
        }
        let gateway_ok = matches!(ep.service.as_str(), "s3" | "dynamodb");
        if ep.kind == EndpointType::Gateway && !gateway_ok {
            errors.push(
                format!("{p}.type"),
                format!(
                    "'{}' has no gateway endpoint (only s3, dynamodb)",
                    ep.service
                ),
            );
        }
        for (i, t) in ep.tiers.iter().enumerate() {
            ctx.check_tier(t, &format!("{p}.tiers[{i}]"), errors);
        }
        if ep.kind == EndpointType::Interface {
            ctx.check_groups(&ep.security_groups, &format!("{p}.security_groups"), errors);
        }
    }
    if let Some(fl) = net.flow_logs.as_ref().filter(|f| f.enabled) {
        check(
            names::log_group_name(&fl.log_group),
            "network.flow_logs.log_group",
            errors,
        );
        check(
            names::iam_name(&fl.role_name, 64, "an IAM role name"),
            "network.flow_logs.role_name",
            errors,
        );
        if !limits::LOG_RETENTION_DAYS.contains(&fl.retention_days) {
            errors.push(
                "network.flow_logs.retention_days",
                format!(
                    "CloudWatch Logs does not accept a retention of {} days",
                    fl.retention_days
                ),
            );
        }
        if !["ALL", "ACCEPT", "REJECT"].contains(&fl.traffic_type.as_str()) {
            errors.push(
                "network.flow_logs.traffic_type",
                "traffic_type must be ALL, ACCEPT or REJECT",
            );
        }
        if let Some(to_s3) = fl.s3.as_ref().filter(|s| s.enabled) {
            match ctx.spec.buckets.iter().find(|b| b.name == to_s3.bucket) {
                None => errors.push(
                    "network.flow_logs.s3.bucket",
                    format!("no bucket named '{}'", to_s3.bucket),
                ),
                Some(b) if !b.enabled => errors.push(
                    "network.flow_logs.s3.bucket",
                    format!(
                        "bucket '{}' is switched off while flow logs are sent to it",
                        to_s3.bucket
                    ),
                ),
                Some(_) => {}
            }
        }
    }
}

//! The account's headroom on the quotas a plan spends: each limit from Service Quotas
//! (AWS's documented default when the quota API is denied or does not know the quota, with a
//! warning saying so), and what is in use now, counted from EC2's own lists.

use std::collections::BTreeMap;

use hangar_core::quota::{Headroom, Quota};

use crate::error::sdk;
use crate::{Ctx, ResourceError};

/// NAT gateways that count against the per-zone quota (AWS counts pending ones too).
const NAT_ALIVE: [&str; 2] = ["pending", "available"];

#[derive(Debug, Default)]
pub struct AccountHeadroom {
    pub headroom: BTreeMap<(Quota, Option<String>), Headroom>,
    /// Quotas read from AWS's defaults instead of the account, and why.
    pub warnings: Vec<String>,
}

pub async fn account_headroom(
    ctx: &Ctx,
    zones: &[String],
) -> Result<AccountHeadroom, ResourceError> {
    let mut out = AccountHeadroom::default();
    let mut limits = BTreeMap::new();
    for quota in Quota::all() {
        limits.insert(*quota, limit(ctx, *quota, &mut out.warnings).await);
    }
    let ec2 = &ctx.clients.ec2;
    let vpcs = ec2
        .describe_vpcs()
        .send()
        .await
        .map_err(sdk("DescribeVpcs"))?
        .vpcs()
        .len();
    let addresses = ec2
        .describe_addresses()
        .send()
        .await
        .map_err(sdk("DescribeAddresses"))?
        .addresses()
        .len();
    let nat_by_zone = nat_gateways_by_zone(ctx).await?;
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    out.headroom.insert(
        (Quota::Vpcs, None),
        Headroom {
            limit: limits[&Quota::Vpcs],
            in_use: count(vpcs),
        },
    );
    out.headroom.insert(
        (Quota::ElasticIps, None),
        Headroom {
            limit: limits[&Quota::ElasticIps],
            in_use: count(addresses),
        },
    );
    for zone in zones {
        out.headroom.insert(
            (Quota::NatGatewaysPerZone, Some(zone.clone())),
            Headroom {
                limit: limits[&Quota::NatGatewaysPerZone],
                in_use: nat_by_zone.get(zone).copied().unwrap_or(0),
            },
        );
    }
    Ok(out)
}

async fn limit(ctx: &Ctx, quota: Quota, warnings: &mut Vec<String>) -> u32 {
    let (service, code) = quota.codes();
    let answer = ctx
        .clients
        .quotas
        .get_service_quota()
        .service_code(service)
        .quota_code(code)
        .send()
        .await
        .map_err(|e| ResourceError::from_sdk("GetServiceQuota", e));
    let value = answer
        .as_ref()
        .ok()
        .and_then(|a| a.quota())
        .and_then(|q| q.value());
    match (value, answer) {
        // Quotas are whole numbers sent as doubles.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        (Some(v), _) if v >= 0.0 => v as u32,
        (_, Err(e)) => {
            warnings.push(format!(
                "could not read the {} quota ({code}) in {}: {e}; assuming AWS's default of {}",
                quota.label(2),
                ctx.region,
                quota.default_limit()
            ));
            quota.default_limit()
        }
        (_, Ok(_)) => {
            warnings.push(format!(
                "Service Quotas gave no value for the {} quota ({code}) in {}; assuming AWS's default of {}",
                quota.label(2),
                ctx.region,
                quota.default_limit()
            ));
            quota.default_limit()
        }
    }
}

async fn nat_gateways_by_zone(ctx: &Ctx) -> Result<BTreeMap<String, u32>, ResourceError> {
    let ec2 = &ctx.clients.ec2;
    let nats = ec2
        .describe_nat_gateways()
        .send()
        .await
        .map_err(sdk("DescribeNatGateways"))?;
    let subnets: Vec<String> = nats
        .nat_gateways()
        .iter()
        .filter(|n| n.state().is_some_and(|s| NAT_ALIVE.contains(&s.as_str())))
        .filter_map(|n| n.subnet_id().map(str::to_string))
        .collect();
    let mut out = BTreeMap::new();
    if subnets.is_empty() {
        return Ok(out);
    }
    let unique: std::collections::BTreeSet<&String> = subnets.iter().collect();
    let described = ec2
        .describe_subnets()
        .set_subnet_ids(Some(unique.into_iter().cloned().collect()))
        .send()
        .await
        .map_err(sdk("DescribeSubnets"))?;
    let zone_of: BTreeMap<&str, &str> = described
        .subnets()
        .iter()
        .filter_map(|s| Some((s.subnet_id()?, s.availability_zone()?)))
        .collect();
    for subnet in &subnets {
        if let Some(zone) = zone_of.get(subnet.as_str()) {
            *out.entry((*zone).to_string()).or_insert(0) += 1;
        }
    }
    Ok(out)
}

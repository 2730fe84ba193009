//! Which account the credentials act in, and whether an environment's name is already live
//! in it under another id: two histories (two machines, two people) may both call theirs
//! `dev`, and each must refuse to build over, adopt or sweep the other's.

use aws_sdk_ec2::types::{Filter, Tag};

use crate::error::sdk;
use crate::tags::{ENV_ID_TAG, ENV_TAG, ec2_tag};
use crate::{Clients, Ctx, ErrorKind, ResourceError};

/// The account id STS says the credentials belong to.
pub async fn caller_account(ctx: &Ctx) -> Result<String, ResourceError> {
    Ok(caller_identity(&ctx.clients).await?.0)
}

/// The account id and the ARN STS says the credentials are: who holds a team lease.
pub async fn caller_identity(clients: &Clients) -> Result<(String, String), ResourceError> {
    let out = clients
        .sts
        .get_caller_identity()
        .send()
        .await
        .map_err(sdk("GetCallerIdentity"))?;
    match (out.account(), out.arn()) {
        (Some(account), arn) => Ok((account.to_string(), arn.unwrap_or(account).to_string())),
        (None, _) => Err(ResourceError::new(
            ErrorKind::Other,
            "GetCallerIdentity",
            "NoAccount",
            "STS answered without an account id",
        )),
    }
}

/// Every Hangar environment live in the region, by its tags, as `(env id, name)`, sorted: the
/// ones no state bucket records (made without team mode) included. Every blueprint has a
/// security group, which its teardown deletes, so its groups are where a live environment
/// shows.
pub async fn tagged_environments(
    clients: &Clients,
) -> Result<Vec<(String, String)>, ResourceError> {
    let has_id = Filter::builder().name("tag-key").values(ENV_ID_TAG).build();
    let mut found = std::collections::BTreeSet::new();
    let mut pages = clients
        .ec2
        .describe_security_groups()
        .filters(has_id)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        for group in page
            .map_err(sdk("DescribeSecurityGroups"))?
            .security_groups()
        {
            let tag = |key: &str| {
                group
                    .tags()
                    .iter()
                    .find(|t| t.key() == Some(key))
                    .and_then(|t| t.value())
                    .map(str::to_string)
            };
            if let (Some(id), Some(name)) = (tag(ENV_ID_TAG), tag(ENV_TAG)) {
                found.insert((id, name));
            }
        }
    }
    Ok(found.into_iter().collect())
}

/// EC2 resources in the region tagged with this environment's name but another id (or none),
/// as `(resource id, their env id)`. Every blueprint has a security group, most a VPC, many an
/// instance: those three describes see a name that is live. (DescribeTags would see all kinds
/// in one call, but the emulator keeps a deleted resource's tags there.)
pub async fn others_with_our_name(
    ctx: &Ctx,
) -> Result<Vec<(String, Option<String>)>, ResourceError> {
    let ec2 = &ctx.clients.ec2;
    let named = || {
        Filter::builder()
            .name(format!("tag:{ENV_TAG}"))
            .values(&ctx.env)
            .build()
    };
    let mut found: Vec<(String, Option<String>)> = Vec::new();
    let vpcs = ec2
        .describe_vpcs()
        .filters(named())
        .send()
        .await
        .map_err(sdk("DescribeVpcs"))?;
    for vpc in vpcs.vpcs() {
        found.extend(owned(vpc.vpc_id(), vpc.tags()));
    }
    let groups = ec2
        .describe_security_groups()
        .filters(named())
        .send()
        .await
        .map_err(sdk("DescribeSecurityGroups"))?;
    for group in groups.security_groups() {
        found.extend(owned(group.group_id(), group.tags()));
    }
    // A terminated instance keeps its tags for about an hour: not live.
    let live = Filter::builder()
        .name("instance-state-name")
        .values("pending")
        .values("running")
        .values("stopping")
        .values("stopped")
        .build();
    let mut pages = ec2
        .describe_instances()
        .filters(named())
        .filters(live)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        for reservation in page.map_err(sdk("DescribeInstances"))?.reservations() {
            for instance in reservation.instances() {
                found.extend(owned(instance.instance_id(), instance.tags()));
            }
        }
    }
    found.retain(|(_, owner)| owner.as_deref() != Some(ctx.env_id.as_str()));
    Ok(found)
}

fn owned(id: Option<&str>, tags: &[Tag]) -> Option<(String, Option<String>)> {
    Some((
        id?.to_string(),
        ec2_tag(tags, ENV_ID_TAG).map(str::to_string),
    ))
}

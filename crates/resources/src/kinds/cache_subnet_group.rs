//! ElastiCache subnet groups. Names are unique per account and region: one of that name that
//! is not this environment's is an error, never adopted.
//!
//! The emulator (moto 5) does not implement DeleteCacheSubnetGroup: there `delete` fails with
//! the emulator's own error and the group stays listed (see tests/elasticache_against_moto.rs).

use std::time::Duration;

use aws_sdk_elasticache::types::{CacheSubnetGroup, Tag};
use hangar_core::graph::Attr;
use hangar_core::graph::spec::CacheSubnetGroupSpec;

use crate::consistency::retry_while;
use crate::error::{none_if_not_found, not_ours, sdk};
use crate::tags::{ENV_ID_TAG, LOGICAL_TAG, standard};
use crate::{Created, Ctx, Found, Refs, ResourceError, retry_while_not_found};

pub(super) fn tags(ctx: &Ctx, logical: &str) -> Vec<Tag> {
    standard(ctx, logical)
        .into_iter()
        .map(|(k, v)| Tag::builder().key(k).value(v).build())
        .collect()
}

/// `(hangar:env, hangar:logical)` of an ElastiCache resource, by ARN (describe answers carry
/// no tags).
pub(super) async fn owner(
    ctx: &Ctx,
    arn: Option<&str>,
) -> Result<(Option<String>, Option<String>), ResourceError> {
    let Some(arn) = arn else {
        return Ok((None, None));
    };
    // ElastiCache will not list a replication group's tags while the group is being created,
    // modified or deleted (`InvalidReplicationGroupState`); that passes within minutes, and one
    // busy group must not end a sweep or a final check.
    let out = retry_while(Duration::from_secs(300), is_busy, || async {
        ctx.clients
            .elasticache
            .list_tags_for_resource()
            .resource_name(arn)
            .send()
            .await
            .map_err(sdk("ListTagsForResource"))
    })
    .await?;
    let get = |key: &str| {
        out.tag_list()
            .iter()
            .find(|t| t.key() == Some(key))
            .and_then(|t| t.value())
            .map(str::to_string)
    };
    Ok((get(ENV_ID_TAG), get(LOGICAL_TAG)))
}

fn is_busy(err: &ResourceError) -> bool {
    err.code == "InvalidReplicationGroupState"
}

pub(super) async fn check_ours(
    ctx: &Ctx,
    logical: &str,
    what: &str,
    name: &str,
    arn: Option<&str>,
) -> Result<(), ResourceError> {
    let (env, tagged) = owner(ctx, arn).await?;
    if (env.as_deref(), tagged.as_deref()) == (Some(ctx.env_id.as_str()), Some(logical)) {
        return Ok(());
    }
    Err(not_ours(
        "elasticache",
        &format!("an ElastiCache {what}"),
        name,
    ))
}

pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &CacheSubnetGroupSpec,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    let name = &spec.cache_subnet_group_name;
    if let Some(group) = describe(ctx, name).await? {
        check_ours(ctx, logical, "subnet group", name, group.arn()).await?;
        return Ok(created(&group));
    }
    let subnets = refs.ids(&spec.subnets)?;
    let out = retry_while_not_found(|| async {
        ctx.clients
            .elasticache
            .create_cache_subnet_group()
            .cache_subnet_group_name(name)
            .cache_subnet_group_description(format!("Hangar {}: cache subnets", ctx.env))
            .set_subnet_ids(Some(subnets.clone()))
            .set_tags(Some(tags(ctx, logical)))
            .send()
            .await
            .map_err(sdk("CreateCacheSubnetGroup"))
    })
    .await?;
    let group = out
        .cache_subnet_group()
        .ok_or_else(|| ResourceError::missing("CreateCacheSubnetGroup", "no group"))?;
    Ok(created(group))
}

fn created(group: &CacheSubnetGroup) -> Created {
    let name = group.cache_subnet_group_name().unwrap_or_default();
    Created::new(name)
        .with(Attr::Name, name)
        .with(Attr::Arn, group.arn().unwrap_or_default())
}

async fn describe(ctx: &Ctx, name: &str) -> Result<Option<CacheSubnetGroup>, ResourceError> {
    let out = ctx
        .clients
        .elasticache
        .describe_cache_subnet_groups()
        .cache_subnet_group_name(name)
        .send()
        .await
        .map_err(sdk("DescribeCacheSubnetGroups"));
    Ok(none_if_not_found(out)?.and_then(|out| out.cache_subnet_groups().first().cloned()))
}

/// After its replication group is gone (`CacheSubnetGroupInUse` until then, a dependency the
/// engine waits out). The group is gone when the call returns.
pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    ctx.clients
        .elasticache
        .delete_cache_subnet_group()
        .cache_subnet_group_name(&created.aws_id)
        .send()
        .await
        .map_err(sdk("DeleteCacheSubnetGroup"))?;
    Ok(())
}

pub(crate) async fn find_tagged(ctx: &Ctx) -> Result<Vec<Found>, ResourceError> {
    let mut found = Vec::new();
    let mut pages = ctx
        .clients
        .elasticache
        .describe_cache_subnet_groups()
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        for group in page
            .map_err(sdk("DescribeCacheSubnetGroups"))?
            .cache_subnet_groups()
        {
            let (env, logical) = match owner(ctx, group.arn()).await {
                Ok(tags) => tags,
                Err(err) if err.is_not_found() => continue,
                Err(err) => return Err(err),
            };
            if env.as_deref() == Some(ctx.env_id.as_str()) {
                found.push(Found {
                    logical,
                    created: created(group),
                    state: "available".into(),
                });
            }
        }
    }
    Ok(found)
}

//! ElastiCache (Redis) replication groups: a primary and replicas across AZs, encrypted at
//! rest and in transit as the blueprint says.
//!
//! A group whose delete AWS has accepted sits in `deleting` for minutes before it vanishes;
//! the emulator (moto 5) leaves it `deleting` forever. `delete` therefore never re-asks for a
//! delete under way, and waits for the group to vanish only until the context's deadline,
//! then fails with a `Timeout` naming the state. `find_tagged` still reports a `deleting`
//! group, with that state: AWS still lists it, so "nothing left" would not be true yet, and
//! the state lets the caller tell "AWS is finishing a delete" from "left behind".

use std::time::Duration;

use aws_sdk_elasticache::types::ReplicationGroup;
use hangar_core::graph::Attr;
use hangar_core::graph::spec::ReplicationGroupSpec;

use super::cache_subnet_group::{check_ours, owner, tags};
use super::poll::{self, Poll};
use crate::error::{none_if_not_found, sdk};
use crate::{Created, Ctx, ErrorKind, Found, Refs, ResourceError};

/// The SDK's ElastiCache waiters' delay (their `min_delay`), AWS's own cadence.
const EVERY: Duration = Duration::from_secs(15);

pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &ReplicationGroupSpec,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    let cache = &ctx.clients.elasticache;
    let id = &spec.replication_group_id;
    match describe(ctx, id).await? {
        Some(group) => {
            check_ours(ctx, logical, "replication group", id, group.arn()).await?;
            if group.status() == Some("deleting") {
                return Err(ResourceError::new(
                    ErrorKind::DependencyViolation,
                    "CreateReplicationGroup",
                    "ReplicationGroupDeleting",
                    format!("{id} is still being deleted; create it again once it is gone"),
                ));
            }
        }
        None => {
            let groups = refs.ids(&spec.security_groups)?;
            let subnet_group = refs.id(&spec.cache_subnet_group)?;
            let result = cache
                .create_replication_group()
                .replication_group_id(id)
                .replication_group_description(&spec.description)
                .engine(&spec.engine)
                .engine_version(&spec.engine_version)
                .cache_node_type(&spec.cache_node_type)
                .num_cache_clusters(spec.num_cache_clusters)
                .automatic_failover_enabled(spec.automatic_failover)
                .multi_az_enabled(spec.multi_az)
                .port(spec.port)
                .at_rest_encryption_enabled(spec.at_rest_encryption)
                .transit_encryption_enabled(spec.transit_encryption)
                .cache_subnet_group_name(subnet_group)
                .set_security_group_ids(Some(groups))
                .set_tags(Some(tags(ctx, logical)))
                .send()
                .await
                .map_err(sdk("CreateReplicationGroup"));
            match result {
                Ok(_) => {}
                // A concurrent or retried create got there first: adopt it if it is ours.
                Err(err) if err.code.starts_with("ReplicationGroupAlreadyExists") => {
                    let group = describe(ctx, id)
                        .await?
                        .ok_or_else(|| ResourceError::missing("DescribeReplicationGroups", id))?;
                    check_ours(ctx, logical, "replication group", id, group.arn()).await?;
                }
                Err(err) => return Err(err),
            }
        }
    }
    // The SDK's ReplicationGroupAvailable waiter backs off from 15 s to 120 s, so on a
    // ten-minute create it can be up to two minutes late; polled steadily at its 15 s it is
    // never more than 15 s late, and no harder.
    let group = poll::steady(
        EVERY,
        ctx.wait_deadline,
        "ReplicationGroupAvailable",
        id,
        || async {
            let group = describe(ctx, id).await?.ok_or_else(|| {
                ResourceError::missing("DescribeReplicationGroups", format!("{id} vanished"))
            })?;
            Ok(match group.status() {
                Some("available") => Poll::Done(group),
                Some("create-failed") => {
                    return Err(ResourceError::new(
                        ErrorKind::Invalid,
                        "CreateReplicationGroup",
                        "CreateFailed",
                        format!("AWS could not create {id}"),
                    ));
                }
                other => Poll::Pending(other.unwrap_or("unknown").to_string()),
            })
        },
    )
    .await?;
    Ok(created(&group))
}

fn created(group: &ReplicationGroup) -> Created {
    let mut created = Created::new(group.replication_group_id().unwrap_or_default())
        .with(Attr::Arn, group.arn().unwrap_or_default());
    let node_group = group.node_groups().first();
    if let Some(primary) = node_group.and_then(|n| n.primary_endpoint()) {
        let address = primary.address().unwrap_or_default();
        let port = primary.port().unwrap_or_default();
        created = created
            .with(Attr::Address, address)
            .with(Attr::Port, port.to_string())
            .with(Attr::PrimaryEndpoint, format!("{address}:{port}"));
    }
    if let Some(reader) = node_group.and_then(|n| n.reader_endpoint()) {
        created = created.with(
            Attr::ReaderEndpoint,
            format!(
                "{}:{}",
                reader.address().unwrap_or_default(),
                reader.port().unwrap_or_default()
            ),
        );
    }
    created
}

async fn describe(ctx: &Ctx, id: &str) -> Result<Option<ReplicationGroup>, ResourceError> {
    let out = ctx
        .clients
        .elasticache
        .describe_replication_groups()
        .replication_group_id(id)
        .send()
        .await
        .map_err(sdk("DescribeReplicationGroups"));
    Ok(none_if_not_found(out)?.and_then(|out| out.replication_groups().first().cloned()))
}

/// No final snapshot (it would outlive the environment). A delete already under way is not
/// asked for again (AWS refuses it), only waited out, until the context's deadline.
pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    let cache = &ctx.clients.elasticache;
    let id = created.aws_id.as_str();
    let Some(group) = describe(ctx, id).await? else {
        return Ok(());
    };
    if group.status() != Some("deleting") {
        cache
            .delete_replication_group()
            .replication_group_id(id)
            .retain_primary_cluster(false)
            .send()
            .await
            .map_err(sdk("DeleteReplicationGroup"))?;
    }
    // Steadily, as for the create: the subnet group and everything in the database subnets
    // wait for this group to go, so a late look holds the whole teardown.
    poll::steady(
        EVERY,
        ctx.wait_deadline,
        "ReplicationGroupDeleted",
        id,
        || async {
            Ok(match describe(ctx, id).await? {
                None => Poll::Done(()),
                Some(group) => Poll::Pending(group.status().unwrap_or("unknown").to_string()),
            })
        },
    )
    .await
}

pub(crate) async fn find_tagged(ctx: &Ctx) -> Result<Vec<Found>, ResourceError> {
    let mut found = Vec::new();
    let mut pages = ctx
        .clients
        .elasticache
        .describe_replication_groups()
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        for group in page
            .map_err(sdk("DescribeReplicationGroups"))?
            .replication_groups()
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
                    state: group.status().unwrap_or_default().to_string(),
                });
            }
        }
    }
    Ok(found)
}

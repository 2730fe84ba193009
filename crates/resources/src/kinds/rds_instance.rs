//! RDS instances. The master password is RDS's to generate and keep in Secrets Manager
//! (`manage_master_user_password`, which the emulator supports too), so no password ever
//! passes through Hangar, its history or its logs: the history keeps only the secret's ARN.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_sdk_rds::types::{DbInstance, Tag};
use hangar_core::cost::RetainedKind;
use hangar_core::graph::spec::RdsInstanceSpec;
use hangar_core::graph::{Attr, final_snapshot_id};

use super::db_subnet_group::{foreign, owner, tags};
use super::poll::{self, Poll};
use crate::error::sdk;
use crate::{Created, Ctx, Disposal, ErrorKind, Found, Protection, Refs, ResourceError, Retained};

/// Set at creation when the blueprint wants a final snapshot, so a sweep that knows the
/// instance only by its tags still takes one.
const FINAL_SNAPSHOT_TAG: &str = "hangar:final-snapshot";

pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &RdsInstanceSpec,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    let rds = &ctx.clients.rds;
    let id = &spec.db_instance_identifier;
    // Identifiers are unique per account and region; CreateDBInstance takes no client token,
    // so the identifier is the idempotency key.
    let exists = match describe(ctx, id).await? {
        Some(db) => {
            check_ours(ctx, logical, &db)?;
            true
        }
        None => false,
    };
    if !exists {
        let mut tag_list = tags(ctx, logical);
        // A final snapshot only when the blueprint asks: it outlives the environment and
        // costs money.
        if spec.final_snapshot {
            tag_list.push(Tag::builder().key(FINAL_SNAPSHOT_TAG).value("true").build());
        }
        let groups = refs.ids(&spec.security_groups)?;
        let subnet_group = refs.id(&spec.db_subnet_group)?.to_string();
        let parameter_group = spec
            .db_parameter_group
            .as_ref()
            .map(|p| refs.id(p).map(str::to_string))
            .transpose()?;
        let result = rds
            .create_db_instance()
            .db_instance_identifier(id)
            .engine(&spec.engine)
            .engine_version(&spec.engine_version)
            .db_instance_class(&spec.db_instance_class)
            .allocated_storage(spec.allocated_storage_gb)
            .set_max_allocated_storage(spec.max_allocated_storage_gb)
            .storage_type(&spec.storage_type)
            .storage_encrypted(spec.storage_encrypted)
            .multi_az(spec.multi_az)
            .backup_retention_period(spec.backup_retention_days)
            .set_preferred_backup_window(spec.backup_window.as_deref().map(str::to_string))
            .publicly_accessible(spec.publicly_accessible)
            .db_name(&spec.db_name)
            .master_username(&spec.master_username)
            .manage_master_user_password(true)
            .port(spec.port)
            .db_subnet_group_name(subnet_group)
            .set_db_parameter_group_name(parameter_group)
            .set_vpc_security_group_ids(Some(groups))
            .deletion_protection(spec.deletion_protection)
            .copy_tags_to_snapshot(true)
            .set_tags(Some(tag_list))
            .send()
            .await
            .map_err(sdk("CreateDBInstance"));
        match result {
            Ok(_) => {}
            // A concurrent or retried create got there first: adopt it if it is ours.
            Err(err) if err.code.starts_with("DBInstanceAlreadyExists") => {
                let db = describe(ctx, id)
                    .await?
                    .ok_or_else(|| ResourceError::missing("DescribeDBInstances", id))?;
                check_ours(ctx, logical, &db)?;
            }
            Err(err) => return Err(err),
        }
    }
    // Not the SDK's waiter: it backs off from 30 s to 1,800 s with jitter, so on a database
    // that takes 5 to 15 minutes it looks late, by minutes (measured in BENCHMARKS.md, "Against
    // the critical-path bound"). Every 30 s, the waiter's own minimum delay: never harder.
    let db = poll::steady(
        Duration::from_secs(30),
        ctx.wait_deadline,
        "DBInstanceAvailable",
        id,
        || async {
            // Just created, it may not be listed yet (RDS is eventually consistent).
            let Some(db) = describe(ctx, id).await? else {
                return Ok(Poll::Pending("not listed yet".into()));
            };
            match db.db_instance_status() {
                Some("available") => Ok(Poll::Done(db)),
                // The SDK waiter's failure acceptors: none of these becomes available.
                Some(
                    state @ ("deleted"
                    | "deleting"
                    | "failed"
                    | "incompatible-restore"
                    | "incompatible-parameters"),
                ) => Err(ResourceError::new(
                    ErrorKind::Invalid,
                    "DBInstanceAvailable",
                    "DBInstanceNotAvailable",
                    format!("database {id} went '{state}' instead of available"),
                )),
                state => Ok(Poll::Pending(state.unwrap_or("unknown").to_string())),
            }
        },
    )
    .await?;
    Ok(created(&db))
}

fn check_ours(ctx: &Ctx, logical: &str, db: &DbInstance) -> Result<(), ResourceError> {
    if owner(db.tag_list()) == (Some(ctx.env_id.as_str()), Some(logical)) {
        Ok(())
    } else {
        Err(foreign(
            "instance",
            db.db_instance_identifier().unwrap_or_default(),
        ))
    }
}

pub(super) fn created(db: &DbInstance) -> Created {
    let id = db.db_instance_identifier().unwrap_or_default();
    let mut created = Created::new(id).with(Attr::Arn, db.db_instance_arn().unwrap_or_default());
    if let Some(endpoint) = db.endpoint() {
        let address = endpoint.address().unwrap_or_default();
        let port = endpoint.port().unwrap_or_default();
        created = created
            .with(Attr::Address, address)
            .with(Attr::Port, port.to_string())
            .with(Attr::Endpoint, format!("{address}:{port}"));
    }
    if let Some(group) = db.db_subnet_group().and_then(|g| g.db_subnet_group_name()) {
        created = created.with(Attr::DbSubnetGroupName, group);
    }
    if let Some(secret) = db.master_user_secret().and_then(|s| s.secret_arn()) {
        created = created.with(Attr::MasterUserSecretArn, secret);
    }
    let tags = db.tag_list();
    if tags
        .iter()
        .any(|t| t.key() == Some(FINAL_SNAPSHOT_TAG) && t.value() == Some("true"))
    {
        created = created.with(Attr::FinalSnapshot, "true");
    }
    created
}

pub(super) async fn describe(ctx: &Ctx, id: &str) -> Result<Option<DbInstance>, ResourceError> {
    match ctx
        .clients
        .rds
        .describe_db_instances()
        .db_instance_identifier(id)
        .send()
        .await
    {
        Ok(out) => Ok(out.db_instances().first().cloned()),
        Err(err) => {
            let err = ResourceError::from_sdk("DescribeDBInstances", err);
            if err.is_not_found() {
                Ok(None)
            } else {
                Err(err)
            }
        }
    }
}

/// Skips the final snapshot unless the node asked for one (then named with the environment
/// and the time, and returned as what the delete leaves), and drops automated backups too:
/// both would outlive the environment and cost money. Deletion protection is turned off only
/// when the context says the user confirmed; otherwise the delete is refused, saying why. A
/// delete already under way is not asked for again, only waited out.
pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<Disposal, ResourceError> {
    let rds = &ctx.clients.rds;
    let id = created.aws_id.as_str();
    let Some(db) = describe(ctx, id).await? else {
        return Ok(Disposal::Deleted);
    };
    let mut leaving = None;
    if db.db_instance_status() != Some("deleting") {
        if db.deletion_protection() == Some(true) {
            lift_protection(ctx, id).await?;
        }
        let call = rds
            .delete_db_instance()
            .db_instance_identifier(id)
            .delete_automated_backups(true);
        let call = if created.attr(Attr::FinalSnapshot) == Some("true") {
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or_default();
            let snapshot = final_snapshot_id(&ctx.env, id, now);
            leaving = Some(Retained {
                kind: RetainedKind::DbSnapshot,
                aws_id: snapshot.clone(),
                size_gb: f64::from(db.allocated_storage().unwrap_or_default()),
            });
            call.skip_final_snapshot(false)
                .final_db_snapshot_identifier(snapshot)
        } else {
            call.skip_final_snapshot(true)
        };
        call.send().await.map_err(sdk("DeleteDBInstance"))?;
    }
    // Every 30 s until RDS no longer lists it, for the reason the create polls so.
    poll::steady(
        Duration::from_secs(30),
        ctx.wait_deadline,
        "DBInstanceDeleted",
        id,
        || async {
            Ok(match describe(ctx, id).await? {
                None => Poll::Done(()),
                Some(db) => Poll::Pending(db.db_instance_status().unwrap_or("unknown").to_string()),
            })
        },
    )
    .await?;
    Ok(leaving.map_or(Disposal::Deleted, Disposal::DeletedLeaving))
}

async fn lift_protection(ctx: &Ctx, id: &str) -> Result<(), ResourceError> {
    match ctx.protection {
        Protection::Keep => Err(ResourceError::new(
            ErrorKind::Invalid,
            "DeleteDBInstance",
            "DeletionProtectionOn",
            format!(
                "database {id} has deletion protection on; a teardown turns it off only once \
                 the environment's name is typed to confirm"
            ),
        )),
        Protection::LiftConfirmed => {
            ctx.clients
                .rds
                .modify_db_instance()
                .db_instance_identifier(id)
                .deletion_protection(false)
                .apply_immediately(true)
                .send()
                .await
                .map_err(sdk("ModifyDBInstance"))?;
            Ok(())
        }
    }
}

pub(crate) async fn find_tagged(ctx: &Ctx) -> Result<Vec<Found>, ResourceError> {
    let mut found = Vec::new();
    let mut pages = ctx
        .clients
        .rds
        .describe_db_instances()
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        for db in page.map_err(sdk("DescribeDBInstances"))?.db_instances() {
            let (env, logical) = owner(db.tag_list());
            let state = db.db_instance_status().unwrap_or_default();
            if env == Some(ctx.env_id.as_str()) && state != "deleted" {
                found.push(Found {
                    logical: logical.map(str::to_string),
                    created: created(db),
                    state: state.to_string(),
                });
            }
        }
    }
    Ok(found)
}

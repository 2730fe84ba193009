//! RDS DB parameter groups: the engine settings a database is created with (seed 003's
//! `rds.force_ssl = 1`). Names are unique per account and region: one of that name that is
//! not this environment's is an error, never adopted.

use aws_sdk_rds::types::{ApplyMethod, DbParameterGroup, Parameter};
use hangar_core::graph::Attr;
use hangar_core::graph::spec::DbParameterGroupSpec;

use super::db_subnet_group::{foreign, owner_of_arn, tags};
use crate::error::{none_if_not_found, sdk};
use crate::{Created, Ctx, Found, ResourceError};

/// ModifyDBParameterGroup takes at most 20 parameters a call.
const PER_CALL: usize = 20;

pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &DbParameterGroupSpec,
) -> Result<Created, ResourceError> {
    let rds = &ctx.clients.rds;
    let name = &spec.db_parameter_group_name;
    let group = match describe(ctx, name).await? {
        Some(group) => {
            let (env, tagged) = tags_of(ctx, &group).await?;
            if (env.as_deref(), tagged.as_deref()) != (Some(ctx.env_id.as_str()), Some(logical)) {
                return Err(foreign("DB parameter group", name));
            }
            group
        }
        None => rds
            .create_db_parameter_group()
            .db_parameter_group_name(name)
            .db_parameter_group_family(&spec.family)
            .description(&spec.description)
            .set_tags(Some(tags(ctx, logical)))
            .send()
            .await
            .map_err(sdk("CreateDBParameterGroup"))?
            .db_parameter_group()
            .cloned()
            .ok_or_else(|| ResourceError::missing("CreateDBParameterGroup", "no group"))?,
    };
    // Setting the values is idempotent, so an adopted group gets them too. Pending-reboot is
    // accepted for static and dynamic parameters alike, and no database uses the group yet.
    let parameters: Vec<Parameter> = spec
        .parameters
        .iter()
        .map(|(name, value)| {
            Parameter::builder()
                .parameter_name(name)
                .parameter_value(value)
                .apply_method(ApplyMethod::PendingReboot)
                .build()
        })
        .collect();
    for chunk in parameters.chunks(PER_CALL) {
        rds.modify_db_parameter_group()
            .db_parameter_group_name(name)
            .set_parameters(Some(chunk.to_vec()))
            .send()
            .await
            .map_err(sdk("ModifyDBParameterGroup"))?;
    }
    Ok(created(&group))
}

fn created(group: &DbParameterGroup) -> Created {
    let name = group.db_parameter_group_name().unwrap_or_default();
    Created::new(name).with(Attr::Name, name).with(
        Attr::Arn,
        group.db_parameter_group_arn().unwrap_or_default(),
    )
}

async fn describe(ctx: &Ctx, name: &str) -> Result<Option<DbParameterGroup>, ResourceError> {
    let out = ctx
        .clients
        .rds
        .describe_db_parameter_groups()
        .db_parameter_group_name(name)
        .send()
        .await
        .map_err(sdk("DescribeDBParameterGroups"));
    Ok(none_if_not_found(out)?.and_then(|out| out.db_parameter_groups().first().cloned()))
}

/// DBParameterGroup answers carry no tags: ListTagsForResource on its ARN.
async fn tags_of(
    ctx: &Ctx,
    group: &DbParameterGroup,
) -> Result<(Option<String>, Option<String>), ResourceError> {
    owner_of_arn(ctx, group.db_parameter_group_arn()).await
}

/// AWS refuses while a database still uses the group (`InvalidDBParameterGroupState`), so
/// teardown deletes it after the database; gone when the call returns.
pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    ctx.clients
        .rds
        .delete_db_parameter_group()
        .db_parameter_group_name(&created.aws_id)
        .send()
        .await
        .map_err(sdk("DeleteDBParameterGroup"))?;
    Ok(())
}

pub(crate) async fn find_tagged(ctx: &Ctx) -> Result<Vec<Found>, ResourceError> {
    let mut found = Vec::new();
    let mut pages = ctx
        .clients
        .rds
        .describe_db_parameter_groups()
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        for group in page
            .map_err(sdk("DescribeDBParameterGroups"))?
            .db_parameter_groups()
        {
            // The engine's own `default.*` groups carry no tags: one call saved each.
            if group
                .db_parameter_group_name()
                .is_some_and(|n| n.starts_with("default."))
            {
                continue;
            }
            let (env, logical) = match tags_of(ctx, group).await {
                Ok(tags) => tags,
                Err(err) if err.is_not_found() => continue,
                Err(err) => return Err(err),
            };
            if env.as_deref() == Some(ctx.env_id.as_str()) {
                found.push(Found {
                    logical,
                    created: created(group),
                    state: "available".to_string(),
                });
            }
        }
    }
    Ok(found)
}

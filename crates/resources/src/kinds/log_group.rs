//! CloudWatch Logs log groups (for flow logs): tagged at creation, with a retention policy so
//! logs do not pile up. Names are unique per account and region: one of that name that is not
//! this environment's is an error, never adopted.

use aws_sdk_cloudwatchlogs::types::LogGroup;
use hangar_core::graph::Attr;
use hangar_core::graph::spec::LogGroupSpec;

use crate::error::sdk;
use crate::tags::{ENV_ID_TAG, LOGICAL_TAG, standard};
use crate::{Created, Ctx, ErrorKind, Found, ResourceError};

pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &LogGroupSpec,
) -> Result<Created, ResourceError> {
    let logs = &ctx.clients.logs;
    let name = &spec.log_group_name;
    let group = match by_name(ctx, name).await? {
        Some(group) => {
            let (env, tagged) = owner(ctx, &group).await?;
            if (env.as_deref(), tagged.as_deref()) != (Some(ctx.env_id.as_str()), Some(logical)) {
                return Err(ResourceError::new(
                    ErrorKind::Invalid,
                    "CreateLogGroup",
                    "ResourceAlreadyExistsException",
                    format!(
                        "a log group named '{name}' already exists in this region and is not \
                         this environment's: rename it in the blueprint"
                    ),
                ));
            }
            group
        }
        None => {
            let result = logs
                .create_log_group()
                .log_group_name(name)
                .set_tags(Some(standard(ctx, logical).into_iter().collect()))
                .send()
                .await
                .map_err(sdk("CreateLogGroup"));
            match result {
                Ok(_) => {}
                // A concurrent or retried create got there first (tagged by it at creation).
                Err(err) if err.code == "ResourceAlreadyExistsException" => {}
                Err(err) => return Err(err),
            }
            by_name(ctx, name).await?.ok_or_else(|| {
                ResourceError::missing("DescribeLogGroups", format!("{name} vanished"))
            })?
        }
    };
    if let Some(days) = spec.retention_in_days {
        logs.put_retention_policy()
            .log_group_name(name)
            .retention_in_days(days)
            .send()
            .await
            .map_err(sdk("PutRetentionPolicy"))?;
    }
    Ok(created(&group))
}

fn created(group: &LogGroup) -> Created {
    let name = group.log_group_name().unwrap_or_default();
    Created::new(name)
        .with(Attr::Name, name)
        .with(Attr::Arn, arn(group))
}

/// The ARN without the `:*` suffix `arn` carries (tagging calls want it bare).
fn arn(group: &LogGroup) -> String {
    group
        .log_group_arn()
        .map(str::to_string)
        .or_else(|| group.arn().map(|a| a.trim_end_matches(":*").to_string()))
        .unwrap_or_default()
}

async fn by_name(ctx: &Ctx, name: &str) -> Result<Option<LogGroup>, ResourceError> {
    let mut pages = ctx
        .clients
        .logs
        .describe_log_groups()
        .log_group_name_prefix(name)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(sdk("DescribeLogGroups"))?;
        if let Some(g) = page
            .log_groups()
            .iter()
            .find(|g| g.log_group_name() == Some(name))
        {
            return Ok(Some(g.clone()));
        }
    }
    Ok(None)
}

async fn owner(
    ctx: &Ctx,
    group: &LogGroup,
) -> Result<(Option<String>, Option<String>), ResourceError> {
    let out = ctx
        .clients
        .logs
        .list_tags_for_resource()
        .resource_arn(arn(group))
        .send()
        .await
        .map_err(sdk("ListTagsForResource"))?;
    let tags = out.tags();
    let get = |key: &str| tags.and_then(|t| t.get(key)).cloned();
    Ok((get(ENV_ID_TAG), get(LOGICAL_TAG)))
}

pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    ctx.clients
        .logs
        .delete_log_group()
        .log_group_name(&created.aws_id)
        .send()
        .await
        .map_err(sdk("DeleteLogGroup"))?;
    Ok(())
}

/// No tag filter on DescribeLogGroups: every group's tags are asked for (one deleted in
/// between is skipped).
pub(crate) async fn find_tagged(ctx: &Ctx) -> Result<Vec<Found>, ResourceError> {
    let mut found = Vec::new();
    let mut pages = ctx
        .clients
        .logs
        .describe_log_groups()
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        for group in page.map_err(sdk("DescribeLogGroups"))?.log_groups() {
            let (env, logical) = match owner(ctx, group).await {
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

//! RDS DB subnet groups: the subnets a database may live in. Names are unique per account and
//! region: one of that name that is not this environment's is an error, never adopted.

use aws_sdk_rds::types::{DbSubnetGroup, Tag};
use hangar_core::graph::Attr;
use hangar_core::graph::spec::DbSubnetGroupSpec;

use crate::error::{none_if_not_found, not_ours, sdk};
use crate::tags::{ENV_ID_TAG, LOGICAL_TAG, standard};
use crate::{Created, Ctx, Found, Refs, ResourceError, retry_while_not_found};

pub(super) fn tags(ctx: &Ctx, logical: &str) -> Vec<Tag> {
    standard(ctx, logical)
        .into_iter()
        .map(|(k, v)| Tag::builder().key(k).value(v).build())
        .collect()
}

pub(super) fn owner(tags: &[Tag]) -> (Option<&str>, Option<&str>) {
    let get = |key: &str| {
        tags.iter()
            .find(|t| t.key() == Some(key))
            .and_then(|t| t.value())
    };
    (get(ENV_ID_TAG), get(LOGICAL_TAG))
}

pub(super) fn foreign(what: &str, name: &str) -> ResourceError {
    not_ours("rds", &format!("an RDS {what}"), name)
}

pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &DbSubnetGroupSpec,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    let name = &spec.db_subnet_group_name;
    if let Some(group) = describe(ctx, name).await? {
        let (env, tagged) = tags_of(ctx, &group).await?;
        if (env.as_deref(), tagged.as_deref()) != (Some(ctx.env_id.as_str()), Some(logical)) {
            return Err(foreign("DB subnet group", name));
        }
        return Ok(created(&group));
    }
    let subnets = refs.ids(&spec.subnets)?;
    let out = retry_while_not_found(|| async {
        ctx.clients
            .rds
            .create_db_subnet_group()
            .db_subnet_group_name(name)
            .db_subnet_group_description(format!("Hangar {}: database subnets", ctx.env))
            .set_subnet_ids(Some(subnets.clone()))
            .set_tags(Some(tags(ctx, logical)))
            .send()
            .await
            .map_err(sdk("CreateDBSubnetGroup"))
    })
    .await?;
    let group = out
        .db_subnet_group()
        .ok_or_else(|| ResourceError::missing("CreateDBSubnetGroup", "no group"))?;
    Ok(created(group))
}

fn created(group: &DbSubnetGroup) -> Created {
    let name = group.db_subnet_group_name().unwrap_or_default();
    Created::new(name)
        .with(Attr::Name, name)
        .with(Attr::Arn, group.db_subnet_group_arn().unwrap_or_default())
}

async fn describe(ctx: &Ctx, name: &str) -> Result<Option<DbSubnetGroup>, ResourceError> {
    let out = ctx
        .clients
        .rds
        .describe_db_subnet_groups()
        .db_subnet_group_name(name)
        .send()
        .await
        .map_err(sdk("DescribeDBSubnetGroups"));
    Ok(none_if_not_found(out)?.and_then(|out| out.db_subnet_groups().first().cloned()))
}

/// DBSubnetGroup answers carry no tags: ListTagsForResource on its ARN.
async fn tags_of(
    ctx: &Ctx,
    group: &DbSubnetGroup,
) -> Result<(Option<String>, Option<String>), ResourceError> {
    owner_of_arn(ctx, group.db_subnet_group_arn()).await
}

/// The `(env id, logical)` tags of an RDS resource whose describe answer carries none (subnet
/// and parameter groups): ListTagsForResource on its ARN.
pub(super) async fn owner_of_arn(
    ctx: &Ctx,
    arn: Option<&str>,
) -> Result<(Option<String>, Option<String>), ResourceError> {
    let Some(arn) = arn else {
        return Ok((None, None));
    };
    let listed = ctx
        .clients
        .rds
        .list_tags_for_resource()
        .resource_name(arn)
        .send()
        .await
        .map_err(sdk("ListTagsForResource"))?;
    let (env, logical) = owner(listed.tag_list());
    Ok((env.map(str::to_string), logical.map(str::to_string)))
}

/// AWS refuses while an instance still uses the group (`InvalidDBSubnetGroupStateFault`, a
/// dependency the engine waits out); the group is gone when the call returns.
pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    ctx.clients
        .rds
        .delete_db_subnet_group()
        .db_subnet_group_name(&created.aws_id)
        .send()
        .await
        .map_err(sdk("DeleteDBSubnetGroup"))?;
    Ok(())
}

pub(crate) async fn find_tagged(ctx: &Ctx) -> Result<Vec<Found>, ResourceError> {
    let mut found = Vec::new();
    let mut pages = ctx
        .clients
        .rds
        .describe_db_subnet_groups()
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        for group in page
            .map_err(sdk("DescribeDBSubnetGroups"))?
            .db_subnet_groups()
        {
            let (env, logical) = match tags_of(ctx, group).await {
                Ok(tags) => tags,
                Err(err) if err.is_not_found() => continue,
                Err(err) => return Err(err),
            };
            if env.as_deref() == Some(ctx.env_id.as_str()) {
                found.push(Found {
                    logical,
                    created: created(group),
                    state: group
                        .subnet_group_status()
                        .unwrap_or("Complete")
                        .to_string(),
                });
            }
        }
    }
    Ok(found)
}

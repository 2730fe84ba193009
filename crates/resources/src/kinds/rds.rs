//! RDS: the DB subnet group and the instance. The master password is RDS's to generate and keep
//! in Secrets Manager (`manage_master_user_password`), so no password ever passes through
//! Hangar, its history or its logs.

use aws_sdk_rds::client::Waiters;
use aws_sdk_rds::types::Tag;
use hangar_core::graph::ResourceNode;

use super::nat::waited;
use super::props;
use crate::error::sdk;
use crate::tags::{ENV_TAG, LOGICAL_TAG, standard};
use crate::{Created, Ctx, Found, Refs, ResourceError, retry_while_not_found};

fn tags(ctx: &Ctx, logical: &str) -> Vec<Tag> {
    standard(&ctx.env, logical)
        .into_iter()
        .map(|(k, v)| Tag::builder().key(k).value(v).build())
        .collect()
}

fn owner(tags: &[Tag]) -> (Option<&str>, Option<&str>) {
    let get = |key: &str| {
        tags.iter()
            .find(|t| t.key() == Some(key))
            .and_then(|t| t.value())
    };
    (get(ENV_TAG), get(LOGICAL_TAG))
}

pub(crate) async fn create_subnet_group(
    ctx: &Ctx,
    node: &ResourceNode,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    let name = props::str(node, "db_subnet_group_name")?;
    if find_subnet_groups(ctx)
        .await?
        .iter()
        .any(|f| f.created.aws_id == name)
    {
        return Ok(Created::new(name).with("name", name));
    }
    let subnets: Vec<String> = props::strs(node, "subnets")
        .into_iter()
        .map(|s| refs.id(s).map(str::to_string))
        .collect::<Result<_, _>>()?;
    retry_while_not_found(|| async {
        ctx.clients
            .rds
            .create_db_subnet_group()
            .db_subnet_group_name(name)
            .db_subnet_group_description(format!("{} database subnets", ctx.env))
            .set_subnet_ids(Some(subnets.clone()))
            .set_tags(Some(tags(ctx, &node.logical)))
            .send()
            .await
            .map_err(sdk("CreateDBSubnetGroup"))
    })
    .await?;
    Ok(Created::new(name).with("name", name))
}

pub(crate) async fn delete_subnet_group(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    ctx.clients
        .rds
        .delete_db_subnet_group()
        .db_subnet_group_name(&created.aws_id)
        .send()
        .await
        .map_err(sdk("DeleteDBSubnetGroup"))?;
    Ok(())
}

pub(crate) async fn find_subnet_groups(ctx: &Ctx) -> Result<Vec<Found>, ResourceError> {
    let rds = &ctx.clients.rds;
    let out = rds
        .describe_db_subnet_groups()
        .send()
        .await
        .map_err(sdk("DescribeDBSubnetGroups"))?;
    let mut found = Vec::new();
    for group in out.db_subnet_groups() {
        let (Some(name), Some(arn)) = (group.db_subnet_group_name(), group.db_subnet_group_arn())
        else {
            continue;
        };
        let listed = rds
            .list_tags_for_resource()
            .resource_name(arn)
            .send()
            .await
            .map_err(sdk("ListTagsForResource"))?;
        let (env, logical) = owner(listed.tag_list());
        if env == Some(ctx.env.as_str()) {
            found.push(Found {
                logical: logical.map(str::to_string),
                created: Created::new(name),
                state: "available".into(),
            });
        }
    }
    Ok(found)
}

pub(crate) async fn create_instance(
    ctx: &Ctx,
    node: &ResourceNode,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    let rds = &ctx.clients.rds;
    let id = props::str(node, "db_instance_identifier")?;
    let exists = find_instances(ctx)
        .await?
        .iter()
        .any(|f| f.created.aws_id == id);
    if !exists {
        let groups: Vec<String> = props::strs(node, "security_groups")
            .into_iter()
            .map(|g| refs.id(g).map(str::to_string))
            .collect::<Result<_, _>>()?;
        let subnet_group = refs.id(props::str(node, "db_subnet_group")?)?.to_string();
        rds.create_db_instance()
            .db_instance_identifier(id)
            .engine(props::str(node, "engine")?)
            .engine_version(props::str(node, "engine_version")?)
            .db_instance_class(props::str(node, "db_instance_class")?)
            .allocated_storage(props::int32(node, "allocated_storage_gb")?)
            .set_max_allocated_storage(props::int32(node, "max_allocated_storage_gb").ok())
            .storage_type(props::str(node, "storage_type")?)
            .storage_encrypted(props::flag(node, "storage_encrypted"))
            .multi_az(props::flag(node, "multi_az"))
            .backup_retention_period(props::int32(node, "backup_retention_days")?)
            .set_preferred_backup_window(props::opt_str(node, "backup_window").map(str::to_string))
            .publicly_accessible(props::flag(node, "publicly_accessible"))
            .db_name(props::str(node, "db_name")?)
            .master_username(props::str(node, "master_username")?)
            .manage_master_user_password(true)
            .port(props::int32(node, "port")?)
            .db_subnet_group_name(subnet_group)
            .set_vpc_security_group_ids(Some(groups))
            .deletion_protection(props::flag(node, "deletion_protection"))
            .set_tags(Some(tags(ctx, &node.logical)))
            .send()
            .await
            .map_err(sdk("CreateDBInstance"))?;
    }
    rds.wait_until_db_instance_available()
        .db_instance_identifier(id)
        .wait(ctx.wait_deadline)
        .await
        .map_err(|e| waited("DBInstanceAvailable", id, e))?;
    let out = rds
        .describe_db_instances()
        .db_instance_identifier(id)
        .send()
        .await
        .map_err(sdk("DescribeDBInstances"))?;
    let mut created = Created::new(id);
    if let Some(db) = out.db_instances().first() {
        if let Some(endpoint) = db.endpoint() {
            let address = endpoint.address().unwrap_or_default();
            let port = endpoint.port().unwrap_or_default();
            created = created
                .with("address", address)
                .with("port", port.to_string())
                .with("endpoint", format!("{address}:{port}"));
        }
        if let Some(arn) = db.db_instance_arn() {
            created = created.with("arn", arn);
        }
    }
    Ok(created)
}

/// No final snapshot unless the blueprint asks for one: a snapshot outlives the environment
/// and costs money, the opposite of "nothing left behind".
pub(crate) async fn delete_instance(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    let rds = &ctx.clients.rds;
    let id = created.aws_id.as_str();
    let call = rds.delete_db_instance().db_instance_identifier(id);
    let call = match created.attr("final_snapshot") {
        Some("true") => call.final_db_snapshot_identifier(format!("{id}-final")),
        _ => call.skip_final_snapshot(true),
    };
    call.send().await.map_err(sdk("DeleteDBInstance"))?;
    // The emulator drops a deleted instance at once; the waiter then sees not-found, which is
    // exactly "deleted".
    rds.wait_until_db_instance_deleted()
        .db_instance_identifier(id)
        .wait(ctx.wait_deadline)
        .await
        .map_err(|e| waited("DBInstanceDeleted", id, e))?;
    Ok(())
}

pub(crate) async fn find_instances(ctx: &Ctx) -> Result<Vec<Found>, ResourceError> {
    let out = ctx
        .clients
        .rds
        .describe_db_instances()
        .send()
        .await
        .map_err(sdk("DescribeDBInstances"))?;
    Ok(out
        .db_instances()
        .iter()
        .filter_map(|db| {
            let (env, logical) = owner(db.tag_list());
            let state = db.db_instance_status().unwrap_or_default();
            (env == Some(ctx.env.as_str()) && state != "deleted").then(|| Found {
                logical: logical.map(str::to_string),
                created: Created::new(db.db_instance_identifier().unwrap_or_default()),
                state: state.to_string(),
            })
        })
        .collect())
}

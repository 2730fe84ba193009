//! Fargate task definitions. Each RegisterTaskDefinition makes a new revision of the family,
//! so a resumed job adopts the newest ACTIVE revision that carries its tags instead of
//! registering another; a family whose newest revision is someone else's is refused. A delete
//! deregisters the revision (AWS then keeps it INACTIVE) and asks AWS to delete it for good.

use aws_sdk_ecs::types::{
    Compatibility, ContainerDefinition, KeyValuePair, LogConfiguration, LogDriver, NetworkMode,
    PortMapping, SortOrder, TaskDefinition, TaskDefinitionField, TaskDefinitionStatus,
    TransportProtocol,
};
use hangar_core::graph::Attr;
use hangar_core::graph::spec::EcsTaskDefinitionSpec;

use super::ecs_tags::{check_ours, is_ours, owner, tags};
use crate::error::sdk;
use crate::{Created, Ctx, Found, Refs, ResourceError, retry_while_propagating};

pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &EcsTaskDefinitionSpec,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    let family = &spec.family;
    if let Some(arn) = newest_active(ctx, family).await? {
        let (def, tags) = describe(ctx, &arn).await?;
        check_ours(ctx, logical, "an ECS task definition family", family, &tags)?;
        return Ok(created(&def));
    }
    let role = refs.attr(&spec.execution_role, Attr::Arn)?.to_string();
    let c = &spec.container;
    let logs = LogConfiguration::builder()
        .log_driver(LogDriver::Awslogs)
        .options("awslogs-group", &c.log_group_name)
        .options("awslogs-region", &ctx.region)
        .options("awslogs-stream-prefix", &c.log_stream_prefix)
        .build()
        .map_err(|e| ResourceError::missing("RegisterTaskDefinition", e.to_string()))?;
    let environment = c
        .environment
        .iter()
        .map(|(k, v)| KeyValuePair::builder().name(k).value(v).build())
        .collect();
    let ports = c
        .port
        .map(|port| {
            PortMapping::builder()
                .container_port(port)
                .protocol(TransportProtocol::Tcp)
                .build()
        })
        .into_iter()
        .collect();
    let container = ContainerDefinition::builder()
        .name(&c.name)
        .image(&c.image)
        .essential(true)
        .set_port_mappings(Some(ports))
        .set_environment(Some(environment))
        .log_configuration(logs)
        .build();
    // The execution role may be seconds old: ECS refuses one IAM has not spread yet.
    let out = retry_while_propagating(|| async {
        ctx.clients
            .ecs
            .register_task_definition()
            .family(family)
            .requires_compatibilities(Compatibility::Fargate)
            .network_mode(NetworkMode::Awsvpc)
            .cpu(spec.cpu.to_string())
            .memory(spec.memory_mib.to_string())
            .execution_role_arn(&role)
            .container_definitions(container.clone())
            .set_tags(Some(tags(ctx, logical)))
            .send()
            .await
            .map_err(sdk("RegisterTaskDefinition"))
    })
    .await?;
    let def = out
        .task_definition()
        .ok_or_else(|| ResourceError::missing("RegisterTaskDefinition", "no task definition"))?;
    Ok(created(def))
}

fn created(def: &TaskDefinition) -> Created {
    let arn = def.task_definition_arn().unwrap_or_default();
    Created::new(arn)
        .with(Attr::Arn, arn)
        .with(Attr::Name, def.family().unwrap_or_default())
}

async fn newest_active(ctx: &Ctx, family: &str) -> Result<Option<String>, ResourceError> {
    let out = ctx
        .clients
        .ecs
        .list_task_definitions()
        .family_prefix(family)
        .status(TaskDefinitionStatus::Active)
        .sort(SortOrder::Desc)
        .send()
        .await
        .map_err(sdk("ListTaskDefinitions"))?;
    // A family prefix also matches longer families (`web` and `web-2`): the exact one only.
    Ok(out
        .task_definition_arns()
        .iter()
        .filter(|arn| family_of(arn) == Some(family))
        .max_by_key(|arn| revision_of(arn))
        .cloned())
}

fn family_of(arn: &str) -> Option<&str> {
    arn.rsplit('/').next()?.split(':').next()
}

fn revision_of(arn: &str) -> u64 {
    arn.rsplit(':')
        .next()
        .and_then(|r| r.parse().ok())
        .unwrap_or(0)
}

async fn describe(
    ctx: &Ctx,
    arn: &str,
) -> Result<(TaskDefinition, Vec<aws_sdk_ecs::types::Tag>), ResourceError> {
    let out = ctx
        .clients
        .ecs
        .describe_task_definition()
        .task_definition(arn)
        .include(TaskDefinitionField::Tags)
        .send()
        .await
        .map_err(sdk("DescribeTaskDefinition"))?;
    let def = out
        .task_definition()
        .cloned()
        .ok_or_else(|| ResourceError::missing("DescribeTaskDefinition", arn))?;
    Ok((def, out.tags().to_vec()))
}

/// Deregisters the revision unless it already is, then deletes it: an INACTIVE revision costs
/// nothing but stays listed for ever unless deleted.
pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    let ecs = &ctx.clients.ecs;
    let arn = &created.aws_id;
    let active = ecs
        .list_task_definitions()
        .family_prefix(family_of(arn).unwrap_or_default())
        .status(TaskDefinitionStatus::Active)
        .send()
        .await
        .map_err(sdk("ListTaskDefinitions"))?
        .task_definition_arns()
        .contains(arn);
    if active {
        ecs.deregister_task_definition()
            .task_definition(arn)
            .send()
            .await
            .map_err(sdk("DeregisterTaskDefinition"))?;
    }
    let inactive = ecs
        .list_task_definitions()
        .family_prefix(family_of(arn).unwrap_or_default())
        .status(TaskDefinitionStatus::Inactive)
        .send()
        .await
        .map_err(sdk("ListTaskDefinitions"))?
        .task_definition_arns()
        .contains(arn);
    if inactive {
        let out = ecs
            .delete_task_definitions()
            .task_definitions(arn)
            .send()
            .await
            .map_err(sdk("DeleteTaskDefinitions"))?;
        if let Some(failure) = out.failures().first() {
            return Err(ResourceError::missing(
                "DeleteTaskDefinitions",
                format!(
                    "{arn}: {}",
                    failure.reason().or(failure.detail()).unwrap_or("refused")
                ),
            ));
        }
    }
    Ok(())
}

/// Every ACTIVE revision in the region carrying the environment's tag.
pub(crate) async fn find_tagged(ctx: &Ctx) -> Result<Vec<Found>, ResourceError> {
    let mut arns = Vec::new();
    let mut pages = ctx
        .clients
        .ecs
        .list_task_definitions()
        .status(TaskDefinitionStatus::Active)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        arns.extend(
            page.map_err(sdk("ListTaskDefinitions"))?
                .task_definition_arns()
                .to_vec(),
        );
    }
    let mut found = Vec::new();
    for arn in arns {
        let (def, tags) = match describe(ctx, &arn).await {
            Ok(described) => described,
            Err(err) if err.is_not_found() => continue,
            Err(err) => return Err(err),
        };
        if is_ours(ctx, &tags) {
            found.push(Found {
                logical: owner(&tags).1.map(str::to_string),
                created: created(&def),
                state: "active".into(),
            });
        }
    }
    Ok(found)
}

//! Target groups: where a listener forwards, with the instances registered by id. Names are
//! unique per account and region, like load balancers'.

use aws_sdk_elasticloadbalancingv2::types::{
    ProtocolEnum, TargetDescription, TargetGroup, TargetTypeEnum,
};
use hangar_core::graph::Attr;
use hangar_core::graph::spec::{TargetGroupSpec, TargetType};

use super::ec2util;
use super::elb_tags::{check_ours, found_ours, tags};
use crate::error::{none_if_not_found, sdk};
use crate::{Created, Ctx, Found, Refs, ResourceError, retry_while_not_found};

pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &TargetGroupSpec,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    let elb = &ctx.clients.elbv2;
    let name = &spec.name;
    let group = match by_name(ctx, name).await? {
        Some(group) => {
            let arn = group.target_group_arn().unwrap_or_default();
            check_ours(ctx, logical, "target group", name, arn).await?;
            group
        }
        None => {
            let vpc = ec2util::vpc_id(ctx, refs, spec.vpc.as_deref()).await?;
            let mut call = elb
                .create_target_group()
                .name(name)
                .protocol(ProtocolEnum::from(spec.protocol.as_str()))
                .port(spec.port)
                .vpc_id(vpc)
                .target_type(match spec.target_type {
                    TargetType::Instance => TargetTypeEnum::Instance,
                    TargetType::Ip => TargetTypeEnum::Ip,
                })
                .set_tags(Some(tags(ctx, logical)));
            if !spec.health_check_path.is_empty() {
                call = call
                    .health_check_enabled(true)
                    .health_check_path(&spec.health_check_path);
            }
            let out = call.send().await.map_err(sdk("CreateTargetGroup"))?;
            out.target_groups()
                .first()
                .cloned()
                .ok_or_else(|| ResourceError::missing("CreateTargetGroup", "no group"))?
        }
    };
    let arn = group.target_group_arn().unwrap_or_default().to_string();
    let targets: Vec<TargetDescription> = refs
        .ids(&spec.targets)?
        .into_iter()
        .map(|id| TargetDescription::builder().id(id).build())
        .collect();
    // Registering is idempotent, so an adopted group gets whatever was not registered yet.
    if !targets.is_empty() {
        retry_while_not_found(|| async {
            elb.register_targets()
                .target_group_arn(&arn)
                .set_targets(Some(targets.clone()))
                .send()
                .await
                .map_err(sdk("RegisterTargets"))
        })
        .await?;
    }
    Ok(created(&group))
}

fn created(group: &TargetGroup) -> Created {
    Created::new(group.target_group_arn().unwrap_or_default())
        .with(Attr::Arn, group.target_group_arn().unwrap_or_default())
        .with(Attr::Name, group.target_group_name().unwrap_or_default())
}

async fn by_name(ctx: &Ctx, name: &str) -> Result<Option<TargetGroup>, ResourceError> {
    let out = ctx
        .clients
        .elbv2
        .describe_target_groups()
        .names(name)
        .send()
        .await
        .map_err(sdk("DescribeTargetGroups"));
    Ok(none_if_not_found(out)?.and_then(|out| out.target_groups().first().cloned()))
}

/// After its load balancer: AWS answers `ResourceInUse` while a listener still forwards to
/// it, which the engine waits out as a dependency. Registered targets go with the group.
pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    ctx.clients
        .elbv2
        .delete_target_group()
        .target_group_arn(&created.aws_id)
        .send()
        .await
        .map_err(sdk("DeleteTargetGroup"))?;
    Ok(())
}

pub(crate) async fn find_tagged(ctx: &Ctx) -> Result<Vec<Found>, ResourceError> {
    let mut all = Vec::new();
    let mut pages = ctx
        .clients
        .elbv2
        .describe_target_groups()
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        all.extend(
            page.map_err(sdk("DescribeTargetGroups"))?
                .target_groups()
                .to_vec(),
        );
    }
    found_ours(ctx, &all, TargetGroup::target_group_arn, |g| {
        (created(g), "active".into())
    })
    .await
}

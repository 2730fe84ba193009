//! Listeners: a port on a load balancer forwarding to a target group. A listener lives inside
//! its load balancer and is deleted with it, so it is found through its parent, never swept
//! on its own: `find_tagged` reports none (see `found_by_tag`), since deleting the load
//! balancers it does report removes them.

use aws_sdk_elasticloadbalancingv2::types::{Action, ActionTypeEnum, Listener, ProtocolEnum};
use hangar_core::graph::ResourceNode;

use super::elb_tags::tags;
use super::props;
use crate::error::sdk;
use crate::{Created, Ctx, Refs, ResourceError};

/// A load balancer has at most one listener per port: one already on ours is adopted.
pub(crate) async fn create(
    ctx: &Ctx,
    node: &ResourceNode,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    let elb = &ctx.clients.elbv2;
    let lb = refs.id(props::str(node, "load_balancer")?)?;
    let port = props::int32(node, "port")?;
    let forward = props::field(
        node.properties.get("default_action").ok_or_else(|| {
            ResourceError::missing("read", format!("{} has no 'default_action'", node.logical))
        })?,
        "forward",
    )
    .and_then(hangar_core::graph::Prop::as_str)
    .ok_or_else(|| {
        ResourceError::missing(
            "read",
            format!("{}: default_action has no 'forward'", node.logical),
        )
    })?;
    let target_group = refs.id(forward)?;
    let existing = on_port(ctx, lb, port).await?;
    let listener = match existing {
        Some(listener) => listener,
        None => elb
            .create_listener()
            .load_balancer_arn(lb)
            .port(port)
            .protocol(ProtocolEnum::from(props::str(node, "protocol")?))
            .default_actions(
                Action::builder()
                    .r#type(ActionTypeEnum::Forward)
                    .target_group_arn(target_group)
                    .build(),
            )
            .set_tags(Some(tags(ctx, &node.logical)))
            .send()
            .await
            .map_err(sdk("CreateListener"))?
            .listeners()
            .first()
            .cloned()
            .ok_or_else(|| ResourceError::missing("CreateListener", "no listener"))?,
    };
    let arn = listener.listener_arn().unwrap_or_default();
    Ok(Created::new(arn)
        .with("arn", arn)
        .with("load_balancer_arn", lb)
        .with("target_group_arn", target_group))
}

async fn on_port(ctx: &Ctx, lb: &str, port: i32) -> Result<Option<Listener>, ResourceError> {
    let mut pages = ctx
        .clients
        .elbv2
        .describe_listeners()
        .load_balancer_arn(lb)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(sdk("DescribeListeners"))?;
        if let Some(l) = page.listeners().iter().find(|l| l.port() == Some(port)) {
            return Ok(Some(l.clone()));
        }
    }
    Ok(None)
}

/// Usually its load balancer has taken it already: not found is done (the dispatcher's rule).
pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    ctx.clients
        .elbv2
        .delete_listener()
        .listener_arn(&created.aws_id)
        .send()
        .await
        .map_err(sdk("DeleteListener"))?;
    Ok(())
}

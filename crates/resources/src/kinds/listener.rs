//! Listeners: a port on a load balancer forwarding to a target group, with its path rules
//! (`listener_rules`). A listener lives inside
//! its load balancer and is deleted with it, so it is found through its parent, never swept
//! on its own: `find_tagged` reports none (see `found_by_tag`), since deleting the load
//! balancers it does report removes them.

use aws_sdk_elasticloadbalancingv2::types::{Certificate, Listener, ProtocolEnum};
use hangar_core::graph::Attr;
use hangar_core::graph::spec::ListenerSpec;

use super::elb_tags::tags;
use crate::error::sdk;
use crate::{Created, Ctx, Refs, ResourceError};

/// A load balancer has at most one listener per port: one already on ours is adopted.
pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &ListenerSpec,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    let elb = &ctx.clients.elbv2;
    let lb = refs.id(&spec.load_balancer)?;
    let port = spec.port;
    let target_group = refs.id(&spec.forward_to)?;
    let existing = on_port(ctx, lb, port).await?;
    let (certificates, ssl_policy) = match &spec.tls {
        Some(tls) => (
            Some(vec![
                Certificate::builder()
                    .certificate_arn(&tls.certificate_arn)
                    .build(),
            ]),
            Some(tls.ssl_policy.clone()),
        ),
        None => (None, None),
    };
    let listener = match existing {
        Some(listener) => listener,
        None => elb
            .create_listener()
            .load_balancer_arn(lb)
            .port(port)
            .protocol(ProtocolEnum::from(spec.protocol.as_str()))
            .set_certificates(certificates)
            .set_ssl_policy(ssl_policy)
            .default_actions(super::listener_rules::forward_to(target_group))
            .set_tags(Some(tags(ctx, logical)))
            .send()
            .await
            .map_err(sdk("CreateListener"))?
            .listeners()
            .first()
            .cloned()
            .ok_or_else(|| ResourceError::missing("CreateListener", "no listener"))?,
    };
    let arn = listener.listener_arn().unwrap_or_default();
    super::listener_rules::ensure(ctx, logical, arn, &spec.rules, refs).await?;
    Ok(Created::new(arn)
        .with(Attr::Arn, arn)
        .with(Attr::LoadBalancerArn, lb)
        .with(Attr::TargetGroupArn, target_group))
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

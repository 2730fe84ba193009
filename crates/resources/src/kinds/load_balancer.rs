//! Application load balancers. The ARN is the id; the DNS name is what the outputs show.
//! Names are unique per account and region: one of that name that is not this environment's
//! is an error, never adopted.

use std::time::Duration;

use aws_sdk_elasticloadbalancingv2::client::Waiters;
use aws_sdk_elasticloadbalancingv2::types::{
    LoadBalancer, LoadBalancerSchemeEnum, LoadBalancerStateEnum, LoadBalancerTypeEnum,
};
use hangar_core::graph::Attr;
use hangar_core::graph::spec::LoadBalancerSpec;

use super::elb_tags::{check_ours, found_ours, tags};
use super::nat::waited;
use super::poll::{self, Poll};
use crate::error::{none_if_not_found, sdk};
use crate::{Created, Ctx, ErrorKind, Found, Refs, ResourceError, retry_while_not_found};

pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &LoadBalancerSpec,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    let elb = &ctx.clients.elbv2;
    let name = &spec.name;
    let arn = match by_name(ctx, name).await? {
        Some(lb) => {
            let arn = lb.load_balancer_arn().unwrap_or_default().to_string();
            check_ours(ctx, logical, "load balancer", name, &arn).await?;
            arn
        }
        None => {
            let subnets = refs.ids(&spec.subnets)?;
            let groups = refs.ids(&spec.security_groups)?;
            let out = retry_while_not_found(|| async {
                elb.create_load_balancer()
                    .name(name)
                    .r#type(LoadBalancerTypeEnum::Application)
                    .scheme(LoadBalancerSchemeEnum::from(spec.scheme.as_str()))
                    .set_subnets(Some(subnets.clone()))
                    .set_security_groups(Some(groups.clone()))
                    .set_tags(Some(tags(ctx, logical)))
                    .send()
                    .await
                    .map_err(sdk("CreateLoadBalancer"))
            })
            .await?;
            out.load_balancers()
                .first()
                .and_then(|lb| lb.load_balancer_arn())
                .ok_or_else(|| ResourceError::missing("CreateLoadBalancer", "no ARN"))?
                .to_string()
        }
    };
    // Not the SDK's waiter: its acceptors know `active` and `provisioning` only, so a load
    // balancer that AWS could not provision (`failed`) would be waited on until the deadline.
    // Every 15 s, the SDK's LoadBalancerAvailable delay: AWS takes minutes.
    let every = Duration::from_secs(15);
    let lb = poll::steady(
        every,
        ctx.wait_deadline,
        "LoadBalancerAvailable",
        &arn,
        || async {
            let lb = by_name(ctx, name).await?.ok_or_else(|| {
                ResourceError::missing("DescribeLoadBalancers", format!("{name} vanished"))
            })?;
            let state = lb.state();
            match state.and_then(|s| s.code()) {
                Some(LoadBalancerStateEnum::Active) => Ok(Poll::Done(lb)),
                Some(LoadBalancerStateEnum::Failed) => Err(ResourceError::new(
                    ErrorKind::Invalid,
                    "CreateLoadBalancer",
                    "LoadBalancerFailed",
                    format!(
                        "AWS could not provision {name}: {}",
                        state.and_then(|s| s.reason()).unwrap_or("no reason given")
                    ),
                )),
                other => Ok(Poll::Pending(
                    other.map_or("unknown", |s| s.as_str()).to_string(),
                )),
            }
        },
    )
    .await?;
    Ok(created(&lb))
}

fn created(lb: &LoadBalancer) -> Created {
    Created::new(lb.load_balancer_arn().unwrap_or_default())
        .with(Attr::Arn, lb.load_balancer_arn().unwrap_or_default())
        .with(Attr::Name, lb.load_balancer_name().unwrap_or_default())
        .with(Attr::DnsName, lb.dns_name().unwrap_or_default())
        .with(
            Attr::CanonicalHostedZoneId,
            lb.canonical_hosted_zone_id().unwrap_or_default(),
        )
}

async fn by_name(ctx: &Ctx, name: &str) -> Result<Option<LoadBalancer>, ResourceError> {
    let out = ctx
        .clients
        .elbv2
        .describe_load_balancers()
        .names(name)
        .send()
        .await
        .map_err(sdk("DescribeLoadBalancers"));
    Ok(none_if_not_found(out)?.and_then(|out| out.load_balancers().first().cloned()))
}

/// Its listeners go with it; its target groups can be deleted once it is gone.
pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    let elb = &ctx.clients.elbv2;
    elb.delete_load_balancer()
        .load_balancer_arn(&created.aws_id)
        .send()
        .await
        .map_err(sdk("DeleteLoadBalancer"))?;
    elb.wait_until_load_balancers_deleted()
        .load_balancer_arns(&created.aws_id)
        .wait(ctx.wait_deadline)
        .await
        .map_err(|e| waited("LoadBalancersDeleted", &created.aws_id, e))?;
    Ok(())
}

pub(crate) async fn find_tagged(ctx: &Ctx) -> Result<Vec<Found>, ResourceError> {
    let mut all = Vec::new();
    let mut pages = ctx
        .clients
        .elbv2
        .describe_load_balancers()
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        all.extend(
            page.map_err(sdk("DescribeLoadBalancers"))?
                .load_balancers()
                .to_vec(),
        );
    }
    found_ours(ctx, &all, LoadBalancer::load_balancer_arn, |lb| {
        let state = lb.state().and_then(|s| s.code()).map(|c| c.as_str());
        (created(lb), state.unwrap_or_default().to_string())
    })
    .await
}

use aws_sdk_ec2::client::Waiters;
use aws_sdk_ec2::types::{ConnectivityType, NatGatewayState, ResourceType};
use hangar_core::graph::spec::NatGatewaySpec;

use super::ec2util::no_id;
use crate::error::sdk;
use crate::tags::{ENV_ID_TAG, LOGICAL_TAG, ec2_tag, ec2_tag_spec};
use crate::{Created, Ctx, ErrorKind, Found, Refs, ResourceError, retry_while_not_found};

/// Minutes on AWS: the engine starts NAT gateways early and waits with the SDK's waiter.
pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &NatGatewaySpec,
    refs: &Refs,
    token: &str,
) -> Result<Created, ResourceError> {
    let ec2 = &ctx.clients.ec2;
    let id = match find_tagged(ctx, Some(logical)).await?.pop() {
        Some(found) => found.created.aws_id,
        None => {
            let subnet = refs.id(&spec.subnet)?.to_string();
            let allocation = refs.id(&spec.allocation)?.to_string();
            let out = retry_while_not_found(|| async {
                ec2.create_nat_gateway()
                    .subnet_id(&subnet)
                    .allocation_id(&allocation)
                    .connectivity_type(ConnectivityType::Public)
                    .client_token(token)
                    .tag_specifications(ec2_tag_spec(ResourceType::Natgateway, ctx, logical))
                    .send()
                    .await
                    .map_err(sdk("CreateNatGateway"))
            })
            .await?;
            out.nat_gateway()
                .and_then(|n| n.nat_gateway_id())
                .ok_or_else(|| no_id("CreateNatGateway"))?
                .to_string()
        }
    };
    ec2.wait_until_nat_gateway_available()
        .nat_gateway_ids(&id)
        .wait(ctx.wait_deadline)
        .await
        .map_err(|e| waited("NatGatewayAvailable", &id, e))?;
    Ok(Created::new(id))
}

/// Its Elastic IP can only be released once the gateway is `deleted`, so this waits for that.
pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    let ec2 = &ctx.clients.ec2;
    ec2.delete_nat_gateway()
        .nat_gateway_id(&created.aws_id)
        .send()
        .await
        .map_err(sdk("DeleteNatGateway"))?;
    ec2.wait_until_nat_gateway_deleted()
        .nat_gateway_ids(&created.aws_id)
        .wait(ctx.wait_deadline)
        .await
        .map_err(|e| waited("NatGatewayDeleted", &created.aws_id, e))?;
    Ok(())
}

/// DescribeNatGateways ignores `tag:` filters in the emulator, and deleted gateways stay
/// listed for an hour on AWS: list them all and filter here.
pub(crate) async fn find_tagged(
    ctx: &Ctx,
    logical: Option<&str>,
) -> Result<Vec<Found>, ResourceError> {
    let mut found = Vec::new();
    let mut pages = ctx
        .clients
        .ec2
        .describe_nat_gateways()
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(sdk("DescribeNatGateways"))?;
        for nat in page.nat_gateways() {
            let tags = nat.tags();
            let state = nat.state().cloned().unwrap_or(NatGatewayState::Pending);
            if ec2_tag(tags, ENV_ID_TAG) != Some(ctx.env_id.as_str())
                || matches!(state, NatGatewayState::Deleted)
                || logical.is_some_and(|l| ec2_tag(tags, LOGICAL_TAG) != Some(l))
            {
                continue;
            }
            let Some(id) = nat.nat_gateway_id() else {
                continue;
            };
            found.push(Found {
                logical: ec2_tag(tags, LOGICAL_TAG).map(str::to_string),
                created: Created::new(id),
                state: state.as_str().to_string(),
            });
        }
    }
    Ok(found)
}

pub(crate) fn waited<E: std::fmt::Display>(waiter: &str, id: &str, err: E) -> ResourceError {
    ResourceError::new(
        ErrorKind::Timeout,
        waiter,
        "WaiterFailed",
        format!("{id} did not get there: {err}"),
    )
}

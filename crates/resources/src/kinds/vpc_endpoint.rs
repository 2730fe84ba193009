//! VPC endpoints: Gateway (S3, DynamoDB: routes in the given route tables) and Interface
//! (ENIs in the given subnets, behind security groups, with private DNS). EC2 has no waiter
//! for them, so readiness and deletion are polled, with the context's deadline.

use aws_sdk_ec2::types::{ResourceType, VpcEndpoint, VpcEndpointType};
use hangar_core::graph::Attr;
use hangar_core::graph::spec::{EndpointKind, VpcEndpointSpec};

use super::ec2util::{self, no_id};
use super::poll::{Poll, until};
use crate::error::sdk;
use crate::tags::{LOGICAL_TAG, ec2_filters, ec2_tag, ec2_tag_spec};
use crate::{Created, Ctx, ErrorKind, Found, Refs, ResourceError, retry_while_not_found};

fn state(endpoint: &VpcEndpoint) -> String {
    endpoint
        .state()
        .map(|s| s.as_str().to_ascii_lowercase())
        .unwrap_or_default()
}

/// States from which an endpoint will never serve: not adopted, not reported as present.
fn finished(state: &str) -> bool {
    matches!(state, "deleted" | "rejected" | "failed" | "expired")
}

pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &VpcEndpointSpec,
    refs: &Refs,
    token: &str,
) -> Result<Created, ResourceError> {
    let ec2 = &ctx.clients.ec2;
    let adoptable = find_tagged(ctx, Some(logical))
        .await?
        .into_iter()
        .find(|f| !finished(&f.state));
    let id = match adoptable {
        Some(found) => found.created.aws_id,
        None => {
            let vpc = ec2util::vpc_id(ctx, refs, Some(&spec.vpc)).await?;
            let call = ec2
                .create_vpc_endpoint()
                .vpc_id(vpc)
                .service_name(&spec.service_name)
                .client_token(token)
                .tag_specifications(ec2_tag_spec(ResourceType::VpcEndpoint, ctx, logical));
            let call = match &spec.endpoint {
                EndpointKind::Gateway { route_tables } => call
                    .vpc_endpoint_type(VpcEndpointType::Gateway)
                    .set_route_table_ids(Some(refs.ids(route_tables)?)),
                EndpointKind::Interface {
                    subnets,
                    security_groups,
                    private_dns_enabled,
                } => call
                    .vpc_endpoint_type(VpcEndpointType::Interface)
                    .set_subnet_ids(Some(refs.ids(subnets)?))
                    .set_security_group_ids(Some(refs.ids(security_groups)?))
                    .private_dns_enabled(*private_dns_enabled),
            };
            let out = retry_while_not_found(|| async {
                call.clone().send().await.map_err(sdk("CreateVpcEndpoint"))
            })
            .await?;
            out.vpc_endpoint()
                .and_then(|e| e.vpc_endpoint_id())
                .ok_or_else(|| no_id("CreateVpcEndpoint"))?
                .to_string()
        }
    };
    let endpoint = until(ctx.wait_deadline, "VpcEndpointAvailable", &id, || async {
        let endpoint = retry_while_not_found(|| describe(ctx, &id)).await?;
        Ok(match state(&endpoint).as_str() {
            "available" => Poll::Done(endpoint),
            s if finished(s) => {
                return Err(ResourceError::new(
                    ErrorKind::Other,
                    "VpcEndpointAvailable",
                    "VpcEndpointFailed",
                    format!("{id} is '{s}'"),
                ));
            }
            s => Poll::Pending(s.to_string()),
        })
    })
    .await?;
    Ok(created(&endpoint))
}

fn created(endpoint: &VpcEndpoint) -> Created {
    let mut created = Created::new(endpoint.vpc_endpoint_id().unwrap_or_default()).with(
        Attr::EndpointType,
        endpoint
            .vpc_endpoint_type()
            .map(|t| t.as_str())
            .unwrap_or_default(),
    );
    if let Some(dns) = endpoint.dns_entries().first().and_then(|d| d.dns_name()) {
        created = created.with(Attr::DnsName, dns);
    }
    created
}

async fn describe(ctx: &Ctx, id: &str) -> Result<VpcEndpoint, ResourceError> {
    let out = ctx
        .clients
        .ec2
        .describe_vpc_endpoints()
        .vpc_endpoint_ids(id)
        .send()
        .await
        .map_err(sdk("DescribeVpcEndpoints"))?;
    out.vpc_endpoints().first().cloned().ok_or_else(|| {
        ResourceError::new(
            ErrorKind::NotFound,
            "DescribeVpcEndpoints",
            "InvalidVpcEndpointId.NotFound",
            format!("{id} is not there"),
        )
    })
}

/// DeleteVpcEndpoints answers 200 with per-id failures in `Unsuccessful`: a not-found there is
/// "already gone", anything else is an error. Then waits until the endpoint is `deleted` or
/// no longer listed (its ENIs and routes are gone with it, so subnets and tables can follow).
pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    let id = created.aws_id.as_str();
    let out = ctx
        .clients
        .ec2
        .delete_vpc_endpoints()
        .vpc_endpoint_ids(id)
        .send()
        .await
        .map_err(sdk("DeleteVpcEndpoints"))?;
    if let Some(failed) = out.unsuccessful().iter().find_map(|u| u.error()) {
        let code = failed.code().unwrap_or("Unknown");
        let err = ResourceError::new(
            crate::error::classify(code),
            "DeleteVpcEndpoints",
            code,
            failed.message().unwrap_or_default(),
        );
        if !err.is_not_found() {
            return Err(err);
        }
    }
    until(ctx.wait_deadline, "VpcEndpointDeleted", id, || async {
        match describe(ctx, id).await {
            Ok(endpoint) if state(&endpoint) == "deleted" => Ok(Poll::Done(())),
            Ok(endpoint) => Ok(Poll::Pending(state(&endpoint))),
            Err(err) if err.is_not_found() => Ok(Poll::Done(())),
            Err(err) => Err(err),
        }
    })
    .await
}

/// Deleted endpoints stay listed for a while (the emulator keeps them as `deleted`) and are
/// not reported; failed or rejected ones still exist until deleted, so they are.
pub(crate) async fn find_tagged(
    ctx: &Ctx,
    logical: Option<&str>,
) -> Result<Vec<Found>, ResourceError> {
    let mut found = Vec::new();
    let mut pages = ctx
        .clients
        .ec2
        .describe_vpc_endpoints()
        .set_filters(Some(ec2_filters(ctx, logical)))
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        for endpoint in page.map_err(sdk("DescribeVpcEndpoints"))?.vpc_endpoints() {
            let state = state(endpoint);
            if state == "deleted" || endpoint.vpc_endpoint_id().is_none() {
                continue;
            }
            found.push(Found {
                logical: ec2_tag(endpoint.tags(), LOGICAL_TAG).map(str::to_string),
                created: created(endpoint),
                state,
            });
        }
    }
    Ok(found)
}

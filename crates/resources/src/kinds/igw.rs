use aws_sdk_ec2::types::ResourceType;
use hangar_core::graph::Attr;
use hangar_core::graph::spec::InternetGatewaySpec;

use super::ec2util::{as_found, no_id};
use crate::error::sdk;
use crate::tags::{ec2_filters, ec2_tag_spec};
use crate::{Created, Ctx, Found, Refs, ResourceError, create_tokenless, retry_while_not_found};

pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &InternetGatewaySpec,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    let ec2 = &ctx.clients.ec2;
    let vpc = refs.id(&spec.vpc)?.to_string();
    let found = find_tagged(ctx, Some(logical)).await?.pop();
    let id = match &found {
        Some(found) => found.created.aws_id.clone(),
        None => {
            let create = || async {
                Ok(ctx
                    .clients
                    .ec2_once
                    .create_internet_gateway()
                    .tag_specifications(ec2_tag_spec(ResourceType::InternetGateway, ctx, logical))
                    .send()
                    .await
                    .map_err(sdk("CreateInternetGateway"))?
                    .internet_gateway()
                    .and_then(|g| g.internet_gateway_id())
                    .ok_or_else(|| no_id("CreateInternetGateway"))?
                    .to_string())
            };
            let look = || async {
                Ok(find_tagged(ctx, Some(logical))
                    .await?
                    .pop()
                    .map(|f| f.created.aws_id))
            };
            create_tokenless(create, look).await?
        }
    };
    let attached = found.as_ref().and_then(|f| f.created.attr(Attr::VpcId)) == Some(vpc.as_str());
    if !attached {
        retry_while_not_found(|| async {
            ec2.attach_internet_gateway()
                .internet_gateway_id(&id)
                .vpc_id(&vpc)
                .send()
                .await
                .map_err(sdk("AttachInternetGateway"))
        })
        .await?;
    }
    Ok(Created::new(id).with(Attr::VpcId, vpc))
}

/// AWS refuses to delete an attached gateway: detach first.
pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    let ec2 = &ctx.clients.ec2;
    if let Some(vpc) = created.attr(Attr::VpcId) {
        let detached = ec2
            .detach_internet_gateway()
            .internet_gateway_id(&created.aws_id)
            .vpc_id(vpc)
            .send()
            .await
            .map_err(sdk("DetachInternetGateway"));
        match detached {
            Err(err) if err.is_not_found() || err.code == "Gateway.NotAttached" => {}
            other => {
                other?;
            }
        }
    }
    ec2.delete_internet_gateway()
        .internet_gateway_id(&created.aws_id)
        .send()
        .await
        .map_err(sdk("DeleteInternetGateway"))?;
    Ok(())
}

pub(crate) async fn find_tagged(
    ctx: &Ctx,
    logical: Option<&str>,
) -> Result<Vec<Found>, ResourceError> {
    let out = ctx
        .clients
        .ec2
        .describe_internet_gateways()
        .set_filters(Some(ec2_filters(ctx, logical)))
        .send()
        .await
        .map_err(sdk("DescribeInternetGateways"))?;
    Ok(as_found(
        out.internet_gateways(),
        |g| g.tags(),
        |g| {
            let mut created = Created::new(g.internet_gateway_id()?);
            if let Some(vpc) = g.attachments().iter().find_map(|a| a.vpc_id()) {
                created = created.with(Attr::VpcId, vpc);
            }
            Some((created, "available".into()))
        },
    ))
}

use aws_sdk_ec2::types::{AttributeBooleanValue, ResourceType};
use hangar_core::graph::spec::VpcSpec;

use super::ec2util::{as_found, no_id};
use crate::error::sdk;
use crate::tags::{ec2_filters, ec2_tag_spec};
use crate::{Created, Ctx, Found, ResourceError, create_tokenless, retry_while_not_found};

pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &VpcSpec,
) -> Result<Created, ResourceError> {
    let ec2 = &ctx.clients.ec2;
    let id = match find_tagged(ctx, Some(logical)).await?.pop() {
        Some(found) => found.created.aws_id,
        None => {
            create_tokenless(
                || async {
                    let out = ctx
                        .clients
                        .ec2_once
                        .create_vpc()
                        .cidr_block(&spec.cidr_block)
                        .tag_specifications(ec2_tag_spec(ResourceType::Vpc, ctx, logical))
                        .send()
                        .await
                        .map_err(sdk("CreateVpc"))?;
                    Ok(out
                        .vpc()
                        .and_then(|v| v.vpc_id())
                        .ok_or_else(|| no_id("CreateVpc"))?
                        .to_string())
                },
                || async {
                    Ok(find_tagged(ctx, Some(logical))
                        .await?
                        .pop()
                        .map(|f| f.created.aws_id))
                },
            )
            .await?
        }
    };
    // One attribute per call is an EC2 rule; both are idempotent, so an adopted VPC gets them too.
    for (attr, on) in [
        ("support", spec.enable_dns_support),
        ("hostnames", spec.enable_dns_hostnames),
    ] {
        let value = AttributeBooleanValue::builder().value(on).build();
        retry_while_not_found(|| async {
            let call = ec2.modify_vpc_attribute().vpc_id(&id);
            let call = match attr {
                "support" => call.enable_dns_support(value.clone()),
                _ => call.enable_dns_hostnames(value.clone()),
            };
            call.send().await.map_err(sdk("ModifyVpcAttribute"))
        })
        .await?;
    }
    Ok(Created::new(id))
}

pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    ctx.clients
        .ec2
        .delete_vpc()
        .vpc_id(&created.aws_id)
        .send()
        .await
        .map_err(sdk("DeleteVpc"))?;
    Ok(())
}

pub(crate) async fn find_tagged(
    ctx: &Ctx,
    logical: Option<&str>,
) -> Result<Vec<Found>, ResourceError> {
    let out = ctx
        .clients
        .ec2
        .describe_vpcs()
        .set_filters(Some(ec2_filters(ctx, logical)))
        .send()
        .await
        .map_err(sdk("DescribeVpcs"))?;
    Ok(as_found(
        out.vpcs(),
        |v| v.tags(),
        |v| {
            let state = v.state().map(|s| s.as_str().to_string());
            Some((Created::new(v.vpc_id()?), state.unwrap_or_default()))
        },
    ))
}

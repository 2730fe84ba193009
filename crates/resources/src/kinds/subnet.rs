use aws_sdk_ec2::types::{AttributeBooleanValue, ResourceType};
use hangar_core::graph::spec::SubnetSpec;

use super::ec2util::{as_found, no_id, vpc_id};
use crate::error::sdk;
use crate::tags::{ec2_filters, ec2_tag_spec};
use crate::{Created, Ctx, Found, Refs, ResourceError, create_tokenless, retry_while_not_found};

pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &SubnetSpec,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    let ec2 = &ctx.clients.ec2;
    let id = match find_tagged(ctx, Some(logical)).await?.pop() {
        Some(found) => found.created.aws_id,
        None => {
            let vpc = vpc_id(ctx, refs, Some(&spec.vpc)).await?;
            let create = || async {
                let out = retry_while_not_found(|| async {
                    ctx.clients
                        .ec2_once
                        .create_subnet()
                        .vpc_id(&vpc)
                        .cidr_block(&spec.cidr_block)
                        .availability_zone(&spec.availability_zone)
                        .tag_specifications(ec2_tag_spec(ResourceType::Subnet, ctx, logical))
                        .send()
                        .await
                        .map_err(sdk("CreateSubnet"))
                })
                .await?;
                Ok(out
                    .subnet()
                    .and_then(|s| s.subnet_id())
                    .ok_or_else(|| no_id("CreateSubnet"))?
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
    if spec.map_public_ip_on_launch {
        retry_while_not_found(|| async {
            ec2.modify_subnet_attribute()
                .subnet_id(&id)
                .map_public_ip_on_launch(AttributeBooleanValue::builder().value(true).build())
                .send()
                .await
                .map_err(sdk("ModifySubnetAttribute"))
        })
        .await?;
    }
    Ok(Created::new(id))
}

pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    ctx.clients
        .ec2
        .delete_subnet()
        .subnet_id(&created.aws_id)
        .send()
        .await
        .map_err(sdk("DeleteSubnet"))?;
    Ok(())
}

pub(crate) async fn find_tagged(
    ctx: &Ctx,
    logical: Option<&str>,
) -> Result<Vec<Found>, ResourceError> {
    let out = ctx
        .clients
        .ec2
        .describe_subnets()
        .set_filters(Some(ec2_filters(ctx, logical)))
        .send()
        .await
        .map_err(sdk("DescribeSubnets"))?;
    Ok(as_found(
        out.subnets(),
        |s| s.tags(),
        |s| {
            let state = s.state().map(|x| x.as_str().to_string());
            Some((Created::new(s.subnet_id()?), state.unwrap_or_default()))
        },
    ))
}

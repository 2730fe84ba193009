//! Small EC2 look-ups several kinds share.

use aws_sdk_ec2::types::{Filter, Tag};

use crate::error::sdk;
use crate::tags::{LOGICAL_TAG, ec2_tag};
use crate::{Created, Ctx, Found, Refs, ResourceError};

/// A `vpc` property is a logical name, or `default` for the region's default VPC (the
/// single-host blueprints build no network of their own).
/// `None`: the region's default VPC.
pub(crate) async fn vpc_id(
    ctx: &Ctx,
    refs: &Refs,
    reference: Option<&str>,
) -> Result<String, ResourceError> {
    if let Some(reference) = reference {
        return refs.id(reference).map(str::to_string);
    }
    let out = ctx
        .clients
        .ec2
        .describe_vpcs()
        .filters(Filter::builder().name("is-default").values("true").build())
        .send()
        .await
        .map_err(sdk("DescribeVpcs"))?;
    out.vpcs()
        .iter()
        .find_map(|v| v.vpc_id())
        .map(str::to_string)
        .ok_or_else(|| {
            ResourceError::missing(
                "DescribeVpcs",
                format!("the region {} has no default VPC", ctx.region),
            )
        })
}

/// A `subnet` property is a logical name, or `default` for the default VPC's subnet in the
/// region's first AZ.
/// `None`: a default subnet of the region's default VPC.
pub(crate) async fn subnet_id(
    ctx: &Ctx,
    refs: &Refs,
    reference: Option<&str>,
) -> Result<String, ResourceError> {
    if let Some(reference) = reference {
        return refs.id(reference).map(str::to_string);
    }
    let out = ctx
        .clients
        .ec2
        .describe_subnets()
        .filters(
            Filter::builder()
                .name("default-for-az")
                .values("true")
                .build(),
        )
        .send()
        .await
        .map_err(sdk("DescribeSubnets"))?;
    let mut subnets: Vec<_> = out.subnets().iter().collect();
    subnets.sort_by_key(|s| s.availability_zone().unwrap_or_default().to_string());
    subnets
        .first()
        .and_then(|s| s.subnet_id())
        .map(str::to_string)
        .ok_or_else(|| {
            ResourceError::missing(
                "DescribeSubnets",
                format!("the region {} has no default subnet", ctx.region),
            )
        })
}

pub(crate) fn no_id(operation: &str) -> ResourceError {
    ResourceError::missing(operation, "AWS returned no id")
}

/// What an EC2 describe call listed, as [`Found`]s: `made` gives each item's id (with any
/// attributes worth keeping) and state, or `None` to leave it out; its `hangar:logical` tag,
/// read through `tags`, gives its logical name.
pub(crate) fn as_found<'a, T: 'a>(
    items: impl IntoIterator<Item = &'a T>,
    tags: impl Fn(&T) -> &[Tag],
    made: impl Fn(&T) -> Option<(Created, String)>,
) -> Vec<Found> {
    items
        .into_iter()
        .filter_map(|item| {
            let (created, state) = made(item)?;
            Some(Found {
                logical: ec2_tag(tags(item), LOGICAL_TAG).map(str::to_string),
                created,
                state,
            })
        })
        .collect()
}

//! Which network interfaces still hold a subnet or a security group. A load balancer's,
//! database's or endpoint's interfaces outlive their owner by minutes, and until they go AWS
//! refuses the subnet's or group's delete with `DependencyViolation`; naming them tells the
//! person watching what the teardown waits for.

use aws_sdk_ec2::types::Filter;
use hangar_core::graph::ResourceKind;

use crate::error::sdk;
use crate::{Ctx, ResourceError};

/// `eni-… (what AWS says it is for)` for each interface in the subnet or using the group;
/// empty for other kinds.
pub async fn interfaces_holding(
    ctx: &Ctx,
    kind: ResourceKind,
    id: &str,
) -> Result<Vec<String>, ResourceError> {
    let filter = match kind {
        ResourceKind::Subnet => "subnet-id",
        ResourceKind::SecurityGroup => "group-id",
        _ => return Ok(Vec::new()),
    };
    let out = ctx
        .clients
        .ec2
        .describe_network_interfaces()
        .filters(Filter::builder().name(filter).values(id).build())
        .send()
        .await
        .map_err(sdk("DescribeNetworkInterfaces"))?;
    Ok(out
        .network_interfaces()
        .iter()
        .filter_map(|eni| {
            let id = eni.network_interface_id()?;
            Some(match eni.description().filter(|d| !d.is_empty()) {
                Some(description) => format!("{id} ({description})"),
                None => id.to_string(),
            })
        })
        .collect())
}

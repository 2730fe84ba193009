use aws_sdk_ec2::types::{DomainType, ResourceType};
use hangar_core::graph::Attr;
use hangar_core::graph::spec::EipSpec;

use super::ec2util::{as_found, no_id};
use crate::consistency::retry_while;
use crate::error::sdk;
use crate::tags::{ec2_filters, ec2_tag_spec};
use crate::{Created, Ctx, Found, Refs, ResourceError, create_tokenless, retry_while_not_found};

/// An Elastic IP, for a NAT gateway (which takes the allocation itself) or for an instance
/// (associated here).
pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &EipSpec,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    let ec2 = &ctx.clients.ec2;
    let found = find_tagged(ctx, Some(logical)).await?.pop();
    let mut created = match found {
        Some(found) => found.created,
        None => {
            let create = || async {
                let out = ctx
                    .clients
                    .ec2_once
                    .allocate_address()
                    .domain(DomainType::Vpc)
                    .tag_specifications(ec2_tag_spec(ResourceType::ElasticIp, ctx, logical))
                    .send()
                    .await
                    .map_err(sdk("AllocateAddress"))?;
                let id = out
                    .allocation_id()
                    .ok_or_else(|| no_id("AllocateAddress"))?;
                Ok(Created::new(id).with(Attr::PublicIp, out.public_ip().unwrap_or_default()))
            };
            let look = || async {
                Ok(find_tagged(ctx, Some(logical))
                    .await?
                    .pop()
                    .map(|f| f.created))
            };
            create_tokenless(create, look).await?
        }
    };
    if let Some(instance) = spec.instance.as_deref() {
        let instance_id = refs.id(instance)?.to_string();
        if created.attr(Attr::InstanceId) != Some(instance_id.as_str()) {
            let out = retry_while_not_found(|| async {
                ec2.associate_address()
                    .allocation_id(&created.aws_id)
                    .instance_id(&instance_id)
                    .send()
                    .await
                    .map_err(sdk("AssociateAddress"))
            })
            .await?;
            created = created
                .with(
                    Attr::AssociationId,
                    out.association_id().unwrap_or_default(),
                )
                .with(Attr::InstanceId, instance_id);
        }
    }
    Ok(created)
}

/// AWS refuses to release an address still in use: disassociate it from its instance first
/// (a NAT gateway's address is freed by deleting the gateway, which the engine does before).
pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    let ec2 = &ctx.clients.ec2;
    if let Some(association) = created.attr(Attr::AssociationId).filter(|a| !a.is_empty()) {
        let result = ec2
            .disassociate_address()
            .association_id(association)
            .send()
            .await
            .map_err(sdk("DisassociateAddress"));
        if let Err(err) = result
            && !err.is_not_found()
        {
            return Err(err);
        }
    }
    // Right after its NAT gateway is deleted, AWS may still see the address as held by the
    // gateway's interface (AuthFailure, InvalidIPAddress.InUse,
    // InvalidNetworkInterfaceID.NotFound) for a while: retried until it really is released.
    retry_while(std::time::Duration::from_secs(120), still_held, || async {
        ec2.release_address()
            .allocation_id(&created.aws_id)
            .send()
            .await
            .map_err(sdk("ReleaseAddress"))
    })
    .await?;
    Ok(())
}

pub(crate) async fn find_tagged(
    ctx: &Ctx,
    logical: Option<&str>,
) -> Result<Vec<Found>, ResourceError> {
    let out = ctx
        .clients
        .ec2
        .describe_addresses()
        .set_filters(Some(ec2_filters(ctx, logical)))
        .send()
        .await
        .map_err(sdk("DescribeAddresses"))?;
    Ok(as_found(
        out.addresses(),
        |a| a.tags(),
        |a| {
            let mut created = Created::new(a.allocation_id()?)
                .with(Attr::PublicIp, a.public_ip().unwrap_or_default());
            if let (Some(assoc), Some(instance)) = (a.association_id(), a.instance_id()) {
                created = created
                    .with(Attr::AssociationId, assoc)
                    .with(Attr::InstanceId, instance);
            }
            Some((created, "allocated".into()))
        },
    ))
}

/// AWS's words for "the NAT gateway that held this address has not let go of it yet".
fn still_held(err: &ResourceError) -> bool {
    matches!(
        err.code.as_str(),
        "AuthFailure" | "InvalidIPAddress.InUse" | "InvalidNetworkInterfaceID.NotFound"
    )
}

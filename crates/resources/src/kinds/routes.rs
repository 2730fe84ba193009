//! Route tables, their default routes, and their subnet associations. Routes and associations
//! cannot be tagged: they are found through their table, and die with it.

use aws_sdk_ec2::types::{Filter, ResourceType};
use hangar_core::graph::Attr;
use hangar_core::graph::spec::{RouteSpec, RouteTableAssociationSpec, RouteTableSpec, RouteTarget};

use super::ec2util::{as_found, no_id};
use crate::error::sdk;
use crate::tags::{ec2_filters, ec2_tag_spec};
use crate::{Created, Ctx, Found, Refs, ResourceError, retry_while_not_found};

pub(crate) async fn create_table(
    ctx: &Ctx,
    logical: &str,
    spec: &RouteTableSpec,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    if let Some(found) = find_tables(ctx, Some(logical)).await?.pop() {
        return Ok(found.created);
    }
    let vpc = refs.id(&spec.vpc)?.to_string();
    let out = retry_while_not_found(|| async {
        ctx.clients
            .ec2
            .create_route_table()
            .vpc_id(&vpc)
            .tag_specifications(ec2_tag_spec(ResourceType::RouteTable, ctx, logical))
            .send()
            .await
            .map_err(sdk("CreateRouteTable"))
    })
    .await?;
    let id = out
        .route_table()
        .and_then(|t| t.route_table_id())
        .ok_or_else(|| no_id("CreateRouteTable"))?;
    Ok(Created::new(id))
}

/// A table still associated with a subnet cannot be deleted: disassociate what is left first
/// (a sweep has no association nodes to walk).
pub(crate) async fn delete_table(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    let ec2 = &ctx.clients.ec2;
    let tables = ec2
        .describe_route_tables()
        .route_table_ids(&created.aws_id)
        .send()
        .await
        .map_err(sdk("DescribeRouteTables"))?;
    for assoc in tables
        .route_tables()
        .iter()
        .flat_map(|t| t.associations())
        .filter(|a| !a.main().unwrap_or(false))
    {
        if let Some(id) = assoc.route_table_association_id() {
            disassociate(ctx, &Created::new(id))
                .await
                .or_else(ok_if_gone)?;
        }
    }
    ec2.delete_route_table()
        .route_table_id(&created.aws_id)
        .send()
        .await
        .map_err(sdk("DeleteRouteTable"))?;
    Ok(())
}

pub(crate) async fn create_route(
    ctx: &Ctx,
    spec: &RouteSpec,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    let table = refs.id(&spec.route_table)?.to_string();
    let destination = spec.destination_cidr_block.clone();
    let (gateway, nat) = match &spec.target {
        RouteTarget::Gateway(g) => (Some(refs.id(g)?), None),
        RouteTarget::NatGateway(n) => (None, Some(refs.id(n)?)),
    };
    let result = retry_while_not_found(|| async {
        ctx.clients
            .ec2
            .create_route()
            .route_table_id(&table)
            .destination_cidr_block(&destination)
            .set_gateway_id(gateway.map(str::to_string))
            .set_nat_gateway_id(nat.map(str::to_string))
            .send()
            .await
            .map_err(sdk("CreateRoute"))
    })
    .await;
    match result {
        // A resumed job finds its route already there, or a repair finds the route still
        // pointing at the NAT gateway it replaces (a blackhole): either way the route must
        // point where the plan says, which ReplaceRoute makes so.
        Err(err) if err.code == "RouteAlreadyExists" => {
            retry_while_not_found(|| async {
                ctx.clients
                    .ec2
                    .replace_route()
                    .route_table_id(&table)
                    .destination_cidr_block(&destination)
                    .set_gateway_id(gateway.map(str::to_string))
                    .set_nat_gateway_id(nat.map(str::to_string))
                    .send()
                    .await
                    .map_err(sdk("ReplaceRoute"))
            })
            .await?;
        }
        other => {
            other?;
        }
    }
    Ok(Created::new(format!("{table}|{destination}"))
        .with(Attr::RouteTableId, table)
        .with(Attr::Destination, destination))
}

pub(crate) async fn delete_route(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    let (Some(table), Some(destination)) = (
        created.attr(Attr::RouteTableId),
        created.attr(Attr::Destination),
    ) else {
        return Err(ResourceError::missing(
            "DeleteRoute",
            "the route's table is not recorded",
        ));
    };
    ctx.clients
        .ec2
        .delete_route()
        .route_table_id(table)
        .destination_cidr_block(destination)
        .send()
        .await
        .map_err(sdk("DeleteRoute"))?;
    Ok(())
}

pub(crate) async fn associate(
    ctx: &Ctx,
    spec: &RouteTableAssociationSpec,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    let ec2 = &ctx.clients.ec2;
    let table = refs.id(&spec.route_table)?.to_string();
    let subnet = refs.id(&spec.subnet)?.to_string();
    // Adopt an association a previous run made: a subnet has at most one. A fresh subnet can
    // be unknown to the filter for a moment.
    let existing = retry_while_not_found(|| async {
        ec2.describe_route_tables()
            .filters(
                Filter::builder()
                    .name("association.subnet-id")
                    .values(&subnet)
                    .build(),
            )
            .send()
            .await
            .map_err(sdk("DescribeRouteTables"))
    })
    .await?;
    let adopted = existing
        .route_tables()
        .iter()
        .flat_map(|t| t.associations())
        .find(|a| {
            a.subnet_id() == Some(subnet.as_str()) && a.route_table_id() == Some(table.as_str())
        })
        .and_then(|a| a.route_table_association_id());
    let id = match adopted {
        Some(id) => id.to_string(),
        None => retry_while_not_found(|| async {
            ec2.associate_route_table()
                .route_table_id(&table)
                .subnet_id(&subnet)
                .send()
                .await
                .map_err(sdk("AssociateRouteTable"))
        })
        .await?
        .association_id()
        .ok_or_else(|| no_id("AssociateRouteTable"))?
        .to_string(),
    };
    Ok(Created::new(id)
        .with(Attr::RouteTableId, table)
        .with(Attr::SubnetId, subnet))
}

pub(crate) async fn disassociate(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    ctx.clients
        .ec2
        .disassociate_route_table()
        .association_id(&created.aws_id)
        .send()
        .await
        .map_err(sdk("DisassociateRouteTable"))?;
    Ok(())
}

pub(crate) async fn find_tables(
    ctx: &Ctx,
    logical: Option<&str>,
) -> Result<Vec<Found>, ResourceError> {
    let out = ctx
        .clients
        .ec2
        .describe_route_tables()
        .set_filters(Some(ec2_filters(ctx, logical)))
        .send()
        .await
        .map_err(sdk("DescribeRouteTables"))?;
    Ok(as_found(
        out.route_tables(),
        |t| t.tags(),
        |t| Some((Created::new(t.route_table_id()?), "available".into())),
    ))
}

fn ok_if_gone(err: ResourceError) -> Result<(), ResourceError> {
    if err.is_not_found() { Ok(()) } else { Err(err) }
}

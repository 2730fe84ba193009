//! What the environment's region offers this account, asked of AWS when a job is about to
//! create: the zones it may use and the instance types each one offers. Core decides what the
//! answer means for a plan (`hangar_core::catalogue`).

use std::collections::BTreeSet;

use aws_sdk_ec2::types::{Filter, LocationType};
use hangar_core::catalogue::RegionCatalogue;

use crate::error::sdk;
use crate::{Ctx, ResourceError};

/// Zones in state `available` that need no opt-in or are opted in (Local and Wavelength zones
/// need one), and which of `types` each offers.
pub async fn region_catalogue(
    ctx: &Ctx,
    types: &BTreeSet<String>,
) -> Result<RegionCatalogue, ResourceError> {
    let ec2 = &ctx.clients.ec2;
    let out = ec2
        .describe_availability_zones()
        .filters(Filter::builder().name("state").values("available").build())
        .filters(
            Filter::builder()
                .name("opt-in-status")
                .values("opt-in-not-required")
                .values("opted-in")
                .build(),
        )
        .send()
        .await
        .map_err(sdk("DescribeAvailabilityZones"))?;
    let mut zones: Vec<String> = out
        .availability_zones()
        .iter()
        .filter_map(|z| z.zone_name().map(str::to_string))
        .collect();
    zones.sort();
    let mut catalogue = RegionCatalogue {
        region: ctx.region.clone(),
        zones,
        ..RegionCatalogue::default()
    };
    if types.is_empty() {
        return Ok(catalogue);
    }
    let mut pages = ec2
        .describe_instance_type_offerings()
        .location_type(LocationType::AvailabilityZone)
        .filters(
            Filter::builder()
                .name("instance-type")
                .set_values(Some(types.iter().cloned().collect()))
                .build(),
        )
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(sdk("DescribeInstanceTypeOfferings"))?;
        for offering in page.instance_type_offerings() {
            if let (Some(zone), Some(t)) = (offering.location(), offering.instance_type()) {
                catalogue
                    .offerings
                    .entry(zone.to_string())
                    .or_default()
                    .insert(t.as_str().to_string());
            }
        }
    }
    Ok(catalogue)
}

//! ECS clusters. A name is unique per account and region, and CreateCluster on a live name
//! answers with the existing cluster, tags untouched: so the name is looked up first, and a
//! cluster of that name that is not this environment's is refused, never adopted.

use aws_sdk_ecs::types::{Cluster, ClusterField};
use hangar_core::graph::Attr;
use hangar_core::graph::spec::EcsClusterSpec;

use super::ecs_tags::{check_ours, is_ours, tags};
use crate::error::sdk;
use crate::{Created, Ctx, Found, ResourceError};

/// A deleted cluster stays listed as INACTIVE for a while; it is gone for every purpose here.
const INACTIVE: &str = "INACTIVE";

pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &EcsClusterSpec,
) -> Result<Created, ResourceError> {
    let name = &spec.cluster_name;
    if let Some(cluster) = describe(ctx, std::slice::from_ref(name)).await?.pop() {
        check_ours(ctx, logical, "an ECS cluster", name, cluster.tags())?;
        return Ok(created(&cluster));
    }
    let out = ctx
        .clients
        .ecs
        .create_cluster()
        .cluster_name(name)
        .set_tags(Some(tags(ctx, logical)))
        .send()
        .await
        .map_err(sdk("CreateCluster"))?;
    let cluster = out
        .cluster()
        .ok_or_else(|| ResourceError::missing("CreateCluster", "no cluster"))?;
    Ok(created(cluster))
}

fn created(cluster: &Cluster) -> Created {
    let arn = cluster.cluster_arn().unwrap_or_default();
    Created::new(arn)
        .with(Attr::Arn, arn)
        .with(Attr::Name, cluster.cluster_name().unwrap_or_default())
}

/// The live (not INACTIVE) clusters among `names_or_arns`, with their tags.
async fn describe(ctx: &Ctx, names_or_arns: &[String]) -> Result<Vec<Cluster>, ResourceError> {
    let mut live = Vec::new();
    for chunk in names_or_arns.chunks(100) {
        let out = ctx
            .clients
            .ecs
            .describe_clusters()
            .set_clusters(Some(chunk.to_vec()))
            .include(ClusterField::Tags)
            .send()
            .await
            .map_err(sdk("DescribeClusters"))?;
        live.extend(
            out.clusters()
                .iter()
                .filter(|c| c.status() != Some(INACTIVE))
                .cloned(),
        );
    }
    Ok(live)
}

/// After its services (the graph orders it so; AWS answers `ClusterContainsServicesException`,
/// a dependency to wait out, otherwise).
pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    if describe(ctx, std::slice::from_ref(&created.aws_id))
        .await?
        .is_empty()
    {
        return Ok(());
    }
    ctx.clients
        .ecs
        .delete_cluster()
        .cluster(&created.aws_id)
        .send()
        .await
        .map_err(sdk("DeleteCluster"))?;
    Ok(())
}

/// Every live cluster in the region carrying the environment's tag.
pub(crate) async fn find_tagged(ctx: &Ctx) -> Result<Vec<Found>, ResourceError> {
    Ok(ours(ctx)
        .await?
        .iter()
        .map(|c| Found {
            logical: super::ecs_tags::owner(c.tags()).1.map(str::to_string),
            created: created(c),
            state: c.status().unwrap_or("ACTIVE").to_ascii_lowercase(),
        })
        .collect())
}

/// This environment's live clusters, for the services' look-up too.
pub(super) async fn ours(ctx: &Ctx) -> Result<Vec<Cluster>, ResourceError> {
    let mut arns = Vec::new();
    let mut pages = ctx.clients.ecs.list_clusters().into_paginator().send();
    while let Some(page) = pages.next().await {
        arns.extend(page.map_err(sdk("ListClusters"))?.cluster_arns().to_vec());
    }
    let mut clusters = describe(ctx, &arns).await?;
    clusters.retain(|c| is_ours(ctx, c.tags()));
    Ok(clusters)
}

//! Fargate services: `desired_count` tasks in private subnets with no public IP, registered
//! with an `ip` target group. CreateService takes a client token, so a retried create returns
//! the first call's service; a service of that name in the cluster that is not this
//! environment's is refused. A delete scales it to 0, deletes it with force and waits until
//! AWS calls it INACTIVE (DRAINING while its tasks stop).

use aws_sdk_ecs::client::Waiters as _;
use aws_sdk_ecs::types::{
    AssignPublicIp, AwsVpcConfiguration, LaunchType, LoadBalancer, NetworkConfiguration, Service,
    ServiceField,
};
use hangar_core::graph::Attr;
use hangar_core::graph::spec::EcsServiceSpec;

use super::ecs_tags::{check_ours, is_ours, owner, tags};
use super::nat::waited;
use crate::error::sdk;
use crate::{Created, Ctx, Found, Refs, ResourceError};

const ACTIVE: &str = "ACTIVE";
const DRAINING: &str = "DRAINING";

pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &EcsServiceSpec,
    refs: &Refs,
    token: &str,
) -> Result<Created, ResourceError> {
    let ecs = &ctx.clients.ecs;
    let cluster = refs.id(&spec.cluster)?.to_string();
    let name = &spec.service_name;
    match describe(ctx, &cluster, name).await? {
        Some(s) if s.status() == Some(ACTIVE) => {
            check_ours(ctx, logical, "an ECS service", name, s.tags())?;
            return Ok(created(&s, &cluster));
        }
        // A deleted service of this name is still stopping its tasks: AWS refuses the name
        // until it is INACTIVE.
        Some(s) if s.status() == Some(DRAINING) => wait_inactive(ctx, &cluster, name).await?,
        Some(_) | None => {}
    }
    let vpc = AwsVpcConfiguration::builder()
        .set_subnets(Some(refs.ids(&spec.subnets)?))
        .set_security_groups(Some(refs.ids(&spec.security_groups)?))
        .assign_public_ip(AssignPublicIp::Disabled)
        .build()
        .map_err(|e| ResourceError::missing("CreateService", e.to_string()))?;
    let load_balancers = spec
        .load_balancer
        .as_ref()
        .map(|lb| {
            Ok::<_, ResourceError>(
                LoadBalancer::builder()
                    .target_group_arn(refs.id(&lb.target_group)?)
                    .container_name(&lb.container_name)
                    .container_port(lb.container_port)
                    .build(),
            )
        })
        .transpose()?
        .into_iter()
        .collect();
    let out = ecs
        .create_service()
        .cluster(&cluster)
        .service_name(name)
        .task_definition(refs.id(&spec.task_definition)?)
        .desired_count(spec.desired_count)
        .launch_type(LaunchType::Fargate)
        .network_configuration(
            NetworkConfiguration::builder()
                .awsvpc_configuration(vpc)
                .build(),
        )
        .set_load_balancers(Some(load_balancers))
        .client_token(token)
        .set_tags(Some(tags(ctx, logical)))
        .send()
        .await
        .map_err(sdk("CreateService"))?;
    let service = out
        .service()
        .ok_or_else(|| ResourceError::missing("CreateService", "no service"))?;
    Ok(created(service, &cluster))
}

fn created(service: &Service, cluster: &str) -> Created {
    let arn = service.service_arn().unwrap_or_default();
    Created::new(arn)
        .with(Attr::Arn, arn)
        .with(Attr::Name, service.service_name().unwrap_or_default())
        .with(Attr::ClusterArn, service.cluster_arn().unwrap_or(cluster))
}

async fn describe(ctx: &Ctx, cluster: &str, name: &str) -> Result<Option<Service>, ResourceError> {
    let out = ctx
        .clients
        .ecs
        .describe_services()
        .cluster(cluster)
        .services(name)
        .include(ServiceField::Tags)
        .send()
        .await
        .map_err(sdk("DescribeServices"));
    let out = match out {
        Ok(out) => out,
        // The cluster itself is gone, and the service with it.
        Err(err) if err.is_not_found() => return Ok(None),
        Err(err) => return Err(err),
    };
    Ok(out.services().first().cloned())
}

async fn wait_inactive(ctx: &Ctx, cluster: &str, name: &str) -> Result<(), ResourceError> {
    ctx.clients
        .ecs
        .wait_until_services_inactive()
        .cluster(cluster)
        .services(name)
        .wait(ctx.wait_deadline)
        .await
        .map_err(|e| waited("ServicesInactive", name, e))?;
    Ok(())
}

pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    let ecs = &ctx.clients.ecs;
    let arn = &created.aws_id;
    let cluster = created
        .attr(Attr::ClusterArn)
        .ok_or_else(|| ResourceError::missing("DeleteService", format!("{arn}: no cluster")))?;
    let Some(service) = describe(ctx, cluster, arn).await? else {
        return Ok(());
    };
    if service.status() == Some(ACTIVE) {
        // Scaled to 0 first, so no new task starts while the delete drains the old ones.
        ecs.update_service()
            .cluster(cluster)
            .service(arn)
            .desired_count(0)
            .send()
            .await
            .map_err(sdk("UpdateService"))?;
        ecs.delete_service()
            .cluster(cluster)
            .service(arn)
            .force(true)
            .send()
            .await
            .map_err(sdk("DeleteService"))?;
    }
    wait_inactive(ctx, cluster, arn).await
}

/// Every ACTIVE or DRAINING service of this environment's clusters carrying its tag.
pub(crate) async fn find_tagged(ctx: &Ctx) -> Result<Vec<Found>, ResourceError> {
    let mut found = Vec::new();
    for cluster in super::ecs_cluster::ours(ctx).await? {
        let Some(cluster) = cluster.cluster_arn() else {
            continue;
        };
        let mut arns = Vec::new();
        let mut pages = ctx
            .clients
            .ecs
            .list_services()
            .cluster(cluster)
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            arns.extend(page.map_err(sdk("ListServices"))?.service_arns().to_vec());
        }
        for chunk in arns.chunks(10) {
            let out = ctx
                .clients
                .ecs
                .describe_services()
                .cluster(cluster)
                .set_services(Some(chunk.to_vec()))
                .include(ServiceField::Tags)
                .send()
                .await
                .map_err(sdk("DescribeServices"))?;
            for s in out.services() {
                let live = matches!(s.status(), Some(ACTIVE | DRAINING));
                if live && is_ours(ctx, s.tags()) {
                    found.push(Found {
                        logical: owner(s.tags()).1.map(str::to_string),
                        created: created(s, cluster),
                        state: s.status().unwrap_or_default().to_ascii_lowercase(),
                    });
                }
            }
        }
    }
    Ok(found)
}

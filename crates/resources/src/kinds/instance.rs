use std::time::Duration;

use aws_sdk_ec2::types::{
    BlockDeviceMapping, EbsBlockDevice, Filter, HttpTokensState, IamInstanceProfileSpecification,
    InstanceMetadataEndpointState, InstanceMetadataOptionsRequest,
    InstanceNetworkInterfaceSpecification, InstanceStateName, InstanceType, ResourceType,
    VolumeType,
};
use hangar_core::graph::Attr;
use hangar_core::graph::spec::{AmiSource, InstanceSpec};
use hangar_core::userdata::launch_user_data;

use super::ec2util::{as_found, no_id, subnet_id};
use super::poll::{self, Poll};
use crate::error::sdk;
use crate::tags::{ec2_filters, ec2_tag_spec};
use crate::{
    Created, Ctx, ErrorKind, Found, Refs, ResourceError, retry_while_not_found,
    retry_while_propagating,
};

/// States in which an instance still exists (and still costs money or holds its groups).
const ALIVE: [&str; 5] = ["pending", "running", "stopping", "stopped", "shutting-down"];

pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &InstanceSpec,
    refs: &Refs,
    token: &str,
) -> Result<Created, ResourceError> {
    let id = match find_tagged(ctx, Some(logical)).await?.pop() {
        Some(found) => found.created.aws_id,
        None => run(ctx, logical, spec, refs, token).await?,
    };
    // Not the SDK's waiter, which backs off from 15 s to 120 s with jitter and so looks late
    // by up to two minutes: every 15 s, its minimum delay, never harder.
    poll::steady(
        Duration::from_secs(15),
        ctx.wait_deadline,
        "InstanceRunning",
        &id,
        || async {
            Ok(match state(ctx, &id).await? {
                Some(InstanceStateName::Running) => Poll::Done(()),
                Some(
                    gone @ (InstanceStateName::ShuttingDown
                    | InstanceStateName::Terminated
                    | InstanceStateName::Stopping),
                ) => {
                    return Err(ResourceError::new(
                        ErrorKind::Invalid,
                        "InstanceRunning",
                        "InstanceNotRunning",
                        format!("instance {id} went '{gone}' instead of running"),
                    ));
                }
                Some(other) => Poll::Pending(other.to_string()),
                // Just launched, it may not be listed yet (EC2 is eventually consistent).
                None => Poll::Pending("not listed yet".into()),
            })
        },
    )
    .await?;
    describe(ctx, &id).await
}

/// The instance's state, or `None` while EC2 does not list it.
async fn state(ctx: &Ctx, id: &str) -> Result<Option<InstanceStateName>, ResourceError> {
    let out = ctx
        .clients
        .ec2
        .describe_instances()
        .instance_ids(id)
        .send()
        .await
        .map_err(sdk("DescribeInstances"));
    let out = match out {
        Ok(out) => out,
        Err(err) if err.is_not_found() => return Ok(None),
        Err(err) => return Err(err),
    };
    Ok(out
        .reservations()
        .iter()
        .flat_map(|r| r.instances())
        .next()
        .and_then(|i| i.state())
        .and_then(|s| s.name())
        .cloned())
}

async fn run(
    ctx: &Ctx,
    logical: &str,
    spec: &InstanceSpec,
    refs: &Refs,
    token: &str,
) -> Result<String, ResourceError> {
    let ec2 = &ctx.clients.ec2;
    let image = resolve_ami(ctx, logical, spec).await?;
    let subnet = subnet_id(ctx, refs, spec.subnet.as_deref()).await?;
    let groups = refs.ids(&spec.security_groups)?;
    let ebs = EbsBlockDevice::builder()
        .volume_size(spec.root_volume.size_gb)
        .volume_type(VolumeType::from(spec.root_volume.volume_type.as_str()))
        .encrypted(spec.root_volume.encrypted)
        .delete_on_termination(true)
        .build();
    let network = InstanceNetworkInterfaceSpecification::builder()
        .device_index(0)
        .subnet_id(&subnet)
        .set_groups(Some(groups))
        .associate_public_ip_address(spec.associate_public_ip)
        .delete_on_termination(true)
        .build();
    // The plan's user data (a script, or baked bytes maybe gzipped) with the environment's
    // generated password put in here, in memory, on its way to AWS and nowhere else.
    let user_data = spec
        .user_data
        .as_ref()
        .map(|ud| launch_user_data(ud, ctx.generated_password.as_ref()))
        .transpose()
        .map_err(|e| {
            ResourceError::new(
                ErrorKind::Missing,
                "RunInstances",
                "UserData",
                format!("{logical}: {e}"),
            )
        })?;
    let profile = spec
        .iam_instance_profile
        .as_deref()
        .map(|p| refs.attr(p, Attr::Arn).map(str::to_string))
        .transpose()?;
    let launch = || async {
        ec2.run_instances()
            .image_id(&image.id)
            .instance_type(InstanceType::from(spec.instance_type.as_str()))
            .min_count(1)
            .max_count(1)
            .client_token(token)
            .network_interfaces(network.clone())
            .set_user_data(user_data.clone())
            .set_key_name(spec.key_name.clone())
            .set_iam_instance_profile(
                profile
                    .as_ref()
                    .map(|arn| IamInstanceProfileSpecification::builder().arn(arn).build()),
            )
            .metadata_options(
                InstanceMetadataOptionsRequest::builder()
                    .http_endpoint(InstanceMetadataEndpointState::Enabled)
                    .http_tokens(HttpTokensState::from(spec.http_tokens.as_str()))
                    .http_put_response_hop_limit(spec.http_put_response_hop_limit)
                    .build(),
            )
            .block_device_mappings(
                BlockDeviceMapping::builder()
                    .device_name(&image.root_device)
                    .ebs(ebs.clone())
                    .build(),
            )
            .monitoring(
                aws_sdk_ec2::types::RunInstancesMonitoringEnabled::builder()
                    .enabled(spec.detailed_monitoring)
                    .build(),
            )
            .tag_specifications(ec2_tag_spec(ResourceType::Instance, ctx, logical))
            .tag_specifications(ec2_tag_spec(ResourceType::Volume, ctx, logical))
            .send()
            .await
            .map_err(sdk("RunInstances"))
    };
    // A just-created instance profile is unknown to EC2 for seconds to minutes (IAM is
    // global and eventually consistent); AWS says so as an invalid parameter, not as
    // not-found. A refused launch made nothing, so the same token goes again.
    let out = retry_while_propagating(|| retry_while_not_found(launch)).await?;
    out.instances()
        .first()
        .and_then(|i| i.instance_id())
        .map(str::to_string)
        .ok_or_else(|| no_id("RunInstances"))
}

struct Image {
    id: String,
    root_device: String,
}

/// The image the spec names: a parameter's value (read in the environment's region, where the
/// public parameters name that region's newest image), then that image's root device, which the
/// root volume's mapping must name.
async fn resolve_ami(
    ctx: &Ctx,
    logical: &str,
    spec: &InstanceSpec,
) -> Result<Image, ResourceError> {
    let id = match &spec.ami {
        AmiSource::Id(id) => id.clone(),
        AmiSource::Parameter(name) => parameter_value(ctx, logical, name).await?,
    };
    let out = ctx
        .clients
        .ec2
        .describe_images()
        .image_ids(&id)
        .send()
        .await
        .map_err(|e| {
            // An image the catalogue does not hold is the blueprint's to fix, not a lag to
            // wait out: Invalid, so nothing retries it as eventual consistency.
            let mut err = ResourceError::from_sdk("DescribeImages", e);
            if err.is_not_found() {
                err.kind = ErrorKind::Invalid;
            }
            err.context(format!("{logical}: image {id}"))
        })?;
    let image = out.images().first().ok_or_else(|| {
        ResourceError::new(
            ErrorKind::Invalid,
            "DescribeImages",
            "InvalidAMIID.NotFound",
            format!("{logical}: image {id} does not exist in {}", ctx.region),
        )
    })?;
    Ok(Image {
        root_device: image.root_device_name().unwrap_or("/dev/xvda").to_string(),
        id,
    })
}

async fn parameter_value(ctx: &Ctx, logical: &str, name: &str) -> Result<String, ResourceError> {
    let out = ctx
        .clients
        .ssm
        .get_parameter()
        .name(name)
        .send()
        .await
        .map_err(|e| {
            let err = ResourceError::from_sdk("GetParameter", e);
            if err.code == "ParameterNotFound" {
                ResourceError::new(
                    ErrorKind::Invalid,
                    "GetParameter",
                    "ParameterNotFound",
                    format!(
                        "{logical}: the image parameter {name} does not exist in {}",
                        ctx.region
                    ),
                )
            } else {
                err.context(format!("{logical}: image parameter {name}"))
            }
        })?;
    out.parameter()
        .and_then(|p| p.value())
        .map(str::to_string)
        .ok_or_else(|| no_id("GetParameter"))
}

pub(super) async fn describe(ctx: &Ctx, id: &str) -> Result<Created, ResourceError> {
    let out = retry_while_not_found(|| async {
        ctx.clients
            .ec2
            .describe_instances()
            .instance_ids(id)
            .send()
            .await
            .map_err(sdk("DescribeInstances"))
    })
    .await?;
    let instance = out
        .reservations()
        .iter()
        .flat_map(|r| r.instances())
        .next()
        .ok_or_else(|| ResourceError::missing("DescribeInstances", format!("{id} vanished")))?;
    let mut created = Created::new(id);
    for (key, value) in [
        (Attr::PublicIp, instance.public_ip_address()),
        (Attr::PublicDns, instance.public_dns_name()),
        (Attr::PrivateIp, instance.private_ip_address()),
    ] {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            created = created.with(key, v);
        }
    }
    Ok(created)
}

pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    let ec2 = &ctx.clients.ec2;
    ec2.terminate_instances()
        .instance_ids(&created.aws_id)
        .send()
        .await
        .map_err(sdk("TerminateInstances"))?;
    let id = created.aws_id.as_str();
    poll::steady(
        Duration::from_secs(15),
        ctx.wait_deadline,
        "InstanceTerminated",
        id,
        || async {
            Ok(match state(ctx, id).await? {
                Some(InstanceStateName::Terminated) | None => Poll::Done(()),
                Some(other) => Poll::Pending(other.to_string()),
            })
        },
    )
    .await
}

pub(crate) async fn find_tagged(
    ctx: &Ctx,
    logical: Option<&str>,
) -> Result<Vec<Found>, ResourceError> {
    let mut filters = ec2_filters(ctx, logical);
    filters.push(
        Filter::builder()
            .name("instance-state-name")
            .set_values(Some(ALIVE.iter().map(|s| s.to_string()).collect()))
            .build(),
    );
    let out = ctx
        .clients
        .ec2
        .describe_instances()
        .set_filters(Some(filters))
        .send()
        .await
        .map_err(sdk("DescribeInstances"))?;
    let instances = out.reservations().iter().flat_map(|r| r.instances());
    Ok(as_found(
        instances,
        |i| i.tags(),
        |i| {
            let state = i
                .state()
                .and_then(|s| s.name())
                .map(|n| n.as_str().to_string());
            Some((Created::new(i.instance_id()?), state.unwrap_or_default()))
        },
    ))
}

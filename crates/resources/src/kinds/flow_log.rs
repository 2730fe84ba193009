//! VPC flow logs to a CloudWatch Logs group, delivered by an IAM role (the `arn` its create
//! recorded), or to an S3 bucket (its `arn`). Tagged at creation and made with a client token.

use aws_sdk_ec2::types::{
    FlowLog, FlowLogsResourceType, LogDestinationType, ResourceType, TrafficType,
};
use hangar_core::graph::Attr;
use hangar_core::graph::spec::{FlowLogDestination, FlowLogSpec};

use crate::error::{classify, sdk};
use crate::tags::{LOGICAL_TAG, ec2_filters, ec2_tag, ec2_tag_spec};
use crate::{Created, Ctx, ErrorKind, Found, Refs, ResourceError, retry_while_propagating};

/// An `Unsuccessful` entry of CreateFlowLogs / DeleteFlowLogs, which answer 200 regardless.
fn unsuccessful(operation: &str, item: &aws_sdk_ec2::types::UnsuccessfulItem) -> ResourceError {
    let error = item.error();
    let code = error.and_then(|e| e.code()).unwrap_or("Unknown");
    ResourceError::new(
        classify(code),
        operation,
        code,
        error.and_then(|e| e.message()).unwrap_or_default(),
    )
}

pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &FlowLogSpec,
    refs: &Refs,
    token: &str,
) -> Result<Created, ResourceError> {
    if let Some(found) = find_tagged(ctx, Some(logical)).await?.pop() {
        return Ok(found.created);
    }
    let vpc = refs.id(&spec.resource)?.to_string();
    let destination = Destination::resolve(logical, &spec.destination, refs)?;
    // The delivery role may be minutes old: flow logs cannot assume it until IAM has spread it.
    let out = retry_while_propagating(|| async {
        let request = ctx
            .clients
            .ec2
            .create_flow_logs()
            .resource_type(FlowLogsResourceType::Vpc)
            .resource_ids(&vpc)
            .traffic_type(TrafficType::from(spec.traffic_type.as_str()))
            .client_token(token);
        let request = match &destination {
            Destination::Logs {
                group_name,
                role_arn,
            } => request
                .log_destination_type(LogDestinationType::CloudWatchLogs)
                .log_group_name(group_name)
                .deliver_logs_permission_arn(role_arn),
            Destination::Bucket { arn } => request
                .log_destination_type(LogDestinationType::S3)
                .log_destination(arn),
        };
        let out = request
            .tag_specifications(ec2_tag_spec(ResourceType::VpcFlowLog, ctx, logical))
            .send()
            .await
            .map_err(sdk("CreateFlowLogs"))?;
        match out.unsuccessful().first() {
            Some(item) => Err(unsuccessful("CreateFlowLogs", item)),
            None => Ok(out),
        }
    })
    .await?;
    let id = out.flow_log_ids().first().ok_or_else(|| {
        ResourceError::new(
            ErrorKind::Missing,
            "CreateFlowLogs",
            "Missing",
            "AWS returned no id",
        )
    })?;
    Ok(match destination {
        Destination::Logs { group_name, .. } => Created::new(id).with(Attr::LogGroup, group_name),
        Destination::Bucket { .. } => Created::new(id),
    })
}

/// A destination with the names and ARNs its create call needs, read from what was made.
enum Destination {
    Logs {
        group_name: String,
        role_arn: String,
    },
    Bucket {
        arn: String,
    },
}

impl Destination {
    fn resolve(
        logical: &str,
        destination: &FlowLogDestination,
        refs: &Refs,
    ) -> Result<Self, ResourceError> {
        Ok(match destination {
            FlowLogDestination::CloudWatchLogs {
                log_group,
                deliver_logs_role,
            } => {
                let group = refs.get(log_group).ok_or_else(|| {
                    ResourceError::missing(
                        "resolve",
                        format!("{logical}: its log group has not been created"),
                    )
                })?;
                Destination::Logs {
                    group_name: group.attr(Attr::Name).unwrap_or(&group.aws_id).to_string(),
                    role_arn: refs.attr(deliver_logs_role, Attr::Arn)?.to_string(),
                }
            }
            FlowLogDestination::S3 { bucket } => Destination::Bucket {
                arn: refs.attr(bucket, Attr::Arn)?.to_string(),
            },
        })
    }
}

/// DeleteFlowLogs reports per-id failures in `Unsuccessful` (a not-found there is "already
/// gone"); a flow log is gone when the call returns.
pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    let out = ctx
        .clients
        .ec2
        .delete_flow_logs()
        .flow_log_ids(&created.aws_id)
        .send()
        .await
        .map_err(sdk("DeleteFlowLogs"))?;
    match out
        .unsuccessful()
        .first()
        .map(|i| unsuccessful("DeleteFlowLogs", i))
    {
        Some(err) if !err.is_not_found() => Err(err),
        _ => Ok(()),
    }
}

pub(crate) async fn find_tagged(
    ctx: &Ctx,
    logical: Option<&str>,
) -> Result<Vec<Found>, ResourceError> {
    let mut found = Vec::new();
    let mut pages = ctx
        .clients
        .ec2
        .describe_flow_logs()
        .set_filter(Some(ec2_filters(ctx, logical)))
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        for flow in page.map_err(sdk("DescribeFlowLogs"))?.flow_logs() {
            let Some(id) = flow.flow_log_id() else {
                continue;
            };
            let created = match flow.log_group_name() {
                Some(group) => Created::new(id).with(Attr::LogGroup, group),
                None => Created::new(id),
            };
            found.push(Found {
                logical: ec2_tag(flow.tags(), LOGICAL_TAG).map(str::to_string),
                created,
                state: status(flow),
            });
        }
    }
    Ok(found)
}

fn status(flow: &FlowLog) -> String {
    flow.flow_log_status().unwrap_or("ACTIVE").to_string()
}

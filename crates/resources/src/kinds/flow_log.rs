//! VPC flow logs to a CloudWatch Logs group, delivered by an IAM role (the `arn` its create
//! recorded). Tagged at creation and made with a client token.

use aws_sdk_ec2::types::{
    FlowLog, FlowLogsResourceType, LogDestinationType, ResourceType, TrafficType,
};
use hangar_core::graph::Attr;
use hangar_core::graph::spec::FlowLogSpec;

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
    let group = refs.get(&spec.log_group).ok_or_else(|| {
        ResourceError::missing(
            "resolve",
            format!("{}: its log group has not been created", logical),
        )
    })?;
    let group_name = group.attr(Attr::Name).unwrap_or(&group.aws_id).to_string();
    let role_arn = refs.attr(&spec.deliver_logs_role, Attr::Arn)?.to_string();
    // The delivery role may be minutes old: flow logs cannot assume it until IAM has spread it.
    let out = retry_while_propagating(|| async {
        let out = ctx
            .clients
            .ec2
            .create_flow_logs()
            .resource_type(FlowLogsResourceType::Vpc)
            .resource_ids(&vpc)
            .traffic_type(TrafficType::from(spec.traffic_type.as_str()))
            .log_destination_type(LogDestinationType::CloudWatchLogs)
            .log_group_name(&group_name)
            .deliver_logs_permission_arn(&role_arn)
            .client_token(token)
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
    Ok(Created::new(id).with(Attr::LogGroup, group_name))
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
            found.push(Found {
                logical: ec2_tag(flow.tags(), LOGICAL_TAG).map(str::to_string),
                created: Created::new(id)
                    .with(Attr::LogGroup, flow.log_group_name().unwrap_or_default()),
                state: status(flow),
            });
        }
    }
    Ok(found)
}

fn status(flow: &FlowLog) -> String {
    flow.flow_log_status().unwrap_or("ACTIVE").to_string()
}

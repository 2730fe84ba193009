//! VPC endpoints, the flow-log group, its delivery role and the flow log through the real
//! emulator, from `multi-az-three-tier`: S3 and DynamoDB gateway endpoints on the private and
//! database route tables, ECR API, ECR DKR, Secrets Manager and CloudWatch Logs interface
//! endpoints in the private subnets with private DNS; VPC flow logs (ALL traffic) to a log
//! group with 30-day retention, delivered by a role trusted by `vpc-flow-logs`. Found by tag,
//! adopted when created again, deleted in reverse until nothing tagged is left.
//!
//! The emulator makes endpoints `available` at once and keeps deleted ones listed as
//! `deleted` (as AWS does for a while), which `find_tagged` does not report.

use crate::support;

use aws_sdk_ec2::types::{Filter, VpcEndpointType};
use hangar_core::graph::Attr;
use hangar_core::graph::ResourceKind as K;
use hangar_resources::find_tagged;
use hangar_sandbox::MotoServer;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endpoints_and_flow_logs_are_created_adopted_and_deleted() {
    let server = MotoServer::start().expect("moto");
    let ctx = support::ctx(&server, "vpce-test");
    let nodes = support::nodes_for("multi-az-three-tier", &[K::VpcEndpoint, K::FlowLog]);
    let made = support::create_all(&ctx, &nodes).await;
    let ec2 = &ctx.clients.ec2;
    let vpc = made.id("vpc.main");

    let out = ec2
        .describe_vpc_endpoints()
        .filters(Filter::builder().name("vpc-id").values(&vpc).build())
        .send()
        .await
        .expect("endpoints");
    let mut services: Vec<(String, VpcEndpointType)> = out
        .vpc_endpoints()
        .iter()
        .map(|e| {
            (
                e.service_name().unwrap_or_default().to_string(),
                e.vpc_endpoint_type().cloned().expect("type"),
            )
        })
        .collect();
    services.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        services,
        [
            (
                "com.amazonaws.us-east-1.dynamodb".into(),
                VpcEndpointType::Gateway
            ),
            (
                "com.amazonaws.us-east-1.ecr.api".into(),
                VpcEndpointType::Interface
            ),
            (
                "com.amazonaws.us-east-1.ecr.dkr".into(),
                VpcEndpointType::Interface
            ),
            (
                "com.amazonaws.us-east-1.logs".into(),
                VpcEndpointType::Interface
            ),
            (
                "com.amazonaws.us-east-1.s3".into(),
                VpcEndpointType::Gateway
            ),
            (
                "com.amazonaws.us-east-1.secretsmanager".into(),
                VpcEndpointType::Interface
            ),
        ]
    );
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let tables = sorted(vec![
        made.id("route_table.private"),
        made.id("route_table.database"),
    ]);
    let private = sorted(
        ["subnet.private-a", "subnet.private-b", "subnet.private-c"]
            .iter()
            .map(|l| made.id(l))
            .collect(),
    );
    for endpoint in out.vpc_endpoints() {
        assert_eq!(
            endpoint.state().map(|s| s.as_str().to_ascii_lowercase()),
            Some("available".into())
        );
        if endpoint.vpc_endpoint_type() == Some(&VpcEndpointType::Gateway) {
            assert_eq!(sorted(endpoint.route_table_ids().to_vec()), tables);
        } else {
            assert_eq!(sorted(endpoint.subnet_ids().to_vec()), private);
            assert_eq!(
                endpoint
                    .groups()
                    .iter()
                    .filter_map(|g| g.group_id())
                    .collect::<Vec<_>>(),
                [made.id("security_group.app")]
            );
            assert_eq!(endpoint.private_dns_enabled(), Some(true));
        }
    }
    assert_eq!(
        made.get("vpc_endpoint.s3").attr(Attr::EndpointType),
        Some("Gateway")
    );

    let role = made.get("iam_role.flow-logs");
    let flows = ec2
        .describe_flow_logs()
        .flow_log_ids(made.id("flow_log.vpc"))
        .send()
        .await
        .expect("flow logs");
    let flow = &flows.flow_logs()[0];
    assert_eq!(flow.resource_id(), Some(vpc.as_str()));
    assert_eq!(flow.traffic_type().map(|t| t.as_str()), Some("ALL"));
    assert_eq!(
        flow.log_destination_type().map(|t| t.as_str()),
        Some("cloud-watch-logs")
    );
    assert_eq!(
        flow.log_group_name(),
        Some("/hangar/skillancer-dev/vpc-flow-logs")
    );
    assert_eq!(flow.deliver_logs_permission_arn(), role.attr(Attr::Arn));

    let groups = ctx
        .clients
        .logs
        .describe_log_groups()
        .log_group_name_prefix("/hangar/skillancer-dev/vpc-flow-logs")
        .send()
        .await
        .expect("log groups");
    assert_eq!(groups.log_groups()[0].retention_in_days(), Some(30));
    let log_group = made.get("log_group.flow-logs");
    let tags = ctx
        .clients
        .logs
        .list_tags_for_resource()
        .resource_arn(log_group.attr(Attr::Arn).expect("arn"))
        .send()
        .await
        .expect("tags");
    assert_eq!(
        tags.tags()
            .and_then(|t| t.get("hangar:logical"))
            .map(String::as_str),
        Some("log_group.flow-logs")
    );

    for (kind, count) in [
        (K::VpcEndpoint, 6),
        (K::FlowLog, 1),
        (K::LogGroup, 1),
        (K::IamRole, 1),
    ] {
        let found = find_tagged(&ctx, kind).await.expect("find");
        assert_eq!(found.len(), count, "{kind:?}: {found:?}");
        assert!(found.iter().all(|f| f.logical.is_some()));
    }
    let again = support::create_all(&ctx, &nodes).await;
    made.assert_same_ids(&again);

    made.delete_all(&ctx).await;
    support::assert_nothing_tagged(&ctx, &made.kinds()).await;
    // Already gone is success (a deleted endpoint still listed as `deleted`, a flow log the
    // emulator no longer knows, a log group and role that are gone).
    made.delete_all(&ctx).await;
}

//! multi-az-three-tier's flow logs in the CreateFlowLogs requests the proxy saw: every flow log
//! of the plan, its destination field by field (the spec destructured without `..`).

use std::collections::BTreeMap;

use hangar_core::graph::NodeSpec;
use hangar_core::graph::spec::{FlowLogDestination, FlowLogSpec};
use hangar_testkit::faults::{FaultProxy, SeenRequest};

/// The CreateFlowLogs request of one destination type (`s3`, `cloud-watch-logs`).
fn to(requests: &[SeenRequest], destination_type: &str) -> SeenRequest {
    let matching: Vec<_> = requests
        .iter()
        .filter(|r| r.param("LogDestinationType") == Some(destination_type))
        .collect();
    assert_eq!(matching.len(), 1, "{destination_type}: {requests:#?}");
    matching[0].clone()
}

/// Asserts each of the plan's flow logs reached AWS with its destination, and returns how many
/// went to S3.
pub fn flow_log_settings(
    proxy: &FaultProxy,
    plan: &hangar_core::Plan,
    ids: &BTreeMap<String, String>,
) -> usize {
    let requests = proxy.seen("CreateFlowLogs");
    let mut to_s3 = 0;
    for node in &plan.graph.nodes {
        let NodeSpec::FlowLog(FlowLogSpec {
            resource,
            traffic_type,
            destination,
        }) = &node.spec
        else {
            continue;
        };
        let request = match destination {
            FlowLogDestination::CloudWatchLogs {
                log_group,
                deliver_logs_role,
            } => {
                let request = to(&requests, "cloud-watch-logs");
                assert_eq!(request.param("LogGroupName"), Some(ids[log_group].as_str()));
                let role = request
                    .param("DeliverLogsPermissionArn")
                    .expect("a delivery role");
                assert!(
                    role.ends_with(&format!("/{}", ids[deliver_logs_role])),
                    "{role}"
                );
                assert_eq!(request.param("LogDestination"), None);
                request
            }
            FlowLogDestination::S3 { bucket } => {
                to_s3 += 1;
                let request = to(&requests, "s3");
                assert_eq!(
                    request.param("LogDestination"),
                    Some(format!("arn:aws:s3:::{}", ids[bucket]).as_str()),
                    "{request:#?}"
                );
                assert_eq!(request.param("DeliverLogsPermissionArn"), None);
                assert_eq!(request.param("LogGroupName"), None);
                request
            }
        };
        assert_eq!(request.param("ResourceId.1"), Some(ids[resource].as_str()));
        assert_eq!(request.param("ResourceType"), Some("VPC"));
        assert_eq!(request.param("TrafficType"), Some(traffic_type.as_str()));
    }
    assert_eq!(
        requests.len(),
        plan.graph
            .nodes
            .iter()
            .filter(|n| matches!(n.spec, NodeSpec::FlowLog(_)))
            .count(),
        "one request per flow log: {requests:#?}"
    );
    to_s3
}

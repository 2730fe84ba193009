//! multi-az-three-tier's ECS specs and its HTTPS listener, field by field, in the JSON (ECS)
//! and form (ELBv2, EC2) requests the proxy saw. Each spec is destructured without `..`.

use std::collections::BTreeMap;

use hangar_core::graph::spec::{
    ContainerSpec, EcsClusterSpec, EcsServiceSpec, EcsTaskDefinitionSpec, ListenerRuleSpec,
    ListenerSpec, ListenerTls, ServiceLoadBalancer,
};
use hangar_core::graph::{NodeSpec, ResourceKind};
use hangar_testkit::faults::{FaultProxy, SeenRequest};
use serde_json::{Value, json};

fn sent<'a>(requests: &'a [SeenRequest], key: &str, value: &str) -> &'a SeenRequest {
    requests
        .iter()
        .find(|r| r.json()[key] == value)
        .unwrap_or_else(|| panic!("no request with {key} = {value}: {requests:#?}"))
}

/// The three tag keys every resource carries, with this node's logical name.
fn assert_tagged(body: &Value, logical: &str) {
    let tags = body["tags"].as_array().expect("tags sent with the create");
    assert!(
        tags.iter()
            .any(|t| t["key"] == "hangar:logical" && t["value"] == logical),
        "{logical}: {tags:?}"
    );
    assert!(tags.iter().any(|t| t["key"] == "hangar:env-id"), "{tags:?}");
}

pub fn ecs_settings(
    proxy: &FaultProxy,
    plan: &hangar_core::Plan,
    ids: &BTreeMap<String, String>,
    role_arn: &str,
) {
    let clusters = proxy.seen("CreateCluster");
    let tasks = proxy.seen("RegisterTaskDefinition");
    let services = proxy.seen("CreateService");
    let mut counted = [0; 3];
    for node in &plan.graph.nodes {
        match &node.spec {
            NodeSpec::EcsCluster(EcsClusterSpec { cluster_name }) => {
                counted[0] += 1;
                let body = sent(&clusters, "clusterName", cluster_name).json();
                assert_tagged(&body, &node.logical);
            }
            NodeSpec::EcsTaskDefinition(EcsTaskDefinitionSpec {
                family,
                cpu,
                memory_mib,
                execution_role,
                container:
                    ContainerSpec {
                        name,
                        image,
                        port,
                        environment,
                        log_group_name,
                        log_stream_prefix,
                    },
            }) => {
                counted[1] += 1;
                let body = sent(&tasks, "family", family).json();
                assert_eq!(body["requiresCompatibilities"], json!(["FARGATE"]));
                assert_eq!(body["networkMode"], "awsvpc");
                assert_eq!(body["cpu"], cpu.to_string());
                assert_eq!(body["memory"], memory_mib.to_string());
                assert_eq!(execution_role, "iam_role.ecs_execution");
                assert_eq!(body["executionRoleArn"], role_arn);
                let c = &body["containerDefinitions"][0];
                assert_eq!(c["name"], name.as_str());
                assert_eq!(c["image"], image.as_str());
                assert_eq!(c["essential"], true);
                match port {
                    Some(p) => assert_eq!(
                        c["portMappings"],
                        json!([{ "containerPort": p, "protocol": "tcp" }])
                    ),
                    None => assert_eq!(c["portMappings"], json!([])),
                }
                let env: BTreeMap<String, String> = c["environment"]
                    .as_array()
                    .expect("environment")
                    .iter()
                    .map(|kv| {
                        (
                            kv["name"].as_str().unwrap_or_default().to_string(),
                            kv["value"].as_str().unwrap_or_default().to_string(),
                        )
                    })
                    .collect();
                assert_eq!(&env, environment);
                let logs = &c["logConfiguration"];
                assert_eq!(logs["logDriver"], "awslogs");
                assert_eq!(logs["options"]["awslogs-group"], log_group_name.as_str());
                assert_eq!(
                    logs["options"]["awslogs-stream-prefix"],
                    log_stream_prefix.as_str()
                );
                assert_eq!(logs["options"]["awslogs-region"], hangar_testkit::REGION);
                assert_tagged(&body, &node.logical);
            }
            NodeSpec::EcsService(EcsServiceSpec {
                service_name,
                cluster,
                task_definition,
                desired_count,
                subnets,
                security_groups,
                load_balancer,
            }) => {
                counted[2] += 1;
                let request = sent(&services, "serviceName", service_name);
                let body = request.json();
                assert_eq!(body["cluster"], ids[cluster].as_str());
                assert_eq!(body["taskDefinition"], ids[task_definition].as_str());
                assert_eq!(body["desiredCount"], *desired_count);
                assert_eq!(body["launchType"], "FARGATE");
                let vpc = &body["networkConfiguration"]["awsvpcConfiguration"];
                let of = |logicals: &[String]| -> Value {
                    logicals.iter().map(|l| ids[l].clone()).collect()
                };
                assert_eq!(vpc["subnets"], of(subnets));
                assert_eq!(vpc["securityGroups"], of(security_groups));
                assert_eq!(vpc["assignPublicIp"], "DISABLED");
                match load_balancer {
                    Some(ServiceLoadBalancer {
                        target_group,
                        container_name,
                        container_port,
                    }) => assert_eq!(
                        body["loadBalancers"],
                        json!([{
                            "targetGroupArn": ids[target_group],
                            "containerName": container_name,
                            "containerPort": container_port,
                        }])
                    ),
                    None => assert_eq!(body["loadBalancers"], json!([])),
                }
                assert!(
                    body["clientToken"]
                        .as_str()
                        .is_some_and(|t| t.starts_with("hangar-")),
                    "{body}"
                );
                assert_tagged(&body, &node.logical);
            }
            _ => {}
        }
    }
    assert_eq!(
        counted,
        [
            plan.graph.count(ResourceKind::EcsCluster),
            plan.graph.count(ResourceKind::EcsTaskDefinition),
            plan.graph.count(ResourceKind::EcsService),
        ]
    );
    assert_eq!(counted, [1, 3, 3]);
    // web's default group and the API's route group, both joined by IP.
    let groups = proxy.seen("CreateTargetGroup");
    assert_eq!(groups.len(), 2, "{groups:#?}");
    assert!(groups.iter().all(|g| g.param("TargetType") == Some("ip")));
}

/// The HTTPS listener carries the certificate and policy; the HTTP one neither. Each listener
/// gets each path rule, forwarding to the rule's target group.
pub fn https_settings(
    proxy: &FaultProxy,
    plan: &hangar_core::Plan,
    ids: &BTreeMap<String, String>,
    certificate: &str,
) {
    let listeners = proxy.seen("CreateListener");
    let created_rules = proxy.seen("CreateRule");
    let mut rules_counted = 0;
    for node in &plan.graph.nodes {
        let NodeSpec::Listener(ListenerSpec {
            load_balancer: _,
            port,
            protocol,
            forward_to,
            tls,
            rules,
        }) = &node.spec
        else {
            continue;
        };
        let listener_arn = &ids[&node.logical];
        for ListenerRuleSpec {
            priority,
            path_patterns,
            forward_to: rule_target,
        } in rules
        {
            rules_counted += 1;
            let rule = created_rules
                .iter()
                .find(|r| r.param("ListenerArn") == Some(listener_arn.as_str()))
                .unwrap_or_else(|| panic!("no CreateRule on {port}: {created_rules:#?}"));
            assert_eq!(rule.param("Priority"), Some(priority.to_string().as_str()));
            assert_eq!(
                rule.param("Conditions.member.1.Field"),
                Some("path-pattern")
            );
            for (k, path) in path_patterns.iter().enumerate() {
                assert_eq!(
                    rule.param(&format!(
                        "Conditions.member.1.PathPatternConfig.Values.member.{}",
                        k + 1
                    )),
                    Some(path.as_str()),
                    "{rule:#?}"
                );
            }
            assert_eq!(rule.param("Actions.member.1.Type"), Some("forward"));
            assert_eq!(
                rule.param("Actions.member.1.TargetGroupArn"),
                Some(ids[rule_target].as_str())
            );
            assert_ne!(
                rule_target, forward_to,
                "a rule goes elsewhere than the default"
            );
        }
        let create = listeners
            .iter()
            .find(|r| r.param("Port") == Some(&port.to_string()))
            .unwrap_or_else(|| panic!("no CreateListener on {port}: {listeners:#?}"));
        assert_eq!(create.param("Protocol"), Some(protocol.as_str()));
        match tls {
            Some(ListenerTls {
                certificate_arn,
                ssl_policy,
            }) => {
                assert_eq!(certificate_arn, certificate);
                assert_eq!(*port, 443);
                assert_eq!(
                    create.param("Certificates.member.1.CertificateArn"),
                    Some(certificate)
                );
                assert_eq!(create.param("SslPolicy"), Some(ssl_policy.as_str()));
            }
            None => {
                assert_eq!(create.param("Certificates.member.1.CertificateArn"), None);
                assert_eq!(create.param("SslPolicy"), None);
            }
        }
    }
    assert_eq!(listeners.len(), 2, "{listeners:#?}");
    // One /api/* rule on each of the two listeners.
    assert_eq!(rules_counted, 2);
    assert_eq!(created_rules.len(), 2, "{created_rules:#?}");
}

/// Whether any request opened port 443.
pub fn opened_443(proxy: &FaultProxy) -> bool {
    ["AuthorizeSecurityGroupIngress", "CreateSecurityGroup"]
        .iter()
        .flat_map(|a| proxy.seen(a))
        .any(|r| {
            r.params
                .iter()
                .any(|(k, v)| k.ends_with("FromPort") && v == "443")
        })
}

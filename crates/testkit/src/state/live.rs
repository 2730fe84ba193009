//! What is alive in the emulator now, kind by kind, asked with plain describe/list calls: no
//! tag filter and no code shared with Hangar's look-ups, so an untagged or mistagged leftover
//! shows as plainly as a tagged one.

use std::collections::{BTreeMap, BTreeSet};

use aws_sdk_ec2::error::DisplayErrorContext;

use super::excused;

/// Ids alive now, by kind (`"ec2 vpc"`).
pub type Live = BTreeMap<&'static str, BTreeSet<String>>;

fn failed<T>(kind: &str, e: impl std::error::Error) -> T {
    panic!("listing {kind}: {}", DisplayErrorContext(e))
}

/// Collects every page of a paginated call, panicking with the kind's name on an error.
macro_rules! all_pages {
    ($kind:expr, $request:expr) => {
        $request
            .into_paginator()
            .send()
            .collect::<Result<Vec<_>, _>>()
            .await
            .unwrap_or_else(|e| failed($kind, e))
    };
}

struct Sink<'a>(&'a mut Live);

impl Sink<'_> {
    /// Records `id` under `kind` unless AWS itself keeps it around (see `excused`).
    fn put(&mut self, kind: &'static str, id: Option<&str>, state: Option<&str>) {
        let set = self.0.entry(kind).or_default();
        if let Some(id) = id
            && !excused::kept_by_aws(kind, id, state)
        {
            set.insert(id.to_string());
        }
    }
}

pub async fn live(sdk: &aws_config::SdkConfig) -> Live {
    let mut live = Live::new();
    let mut into = Sink(&mut live);
    ec2(&aws_sdk_ec2::Client::new(sdk), &mut into).await;
    rds(&aws_sdk_rds::Client::new(sdk), &mut into).await;
    elasticache(&aws_sdk_elasticache::Client::new(sdk), &mut into).await;
    elbv2(&aws_sdk_elasticloadbalancingv2::Client::new(sdk), &mut into).await;
    ecs(&aws_sdk_ecs::Client::new(sdk), &mut into).await;
    other(sdk, &mut into).await;
    live
}

async fn ec2(c: &aws_sdk_ec2::Client, into: &mut Sink<'_>) {
    for page in all_pages!("ec2 vpc", c.describe_vpcs()) {
        for v in page.vpcs() {
            into.put("ec2 vpc", v.vpc_id(), None);
        }
    }
    for page in all_pages!("ec2 subnet", c.describe_subnets()) {
        for v in page.subnets() {
            into.put("ec2 subnet", v.subnet_id(), None);
        }
    }
    for page in all_pages!("ec2 internet gateway", c.describe_internet_gateways()) {
        for v in page.internet_gateways() {
            into.put("ec2 internet gateway", v.internet_gateway_id(), None);
        }
    }
    for page in all_pages!("ec2 route table", c.describe_route_tables()) {
        for v in page.route_tables() {
            into.put("ec2 route table", v.route_table_id(), None);
        }
    }
    for page in all_pages!("ec2 security group", c.describe_security_groups()) {
        for v in page.security_groups() {
            into.put("ec2 security group", v.group_id(), None);
        }
    }
    let vpcs = into.0.get("ec2 vpc").cloned().unwrap_or_default();
    for page in all_pages!("ec2 network acl", c.describe_network_acls()) {
        for v in page.network_acls() {
            let orphan =
                v.is_default() == Some(true) && !v.vpc_id().is_some_and(|vpc| vpcs.contains(vpc));
            let state = orphan.then_some(excused::DEFAULT_OF_DELETED_VPC);
            into.put("ec2 network acl", v.network_acl_id(), state);
        }
    }
    let mut nat_interfaces = BTreeSet::new();
    for page in all_pages!("ec2 nat gateway", c.describe_nat_gateways()) {
        for v in page.nat_gateways() {
            let state = v.state().map(|s| s.as_str());
            if state == Some("deleted") {
                nat_interfaces.extend(
                    v.nat_gateway_addresses()
                        .iter()
                        .filter_map(|a| a.network_interface_id().map(str::to_string)),
                );
            }
            into.put("ec2 nat gateway", v.nat_gateway_id(), state);
        }
    }
    let addresses = c
        .describe_addresses()
        .send()
        .await
        .unwrap_or_else(|e| failed("ec2 elastic ip", e));
    for v in addresses.addresses() {
        into.put("ec2 elastic ip", v.allocation_id(), None);
    }
    for page in all_pages!("ec2 instance", c.describe_instances()) {
        for v in page.reservations().iter().flat_map(|r| r.instances()) {
            let state = v.state().and_then(|s| s.name()).map(|s| s.as_str());
            into.put("ec2 instance", v.instance_id(), state);
        }
    }
    for page in all_pages!("ec2 volume", c.describe_volumes()) {
        for v in page.volumes() {
            into.put("ec2 volume", v.volume_id(), None);
        }
    }
    for page in all_pages!("ec2 network interface", c.describe_network_interfaces()) {
        for v in page.network_interfaces() {
            let id = v.network_interface_id();
            let orphan = id.is_some_and(|id| nat_interfaces.contains(id));
            let state = orphan.then_some(excused::OF_DELETED_NAT_GATEWAY);
            into.put("ec2 network interface", id, state);
        }
    }
    for page in all_pages!("ec2 vpc endpoint", c.describe_vpc_endpoints()) {
        for v in page.vpc_endpoints() {
            let state = v.state().map(|s| s.as_str());
            into.put("ec2 vpc endpoint", v.vpc_endpoint_id(), state);
        }
    }
    for page in all_pages!("ec2 flow log", c.describe_flow_logs()) {
        for v in page.flow_logs() {
            into.put("ec2 flow log", v.flow_log_id(), None);
        }
    }
}

async fn rds(c: &aws_sdk_rds::Client, into: &mut Sink<'_>) {
    for page in all_pages!("rds db instance", c.describe_db_instances()) {
        for v in page.db_instances() {
            into.put("rds db instance", v.db_instance_identifier(), None);
        }
    }
    for page in all_pages!("rds db subnet group", c.describe_db_subnet_groups()) {
        for v in page.db_subnet_groups() {
            into.put("rds db subnet group", v.db_subnet_group_name(), None);
        }
    }
    for page in all_pages!("rds db parameter group", c.describe_db_parameter_groups()) {
        for v in page.db_parameter_groups() {
            into.put("rds db parameter group", v.db_parameter_group_name(), None);
        }
    }
    for page in all_pages!("rds db snapshot", c.describe_db_snapshots()) {
        for v in page.db_snapshots() {
            into.put("rds db snapshot", v.db_snapshot_identifier(), None);
        }
    }
}

async fn elasticache(c: &aws_sdk_elasticache::Client, into: &mut Sink<'_>) {
    for page in all_pages!(
        "elasticache replication group",
        c.describe_replication_groups()
    ) {
        for v in page.replication_groups() {
            into.put(
                "elasticache replication group",
                v.replication_group_id(),
                None,
            );
        }
    }
    for page in all_pages!("elasticache cluster", c.describe_cache_clusters()) {
        for v in page.cache_clusters() {
            into.put("elasticache cluster", v.cache_cluster_id(), None);
        }
    }
    for page in all_pages!("elasticache subnet group", c.describe_cache_subnet_groups()) {
        for v in page.cache_subnet_groups() {
            into.put(
                "elasticache subnet group",
                v.cache_subnet_group_name(),
                None,
            );
        }
    }
}

async fn elbv2(c: &aws_sdk_elasticloadbalancingv2::Client, into: &mut Sink<'_>) {
    for page in all_pages!("elbv2 load balancer", c.describe_load_balancers()) {
        for v in page.load_balancers() {
            into.put("elbv2 load balancer", v.load_balancer_arn(), None);
        }
    }
    for page in all_pages!("elbv2 target group", c.describe_target_groups()) {
        for v in page.target_groups() {
            into.put("elbv2 target group", v.target_group_arn(), None);
        }
    }
}

async fn ecs(c: &aws_sdk_ecs::Client, into: &mut Sink<'_>) {
    let clusters: Vec<String> = all_pages!("ecs cluster", c.list_clusters())
        .iter()
        .flat_map(|p| p.cluster_arns().to_vec())
        .collect();
    for chunk in clusters.chunks(100) {
        let out = c
            .describe_clusters()
            .set_clusters(Some(chunk.to_vec()))
            .send()
            .await
            .unwrap_or_else(|e| failed("ecs cluster", e));
        for v in out.clusters() {
            into.put("ecs cluster", v.cluster_arn(), v.status());
        }
    }
    // Every cluster's services, an INACTIVE cluster's too: a service left in a deleted
    // cluster is still a leftover.
    for cluster in &clusters {
        let services: Vec<String> = all_pages!("ecs service", c.list_services().cluster(cluster))
            .iter()
            .flat_map(|p| p.service_arns().to_vec())
            .collect();
        for chunk in services.chunks(10) {
            let out = c
                .describe_services()
                .cluster(cluster)
                .set_services(Some(chunk.to_vec()))
                .send()
                .await
                .unwrap_or_else(|e| failed("ecs service", e));
            for v in out.services() {
                into.put("ecs service", v.service_arn(), v.status());
            }
        }
    }
    // ACTIVE and INACTIVE revisions alike: a deregistered one stays listed until deleted.
    for status in [
        aws_sdk_ecs::types::TaskDefinitionStatus::Active,
        aws_sdk_ecs::types::TaskDefinitionStatus::Inactive,
    ] {
        for page in all_pages!(
            "ecs task definition",
            c.list_task_definitions().status(status)
        ) {
            for arn in page.task_definition_arns() {
                into.put("ecs task definition", Some(arn), None);
            }
        }
    }
}

async fn other(sdk: &aws_config::SdkConfig, into: &mut Sink<'_>) {
    let buckets = aws_sdk_s3::Client::new(sdk)
        .list_buckets()
        .send()
        .await
        .unwrap_or_else(|e| failed("s3 bucket", e));
    for v in buckets.buckets() {
        into.put("s3 bucket", v.name(), None);
    }

    let iam = aws_sdk_iam::Client::new(sdk);
    for page in all_pages!("iam role", iam.list_roles()) {
        for v in page.roles() {
            into.put("iam role", Some(v.role_name()), Some(v.path()));
        }
    }
    for page in all_pages!("iam instance profile", iam.list_instance_profiles()) {
        for v in page.instance_profiles() {
            into.put(
                "iam instance profile",
                Some(v.instance_profile_name()),
                None,
            );
        }
    }
    let local = aws_sdk_iam::types::PolicyScopeType::Local;
    for page in all_pages!("iam policy", iam.list_policies().scope(local)) {
        for v in page.policies() {
            into.put("iam policy", v.arn(), None);
        }
    }

    let ssm = aws_sdk_ssm::Client::new(sdk);
    for page in all_pages!("ssm parameter", ssm.describe_parameters()) {
        for v in page.parameters() {
            into.put("ssm parameter", v.name(), None);
        }
    }

    let logs = aws_sdk_cloudwatchlogs::Client::new(sdk);
    for page in all_pages!("logs log group", logs.describe_log_groups()) {
        for v in page.log_groups() {
            into.put("logs log group", v.log_group_name(), None);
        }
    }
}

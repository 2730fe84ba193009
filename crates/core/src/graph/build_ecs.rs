//! `[[ecs_clusters]]` and `[[services]]`: a cluster node per cluster, and per service a log
//! group, a task definition and the service.

use super::build::sg;
use super::build_data::tier_subnets;
use super::build_net::NetInfo;
use super::spec::{
    ContainerSpec, EcsClusterSpec, EcsServiceSpec, EcsTaskDefinitionSpec, LogGroupSpec,
    ServiceLoadBalancer, i32_of,
};
use super::{ResourceKind as K, ResourceNode as N};
use crate::blueprint::schema::Spec;

pub(super) fn ecs(spec: &Spec, net: &NetInfo, nodes: &mut Vec<N>) {
    for (i, c) in spec.ecs_clusters.iter().enumerate() {
        nodes.push(N::new(
            &c.name,
            EcsClusterSpec {
                cluster_name: c.cluster_name.clone(),
            },
            format!("ecs_clusters[{i}]"),
        ));
    }
    for (i, s) in spec.services.iter().enumerate().filter(|(_, s)| s.enabled) {
        let src = format!("services[{i}]");
        let logs = N::new(
            &format!("ecs-{}", s.name),
            LogGroupSpec {
                log_group_name: s.log_group.clone(),
                retention_in_days: Some(i32_of(s.log_retention_days)),
            },
            &src,
        );
        let role = format!("{}.{}", K::IamRole.as_str(), s.execution_role);
        let task = N::new(
            &s.name,
            EcsTaskDefinitionSpec {
                family: format!(
                    "{}-{}",
                    spec.ecs_clusters
                        .iter()
                        .find(|c| c.name == s.cluster)
                        .map_or(s.cluster.as_str(), |c| c.cluster_name.as_str()),
                    s.aws_name()
                ),
                cpu: i32_of(s.cpu),
                memory_mib: i32_of(s.memory),
                execution_role: role.clone(),
                container: ContainerSpec {
                    name: s.name.clone(),
                    image: s.image.clone(),
                    port: s.port.map(i32_of),
                    environment: s.environment.clone(),
                    log_group_name: s.log_group.clone(),
                    log_stream_prefix: s.name.clone(),
                },
            },
            &src,
        )
        .dep(role)
        .dep(logs.logical.clone());
        let tier = net.tier(&s.tier);
        let subnets = tier_subnets(net, &s.tier);
        let groups: Vec<String> = s.security_groups.iter().map(|g| sg(g)).collect();
        // The tasks pull their image at start, so the service waits for the way out (NAT).
        let routes: Vec<String> = tier
            .map(|t| t.routes.iter().flatten().cloned().collect())
            .unwrap_or_default();
        let lb = s.load_balancer.as_ref().and_then(|name| {
            spec.load_balancers
                .iter()
                .find(|l| l.enabled && &l.name == name)
        });
        // Validation has made sure a named route is one of this load balancer's.
        let target_group = lb.map(|l| match &s.route {
            Some(route) => format!("{}.{}-{route}", K::TargetGroup.as_str(), l.name),
            None => format!("{}.{}", K::TargetGroup.as_str(), l.name),
        });
        // ECS refuses a target group no load balancer forwards to yet: the listeners first.
        let listeners: Vec<String> = lb
            .map(|l| {
                l.listeners
                    .iter()
                    .filter(|x| x.enabled)
                    .map(|x| format!("{}.{}-{}", K::Listener.as_str(), l.name, x.port))
                    .collect()
            })
            .unwrap_or_default();
        let cluster = format!("{}.{}", K::EcsCluster.as_str(), s.cluster);
        let mut n = N::new(
            &s.name,
            EcsServiceSpec {
                service_name: s.aws_name().to_string(),
                cluster: cluster.clone(),
                task_definition: task.logical.clone(),
                desired_count: i32_of(s.desired_count),
                subnets: subnets.clone(),
                security_groups: groups.clone(),
                load_balancer: target_group.clone().zip(s.port).map(|(tg, port)| {
                    ServiceLoadBalancer {
                        target_group: tg,
                        container_name: s.name.clone(),
                        container_port: i32_of(port),
                    }
                }),
            },
            &src,
        )
        .dep(cluster)
        .dep(task.logical.clone())
        .deps(subnets.clone())
        .deps(groups)
        .deps(routes)
        .deps(target_group)
        .deps(listeners);
        n.az = net.azs.first().cloned();
        n.subnet = subnets.first().cloned();
        nodes.push(logs);
        nodes.push(task);
        nodes.push(n);
    }
}

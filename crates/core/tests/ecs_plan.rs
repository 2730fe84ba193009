//! multi-az-three-tier's tiers as ECS services on Fargate: what the plan holds, what a bad
//! `services` entry is told (at its path), what it costs, and the HTTPS listener that comes
//! and goes with `certificate_arn`.

mod bad_support;
mod common;

use bad_support::{assert_error, errors};
use common::*;
use hangar_core::graph::spec::{EcsServiceSpec, EcsTaskDefinitionSpec, ListenerTls, TargetType};
use hangar_core::graph::{NodeSpec, ResourceKind as K};

const CERT: &str =
    "arn:aws:acm:us-east-1:123456789012:certificate/0f5a4b5c-1d2e-4f60-8a9b-0c1d2e3f4a5b";

fn service(p: &hangar_core::Plan, name: &str) -> EcsServiceSpec {
    match &node(p, &format!("ecs_service.{name}")).spec {
        NodeSpec::EcsService(s) => s.clone(),
        other => panic!("{other:?}"),
    }
}

fn task(p: &hangar_core::Plan, name: &str) -> EcsTaskDefinitionSpec {
    match &node(p, &format!("ecs_task_definition.{name}")).spec {
        NodeSpec::EcsTaskDefinition(s) => s.clone(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_api_web_and_worker_tiers_are_fargate_services_in_the_private_subnets() {
    let p = plan_of("multi-az-three-tier", &[]);
    assert_eq!(p.graph.count(K::Instance), 0, "no EC2 app hosts left");
    for name in ["api", "web", "worker"] {
        let s = service(&p, name);
        assert_eq!(s.cluster, "ecs_cluster.main");
        assert_eq!(
            s.subnets,
            ["subnet.private-a", "subnet.private-b", "subnet.private-c"]
        );
        assert_eq!(s.security_groups, ["security_group.app"]);
        let t = task(&p, name);
        assert_eq!(t.family, format!("skillancer-dev-{name}"));
        assert_eq!((t.cpu, t.memory_mib), (256, 512));
        assert_eq!(t.execution_role, "iam_role.ecs_execution");
        assert_eq!(t.container.image, "public.ecr.aws/nginx/nginx:stable");
        assert_eq!(
            t.container.log_group_name,
            format!("/ecs/skillancer-dev/{name}")
        );
        // The service waits for the listeners (ECS refuses a target group no load balancer
        // uses) and for the NAT route its tasks pull their image through.
        let n = node(&p, &format!("ecs_service.{name}"));
        assert!(
            n.depends_on.iter().any(|d| d.starts_with("route.")),
            "{:?}",
            n.depends_on
        );
    }
    assert_eq!(service(&p, "api").desired_count, 2);
    assert_eq!(service(&p, "worker").desired_count, 1);
    let web = service(&p, "web");
    let lb = web.load_balancer.expect("web is behind the ALB");
    assert_eq!(lb.target_group, "target_group.alb");
    assert_eq!((lb.container_name.as_str(), lb.container_port), ("web", 80));
    assert!(
        node(&p, "ecs_service.web")
            .depends_on
            .contains(&"listener.alb-80".to_string())
    );
    // The API joins the group its /api/* rule forwards to, on every listener.
    let api = service(&p, "api")
        .load_balancer
        .expect("api is behind the ALB");
    assert_eq!(api.target_group, "target_group.alb-api");
    let NodeSpec::Listener(listener) = &node(&p, "listener.alb-80").spec else {
        panic!("listener");
    };
    assert_eq!(listener.forward_to, "target_group.alb");
    assert_eq!(listener.rules.len(), 1);
    assert_eq!(listener.rules[0].path_patterns, ["/api/*"]);
    assert_eq!(listener.rules[0].forward_to, "target_group.alb-api");
    assert!(
        node(&p, "listener.alb-80")
            .depends_on
            .contains(&"target_group.alb-api".to_string())
    );
    assert!(service(&p, "worker").load_balancer.is_none());
    let NodeSpec::TargetGroup(tg) = &node(&p, "target_group.alb").spec else {
        panic!("target group");
    };
    assert_eq!(tg.target_type, TargetType::Ip);
    assert!(tg.targets.is_empty());
    let NodeSpec::IamRole(role) = &node(&p, "iam_role.ecs_execution").spec else {
        panic!("role");
    };
    assert_eq!(role.trust_service, "ecs-tasks.amazonaws.com");
    assert_eq!(
        role.managed_policies,
        ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"]
    );
    // The execution policy is on the safe list: no consent asked for it.
    assert!(
        p.warnings
            .iter()
            .all(|w| w.logical != "iam_role.ecs_execution"),
        "{:?}",
        p.warnings
    );

    let prod = plan_of("multi-az-three-tier", &[("environment", "prod")]);
    assert_eq!(service(&prod, "web").desired_count, 3);
    assert_eq!(
        (task(&prod, "web").cpu, task(&prod, "web").memory_mib),
        (512, 1024)
    );
}

#[test]
fn the_cost_includes_fargate_by_vcpu_and_gb_hours() {
    let p = plan_of("multi-az-three-tier", &[]);
    let fargate: Vec<_> = p
        .cost
        .lines
        .iter()
        .filter(|l| l.kind == K::EcsService)
        .collect();
    // Two lines a service: vCPU-hours and GB-hours.
    assert_eq!(fargate.len(), 6, "{fargate:?}");
    let web: Vec<_> = fargate
        .iter()
        .filter(|l| l.logical == "ecs_service.web")
        .collect();
    // 2 tasks x 0.25 vCPU x 730 h at $0.04048, and 2 x 0.5 GB x 730 h at $0.004445.
    assert_eq!(web[0].quantity, 365.0);
    assert_eq!(web[0].unit_price, 0.04048);
    assert_eq!(web[0].monthly, 14.78);
    assert_eq!(web[1].quantity, 730.0);
    assert_eq!(web[1].unit_price, 0.004445);
    assert_eq!(web[1].monthly, 3.24);
    let total: f64 = fargate.iter().map(|l| l.monthly).sum();
    assert!(total > 40.0, "{total}");
}

#[test]
fn https_and_port_443_come_only_with_a_certificate() {
    let plain = plan_of("multi-az-three-tier", &[]);
    assert_eq!(plain.graph.count(K::Listener), 1);
    assert!(
        !ingress(&plain, "alb").iter().any(|r| r.1 == 443),
        "{:?}",
        ingress(&plain, "alb")
    );
    let https = plan_of("multi-az-three-tier", &[("certificate_arn", CERT)]);
    assert_eq!(
        ingress(&https, "alb"),
        vec![
            rule("tcp", 80, 80, "0.0.0.0/0"),
            rule("tcp", 443, 443, "0.0.0.0/0")
        ]
    );
    let NodeSpec::Listener(l) = &node(&https, "listener.alb-443").spec else {
        panic!("listener");
    };
    assert_eq!(l.protocol, "HTTPS");
    assert_eq!(
        l.tls,
        Some(ListenerTls {
            certificate_arn: CERT.into(),
            ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06".into()
        })
    );
    let NodeSpec::Listener(l) = &node(&https, "listener.alb-80").spec else {
        panic!("listener");
    };
    assert_eq!(l.tls, None);
}

/// The errors of planning `text` with `sets`.
fn errors_of(text: &str, sets: &[(&str, &str)]) -> hangar_core::error::ValidationErrors {
    let bp = hangar_core::blueprint::parse_blueprint(text).unwrap_or_else(|e| panic!("{e}"));
    let overrides: hangar_core::blueprint::Overrides = sets.iter().copied().collect();
    hangar_core::plan::plan(&bp, &overrides).expect_err("invalid")
}

fn multi_az_with(edits: &[(&str, &str)]) -> String {
    let mut text = hangar_core::blueprint::builtin_source("multi-az-three-tier")
        .expect("built-in")
        .to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "no {from:?}");
        text = text.replacen(from, to, 1);
    }
    text
}

#[test]
fn bad_services_entries_are_named_by_path() {
    let e = errors_of(
        &multi_az_with(&[
            ("memory = \"${task_memory}\"", "memory = 300"),
            (
                "execution_role = \"ecs_execution\"",
                "execution_role = \"nobody\"",
            ),
            (
                "tier = \"private\"\nsecurity_groups = [\"app\"]\nexecution_role = \"ecs_execution\"\nimage = \"${worker_image}\"",
                "tier = \"public\"\nsecurity_groups = [\"app\"]\nexecution_role = \"ecs_execution\"\nimage = \"${worker_image}\"",
            ),
            ("cluster = \"main\"", "cluster = \"other\""),
            (
                "environment = { APP_ENV",
                "environment = { \"bad-name\" = \"x\", APP_ENV",
            ),
        ]),
        &[("web_image", "Not An Image!")],
    );
    assert_error(
        &e,
        "services[0].memory",
        "with cpu 256 Fargate offers 512-2048 MiB in steps of 512, got 300",
    );
    assert_error(
        &e,
        "services[0].execution_role",
        "no IAM role named 'nobody'",
    );
    assert_error(
        &e,
        "services[0].cluster",
        "no ecs_clusters entry named 'other'",
    );
    assert!(
        e.0.iter().any(|x| x.path == "services[1].image"
            && x.message.contains("is not a Docker image reference")),
        "{e}"
    );
    assert!(
        e.0.iter()
            .any(|x| x.path == "services[2].tier" && x.message.contains("need a private tier")),
        "{e}"
    );
    assert!(
        e.0.iter()
            .any(|x| x.path == "services[0].environment.bad-name"),
        "{e}"
    );

    // Behind an ALB whose target group takes instances: Fargate cannot register there.
    let e = errors(&multi_az_with(&[(", target_type = \"ip\" }", " }")]));
    assert!(
        e.0.iter()
            .any(|x| x.path == "services[1].load_balancer"
                && x.message.contains("target_type = \"ip\"")),
        "{e}"
    );
    // An execution role ECS cannot assume.
    let e = errors(&multi_az_with(&[(
        "trust_service = \"ecs-tasks.amazonaws.com\"",
        "trust_service = \"ec2.amazonaws.com\"",
    )]));
    assert!(
        e.0.iter().any(|x| x.path == "services[0].execution_role"
            && x.message.contains("ecs-tasks.amazonaws.com")),
        "{e}"
    );
    // A certificate_arn that is not an ACM certificate's, at the listener that presents it.
    let bp = hangar_core::blueprint::load_builtin("multi-az-three-tier").expect("built-in");
    let overrides: hangar_core::blueprint::Overrides =
        [("certificate_arn", "not-an-arn")].into_iter().collect();
    let e = hangar_core::plan::plan(&bp, &overrides).expect_err("not an ACM ARN");
    assert!(
        e.0.iter().any(
            |x| x.path == "load_balancers[0].listeners[1].certificate_arn"
                && x.message.contains("is not an ACM certificate ARN")
        ),
        "{e}"
    );
    // Unknown keys are refused, as everywhere.
    let e = errors(&multi_az_with(&[(
        "desired_count = \"${worker_count}\"",
        "desired_count = \"${worker_count}\"\nreplicas = 3",
    )]));
    assert!(e.to_string().contains("unknown field `replicas`"), "{e}");
}

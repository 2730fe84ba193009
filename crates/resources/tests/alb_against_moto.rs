//! Load balancing through the real emulator: `multi-az-three-tier`'s internet-facing ALB in
//! three public subnets, its `ip` target group (the web service's Fargate tasks register
//! there), and the port 80 listener forwarding to it; found by tag, adopted when created again,
//! deleted in reverse until nothing tagged is left.
//!
//! Listeners are never reported by `find_tagged` (always empty): they live inside their load
//! balancer and go with it, so the load balancer is what a sweep finds and deletes.

use crate::support;

use aws_sdk_elasticloadbalancingv2::types::{
    ActionTypeEnum, LoadBalancerSchemeEnum, LoadBalancerTypeEnum, ProtocolEnum, TargetTypeEnum,
};
use hangar_core::graph::Attr;
use hangar_core::graph::ResourceKind as K;
use hangar_resources::{Created, delete, find_tagged};
use hangar_sandbox::MotoServer;

const LB: [K; 3] = [K::LoadBalancer, K::TargetGroup, K::Listener];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_alb_forwards_to_its_instances_and_is_deleted() {
    let server = MotoServer::start().expect("moto");
    let ctx = support::ctx(&server, "alb-test");
    let nodes = support::nodes_for("multi-az-three-tier", &LB);
    let made = support::create_all(&ctx, &nodes).await;
    let elb = &ctx.clients.elbv2;

    let lb = made.get("load_balancer.alb");
    assert!(
        lb.aws_id.starts_with("arn:aws:elasticloadbalancing:"),
        "{lb:?}"
    );
    assert!(
        lb.attr(Attr::DnsName).is_some_and(|d| !d.is_empty()),
        "{lb:?}"
    );
    let described = elb
        .describe_load_balancers()
        .load_balancer_arns(&lb.aws_id)
        .send()
        .await
        .expect("describe lb");
    let got = &described.load_balancers()[0];
    assert_eq!(got.load_balancer_name(), Some("skillancer-dev-alb"));
    assert_eq!(got.scheme(), Some(&LoadBalancerSchemeEnum::InternetFacing));
    assert_eq!(got.r#type(), Some(&LoadBalancerTypeEnum::Application));
    assert_eq!(got.vpc_id(), Some(made.id("vpc.main").as_str()));
    assert_eq!(got.security_groups(), [made.id("security_group.alb")]);
    let mut subnets: Vec<String> = got
        .availability_zones()
        .iter()
        .filter_map(|z| z.subnet_id().map(str::to_string))
        .collect();
    subnets.sort();
    let mut public: Vec<String> = ["subnet.public-a", "subnet.public-b", "subnet.public-c"]
        .iter()
        .map(|l| made.id(l))
        .collect();
    public.sort();
    assert_eq!(subnets, public);

    let tg = made.get("target_group.alb");
    let groups = elb
        .describe_target_groups()
        .target_group_arns(&tg.aws_id)
        .send()
        .await
        .expect("describe tg");
    let group = &groups.target_groups()[0];
    assert_eq!(group.port(), Some(80));
    assert_eq!(group.protocol(), Some(&ProtocolEnum::Http));
    assert_eq!(group.health_check_path(), Some("/"));
    assert_eq!(group.vpc_id(), Some(made.id("vpc.main").as_str()));
    // Fargate tasks (awsvpc) register by IP, and ECS registers them, not Hangar.
    assert_eq!(group.target_type(), Some(&TargetTypeEnum::Ip));
    let health = elb
        .describe_target_health()
        .target_group_arn(&tg.aws_id)
        .send()
        .await
        .expect("health");
    assert!(
        health.target_health_descriptions().is_empty(),
        "{:?}",
        health.target_health_descriptions()
    );

    let listener = made.get("listener.alb-80");
    let listeners = elb
        .describe_listeners()
        .load_balancer_arn(&lb.aws_id)
        .send()
        .await
        .expect("listeners");
    assert_eq!(listeners.listeners().len(), 1);
    let got = &listeners.listeners()[0];
    assert_eq!(got.listener_arn(), Some(listener.aws_id.as_str()));
    assert_eq!(got.port(), Some(80));
    assert_eq!(got.protocol(), Some(&ProtocolEnum::Http));
    let action = &got.default_actions()[0];
    assert_eq!(action.r#type(), Some(&ActionTypeEnum::Forward));
    assert_eq!(action.target_group_arn(), Some(tg.aws_id.as_str()));

    // One load balancer; two target groups: web's (the default) and the API's (`/api/*`).
    for (kind, count) in [(K::LoadBalancer, 1), (K::TargetGroup, 2)] {
        let found = find_tagged(&ctx, kind).await.expect("find");
        assert_eq!(found.len(), count, "{kind:?}: {found:?}");
        assert!(found.iter().all(|f| f.logical.is_some()), "{found:?}");
    }
    assert!(
        find_tagged(&ctx, K::Listener)
            .await
            .expect("find")
            .is_empty(),
        "listeners are found through their load balancer"
    );
    let again = support::create_all(&ctx, &nodes).await;
    made.assert_same_ids(&again);
    let listeners = elb
        .describe_listeners()
        .load_balancer_arn(&lb.aws_id)
        .send()
        .await
        .expect("listeners");
    assert_eq!(listeners.listeners().len(), 1, "no second listener");

    made.delete_all(&ctx).await;
    support::assert_nothing_tagged(&ctx, &made.kinds()).await;
    // Already gone is success, the listener's included.
    delete(&ctx, K::Listener, listener, None)
        .await
        .expect("gone");
    made.delete_all(&ctx).await;
}

/// A listener whose load balancer has been deleted went with it: its delete is done.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listener_goes_with_its_load_balancer() {
    let server = MotoServer::start().expect("moto");
    let ctx = support::ctx(&server, "alb-listener");
    let nodes = support::nodes_for("multi-az-three-tier", &[K::Listener]);
    let made = support::create_all(&ctx, &nodes).await;
    let lb = made.get("load_balancer.alb");
    delete(&ctx, K::LoadBalancer, lb, None)
        .await
        .expect("lb deleted");
    let listener: &Created = made.get("listener.alb-80");
    delete(&ctx, K::Listener, listener, None)
        .await
        .expect("not found is done");
    made.delete_all(&ctx).await;
    support::assert_nothing_tagged(&ctx, &made.kinds()).await;
}

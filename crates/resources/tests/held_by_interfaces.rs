//! A subnet that a network interface still holds cannot be deleted on AWS (moto deletes it; the
//! fault layer keeps the rule). A load balancer's or database's interfaces outlive their owner by
//! minutes, so the delete waits, names the interface it waits for, goes once the interface does,
//! and past its deadline fails naming what still held it.

use crate::support;

use std::time::Duration;

use hangar_core::graph::ResourceKind as K;
use hangar_resources::{ErrorKind, delete_patiently, patience};
use hangar_sandbox::MotoServer;
use hangar_testkit::faults::{self, FaultPlan, FaultProxy, FaultStats};
use hangar_testkit::sdk_config;

const ALB_INTERFACE: &str = "ELB app/hangar-web/50dc6c495c0c9188";

struct Held {
    made: support::Made,
    ec2: aws_sdk_ec2::Client,
    eni: String,
}

impl Held {
    fn subnet(&self) -> &(hangar_core::graph::ResourceNode, hangar_resources::Created) {
        self.made
            .0
            .iter()
            .find(|(n, _)| n.kind() == K::Subnet)
            .expect("a subnet")
    }
}

/// A VPC and subnet of web-and-postgres, and an interface in the subnet made through the proxy,
/// as a load balancer would have made it.
async fn held(proxy: &FaultProxy, ctx: &hangar_resources::Ctx) -> Held {
    let nodes: Vec<_> = support::nodes_for("web-and-postgres", &[K::Subnet])
        .into_iter()
        .filter(|n| matches!(n.kind(), K::Vpc | K::Subnet))
        .take(2)
        .collect();
    let made = support::create_all(ctx, &nodes).await;
    let ec2 = aws_sdk_ec2::Client::new(&sdk_config(&proxy.endpoint()));
    let subnet = made
        .0
        .iter()
        .find(|(n, _)| n.kind() == K::Subnet)
        .expect("subnet");
    let eni = ec2
        .create_network_interface()
        .subnet_id(&subnet.1.aws_id)
        .description(ALB_INTERFACE)
        .send()
        .await
        .expect("interface")
        .network_interface()
        .and_then(|i| i.network_interface_id())
        .expect("its id")
        .to_string();
    Held { made, ec2, eni }
}

fn holding_proxy(server: &MotoServer) -> FaultProxy {
    faults::start(
        server.addr(),
        FaultPlan {
            enforce_interface_holds: true,
            ..FaultPlan::default()
        },
    )
    .expect("proxy")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_held_subnet_waits_names_its_holder_and_goes_once_let_go() {
    let server = MotoServer::start().expect("moto");
    let proxy = holding_proxy(&server);
    let ctx = support::ctx_via(&proxy.endpoint(), "held");
    let held = held(&proxy, &ctx).await;
    let (node, subnet) = held.subnet();

    // The interface goes when the teardown has said what it waits for, as AWS lets go of it.
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Vec<String>>();
    let letting_go = {
        let (ec2, eni) = (held.ec2.clone(), held.eni.clone());
        tokio::spawn(async move {
            let heard = rx.recv().await.expect("told what it waits for");
            ec2.delete_network_interface()
                .network_interface_id(eni)
                .send()
                .await
                .expect("interface deleted");
            heard
        })
    };
    delete_patiently(&ctx, K::Subnet, subnet, Some(&node.spec), |holders| {
        let _ = tx.send(holders.to_vec());
    })
    .await
    .expect("deleted once the interface let go");

    let heard = letting_go.await.expect("joined");
    assert_eq!(heard, [format!("{} ({ALB_INTERFACE})", held.eni)]);
    assert!(
        FaultStats::get(&proxy.stats.held_by_interfaces) >= 1,
        "the rule fired"
    );
    let direct = aws_sdk_ec2::Client::new(&sdk_config(&server.endpoint()));
    let left = direct
        .describe_subnets()
        .filters(
            aws_sdk_ec2::types::Filter::builder()
                .name("subnet-id")
                .values(&subnet.aws_id)
                .build(),
        )
        .send()
        .await
        .expect("describe");
    assert!(left.subnets().is_empty(), "{:?}", left.subnets());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_subnet_held_past_the_deadline_fails_naming_its_holder() {
    let server = MotoServer::start().expect("moto");
    let proxy = holding_proxy(&server);
    let mut ctx = support::ctx_via(&proxy.endpoint(), "held-long");
    let held = held(&proxy, &ctx).await;
    let (node, subnet) = held.subnet();

    // A short deadline stands in for the twenty minutes a subnet is given on AWS.
    ctx.wait_deadline = Duration::from_millis(600);
    let err = delete_patiently(&ctx, K::Subnet, subnet, Some(&node.spec), |_| {})
        .await
        .expect_err("still held at the deadline");

    assert_eq!(err.kind, ErrorKind::DependencyViolation);
    assert!(
        err.to_string()
            .contains(&format!("still held by {} ({ALB_INTERFACE})", held.eni)),
        "{err}"
    );
    assert!(
        FaultStats::get(&proxy.stats.held_by_interfaces) >= 2,
        "refused, retried, refused"
    );
    let direct = aws_sdk_ec2::Client::new(&sdk_config(&server.endpoint()));
    let still = direct
        .describe_subnets()
        .subnet_ids(&subnet.aws_id)
        .send()
        .await
        .expect("the subnet is still there");
    assert_eq!(still.subnets().len(), 1);
}

#[test]
fn what_interfaces_hold_is_given_twenty_minutes_and_the_rest_five() {
    assert_eq!(patience(K::Subnet), Duration::from_secs(20 * 60));
    assert_eq!(patience(K::SecurityGroup), Duration::from_secs(20 * 60));
    assert_eq!(patience(K::Instance), Duration::from_secs(5 * 60));
    assert_eq!(patience(K::Vpc), Duration::from_secs(5 * 60));
}

//! `make bench`: each built-in blueprint provisioned and torn down against the fault proxy's
//! duration model (AWS's typical pending times, hangar_core::durations) at `HANGAR_WAIT_SCALE`
//! (0.05 in `make bench`), at concurrency 8 and 1, each compared with the critical-path bound
//! core computes from the same graph and the same model. Also the AWS calls per resource.
//! Arguments: blueprint names (default: every built-in).

use std::time::Duration;

use hangar_core::critical_path::{critical_path, serial_sum};
use hangar_core::durations::{Direction, DurationModel};
use hangar_core::{Overrides, load_builtin, plan};
use hangar_testkit::faults::{self, FaultPlan, FaultStats};
use hangar_testkit::{MotoServer, sdk_config};

#[path = "common/up_and_down.rs"]
mod up_and_down;
use up_and_down::up_and_down;

/// The describes the waiters poll, one per modelled kind.
const POLLS: [&str; 5] = [
    "DescribeNatGateways",
    "DescribeInstances",
    "DescribeDBInstances",
    "DescribeLoadBalancers",
    "DescribeReplicationGroups",
];

fn main() {
    let scale: f64 = std::env::var("HANGAR_WAIT_SCALE")
        .ok()
        .and_then(|v| v.parse().ok())
        .expect(
            "set HANGAR_WAIT_SCALE (make bench uses 0.05): the waiters and the model must agree",
        );
    let model = DurationModel::scaled(scale);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let mut names: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    if names.is_empty() {
        names = hangar_core::blueprint::builtin_names()
            .into_iter()
            .map(str::to_string)
            .collect();
    }
    for name in names {
        let blueprint = load_builtin(&name).expect("built-in");
        let graph = plan(&blueprint, &Overrides::default()).expect("plan").graph;
        let up_path = critical_path(&graph, &model, Direction::Create);
        let down_path = critical_path(&graph, &model, Direction::Delete);
        println!(
            "{name}: {} resources, scale {scale}; bound up {:.1} s via {}; down {:.1} s via {}; \
             one at a time ideal up {:.1} s, down {:.1} s",
            graph.nodes.len(),
            up_path.bound.as_secs_f64(),
            up_path.chain.join(" > "),
            down_path.bound.as_secs_f64(),
            down_path.chain.join(" > "),
            serial_sum(&graph, &model, Direction::Create).as_secs_f64(),
            serial_sum(&graph, &model, Direction::Delete).as_secs_f64(),
        );
        for concurrency in [8, 1] {
            let (up, down, calls) = run(&runtime, &name, &model, concurrency);
            println!(
                "{name} concurrency {concurrency}: up {:.1} s ({:.3}x bound), down {:.1} s ({:.3}x bound); {calls}",
                up.as_secs_f64(),
                up.as_secs_f64() / up_path.bound.as_secs_f64(),
                down.as_secs_f64(),
                down.as_secs_f64() / down_path.bound.as_secs_f64(),
            );
        }
    }
}

fn run(
    runtime: &tokio::runtime::Runtime,
    blueprint: &str,
    model: &DurationModel,
    concurrency: usize,
) -> (Duration, Duration, String) {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(
        server.addr(),
        FaultPlan {
            latency: model.call_latency(),
            durations: Some(*model),
            ..FaultPlan::default()
        },
    )
    .expect("proxy");
    let sdk = sdk_config(&proxy.endpoint());
    let mut mark = 0;
    let (up, down) = up_and_down(runtime, &sdk, blueprint, concurrency, || {
        mark = proxy.mark();
    });
    let up_actions = proxy.actions_since(0)[..mark].to_vec();
    let down_actions = proxy.actions_since(mark);
    let calls = format!(
        "up: {}; down: {}; answered pending by the model {}",
        tally(&up_actions),
        tally(&down_actions),
        FaultStats::get(&proxy.stats.modelled_pending)
    );
    (up, down, calls)
}

/// Creates (and deletes), polling describes by kind, and everything else.
fn tally(actions: &[String]) -> String {
    let mutating = actions
        .iter()
        .filter(|a| {
            [
                "Create",
                "Run",
                "Allocate",
                "Delete",
                "Terminate",
                "Release",
            ]
            .iter()
            .any(|p| a.starts_with(p))
        })
        .count();
    let polls: Vec<String> = POLLS
        .iter()
        .map(|p| (p, actions.iter().filter(|a| a == p).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(p, n)| format!("{} {n}", p.trim_start_matches("Describe")))
        .collect();
    format!(
        "{} calls, {mutating} create/delete, polls [{}]",
        actions.len(),
        polls.join(", ")
    )
}

//! `make bench`: each built-in blueprint provisioned and torn down against the fault proxy's
//! duration model (AWS's typical pending times, hangar_core::durations) at `HANGAR_WAIT_SCALE`
//! (0.05 in `make bench`), at concurrency 8, `--runs=N` times (default 5; side by side unless
//! `--one-by-one`), the median compared with the critical-path bound core computes from the
//! same graph and the same model and with the one-at-a-time ideal; `--serial` measures
//! concurrency 1 once too. Also the AWS calls per resource. Arguments: blueprint names
//! (default: every built-in).

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
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs: usize = args
        .iter()
        .find_map(|a| a.strip_prefix("--runs="))
        .map_or(5, |n| n.parse().expect("--runs=N"));
    // One node at a time is measured only when asked: its ideal is computed (serial_sum), and
    // a measured walk of web-and-postgres takes over a minute.
    let serial = args.iter().any(|a| a == "--serial");
    let one_by_one = args.iter().any(|a| a == "--one-by-one");
    let mut names: Vec<String> = args
        .iter()
        .filter(|a| !a.starts_with('-'))
        .cloned()
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
        let (up_bound, down_bound) = (up_path.bound.as_secs_f64(), down_path.bound.as_secs_f64());
        let (up_serial, down_serial) = (
            serial_sum(&graph, &model, Direction::Create).as_secs_f64(),
            serial_sum(&graph, &model, Direction::Delete).as_secs_f64(),
        );
        println!(
            "{name}: {} resources, scale {scale}; bound up {up_bound:.1} s via {}; down {down_bound:.1} s via {}; \
             one at a time ideal up {up_serial:.1} s, down {down_serial:.1} s",
            graph.nodes.len(),
            up_path.chain.join(" > "),
            down_path.chain.join(" > "),
        );
        // Side by side by default, each against its own emulator and proxy, each warmed up
        // before its clock starts: the runs wait far more than they compute, and one after
        // another the five built-ins take 18 minutes, past what `make bench` may. Side by side
        // costs 3% to 8% on the larger blueprints here (both are in BENCHMARKS.md);
        // `--one-by-one` measures without that contention.
        let results: Vec<(Duration, Duration, String)> = if one_by_one {
            (0..runs).map(|_| run(&runtime, &name, &model, 8)).collect()
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = (0..runs)
                    .map(|_| scope.spawn(|| run(&runtime, &name, &model, 8)))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().expect("a run"))
                    .collect()
            })
        };
        let ups: Vec<f64> = results.iter().map(|r| r.0.as_secs_f64()).collect();
        let downs: Vec<f64> = results.iter().map(|r| r.1.as_secs_f64()).collect();
        let (up, down) = (Spread::of(&ups), Spread::of(&downs));
        println!(
            "{name} concurrency 8, {runs} runs: up median {:.1} s ({:.3}x bound, {:.3}x one at a time; {:.1}-{:.1} s), \
             down median {:.1} s ({:.3}x bound, {:.3}x one at a time; {:.1}-{:.1} s); first run {}",
            up.median,
            up.median / up_bound,
            up.median / up_serial,
            up.min,
            up.max,
            down.median,
            down.median / down_bound,
            down.median / down_serial,
            down.min,
            down.max,
            results[0].2,
        );
        if serial {
            let (up, down, calls) = run(&runtime, &name, &model, 1);
            println!(
                "{name} concurrency 1: up {:.1} s ({:.3}x bound), down {:.1} s ({:.3}x bound); {calls}",
                up.as_secs_f64(),
                up.as_secs_f64() / up_bound,
                down.as_secs_f64(),
                down.as_secs_f64() / down_bound,
            );
        }
    }
}

/// The median and the range of a few timings.
struct Spread {
    median: f64,
    min: f64,
    max: f64,
}

impl Spread {
    fn of(values: &[f64]) -> Self {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let mid = sorted.len() / 2;
        let median = if sorted.len().is_multiple_of(2) {
            (sorted[mid - 1] + sorted[mid]) / 2.0
        } else {
            sorted[mid]
        };
        Self {
            median,
            min: sorted[0],
            max: sorted[sorted.len() - 1],
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
    let mut marks = Vec::new();
    let (up, down) = up_and_down(runtime, &sdk, blueprint, concurrency, || {
        marks.push(proxy.mark());
    });
    let all = proxy.actions_since(0);
    let up_actions = all[marks[0]..marks[1]].to_vec();
    let down_actions = all[marks[1]..].to_vec();
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

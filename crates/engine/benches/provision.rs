//! `make bench`: wall time to provision and tear down a blueprint in the emulator, behind the
//! fault proxy adding AWS-like latency to every call, at concurrency 1 and 8: what the parallel
//! walk buys. Each line is `name: seconds`.

use std::time::Duration;

use hangar_testkit::faults::{self, FaultPlan};
use hangar_testkit::{MotoServer, sdk_config};

#[path = "common/up_and_down.rs"]
mod up_and_down;
use up_and_down::up_and_down;

const LATENCY: Duration = Duration::from_millis(100);

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let blueprint = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "web-and-postgres".to_string());
    for concurrency in [1, 8] {
        let server = MotoServer::start().expect("moto");
        let proxy = faults::start(
            server.addr(),
            FaultPlan {
                latency: LATENCY,
                ..FaultPlan::default()
            },
        )
        .expect("proxy");
        let sdk = sdk_config(&proxy.endpoint());
        let (up, down) = up_and_down(&runtime, &sdk, &blueprint, concurrency, || {});
        println!(
            "{blueprint} concurrency {concurrency}, {} ms per call: up {:.1} s, down {:.1} s",
            LATENCY.as_millis(),
            up.as_secs_f64(),
            down.as_secs_f64()
        );
    }
}

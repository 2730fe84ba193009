//! `make bench`: wall time to provision and tear down a blueprint in the emulator, behind the
//! fault proxy adding AWS-like latency to every call, at concurrency 1 and 8: what the parallel
//! walk buys. Each line is `name: seconds`.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use hangar_core::builtin_source;
use hangar_engine::{Engine, NewEnvironmentRequest, OnFailure, null_sink};
use hangar_store::Store;
use hangar_testkit::faults::{self, FaultPlan};
use hangar_testkit::{MotoServer, sdk_config};

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
        let dir = tempfile::tempdir().expect("tempdir");
        let engine = Engine::new(
            Arc::new(Store::open_in(dir.path()).expect("store")),
            dir.path(),
        )
        .with_concurrency(concurrency);
        engine
            .create_environment(&NewEnvironmentRequest {
                name: "bench".into(),
                blueprint_name: blueprint.clone(),
                blueprint_source: builtin_source(&blueprint).expect("built-in").into(),
                overrides: BTreeMap::new(),
                profile: "Sandbox".into(),
                on_failure: OnFailure::Keep,
                expires_at: None,
            })
            .expect("valid");
        let start = Instant::now();
        runtime
            .block_on(engine.provision("bench", &sdk, null_sink()))
            .expect("provision");
        let up = start.elapsed();
        let start = Instant::now();
        runtime
            .block_on(engine.teardown("bench", &sdk, null_sink()))
            .expect("teardown");
        let down = start.elapsed();
        println!(
            "{blueprint} concurrency {concurrency}, {} ms per call: up {:.1} s, down {:.1} s",
            LATENCY.as_millis(),
            up.as_secs_f64(),
            down.as_secs_f64()
        );
    }
}

//! What both provisioning benchmarks do once their emulator and proxy stand: record the
//! built-in `blueprint` as environment `bench` in a throwaway history, provision it, tear it
//! down, and time each. `between` runs after the provision and before the teardown (a mark in
//! the proxy's request log, say).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use aws_config::SdkConfig;
use hangar_core::builtin_source;
use hangar_engine::{Engine, NewEnvironmentRequest, OnFailure, null_sink};
use hangar_store::Store;

/// The wall time of the provision and of the teardown.
pub fn up_and_down(
    runtime: &tokio::runtime::Runtime,
    sdk: &SdkConfig,
    blueprint: &str,
    concurrency: usize,
    between: impl FnOnce(),
) -> (Duration, Duration) {
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::new(
        Arc::new(Store::open_in(dir.path()).expect("store")),
        dir.path(),
    )
    .with_concurrency(concurrency);
    engine
        .create_environment(&NewEnvironmentRequest {
            name: "bench".into(),
            blueprint_name: blueprint.to_string(),
            blueprint_source: builtin_source(blueprint).expect("built-in").into(),
            overrides: BTreeMap::new(),
            profile: "Sandbox".into(),
            on_failure: OnFailure::Keep,
            expires_at: None,
        })
        .expect("valid");
    let start = Instant::now();
    runtime
        .block_on(engine.provision("bench", sdk, null_sink()))
        .expect("provision");
    let up = start.elapsed();
    between();
    let start = Instant::now();
    runtime
        .block_on(engine.teardown("bench", sdk, null_sink()))
        .expect("teardown");
    (up, start.elapsed())
}

//! The Sandbox's emulator starts beside the window (src-tauri/src/state.rs): a call to AWS made
//! before it answers waits for its endpoint instead of failing, or going to last run's port.

use std::sync::Arc;

use hangar_engine::Service;
use hangar_engine::service::StartingEmulator;
use hangar_keychain::Keychain;
use hangar_store::{ProfileKind, ProfileRecord};

use crate::support;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_made_while_the_sandbox_starts_waits_for_its_endpoint() {
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = support::engine(dir.path());
    let store = engine.store().clone();
    // The Sandbox profile as the window lists it while the emulator starts: no endpoint yet.
    let mut sandbox = ProfileRecord::new("Sandbox", ProfileKind::Sandbox, "us-east-1");
    store.save_profile(&sandbox).expect("save");
    let starting = Arc::new(StartingEmulator::default());
    let service = Service::new(engine, Keychain::os()).with_starting_sandbox(starting.clone());

    let call = tokio::spawn({
        let service = service.clone();
        async move { service.sdk_config("Sandbox", "eu-west-1").await }
    });
    // Without the wait the call ends at once, refused ("the Sandbox is not running").
    while !starting.is_waited_on() {
        assert!(
            !call.is_finished(),
            "the call did not wait for the emulator: {:?}",
            call.await.expect("joined").map(|_| ())
        );
        tokio::task::yield_now().await;
    }
    // What the app's starting thread does once the emulator answers.
    sandbox.endpoint = Some("http://127.0.0.1:45999".into());
    store.save_profile(&sandbox).expect("save");
    starting.finish(Ok("http://127.0.0.1:45999".into()));

    let config = call.await.expect("joined").expect("a config");
    assert_eq!(config.endpoint_url(), Some("http://127.0.0.1:45999"));
    assert_eq!(config.region().map(|r| r.as_ref()), Some("eu-west-1"));
}

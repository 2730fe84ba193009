//! Two environments that would take one account-unique name are refused when the second is
//! created, before any AWS call, naming the name and the environment that holds it.

use std::collections::BTreeMap;
use std::sync::Arc;

use hangar_engine::{Engine, EngineError, NewEnvironmentRequest};
use hangar_store::{EnvironmentStatus, OnFailure, Store};

fn request(name: &str, profile: &str, overrides: &[(&str, &str)]) -> NewEnvironmentRequest {
    NewEnvironmentRequest {
        name: name.into(),
        blueprint_name: "web-and-postgres".into(),
        blueprint_source: hangar_core::builtin_source("web-and-postgres")
            .expect("built-in")
            .into(),
        overrides: overrides
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
        profile: profile.into(),
        on_failure: OnFailure::Keep,
        expires_at: None,
    }
}

#[test]
fn a_second_copy_with_the_same_names_is_refused_until_renamed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::new(
        Arc::new(Store::open_in(dir.path()).expect("store")),
        dir.path(),
    );
    let first = engine
        .create_environment(&request("shop", "Sandbox", &[]))
        .expect("the first copy");

    let err = engine
        .create_environment(&request("shop-two", "Sandbox", &[]))
        .expect_err("same RDS identifier, same account and region");
    assert!(matches!(err, EngineError::Invalid(_)), "{err}");
    let message = err.to_string();
    assert!(
        message.contains("already taken by environment 'shop'"),
        "{message}"
    );
    assert!(message.contains("--set project="), "{message}");
    assert!(
        engine
            .store()
            .environment("shop-two")
            .expect("read")
            .is_none(),
        "nothing recorded"
    );

    // Other names, another account's profile, or the first copy gone: each is fine.
    engine
        .create_environment(&request("shop-renamed", "Sandbox", &[("project", "other")]))
        .expect("renamed copy");
    engine
        .create_environment(&request("shop-elsewhere", "Production", &[]))
        .expect("another profile");
    engine
        .store()
        .set_environment_status(first.id, EnvironmentStatus::Destroyed)
        .expect("status");
    engine
        .create_environment(&request("shop-again", "Sandbox", &[]))
        .expect("the first copy is destroyed");
}

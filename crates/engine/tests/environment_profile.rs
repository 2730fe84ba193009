//! An environment names an existing profile; the window never gives the empty name, which
//! would fall back to whatever the machine's default AWS credential chain holds.

use std::collections::BTreeMap;
use std::sync::Arc;

use hangar_engine::service::{
    CreateEnvironment, Lookup, ServiceError, require_profile, resolve_blueprint,
};
use hangar_engine::{Engine, Service};
use hangar_keychain::Keychain;
use hangar_store::{OnFailure, ProfileKind, ProfileRecord, Store};

fn create(service: &Service, profile: &str) -> Result<(), ServiceError> {
    let blueprint = resolve_blueprint("docker-host", None, Lookup::NamesOnly).expect("built in");
    service
        .create_environment(
            blueprint,
            CreateEnvironment {
                name: "dev".into(),
                overrides: BTreeMap::new(),
                profile: profile.into(),
                on_failure: OnFailure::Keep,
                users: None,
                lifetime: hangar_core::lifetime::LifetimeChoice::Never,
            },
        )
        .map(|_| ())
}

#[test]
fn the_empty_or_an_unknown_profile_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Arc::new(Store::open_in(dir.path()).expect("store"));
    let service = Service::new(Engine::new(store.clone(), dir.path()), Ok(Keychain::mock()));
    // What the window's create_environment asks before anything else.
    for blank in ["", "  "] {
        let err = require_profile(blank).expect_err("no profile named");
        assert!(
            err.to_string().contains("an environment needs a profile"),
            "{err}"
        );
    }
    assert!(require_profile("work").is_ok());
    // The service refuses it itself, so neither shell can forget to ask.
    let err = create(&service, "").expect_err("no profile");
    assert!(
        err.to_string().contains("an environment needs a profile"),
        "{err}"
    );
    let err = create(&service, "work").expect_err("no such profile");
    assert!(matches!(err, ServiceError::NotFound(_)), "{err}");
    assert!(
        err.to_string().contains("no profile named \"work\""),
        "{err}"
    );
    assert!(store.list_environments().expect("list").is_empty());

    store
        .save_profile(&ProfileRecord::new(
            "work",
            ProfileKind::AccessKeys,
            "eu-west-1",
        ))
        .expect("profile");
    create(&service, "work").expect("an existing profile");
}

//! What the engine's tests share: an engine over a fresh history, a built-in blueprint's
//! environment in the Sandbox, and the kinds a look by tag can find.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use hangar_core::graph::ResourceKind;
use hangar_engine::{Engine, NewEnvironmentRequest};
use hangar_resources::{Clients, Ctx};
use hangar_store::Store;

/// Every kind a look by tag can find.
pub fn tagged_kinds() -> impl Iterator<Item = ResourceKind> {
    ResourceKind::all().filter(|k| k.found_by_tag())
}

pub fn engine(dir: &Path) -> Engine {
    Engine::new(Arc::new(Store::open_in(dir).expect("store")), dir)
}

/// Records `env` from a built-in blueprint, its defaults, in the Sandbox profile.
pub fn create(engine: &Engine, env: &str, blueprint: &str, on_failure: &str) {
    engine
        .create_environment(&NewEnvironmentRequest {
            name: env.into(),
            blueprint_name: blueprint.into(),
            blueprint_source: hangar_core::builtin_source(blueprint)
                .expect("built-in")
                .into(),
            overrides: BTreeMap::new(),
            profile: "Sandbox".into(),
            on_failure: on_failure.parse().expect("keep or rollback"),
            expires_at: None,
        })
        .expect("valid");
}

/// The context the engine's own jobs use for `env`: its name, its id from the history.
pub fn ctx(engine: &Engine, env: &str, sdk: &aws_config::SdkConfig, region: &str) -> Ctx {
    let record = engine.store().environment(env).expect("read").expect("env");
    Ctx::new(Clients::new(sdk), env, record.uid, region)
}

/// The ids of EC2 resources tagged with an environment's name, of any id: asked of EC2
/// directly (DescribeTags), not through Hangar's own look-ups.
pub async fn ec2_named(sdk: &aws_config::SdkConfig, env: &str) -> Vec<String> {
    let filter = |name: &str, value: &str| {
        aws_sdk_ec2::types::Filter::builder()
            .name(name)
            .values(value)
            .build()
    };
    aws_sdk_ec2::Client::new(sdk)
        .describe_tags()
        .filters(filter("key", "hangar:env"))
        .filters(filter("value", env))
        .send()
        .await
        .expect("DescribeTags")
        .tags()
        .iter()
        .filter_map(|t| t.resource_id().map(str::to_string))
        .collect()
}

/// The environment's status, spelled as the history stores it.
pub fn status(engine: &Engine, env: &str) -> String {
    engine
        .store()
        .environment(env)
        .expect("read")
        .expect("env")
        .status
        .to_string()
}

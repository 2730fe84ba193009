//! `pause` and `wake`: office hours by hand. The job is the engine's (shared with the window
//! through the service); this only names it and reports where the environment ended.

use std::path::Path;

use hangar_engine::{Consent, JobKind};
use hangar_store::Store;

use crate::env_args::EnvArgs;

/// Stops the environment's EC2 and RDS instances; it is `paused` until `hangar wake`.
pub fn pause(store: Store, data_dir: &Path, args: EnvArgs, json: bool) -> Result<(), String> {
    run(store, data_dir, args, json, JobKind::Pause)
}

/// Starts what a pause stopped; the environment is `ready` again.
pub fn wake(store: Store, data_dir: &Path, args: EnvArgs, json: bool) -> Result<(), String> {
    run(store, data_dir, args, json, JobKind::Wake)
}

fn run(
    store: Store,
    data_dir: &Path,
    args: EnvArgs,
    json: bool,
    kind: JobKind,
) -> Result<(), String> {
    let service = crate::env::service(store, data_dir, 8)?;
    crate::env::run_job(
        &service,
        &args.env,
        args.profile,
        &Consent::default(),
        json,
        kind,
    )
}

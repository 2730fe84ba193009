//! `up`, `down`, `resume`, `refresh`, `list`, `show`, `logs`: environments from the command line, on the
//! same engine as the window. Progress goes to stderr (or as JSON lines to stdout with
//! `--json`), so stdout stays clean for scripts.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use aws_config::SdkConfig;
use hangar_cloud::CredentialsCache;
use hangar_core::{Overrides, builtin_source};
use hangar_engine::{Engine, Event, NewEnvironmentRequest, Sink};
use hangar_keychain::Keychain;
use hangar_store::{EnvironmentStatus, JobStatus, ResourceState, Store};
use serde::Serialize;

use crate::env_args::{EnvArgs, LogsArgs, UpArgs};
use crate::output::print_rows;

/// The profile name recorded for an environment made with the SDK's default chain.
const DEFAULT_CHAIN: &str = "";

pub fn up(store: Store, data_dir: &Path, args: UpArgs, json: bool) -> Result<(), String> {
    let (blueprint_name, source) = blueprint_source(&args.blueprint)?;
    let overrides = Overrides::parse_pairs(&args.set).map_err(|e| e.to_string())?;
    // Every row is checked before anything is recorded; an invalid row refuses the whole run.
    let users = args
        .users
        .as_deref()
        .map(|file| crate::users_env::accepted(file, false))
        .transpose()?;
    let engine = engine(store, data_dir, args.concurrency)?;
    let profile = args
        .profile
        .clone()
        .unwrap_or_else(|| DEFAULT_CHAIN.to_string());
    let request = NewEnvironmentRequest {
        name: args.name.clone(),
        blueprint_name,
        blueprint_source: source,
        overrides: overrides.0,
        profile: profile.clone(),
        on_failure: args.on_failure,
    };
    match &users {
        Some(users) => engine.create_environment_with_users(&request, users),
        None => engine.create_environment(&request),
    }
    .map_err(|e| e.to_string())?;
    run_job(&engine, &args.name, Some(profile), json, Job::Provision)
}

pub fn down(store: Store, data_dir: &Path, args: EnvArgs, json: bool) -> Result<(), String> {
    let engine = engine(store, data_dir, 8)?;
    run_job(&engine, &args.env, args.profile, json, Job::Teardown)
}

pub fn resume(store: Store, data_dir: &Path, args: EnvArgs, json: bool) -> Result<(), String> {
    let engine = engine(store, data_dir, 8)?;
    run_job(&engine, &args.env, args.profile, json, Job::Resume)
}

/// Exits non-zero when something drifted, so a script can tell.
pub fn refresh(store: Store, data_dir: &Path, args: EnvArgs, json: bool) -> Result<(), String> {
    let engine = engine(store, data_dir, 8)?;
    run_job(&engine, &args.env, args.profile, json, Job::Refresh)?;
    let env = engine
        .store()
        .environment(&args.env)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no environment named '{}'", args.env))?;
    let missing: Vec<String> = engine
        .store()
        .resources(env.id)
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter(|r| r.state == ResourceState::Missing)
        .map(|r| r.logical_name)
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} drifted: {} gone from AWS ({}); `hangar resume {}` makes them again",
            env.name,
            missing.len(),
            missing.join(", "),
            env.name
        ))
    }
}

enum Job {
    Provision,
    Resume,
    Teardown,
    Refresh,
}

fn engine(store: Store, data_dir: &Path, concurrency: usize) -> Result<Engine, String> {
    let engine = Engine::new(Arc::new(store), data_dir).with_concurrency(concurrency);
    // A job a killed process left `running` is found here, on the next start.
    for job in engine.recover_interrupted().map_err(|e| e.to_string())? {
        eprintln!(
            "hangar: job {} ({}) was interrupted; `hangar resume` continues it, `hangar down` removes what it made",
            job.id, job.kind
        );
    }
    Ok(engine)
}

fn run_job(
    engine: &Engine,
    env_name: &str,
    profile: Option<String>,
    json: bool,
    job: Job,
) -> Result<(), String> {
    let env = engine
        .store()
        .environment(env_name)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no environment named '{env_name}'"))?;
    let profile = profile.unwrap_or(env.profile);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    runtime.block_on(async {
        let sdk = sdk_config(engine.store(), &profile, &env.region).await?;
        let sink = if json { json_sink() } else { text_sink() };
        let result = match job {
            Job::Provision => engine.provision(env_name, &sdk, sink).await,
            Job::Resume => engine.resume(env_name, &sdk, sink).await,
            Job::Teardown => engine.teardown(env_name, &sdk, sink).await,
            Job::Refresh => engine.refresh(env_name, &sdk, sink).await,
        };
        result.map(drop).map_err(|e| e.to_string())
    })
}

/// A stored profile's credentials (keychain, STS), or the SDK's default chain.
async fn sdk_config(store: &Arc<Store>, profile: &str, region: &str) -> Result<SdkConfig, String> {
    if profile == DEFAULT_CHAIN {
        return Ok(aws_config::defaults(aws_config::BehaviorVersion::latest())
            .region(aws_config::Region::new(region.to_string()))
            .load()
            .await);
    }
    let keychain = Keychain::os().map_err(|e| e.to_string())?;
    let cache = CredentialsCache::new();
    let plan = crate::profile::profiles(store, &keychain, &cache)
        .plan(profile)
        .map_err(|e| e.to_string())?;
    Ok(hangar_cloud::credentials::sdk_config(Arc::new(plan), Arc::new(cache)).await)
}

fn blueprint_source(arg: &str) -> Result<(String, String), String> {
    if let Some(text) = builtin_source(arg) {
        return Ok((arg.to_string(), text.to_string()));
    }
    let path = Path::new(arg);
    if path.is_file() {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| arg.to_string());
        return Ok((name, text));
    }
    Err(format!(
        "'{arg}' is neither a built-in blueprint nor a file"
    ))
}

fn text_sink() -> Sink {
    Arc::new(|event| {
        let line = match event {
            Event::JobStarted {
                job_id,
                kind,
                total,
            } => {
                format!("job {job_id}: {} of {total} resources", kind.as_str())
            }
            Event::Node {
                logical,
                state,
                aws_id,
                error,
                ..
            } => match (aws_id, error) {
                (_, Some(error)) => format!("  {:<9} {logical}: {error}", state.as_str()),
                (Some(id), None) => format!("  {:<9} {logical} {id}", state.as_str()),
                (None, None) if state.as_str() == "pending" => return,
                (None, None) => format!("  {:<9} {logical}", state.as_str()),
            },
            Event::Progress { .. } | Event::Log { .. } => return,
            Event::JobFinished {
                job_id,
                status,
                error,
                ..
            } => match error {
                Some(error) => format!("job {job_id} {status}: {error}"),
                None => format!("job {job_id} {status}"),
            },
        };
        let _ = writeln!(std::io::stderr(), "{line}");
    })
}

fn json_sink() -> Sink {
    Arc::new(|event| {
        if let Ok(line) = serde_json::to_string(&event) {
            let _ = writeln!(std::io::stdout(), "{line}");
        }
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EnvRow {
    name: String,
    blueprint: String,
    region: String,
    status: EnvironmentStatus,
    profile: String,
    created_at: String,
}

pub fn list(store: &Store, json: bool) -> Result<(), String> {
    let rows: Vec<EnvRow> = store
        .list_environments()
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|e| EnvRow {
            name: e.name,
            blueprint: e.blueprint,
            region: e.region,
            status: e.status,
            profile: e.profile,
            created_at: e.created_at,
        })
        .collect();
    print_rows(
        &rows,
        json,
        &["NAME", "BLUEPRINT", "REGION", "STATUS", "CREATED"],
        |e| {
            vec![
                e.name.clone(),
                e.blueprint.clone(),
                e.region.clone(),
                e.status.to_string(),
                e.created_at.clone(),
            ]
        },
    );
    Ok(())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResourceRow {
    kind: String,
    logical: String,
    aws_id: Option<String>,
    state: ResourceState,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Shown {
    name: String,
    blueprint: String,
    region: String,
    status: EnvironmentStatus,
    resources: Vec<ResourceRow>,
    outputs: BTreeMap<String, String>,
}

pub fn show(store: &Store, env_name: &str, json: bool) -> Result<(), String> {
    let env = store
        .environment(env_name)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no environment named '{env_name}'"))?;
    let resources: Vec<ResourceRow> = store
        .resources(env.id)
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|r| ResourceRow {
            kind: r.kind,
            logical: r.logical_name,
            aws_id: r.aws_id,
            state: r.state,
        })
        .collect();
    let outputs: BTreeMap<String, String> = serde_json::from_str(&env.outputs).unwrap_or_default();
    if json {
        let shown = Shown {
            name: env.name,
            blueprint: env.blueprint,
            region: env.region,
            status: env.status,
            resources,
            outputs,
        };
        outln!(
            "{}",
            serde_json::to_string_pretty(&shown).map_err(|e| e.to_string())?
        );
        return Ok(());
    }
    outln!(
        "{} ({}, {}): {}",
        env.name,
        env.blueprint,
        env.region,
        env.status
    );
    print_rows(
        &resources,
        false,
        &["KIND", "LOGICAL", "AWS ID", "STATE"],
        |r| {
            vec![
                r.kind.clone(),
                r.logical.clone(),
                r.aws_id.clone().unwrap_or_default(),
                r.state.to_string(),
            ]
        },
    );
    for (name, value) in outputs {
        outln!("{name} = {value}");
    }
    Ok(())
}

pub fn logs(store: &Store, args: LogsArgs) -> Result<(), String> {
    let env = store
        .environment(&args.env)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no environment named '{}'", args.env))?;
    let jobs = store.jobs(env.id).map_err(|e| e.to_string())?;
    let job = match args.job {
        Some(id) => jobs
            .into_iter()
            .find(|j| j.id == id)
            .ok_or_else(|| format!("'{}' has no job {id}", args.env))?,
        None => jobs
            .into_iter()
            .next()
            .ok_or_else(|| format!("'{}' has no jobs yet", args.env))?,
    };
    let mut after = 0;
    loop {
        let lines = store.logs(job.id, after, 1000).map_err(|e| e.to_string())?;
        for line in &lines {
            outln!(
                "{} {:<5} {:<28} {}",
                line.at,
                line.level.as_str(),
                line.source,
                line.message
            );
            after = line.id;
        }
        if !lines.is_empty() {
            continue;
        }
        let running = store
            .job(job.id)
            .map_err(|e| e.to_string())?
            .is_some_and(|j| j.status == JobStatus::Running);
        if !args.follow || !running {
            return Ok(());
        }
        // Following another process's job: the history is the only channel between us.
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
}

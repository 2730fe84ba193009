//! `up`, `down`, `resume`, `refresh`, `list`, `show`, `logs`: environments from the command line, on the
//! same engine as the window. Progress goes to stderr (or as JSON lines to stdout with
//! `--json`), so stdout stays clean for scripts.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use hangar_core::drift::{Repair, SettingDrift};
use hangar_core::graph::Stage;
use hangar_core::warnings::needing_consent;
use hangar_core::{Overrides, ResourceKind};
use hangar_engine::service::{CreateEnvironment, users_policy};
use hangar_engine::{Consent, Engine, Event, JobKind, Service, Sink};
use hangar_keychain::Keychain;
use hangar_store::{EnvironmentStatus, JobStatus, ResourceState, Store};
use serde::Serialize;

use crate::env_args::{DownArgs, EnvArgs, LogsArgs, ResumeArgs, UpArgs};
use crate::output::print_rows;

pub fn up(store: Store, data_dir: &Path, args: UpArgs, json: bool) -> Result<(), String> {
    let service = service(store, data_dir, args.concurrency)?;
    let blueprint = service
        .blueprint_or_file(&args.blueprint)
        .map_err(|e| e.to_string())?;
    let overrides = Overrides::parse_pairs(&args.set).map_err(|e| e.to_string())?;
    let roles = crate::users_env::roles(args.roles.as_deref())?;
    let policy = users_policy(&blueprint.text, roles);
    // Every row is checked before anything is recorded; an invalid row refuses the whole run.
    let users = args
        .users
        .as_deref()
        .map(|file| crate::users_env::accepted(file, false, &policy))
        .transpose()?;
    // Refused before anything is recorded, so the same `up` can be run again with the flag.
    if !args.accept_risk {
        refuse_unaccepted_risks(&args.name, &blueprint.text, &overrides)?;
    }
    let create = CreateEnvironment {
        name: args.name.clone(),
        overrides: overrides.0.clone(),
        // No profile: the default one. Never the SDK's default chain, which would act with
        // whatever the shell's variables or ~/.aws hold.
        profile: match &args.profile {
            Some(name) => name.clone(),
            None => default_profile(&service)?.ok_or(NO_PROFILE)?,
        },
        on_failure: args.on_failure,
        users,
        lifetime: args.expires_in,
    };
    service
        .create_environment(blueprint, create)
        .map_err(|e| e.to_string())?;
    let consent = Consent {
        accept_risk: args.accept_risk,
        ..Consent::default()
    };
    run_job(
        &service,
        &args.name,
        None,
        &consent,
        json,
        JobKind::Provision,
    )
}

/// The plan's warnings that need a yes, each with its blueprint path, and the flag that gives
/// it. A blueprint that does not plan is left for `create_environment` to report in full.
fn refuse_unaccepted_risks(env: &str, text: &str, overrides: &Overrides) -> Result<(), String> {
    let Ok(plan) =
        hangar_core::parse_blueprint(text).and_then(|bp| hangar_core::plan(&bp, overrides))
    else {
        return Ok(());
    };
    let risks = needing_consent(&plan.warnings, plan.stage);
    if risks.is_empty() {
        return Ok(());
    }
    let lines: Vec<String> = risks
        .iter()
        .map(|w| format!("  {}: {}", w.path, w.message))
        .collect();
    Err(format!(
        "{env} was not created: its plan has {} warning(s) that need the risk accepted:\n{}\nchange the blueprint, or pass --accept-risk to create it anyway",
        risks.len(),
        lines.join("\n")
    ))
}

/// A prod environment goes only with its name confirmed: `--yes-destroy-prod ENV`, or typed
/// at a prompt on a terminal. What the teardown keeps is listed with its monthly cost.
pub fn down(store: Store, data_dir: &Path, args: DownArgs, json: bool) -> Result<(), String> {
    let service = service(store, data_dir, 8)?;
    let name = args.env.env.as_str();
    let stage = service.stage(name).map_err(|e| e.to_string())?;
    let confirm = match (stage, args.yes_destroy_prod) {
        (Stage::NonProd, _) => None,
        (Stage::Prod, Some(given)) => Some(given),
        (Stage::Prod, None) => Some(crate::confirm::ask_prod_name(name)?),
    };
    let consent = Consent {
        destroy_name: confirm,
        ..Consent::default()
    };
    run_job(
        &service,
        name,
        args.env.profile,
        &consent,
        json,
        JobKind::Teardown,
    )?;
    let retained = service.retained(name).map_err(|e| e.to_string())?;
    if !json {
        crate::confirm::print_retained(&retained);
    }
    Ok(())
}

pub fn resume(store: Store, data_dir: &Path, args: ResumeArgs, json: bool) -> Result<(), String> {
    let service = service(store, data_dir, 8)?;
    let consent = Consent {
        accept_risk: args.accept_risk,
        ..Consent::default()
    };
    run_job(
        &service,
        &args.env.env,
        args.env.profile,
        &consent,
        json,
        JobKind::Resume,
    )
}

/// Exits non-zero when something drifted, so a script can tell.
pub fn refresh(store: Store, data_dir: &Path, args: EnvArgs, json: bool) -> Result<(), String> {
    let service = service(store, data_dir, 8)?;
    run_job(
        &service,
        &args.env,
        args.profile,
        &Consent::default(),
        json,
        JobKind::Refresh,
    )?;
    let env = service.environment(&args.env).map_err(|e| e.to_string())?;
    let rows = service
        .store()
        .resources(env.id)
        .map_err(|e| e.to_string())?;
    let missing: Vec<&str> = rows
        .iter()
        .filter(|r| r.state == ResourceState::Missing)
        .map(|r| r.logical_name.as_str())
        .collect();
    let changed: Vec<(&str, &SettingDrift)> = rows
        .iter()
        .flat_map(|r| r.drift.iter().map(|d| (r.logical_name.as_str(), d)))
        .collect();
    if json {
        let changed: Vec<serde_json::Value> = changed
            .iter()
            .map(|(logical, d)| {
                serde_json::json!({
                    "logical": logical,
                    "setting": d.setting,
                    "want": d.want,
                    "have": d.have,
                    "inPlace": d.setting.repair() == Repair::InPlace,
                })
            })
            .collect();
        outln!(
            "{}",
            serde_json::json!({"type": "drift", "missing": missing, "changed": changed})
        );
    } else {
        for (logical, d) in &changed {
            let how = match d.setting.repair() {
                Repair::InPlace => "resume puts it back".to_string(),
                Repair::NotInPlace(why) => why.to_string(),
            };
            outln!("{logical}: {d} ({how})");
        }
    }
    if missing.is_empty() && changed.is_empty() {
        return Ok(());
    }
    let mut said = Vec::new();
    if !missing.is_empty() {
        said.push(format!(
            "{} gone from AWS ({})",
            missing.len(),
            missing.join(", ")
        ));
    }
    if !changed.is_empty() {
        said.push(format!("{} settings changed", changed.len()));
    }
    Err(format!(
        "{} drifted: {}; `hangar resume {}` repairs what it can",
        env.name,
        said.join(", "),
        env.name
    ))
}

pub(crate) fn service(
    store: Store,
    data_dir: &Path,
    concurrency: usize,
) -> Result<Service, String> {
    let engine = Engine::new(Arc::new(store), data_dir).with_concurrency(concurrency);
    // A job a killed process left `running` is found here, on the next start.
    for job in engine.recover_interrupted().map_err(|e| e.to_string())? {
        eprintln!(
            "hangar: job {} ({}) was interrupted; `hangar resume` continues it, `hangar down` removes what it made",
            job.id, job.kind
        );
    }
    Ok(Service::new(engine, Keychain::os())
        .with_mfa_prompt(Arc::new(crate::mfa_prompt::TerminalMfa)))
}

/// Runs the job to its end, progress on stderr (or JSON lines on stdout).
pub(crate) fn run_job(
    service: &Service,
    env_name: &str,
    profile: Option<String>,
    consent: &Consent,
    json: bool,
    kind: JobKind,
) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    let inner = if json { json_sink() } else { text_sink() };
    let generated = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let seen = generated.clone();
    let sink: Sink = Arc::new(move |event| {
        if matches!(event, Event::PasswordGenerated) {
            seen.store(true, std::sync::atomic::Ordering::SeqCst);
        }
        inner(event);
    });
    let result = runtime
        .block_on(service.run_job(kind, env_name, profile.as_deref(), consent, sink))
        .map(drop)
        .map_err(|e| e.to_string());
    // Shown once, whatever the job's outcome: a host may already run with it.
    if generated.load(std::sync::atomic::Ordering::SeqCst) {
        crate::secret::print_generated(service, env_name, json)?;
    }
    result
}

pub(crate) fn text_sink() -> Sink {
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
            Event::PasswordGenerated => {
                "  generated the environment's password (kept in the OS keychain)".to_string()
            }
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

pub(crate) fn json_sink() -> Sink {
    Arc::new(|event| {
        if let Ok(line) = serde_json::to_string(&event) {
            let _ = writeln!(std::io::stdout(), "{line}");
        }
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResourceRow {
    kind: ResourceKind,
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
                r.kind.to_string(),
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

const NO_PROFILE: &str = "no profile to act with: name one with --profile, make one the \
    default (`hangar profile default NAME`), or add one (`hangar profile add`, or `hangar \
    profile import` for ~/.aws)";

/// The default profile's name, if one is the default.
fn default_profile(service: &Service) -> Result<Option<String>, String> {
    let profiles = service.store().list_profiles().map_err(|e| e.to_string())?;
    Ok(profiles.into_iter().find(|p| p.is_default).map(|p| p.name))
}

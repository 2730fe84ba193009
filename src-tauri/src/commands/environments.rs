//! Environments: the list, one environment (with its plan for the diagram), creating one from
//! a blueprint, job logs, and the jobs a crash left behind. Running jobs are in `jobs.rs`.

use hangar_core::builtin_source;
use hangar_engine::{EngineError, NewEnvironmentRequest, next_jobs, plan_for};
use hangar_ipc::{
    ApiError, CreateEnvironmentInput, EnvironmentDetail, EnvironmentSummary, ErrorCode, JobView,
    LogLine,
};
use hangar_store::{EnvironmentRecord, EnvironmentStatus};
use tauri::Emitter;

use super::environment_views as views;
use super::error;
use crate::state::AppState;

type State<'a> = tauri::State<'a, AppState>;

/// The event every list listens to; the payload is the environment's name.
pub const CHANGED: &str = "environments-changed";

pub fn engine_error(err: EngineError) -> ApiError {
    ApiError::from(err)
}

fn record(state: &AppState, name: &str) -> Result<EnvironmentRecord, ApiError> {
    state
        .store
        .environment(name)
        .map_err(error::store)?
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!("no environment named '{name}'"),
            )
        })
}

#[tauri::command]
pub fn list_environments(state: State<'_>) -> Result<Vec<EnvironmentSummary>, ApiError> {
    let envs = state.store.list_environments().map_err(error::store)?;
    Ok(envs
        .iter()
        .map(|env| views::summary(env, plan_for(env).ok().as_ref()))
        .collect())
}

#[tauri::command]
pub fn get_environment(state: State<'_>, name: String) -> Result<EnvironmentDetail, ApiError> {
    let env = record(&state, &name)?;
    let plan = plan_for(&env).ok();
    let resources = state.store.resources(env.id).map_err(error::store)?;
    let jobs = state.store.jobs(env.id).map_err(error::store)?;
    Ok(EnvironmentDetail {
        summary: views::summary(&env, plan.as_ref()),
        on_failure: env.on_failure,
        next_jobs: next_jobs(env.status, jobs.first().map(|j| (j.kind, j.status))),
        parameters: views::string_map(&env.parameters),
        resources: resources.into_iter().map(views::resource).collect(),
        outputs: views::string_map(&env.outputs),
        jobs: jobs.into_iter().map(|j| views::job(j, &env.name)).collect(),
        plan: plan.map(Box::new),
    })
}

/// Validates and records the environment; nothing is sent to AWS until it is provisioned.
#[tauri::command]
pub fn create_environment(
    app: tauri::AppHandle,
    state: State<'_>,
    input: CreateEnvironmentInput,
) -> Result<EnvironmentSummary, ApiError> {
    let source = match (input.source, builtin_source(&input.blueprint)) {
        (Some(text), _) => text,
        (None, Some(builtin)) => builtin.to_string(),
        (None, None) => {
            state
                .store
                .get_blueprint(&input.blueprint)
                .map_err(error::store)?
                .ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::NotFound,
                        format!("no blueprint named '{}'", input.blueprint),
                    )
                })?
                .source
        }
    };
    let env = state
        .engine
        .create_environment(&NewEnvironmentRequest {
            name: input.name,
            blueprint_name: input.blueprint,
            blueprint_source: source,
            overrides: input.overrides,
            profile: input.profile,
            on_failure: input.on_failure,
        })
        .map_err(engine_error)?;
    let _ = app.emit(CHANGED, &env.name);
    Ok(views::summary(&env, plan_for(&env).ok().as_ref()))
}

/// A job's log lines after `after_id` (0 for all), oldest first, at most `limit`.
#[tauri::command]
pub fn job_logs(
    state: State<'_>,
    job_id: i64,
    after_id: i64,
    limit: u32,
) -> Result<Vec<LogLine>, ApiError> {
    let lines = state
        .store
        .logs(job_id, after_id, limit)
        .map_err(error::store)?;
    Ok(lines.into_iter().map(views::log_line).collect())
}

/// Every job of every environment, the newest first.
#[tauri::command]
pub fn job_history(state: State<'_>) -> Result<Vec<JobView>, ApiError> {
    let mut jobs = Vec::new();
    for env in state.store.list_environments().map_err(error::store)? {
        let records = state.store.jobs(env.id).map_err(error::store)?;
        jobs.extend(records.into_iter().map(|j| views::job(j, &env.name)));
    }
    jobs.sort_by_key(|job| std::cmp::Reverse(job.id));
    Ok(jobs)
}

/// The jobs found interrupted when the app started whose environment still waits for Resume
/// or Tear down.
#[tauri::command]
pub fn interrupted_jobs(state: State<'_>) -> Result<Vec<JobView>, ApiError> {
    let envs = state.store.list_environments().map_err(error::store)?;
    Ok(state
        .interrupted
        .iter()
        .filter_map(|job| {
            let env = envs.iter().find(|e| e.id == job.environment_id)?;
            (env.status == EnvironmentStatus::Interrupted)
                .then(|| views::job(job.clone(), &env.name))
        })
        .collect())
}

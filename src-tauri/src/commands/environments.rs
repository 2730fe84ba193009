//! Environments: the list, one environment (with its plan for the diagram), creating one from
//! a blueprint, job logs, and the jobs a crash left behind. Running jobs are in `jobs.rs`.

use hangar_core::lifetime::LifetimeChoice;
use hangar_engine::service::CreateEnvironment;
use hangar_engine::{next_jobs_of, plan_for};
use hangar_ipc::{
    ApiError, CreateEnvironmentInput, EnvironmentDetail, EnvironmentSummary, ErrorCode, JobView,
    LogLine, LogTail,
};
use hangar_store::EnvironmentStatus;
use tauri::Emitter;

use super::environment_views as views;
use super::error;
use crate::state::AppState;

type State<'a> = tauri::State<'a, AppState>;

/// The event every list listens to; the payload is the environment's name.
pub const CHANGED: &str = "environments-changed";

/// Each with the cost recorded when it was created: listing plans nothing.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn list_environments(state: State<'_>) -> Result<Vec<EnvironmentSummary>, ApiError> {
    state
        .blocking(|service| {
            let envs = service.list_environments().map_err(error::service)?;
            Ok(envs.iter().map(views::summary).collect())
        })
        .await
}

#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn get_environment(
    state: State<'_>,
    name: String,
) -> Result<EnvironmentDetail, ApiError> {
    state
        .blocking(move |service| {
            let env = service.environment(&name).map_err(error::service)?;
            // The diagram needs the plan itself, not only its cost.
            let plan = plan_for(&env).ok();
            let store = service.store();
            let resources = store.resources(env.id).map_err(error::store)?;
            let jobs = store.jobs(env.id).map_err(error::store)?;
            let retained = store.retained(env.id).map_err(error::store)?;
            let listing = service.listing(env).map_err(error::service)?;
            let env = &listing.record;
            Ok(EnvironmentDetail {
                summary: views::summary(&listing),
                on_failure: env.on_failure,
                next_jobs: next_jobs_of(env, jobs.first().map(|j| (j.kind, j.status))),
                parameters: views::string_map(&env.parameters),
                resources: resources.into_iter().map(views::resource).collect(),
                outputs: views::string_map(&env.outputs),
                jobs: jobs.into_iter().map(|j| views::job(j, &env.name)).collect(),
                retained,
                plan: plan.map(Box::new),
            })
        })
        .await
}

/// Validates and records the environment; nothing is sent to AWS until it is provisioned.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn create_environment(
    app: tauri::AppHandle,
    state: State<'_>,
    input: CreateEnvironmentInput,
) -> Result<EnvironmentSummary, ApiError> {
    let lifetime = super::profile_views::lifetime(input.lifetime.as_deref(), "lifetime")?;
    let listing = state
        .blocking(move |service| {
            let blueprint = service
                .blueprint_or_given(&input.blueprint, input.source)
                .map_err(error::service)?;
            let create = CreateEnvironment {
                name: input.name,
                overrides: input.overrides,
                profile: input.profile,
                on_failure: input.on_failure,
                users: None,
                // The window sends the lifetime it shows, none for never.
                lifetime: lifetime.map_or(LifetimeChoice::Never, LifetimeChoice::For),
            };
            service
                .create_environment(blueprint, create)
                .map_err(error::service)
        })
        .await?;
    state.expiry_changed.notify_one();
    let _ = app.emit(CHANGED, &listing.record.name);
    Ok(views::summary(&listing))
}

/// Gives the environment `by` more (`4h`, `90m`, `2d`; added to an expiry still ahead, else to
/// now), or `never` to clear its expiry.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn extend_environment(
    app: tauri::AppHandle,
    state: State<'_>,
    name: String,
    by: String,
) -> Result<EnvironmentSummary, ApiError> {
    let by = match by.trim() {
        "never" => None,
        text => Some(
            super::profile_views::lifetime(Some(text), "by")?.ok_or_else(|| {
                ApiError::new(
                    ErrorCode::Invalid,
                    "say how much longer: 4h, 90m, 2d or never",
                )
            })?,
        ),
    };
    let listing = state
        .blocking(move |service| {
            match by {
                Some(by) => service.extend(&name, by).map(drop),
                None => service.clear_expiry(&name),
            }
            .map_err(error::service)?;
            let env = service.environment(&name).map_err(error::service)?;
            service.listing(env).map_err(error::service)
        })
        .await?;
    state.expiry_changed.notify_one();
    let _ = app.emit(CHANGED, &listing.record.name);
    Ok(views::summary(&listing))
}

/// A job's log lines after `after_id` (0 for all), oldest first, at most `limit`.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn job_logs(
    state: State<'_>,
    job_id: i64,
    after_id: i64,
    limit: u32,
) -> Result<Vec<LogLine>, ApiError> {
    state
        .blocking(move |service| {
            let lines = service
                .store()
                .logs(job_id, after_id, limit)
                .map_err(error::store)?;
            Ok(lines.into_iter().map(views::log_line).collect())
        })
        .await
}

/// The last `limit` lines of a job's log before `before_id` (null: its end), oldest first:
/// what a log view shows first, however long the job's log is.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn job_log_tail(
    state: State<'_>,
    job_id: i64,
    before_id: Option<i64>,
    limit: u32,
) -> Result<LogTail, ApiError> {
    state
        .blocking(move |service| {
            let (lines, earlier) = service
                .store()
                .log_tail(job_id, before_id, limit.min(MAX_TAIL))
                .map_err(error::store)?;
            Ok(LogTail {
                lines: lines.into_iter().map(views::log_line).collect(),
                earlier,
            })
        })
        .await
}

/// The most lines one tail answers: a view pages back for more.
const MAX_TAIL: u32 = 10_000;

/// Every job of every environment, the newest first.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn job_history(state: State<'_>) -> Result<Vec<JobView>, ApiError> {
    state
        .blocking(|service| {
            let store = service.store();
            let mut jobs = Vec::new();
            for env in store.list_environments().map_err(error::store)? {
                let records = store.jobs(env.id).map_err(error::store)?;
                jobs.extend(records.into_iter().map(|j| views::job(j, &env.name)));
            }
            jobs.sort_by_key(|job| std::cmp::Reverse(job.id));
            Ok(jobs)
        })
        .await
}

/// The jobs found interrupted when the app started whose environment still waits for Resume
/// or Tear down.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn interrupted_jobs(state: State<'_>) -> Result<Vec<JobView>, ApiError> {
    let interrupted = state.interrupted.clone();
    state
        .blocking(move |service| {
            let envs = service.store().list_environments().map_err(error::store)?;
            Ok(interrupted
                .into_iter()
                .filter_map(|job| {
                    let env = envs.iter().find(|e| e.id == job.environment_id)?;
                    (env.status == EnvironmentStatus::Interrupted)
                        .then(|| views::job(job, &env.name))
                })
                .collect())
        })
        .await
}

/// The environment's generated password, for the page's one-time panel and its Reveal: read
/// from the keychain on each call, never cached here or logged.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn environment_password(state: State<'_>, name: String) -> Result<String, ApiError> {
    state
        .blocking(move |service| {
            let secret = service
                .environment_password(&name)
                .map_err(error::service)?;
            Ok(secret.expose().to_string())
        })
        .await
}

//! Provision, resume, refresh and tear down: `run_job` runs the engine's job on the async
//! runtime, streams its events through the caller's channel, and returns when the job ends.
//! Status changes are announced with `environments-changed`; the end of a job (but a refresh)
//! with a desktop notification.

use std::sync::Arc;

use aws_config::SdkConfig;
use hangar_engine::{Event, JobKind, Sink};
use hangar_ipc::{ApiError, ErrorCode, JobView};
use tauri::ipc::Channel;
use tauri::{AppHandle, Emitter};
use tauri_plugin_notification::NotificationExt;

use super::environment_views as views;
use super::environments::{CHANGED, engine_error};
use super::error;
use crate::state::AppState;

type State<'a> = tauri::State<'a, AppState>;

/// Runs one job (`provision`, `resume`, `refresh` or `teardown`) on the environment to its end.
#[tauri::command]
pub async fn run_job(
    app: AppHandle,
    state: State<'_>,
    kind: JobKind,
    name: String,
    on_event: Channel<Event>,
) -> Result<JobView, ApiError> {
    run(app, &state, name, on_event, kind).await
}

async fn run(
    app: AppHandle,
    state: &AppState,
    name: String,
    channel: Channel<Event>,
    kind: JobKind,
) -> Result<JobView, ApiError> {
    let env = state
        .store
        .environment(&name)
        .map_err(error::store)?
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!("no environment named '{name}'"),
            )
        })?;
    let sdk = sdk_config(state, &env.profile, &env.region).await?;
    let sink = sink(app.clone(), name.clone(), channel);
    let engine = &state.engine;
    let outcome = match kind {
        JobKind::Provision => engine.provision(&name, &sdk, sink).await,
        JobKind::Resume => engine.resume(&name, &sdk, sink).await,
        JobKind::Teardown => engine.teardown(&name, &sdk, sink).await,
        JobKind::Refresh => engine.refresh(&name, &sdk, sink).await,
    };
    // A refresh is a quick look the user is watching, not a job worth interrupting them for.
    if kind != JobKind::Refresh {
        notify(
            &app,
            &name,
            kind,
            outcome.as_ref().err().map(ToString::to_string),
        );
    }
    outcome
        .map(|job| views::job(job, &name))
        .map_err(engine_error)
}

/// Every event to the window's channel; the start and the end of the job also say "the list
/// changed" (the environment's status did).
fn sink(app: AppHandle, env: String, channel: Channel<Event>) -> Sink {
    Arc::new(move |event| {
        let changed = matches!(event, Event::JobStarted { .. } | Event::JobFinished { .. });
        // A closed window is not the job's problem: it carries on and the history keeps it all.
        let _ = channel.send(event);
        if changed {
            let _ = app.emit(CHANGED, &env);
        }
    })
}

/// The profile's credentials (keychain, STS, the Sandbox's endpoint) as the CLI builds them,
/// in the environment's region; an environment the CLI made with the SDK's default chain
/// (no profile) uses that chain.
async fn sdk_config(state: &AppState, profile: &str, region: &str) -> Result<SdkConfig, ApiError> {
    if profile.is_empty() {
        return Ok(aws_config::defaults(aws_config::BehaviorVersion::latest())
            .region(aws_config::Region::new(region.to_string()))
            .load()
            .await);
    }
    let mut plan = state
        .profiles()
        .map_err(error::keychain)?
        .plan(profile)
        .map_err(error::cloud)?;
    plan.region = region.to_string();
    Ok(hangar_cloud::credentials::sdk_config(Arc::new(plan), state.credentials.clone()).await)
}

/// A desktop notification when a job ends. Best effort: without a notification server (a
/// headless session, the tests under Xvfb) it fails silently, on the plugin's own thread.
fn notify(app: &AppHandle, env: &str, kind: JobKind, error: Option<String>) {
    let (title, body) = match (kind, &error) {
        (JobKind::Teardown, None) => (format!("{env} torn down"), "Nothing is left behind.".into()),
        (_, None) => (format!("{env} is ready"), "Every resource is up.".into()),
        (JobKind::Teardown, Some(e)) => (format!("Tearing down {env} failed"), e.clone()),
        (_, Some(e)) => (format!("Provisioning {env} failed"), e.clone()),
    };
    let _ = app.notification().builder().title(title).body(body).show();
}

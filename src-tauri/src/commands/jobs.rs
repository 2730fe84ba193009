//! Provision, resume, refresh and tear down: `run_job` runs the engine's job on the async
//! runtime, streams its events through the caller's channel, and returns when the job ends.
//! Status changes are announced with `environments-changed`; the end of a job (but a refresh)
//! with a desktop notification.

use std::sync::Arc;

use hangar_engine::{Event, JobKind, Sink};
use hangar_ipc::{ApiError, JobView};
use tauri::ipc::Channel;
use tauri::{AppHandle, Emitter};
use tauri_plugin_notification::NotificationExt;

use super::environment_views as views;
use super::environments::CHANGED;
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
    let sink = sink(app.clone(), name.clone(), channel);
    let outcome = state.service.run_job(kind, &name, None, sink).await;
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
        .map_err(error::service)
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

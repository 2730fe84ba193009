//! Provision, resume, refresh and tear down: `run_job` runs the engine's job on the async
//! runtime, streams its events through the caller's channel, and returns when the job ends.
//! Status changes are announced with `environments-changed`; the end of a job (but a refresh)
//! with a desktop notification.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use hangar_engine::{Consent, Event, JobKind, Sink};
use hangar_ipc::{ApiError, JobView};
use hangar_store::RetainedRecord;
use tauri::ipc::Channel;
use tauri::{AppHandle, Emitter};
use tauri_plugin_notification::NotificationExt;

use super::consent;
use super::environment_views as views;
use super::environments::CHANGED;
use super::error;
use crate::state::AppState;

type State<'a> = tauri::State<'a, AppState>;

/// Runs one job (`provision`, `resume`, `refresh` or `teardown`) on the environment to its end.
/// `confirm_name` is the environment's name as the user typed it in the teardown dialog: a
/// prod teardown is refused without it (`confirmation_required`).
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn run_job(
    app: AppHandle,
    state: State<'_>,
    kind: JobKind,
    name: String,
    confirm_name: Option<String>,
    on_event: Channel<Event>,
) -> Result<JobView, ApiError> {
    run(app, &state, name, confirm_name, on_event, kind).await
}

async fn run(
    app: AppHandle,
    state: &AppState,
    name: String,
    confirm_name: Option<String>,
    channel: Channel<Event>,
    kind: JobKind,
) -> Result<JobView, ApiError> {
    let consent = match kind {
        JobKind::Provision | JobKind::Resume => {
            let risks = state.service.risks(&name).map_err(error::service)?;
            consent::for_risks(&app, &name, risks).await?
        }
        JobKind::Teardown => Consent {
            destroy_name: confirm_name,
            ..Consent::default()
        },
        JobKind::Refresh | JobKind::Pause | JobKind::Wake => Consent::default(),
    };
    let started = Arc::new(AtomicBool::new(false));
    let sink = sink(app.clone(), name.clone(), channel, started.clone());
    let outcome = state
        .service
        .run_job(kind, &name, None, &consent, sink)
        .await;
    // A refresh is a quick look the user is watching, not a job worth interrupting them for;
    // a job refused before it started (a confirmation, a risk, an unknown name, busy) is the
    // window's to show, and nothing ran to tell about.
    if kind != JobKind::Refresh && started.load(Ordering::Relaxed) {
        let retained = match kind {
            JobKind::Teardown => state.service.retained(&name).unwrap_or_default(),
            JobKind::Provision
            | JobKind::Resume
            | JobKind::Refresh
            | JobKind::Pause
            | JobKind::Wake => Vec::new(),
        };
        notify(
            &app,
            &name,
            kind,
            outcome.as_ref().err().map(ToString::to_string),
            &retained,
        );
    }
    outcome
        .map(|job| views::job(job, &name))
        .map_err(error::service)
}

/// Every event to the window's channel; the start and the end of the job also say "the list
/// changed" (the environment's status did).
fn sink(app: AppHandle, env: String, channel: Channel<Event>, started: Arc<AtomicBool>) -> Sink {
    Arc::new(move |event| {
        if matches!(event, Event::JobStarted { .. }) {
            started.store(true, Ordering::Relaxed);
        }
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
fn notify(
    app: &AppHandle,
    env: &str,
    kind: JobKind,
    error: Option<String>,
    retained: &[RetainedRecord],
) {
    let (title, body) = match (kind, &error) {
        (JobKind::Teardown, None) if retained.is_empty() => {
            (format!("{env} torn down"), "Nothing is left behind.".into())
        }
        (JobKind::Teardown, None) => (format!("{env} torn down"), kept(retained)),
        (_, None) => (format!("{env} is ready"), "Every resource is up.".into()),
        (JobKind::Teardown, Some(e)) => (format!("Tearing down {env} failed"), e.clone()),
        (_, Some(e)) => (format!("Provisioning {env} failed"), e.clone()),
    };
    let _ = app.notification().builder().title(title).body(body).show();
}

/// "Kept on purpose: DB snapshot x (about $1.90/month), ..., estimates."
fn kept(retained: &[RetainedRecord]) -> String {
    let items: Vec<String> = retained
        .iter()
        .map(|r| {
            format!(
                "{} {} (about ${:.2}/month)",
                r.kind.label(),
                r.aws_id,
                r.monthly_cost
            )
        })
        .collect();
    format!(
        "Kept on purpose: {}. Costs are estimates; delete them in AWS when no longer needed.",
        items.join(", ")
    )
}

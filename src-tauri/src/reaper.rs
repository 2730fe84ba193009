//! The running app's side of expiry: warns two hours and thirty minutes before an environment
//! expires (a desktop notification, and `environment-expiring` for the window's "Keep 1 more
//! hour"), and tears it down when the expiry passes. `hangar reap` on a systemd timer does the
//! teardown while the app is closed; the engine refuses a second job on a busy environment, so
//! the two never tear one down twice. Office hours are kept on the same timer
//! ([`crate::office_hours`]).

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use hangar_core::expiry_alarms::{Alarm, next_ring, rang};
use hangar_core::lifetime::time_left;
use hangar_engine::service::{ReapOutcome, Reaped};
use hangar_engine::{Event, JobStatus, Sink};
use hangar_ipc::EnvironmentExpiring;
use jiff::{SignedDuration, Timestamp};
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_notification::NotificationExt;

use crate::commands::CHANGED;
use crate::state::AppState;

/// The event the window shows as a toast that keeps the environment an hour more.
pub const EXPIRING: &str = "environment-expiring";

/// The longest the timer sleeps. Tokio's clock stops while the machine sleeps, so a wake at
/// the next alarm alone could come hours late after a suspend.
const LONGEST_NAP: Duration = Duration::from_secs(60);

/// How long after a failed teardown the next is tried: `hangar reap`'s timer cadence, so a
/// failing environment does not fill its history with a teardown job a minute.
const RETRY_FAILED: SignedDuration = SignedDuration::from_mins(15);

/// Starts the timer on the app's runtime; it lives as long as the app.
pub fn spawn(app: AppHandle) {
    tauri::async_runtime::spawn(watch(app));
}

async fn watch(app: AppHandle) {
    let state = app.state::<AppState>();
    let mut since: Option<Timestamp> = None;
    // What was said about which expiry: a prod environment or a failing teardown is named
    // once, not at every look.
    let mut told: HashSet<(String, Timestamp)> = HashSet::new();
    let mut last_failure: Option<Timestamp> = None;
    let mut hours_failed: Option<Timestamp> = None;
    loop {
        let now = Timestamp::now();
        let service = state.service.clone();
        let expiries = tauri::async_runtime::spawn_blocking(move || service.expiries())
            .await
            .map_err(|err| err.to_string())
            .and_then(|read| read.map_err(|err| err.to_string()))
            .unwrap_or_else(|err| {
                eprintln!("hangar-app: cannot read expiries: {err}");
                Vec::new()
            });
        for (name, expires_at) in &expiries {
            match rang(*expires_at, since, now) {
                Some(Alarm::TwoHoursLeft | Alarm::HalfAnHourLeft) => {
                    warn(&app, name, *expires_at, now);
                }
                Some(Alarm::Expired) | None => {}
            }
        }
        // Each expiry is reaped once; only a failed teardown is tried again, and not soon.
        let unseen = expiries
            .iter()
            .any(|(name, at)| *at <= now && !told.contains(&(name.clone(), *at)));
        let retry = last_failure.is_some_and(|at| now.duration_since(at) >= RETRY_FAILED);
        if unseen || retry {
            match state.service.reap(now, false, sink(&app)).await {
                Ok(reaped) => {
                    last_failure = reaped.iter().any(|r| !ended_well(r)).then_some(now);
                    reaped
                        .iter()
                        .filter(|r| told.insert((r.name.clone(), r.expired_at)))
                        .for_each(|r| tell(&app, r));
                }
                Err(err) => {
                    last_failure = Some(now);
                    eprintln!("hangar-app: the reaper could not run: {err}");
                }
            }
        }
        // Office hours that could not be kept (no credentials, AWS refusing) are tried again at
        // the teardowns' cadence, not at every look: one notification per try.
        if hours_failed.is_none_or(|at| now.duration_since(at) >= RETRY_FAILED) {
            hours_failed = crate::office_hours::keep(&app, now).await.then_some(now);
        }
        since = Some(now);
        let nap = next_ring(expiries.iter().map(|(_, at)| *at), now)
            .and_then(|at| Duration::try_from(at.duration_since(now)).ok())
            .map_or(LONGEST_NAP, |until| until.min(LONGEST_NAP));
        tokio::select! {
            () = tokio::time::sleep(nap) => {}
            () = state.expiry_changed.notified() => {}
        }
    }
}

fn warn(app: &AppHandle, name: &str, expires_at: Timestamp, now: Timestamp) {
    let left = time_left(expires_at, now);
    let _ = app.emit(
        EXPIRING,
        EnvironmentExpiring {
            name: name.to_string(),
            expires_at: expires_at.to_string(),
            time_left: left.clone(),
        },
    );
    let _ = app
        .notification()
        .builder()
        .title(format!("{name} expires soon"))
        .body(format!(
            "{left}: it will be torn down then. Keep it from the window or with `hangar extend {name} 1h`."
        ))
        .show();
}

/// Whether the reaper is done with it: torn down by a job that succeeded, or a prod one named.
fn ended_well(reaped: &Reaped) -> bool {
    match &reaped.outcome {
        ReapOutcome::TornDown(job) => job.status == JobStatus::Succeeded,
        ReapOutcome::KeptProd | ReapOutcome::WouldTearDown => true,
        ReapOutcome::Failed(_) => false,
    }
}

fn tell(app: &AppHandle, reaped: &Reaped) {
    let name = &reaped.name;
    let failed = |why: &str| {
        (
            format!("{name} expired, and tearing it down failed"),
            format!(
                "{why} It is tried again in 15 minutes while the app runs, or tear it down from its page."
            ),
        )
    };
    let (title, body) = match &reaped.outcome {
        ReapOutcome::TornDown(job) if job.status == JobStatus::Succeeded => (
            format!("{name} expired"),
            "It was torn down, as its expiry asked.".to_string(),
        ),
        ReapOutcome::TornDown(job) => {
            failed(&format!("Its teardown (job {}) did not finish.", job.id))
        }
        ReapOutcome::KeptProd => (
            format!("{name} expired and is kept"),
            "A prod environment is torn down only when its name is typed.".to_string(),
        ),
        ReapOutcome::Failed(why) => failed(&format!("{why}.")),
        ReapOutcome::WouldTearDown => return,
    };
    let _ = app.notification().builder().title(title).body(body).show();
}

/// A job's start and end tell every list the status changed.
pub(crate) fn sink(app: &AppHandle) -> Sink {
    let app = app.clone();
    Arc::new(move |event| {
        if let Event::JobStarted { .. } | Event::JobFinished { .. } = &event {
            let _ = app.emit(CHANGED, "");
        }
    })
}

//! The running app keeps office hours on the reaper's timer: at each look it runs the pauses
//! and wakes the engine says are due (the same as `hangar reap` from its systemd timer; the
//! engine refuses a second job on a busy environment, so the two never run one twice), and
//! says what it did in a desktop notification.

use hangar_core::office_hours::PowerDue;
use hangar_engine::JobStatus;
use hangar_engine::service::{HoursKept, HoursOutcome};
use jiff::Timestamp;
use tauri::{AppHandle, Manager};
use tauri_plugin_notification::NotificationExt;

use crate::state::AppState;

/// Returns whether anything failed, for the caller to wait before trying again.
pub async fn keep(app: &AppHandle, now: Timestamp) -> bool {
    let state = app.state::<AppState>();
    match state
        .service
        .keep_office_hours(now, false, crate::reaper::sink(app))
        .await
    {
        Ok(kept) => {
            kept.iter().for_each(|k| tell(app, k));
            kept.iter().any(|k| !ended_well(k))
        }
        Err(err) => {
            eprintln!("hangar-app: cannot keep office hours: {err}");
            true
        }
    }
}

fn ended_well(kept: &HoursKept) -> bool {
    match &kept.outcome {
        HoursOutcome::Ran(job) => job.status == JobStatus::Succeeded,
        HoursOutcome::Would => true,
        HoursOutcome::Failed(_) => false,
    }
}

fn tell(app: &AppHandle, kept: &HoursKept) {
    let name = &kept.name;
    let (done, verb) = match kept.due {
        PowerDue::Pause | PowerDue::PauseAgain => ("paused", "pausing"),
        PowerDue::Wake => ("woken", "waking"),
    };
    let (title, body) = match &kept.outcome {
        HoursOutcome::Ran(job) if job.status == JobStatus::Succeeded => (
            format!("{name} {done}"),
            format!("Its office hours are {}.", kept.hours),
        ),
        HoursOutcome::Ran(job) => (
            format!("{verb} {name} failed"),
            format!(
                "Job {} did not finish; see its log on the environment's page.",
                job.id
            ),
        ),
        HoursOutcome::Failed(why) => (format!("{verb} {name} failed"), format!("{why}.")),
        HoursOutcome::Would => return,
    };
    let _ = app.notification().builder().title(title).body(body).show();
}

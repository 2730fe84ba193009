//! `extend` and `reap`: an environment's expiry from the command line, on the engine's
//! [`Service`] as the window's.

use std::path::Path;

use hangar_core::office_hours::PowerDue;
use hangar_engine::null_sink;
use hangar_engine::service::{HoursKept, HoursOutcome, ReapOutcome, Reaped};
use hangar_store::{JobRecord, JobStatus};
use jiff::Timestamp;
use serde::Serialize;

use crate::env::{service, text_sink};
use crate::env_args::{ExtendArgs, NewExpiry, ReapArgs};
use crate::output::print_rows;
use hangar_store::Store;

pub fn extend(store: Store, data_dir: &Path, args: ExtendArgs, json: bool) -> Result<(), String> {
    let service = service(store, data_dir, 1)?;
    let expires_at = match args.by {
        NewExpiry::By(lifetime) => Some(
            service
                .extend(&args.env, lifetime)
                .map_err(|e| e.to_string())?,
        ),
        NewExpiry::Never => {
            service.clear_expiry(&args.env).map_err(|e| e.to_string())?;
            None
        }
    };
    if json {
        let value = serde_json::json!({
            "name": args.env,
            "expiresAt": expires_at.map(|at| at.to_string()),
        });
        outln!("{value}");
        return Ok(());
    }
    match expires_at {
        Some(at) => outln!(
            "{} expires at {at} ({})",
            args.env,
            hangar_core::lifetime::time_left(at, Timestamp::now())
        ),
        None => outln!("{} never expires", args.env),
    }
    Ok(())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReapRow {
    name: String,
    /// Why the reaper looked at it: `expired 2026-11-30T12:00:00Z` or `office hours mon-fri …`.
    why: String,
    outcome: Outcome,
    detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
enum Outcome {
    WouldTearDown,
    TornDown,
    KeptProd,
    WouldPause,
    Paused,
    WouldWake,
    Woken,
    Failed,
}

impl Outcome {
    fn label(self) -> &'static str {
        match self {
            Self::WouldTearDown => "would tear down",
            Self::TornDown => "torn down",
            Self::KeptProd => "kept (prod)",
            Self::WouldPause => "would pause",
            Self::Paused => "paused",
            Self::WouldWake => "would wake",
            Self::Woken => "woken",
            Self::Failed => "failed",
        }
    }
}

/// Expiries first (a torn-down environment has no hours left to keep), then office hours.
pub fn reap(store: Store, data_dir: &Path, args: ReapArgs, json: bool) -> Result<(), String> {
    if args.install_timer {
        return crate::reap_timer::install(data_dir);
    }
    let service = service(store, data_dir, 8)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    // The jobs' progress goes where `down`'s goes; the summary comes after.
    let sink = if json { null_sink() } else { text_sink() };
    let now = args.at.unwrap_or_else(Timestamp::now);
    let reaped = runtime
        .block_on(service.reap(now, args.dry_run, sink.clone()))
        .map_err(|e| e.to_string())?;
    let kept = runtime
        .block_on(service.keep_office_hours(now, args.dry_run, sink))
        .map_err(|e| e.to_string())?;
    let rows: Vec<ReapRow> = reaped
        .into_iter()
        .map(expiry_row)
        .chain(kept.into_iter().map(hours_row))
        .collect();
    if rows.is_empty() && !json {
        outln!("nothing has expired, and no office hours opened or closed");
        return Ok(());
    }
    print_rows(&rows, json, &["NAME", "WHY", "OUTCOME", "DETAIL"], |r| {
        vec![
            r.name.clone(),
            r.why.clone(),
            r.outcome.label().to_string(),
            r.detail.clone(),
        ]
    });
    let failed: Vec<&str> = rows
        .iter()
        .filter(|r| r.outcome == Outcome::Failed)
        .map(|r| r.name.as_str())
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "could not finish with {}; the next run tries again",
            failed.join(", ")
        ))
    }
}

fn expiry_row(r: Reaped) -> ReapRow {
    let (outcome, detail) = match r.outcome {
        ReapOutcome::WouldTearDown => (Outcome::WouldTearDown, String::new()),
        ReapOutcome::TornDown(job) => (Outcome::TornDown, job_detail(&job)),
        ReapOutcome::KeptProd => (
            Outcome::KeptProd,
            format!("a prod teardown needs its name: hangar down {}", r.name),
        ),
        ReapOutcome::Failed(err) => (Outcome::Failed, err),
    };
    ReapRow {
        why: format!("expired {}", r.expired_at),
        name: r.name,
        outcome,
        detail,
    }
}

fn hours_row(k: HoursKept) -> ReapRow {
    let pausing = match k.due {
        PowerDue::Pause | PowerDue::PauseAgain => true,
        PowerDue::Wake => false,
    };
    let (outcome, detail) = match (k.outcome, pausing) {
        (HoursOutcome::Would, true) => (Outcome::WouldPause, String::new()),
        (HoursOutcome::Would, false) => (Outcome::WouldWake, String::new()),
        (HoursOutcome::Ran(job), _) if job.status != JobStatus::Succeeded => {
            (Outcome::Failed, job_detail(&job))
        }
        (HoursOutcome::Ran(job), true) => (Outcome::Paused, job_detail(&job)),
        (HoursOutcome::Ran(job), false) => (Outcome::Woken, job_detail(&job)),
        (HoursOutcome::Failed(err), _) => (Outcome::Failed, err),
    };
    let again = match k.due {
        PowerDue::PauseAgain => " (again: RDS restarts a stopped instance after 7 days)",
        PowerDue::Pause | PowerDue::Wake => "",
    };
    ReapRow {
        name: k.name,
        why: format!("office hours {}{again}", k.hours),
        outcome,
        detail,
    }
}

fn job_detail(job: &JobRecord) -> String {
    format!("job {}: {}", job.id, job.status)
}

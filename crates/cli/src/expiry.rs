//! `extend` and `reap`: an environment's expiry from the command line, on the engine's
//! [`Service`] as the window's.

use std::path::Path;

use hangar_engine::null_sink;
use hangar_engine::service::ReapOutcome;
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
    expired_at: String,
    outcome: Outcome,
    detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
enum Outcome {
    WouldTearDown,
    TornDown,
    KeptProd,
    Failed,
}

impl Outcome {
    fn label(self) -> &'static str {
        match self {
            Self::WouldTearDown => "would tear down",
            Self::TornDown => "torn down",
            Self::KeptProd => "kept (prod)",
            Self::Failed => "failed",
        }
    }
}

pub fn reap(store: Store, data_dir: &Path, args: ReapArgs, json: bool) -> Result<(), String> {
    if args.install_timer {
        return crate::reap_timer::install(data_dir);
    }
    let service = service(store, data_dir, 8)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    // The teardowns' progress goes where `down`'s goes; the summary comes after.
    let sink = if json { null_sink() } else { text_sink() };
    let reaped = runtime
        .block_on(service.reap(Timestamp::now(), args.dry_run, sink))
        .map_err(|e| e.to_string())?;
    let rows: Vec<ReapRow> = reaped
        .into_iter()
        .map(|r| {
            let (outcome, detail) = match r.outcome {
                ReapOutcome::WouldTearDown => (Outcome::WouldTearDown, String::new()),
                ReapOutcome::TornDown(job) => {
                    (Outcome::TornDown, format!("job {}: {}", job.id, job.status))
                }
                ReapOutcome::KeptProd => (
                    Outcome::KeptProd,
                    format!("a prod teardown needs its name: hangar down {}", r.name),
                ),
                ReapOutcome::Failed(err) => (Outcome::Failed, err),
            };
            ReapRow {
                name: r.name,
                expired_at: r.expired_at.to_string(),
                outcome,
                detail,
            }
        })
        .collect();
    if rows.is_empty() && !json {
        outln!("no environment has expired");
        return Ok(());
    }
    print_rows(
        &rows,
        json,
        &["NAME", "EXPIRED", "OUTCOME", "DETAIL"],
        |r| {
            vec![
                r.name.clone(),
                r.expired_at.clone(),
                r.outcome.label().to_string(),
                r.detail.clone(),
            ]
        },
    );
    let failed: Vec<&str> = rows
        .iter()
        .filter(|r| r.outcome == Outcome::Failed)
        .map(|r| r.name.as_str())
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "could not tear down {}; the next run tries again",
            failed.join(", ")
        ))
    }
}

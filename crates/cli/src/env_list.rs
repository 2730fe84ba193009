//! `hangar list`: every environment with its status, its monthly estimate, what it has cost so
//! far and the time it has left, and a line of what was spent in total and by profile.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use hangar_engine::{Engine, Service};
use hangar_keychain::Keychain;
use hangar_store::{EnvironmentStatus, Store};
use serde::Serialize;

use crate::output::print_rows;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EnvRow {
    name: String,
    blueprint: String,
    region: String,
    status: EnvironmentStatus,
    profile: String,
    /// The plan's estimate when it was created, in USD; absent when it cannot be estimated.
    monthly_cost: Option<f64>,
    /// USD spent so far by the hours its resources existed; absent when it cannot be priced.
    cost_so_far: Option<f64>,
    created_at: String,
    /// When the reaper tears it down (RFC 3339), absent for never.
    expires_at: Option<String>,
    /// `3h 12m left`, `expired 5m ago`; absent for never and once destroyed.
    time_left: Option<String>,
}

pub fn list(store: Store, data_dir: &Path, json: bool) -> Result<(), String> {
    // Listing needs no secret: keyring's mock stands in for a keychain that may be locked.
    let service = Service::new(Engine::new(Arc::new(store), data_dir), Ok(Keychain::mock()));
    let now = jiff::Timestamp::now();
    let rows: Vec<EnvRow> = service
        .list_environments()
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|listing| {
            let e = listing.record;
            EnvRow {
                name: e.name,
                blueprint: e.blueprint,
                region: e.region,
                status: e.status,
                profile: e.profile,
                monthly_cost: listing.monthly_cost,
                cost_so_far: listing.cost_so_far,
                created_at: e.created_at,
                expires_at: e.expires_at.map(|at| at.to_string()),
                time_left: e
                    .expires_at
                    .filter(|_| e.status != EnvironmentStatus::Destroyed)
                    .map(|at| hangar_core::lifetime::time_left(at, now)),
            }
        })
        .collect();
    print_rows(
        &rows,
        json,
        &[
            "NAME",
            "BLUEPRINT",
            "REGION",
            "STATUS",
            "MONTHLY",
            "SO FAR",
            "CREATED",
            "EXPIRES",
        ],
        |e| {
            vec![
                e.name.clone(),
                e.blueprint.clone(),
                e.region.clone(),
                e.status.to_string(),
                e.monthly_cost
                    .map(|cost| format!("${cost:.2}"))
                    .unwrap_or_else(|| "?".into()),
                dollars(e.cost_so_far),
                e.created_at.clone(),
                e.time_left.clone().unwrap_or_else(|| "-".into()),
            ]
        },
    );
    if !json && !rows.is_empty() {
        println!("{}", spent_by_profile(&rows));
    }
    Ok(())
}

fn dollars(amount: Option<f64>) -> String {
    amount.map_or_else(|| "?".into(), |a| format!("${a:.2}"))
}

/// `Spent so far: $12.34 (Sandbox $0.00, work $12.34), hourly items only.`
fn spent_by_profile(rows: &[EnvRow]) -> String {
    let mut by_profile: BTreeMap<&str, f64> = BTreeMap::new();
    for row in rows {
        *by_profile.entry(row.profile.as_str()).or_default() += row.cost_so_far.unwrap_or(0.0);
    }
    let total: f64 = by_profile.values().sum();
    let each: Vec<String> = by_profile
        .iter()
        .map(|(profile, spent)| format!("{profile} ${spent:.2}"))
        .collect();
    format!(
        "Spent so far: ${total:.2} ({}), hourly items only.",
        each.join(", ")
    )
}

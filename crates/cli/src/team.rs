//! Team mode from the command line: `profile team`, `list --account`, `adopt`. What they do is
//! the engine's (`hangar_engine::service`, `hangar_engine::team`); this reads arguments and
//! prints.

use std::path::Path;

use clap::{Args, ValueEnum};
use hangar_store::Store;
use jiff::Timestamp;
use serde::Serialize;

use hangar_engine::service::{TeamSettings, not_in_team_mode};

use crate::env::service;
use crate::output::print_rows;

#[derive(Debug, Args)]
pub struct TeamArgs {
    pub name: String,
    pub mode: Mode,
    /// The state bucket, in place of hangar-state-<account>-<region>.
    #[arg(long, value_name = "BUCKET")]
    pub bucket: Option<String>,
    /// The key prefix in the bucket, in place of `hangar/`.
    #[arg(long, value_name = "PREFIX")]
    pub prefix: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Mode {
    On,
    Off,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Every environment the account records in its state bucket, from any machine.
    #[arg(long)]
    /// (Environments made without team mode show too, by their tags, as `unrecorded`.)
    pub account: bool,
    /// The profile whose account to list (default: the default profile).
    #[arg(long, requires = "account")]
    pub profile: Option<String>,
    /// The region whose state bucket to read (default: the profile's).
    #[arg(long, requires = "account")]
    pub region: Option<String>,
}

#[derive(Debug, Args)]
pub struct AdoptArgs {
    pub env: String,
    /// The profile this history will act on it with (default: the default profile).
    #[arg(long)]
    pub profile: Option<String>,
    /// The region whose state bucket records it (default: the profile's).
    #[arg(long)]
    pub region: Option<String>,
}

pub fn set(store: Store, data_dir: &Path, args: TeamArgs, json: bool) -> Result<(), String> {
    let on = match args.mode {
        Mode::On => Some(TeamSettings {
            bucket: args.bucket,
            prefix: args.prefix,
        }),
        Mode::Off => None,
    };
    let team = service(store, data_dir, 1)?
        .set_team_mode(&args.name, on)
        .map_err(|e| e.to_string())?;
    if json {
        outln!(
            "{}",
            serde_json::json!({ "profile": args.name, "team": team.is_some() })
        );
    } else if team.is_some() {
        outln!(
            "{}'s environments now keep their record and job lease in the account's state bucket",
            args.name
        );
    } else {
        outln!(
            "{}'s environments are this machine's alone again; the bucket is kept",
            args.name
        );
    }
    Ok(())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AccountRow {
    name: String,
    id: String,
    status: String,
    owner: String,
    blueprint: String,
    created_at: String,
    cost_per_hour: Option<f64>,
    updated_at: String,
    lease: Option<String>,
    here: bool,
}

pub fn list_account(
    store: Store,
    data_dir: &Path,
    args: ListArgs,
    json: bool,
) -> Result<(), String> {
    let profile = profile_or_default(&store, args.profile)?;
    let service = service(store, data_dir, 1)?;
    let listing = runtime()?
        .block_on(service.account_environments(&profile, args.region.as_deref()))
        .map_err(|e| e.to_string())?
        .ok_or_else(|| not_in_team_mode(&profile).to_string())?;
    let now = Timestamp::now();
    let rows: Vec<AccountRow> = listing
        .environments
        .into_iter()
        .map(|e| AccountRow {
            status: e
                .record
                .as_ref()
                .map_or("unrecorded".to_string(), |r| r.status.to_string()),
            owner: e
                .record
                .as_ref()
                .map_or("-".to_string(), |r| r.owner.clone()),
            blueprint: e
                .record
                .as_ref()
                .map_or("-".to_string(), |r| r.blueprint.clone()),
            created_at: e
                .record
                .as_ref()
                .map_or("-".to_string(), |r| r.created_at.clone()),
            cost_per_hour: e.record.as_ref().and_then(|r| r.cost_per_hour()),
            updated_at: e
                .record
                .as_ref()
                .map_or("-".to_string(), |r| r.updated_at.to_string()),
            name: e.name,
            id: e.uid,
            lease: e.lease.map(|lease| {
                let until = if lease.is_expired(now) {
                    "expired"
                } else {
                    "until"
                };
                format!("{} ({until} {})", lease.describe(), lease.expires_at)
            }),
            here: e.here,
        })
        .collect();
    print_rows(
        &rows,
        json,
        &[
            "NAME",
            "STATUS",
            "OWNER",
            "BLUEPRINT",
            "UPDATED",
            "HERE",
            "JOB",
        ],
        |r| {
            vec![
                r.name.clone(),
                r.status.clone(),
                r.owner.clone(),
                r.blueprint.clone(),
                r.updated_at.clone(),
                if r.here { "yes" } else { "no" }.to_string(),
                r.lease.clone().unwrap_or_else(|| "-".into()),
            ]
        },
    );
    if !json && rows.is_empty() {
        eprintln!(
            "hangar: s3://{}/{} records no environment",
            listing.location.bucket,
            listing.location.records_prefix()
        );
    }
    Ok(())
}

pub fn adopt(store: Store, data_dir: &Path, args: AdoptArgs, json: bool) -> Result<(), String> {
    let profile = profile_or_default(&store, args.profile)?;
    let service = service(store, data_dir, 1)?;
    let env = runtime()?
        .block_on(service.adopt(&args.env, &profile, args.region.as_deref()))
        .map_err(|e| e.to_string())?;
    if json {
        outln!(
            "{}",
            serde_json::json!({ "name": env.name, "id": env.uid, "status": env.status.as_str(), "profile": env.profile, "teardownOnly": env.teardown_only })
        );
    } else if env.teardown_only {
        outln!(
            "{} ({}) is in this history now, for teardown only: it was made without team mode, so its blueprint is unknown; `hangar down {}` deletes everything tagged with its id",
            env.name,
            env.uid,
            env.name
        );
    } else {
        outln!(
            "{} ({}) is in this history now, {}, acted on with profile {}",
            env.name,
            env.uid,
            env.status,
            env.profile
        );
    }
    Ok(())
}

fn profile_or_default(store: &Store, named: Option<String>) -> Result<String, String> {
    if let Some(name) = named {
        return Ok(name);
    }
    store
        .list_profiles()
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|p| p.is_default)
        .map(|p| p.name)
        .ok_or_else(|| "no default profile: name one with --profile".to_string())
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))
}

//! Team mode in the window: the environments a profile's account records in its state bucket
//! (and those only their tags show), to see and adopt (`hangar_engine::service::AccountListing`).

use hangar_engine::EnvironmentStatus;
use hangar_engine::service::AccountListing;
use jiff::Timestamp;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountEnvironments {
    /// Whether the profile is in team mode; when not, nothing was looked up.
    pub team_mode: bool,
    /// `s3://bucket/prefix`, where the records are; null when not in team mode.
    pub location: Option<String>,
    pub environments: Vec<AccountEnvironmentView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountEnvironmentView {
    /// Its `hangar:env-id`.
    pub id: String,
    pub name: String,
    /// Null for one made without team mode: only its tags show it, and it can be adopted for
    /// teardown only.
    pub status: Option<EnvironmentStatus>,
    /// The STS identity whose job first recorded it.
    pub owner: Option<String>,
    pub blueprint: Option<String>,
    /// RFC 3339, UTC: when its first history recorded it.
    pub created_at: Option<String>,
    /// Its plan's monthly estimate over 730 hours.
    pub cost_per_hour: Option<f64>,
    /// RFC 3339, UTC: when its record was last written.
    pub updated_at: Option<String>,
    /// Who runs a job on it now (`arn on host, running provision since …`), if anyone.
    pub job: Option<String>,
    /// That job's lease has expired: its holder stopped, and the next job breaks it.
    pub job_expired: bool,
    /// This history holds it already.
    pub here: bool,
}

impl AccountEnvironments {
    /// A profile not in team mode: nothing to show but the offer to turn it on.
    pub fn not_in_team_mode() -> Self {
        Self {
            team_mode: false,
            location: None,
            environments: Vec::new(),
        }
    }

    pub fn of(listing: &AccountListing, now: Timestamp) -> Self {
        Self {
            team_mode: true,
            location: Some(format!(
                "s3://{}/{}",
                listing.location.bucket,
                listing.location.records_prefix()
            )),
            environments: listing
                .environments
                .iter()
                .map(|e| AccountEnvironmentView {
                    id: e.uid.clone(),
                    name: e.name.clone(),
                    status: e.record.as_ref().map(|r| r.status),
                    owner: e.record.as_ref().map(|r| r.owner.clone()),
                    blueprint: e.record.as_ref().map(|r| r.blueprint.clone()),
                    created_at: e.record.as_ref().map(|r| r.created_at.clone()),
                    cost_per_hour: e.record.as_ref().and_then(|r| r.cost_per_hour()),
                    updated_at: e.record.as_ref().map(|r| r.updated_at.to_string()),
                    job: e.lease.as_ref().map(hangar_core::team::Lease::describe),
                    job_expired: e.lease.as_ref().is_some_and(|l| l.is_expired(now)),
                    here: e.here,
                })
                .collect(),
        }
    }
}

//! Creating an environment from a found blueprint, and the list with each one's cost.

use std::collections::BTreeMap;

use hangar_core::cost::prices::HOURS_PER_MONTH;
use hangar_core::cost::{ResourceSpan, so_far};
use hangar_core::lifetime::LifetimeChoice;
use hangar_store::{EnvironmentRecord, EnvironmentStatus, OnFailure};
use jiff::Timestamp;

use super::{BlueprintSource, Service, ServiceError};
use crate::{NewEnvironmentRequest, UsersImport, plan_for};

/// An environment and the monthly cost estimate of its plan, recorded when it was created.
#[derive(Debug, Clone)]
pub struct EnvironmentListing {
    pub record: EnvironmentRecord,
    /// `None` only when the recorded blueprint no longer plans (nothing to estimate from).
    pub monthly_cost: Option<f64>,
    /// Dollars spent so far: each resource's hourly price times the hours it existed (the
    /// history's spans); `None` when the blueprint no longer plans.
    pub cost_so_far: Option<f64>,
}

impl EnvironmentListing {
    /// What it costs (or will cost) an hour: the monthly estimate over AWS's 730-hour month,
    /// to a tenth of a cent, and nothing once it is destroyed.
    pub fn cost_per_hour(&self) -> Option<f64> {
        let monthly = self.monthly_cost?;
        Some(match self.record.status {
            EnvironmentStatus::Destroyed => 0.0,
            EnvironmentStatus::New
            | EnvironmentStatus::Creating
            | EnvironmentStatus::Ready
            | EnvironmentStatus::Failed
            | EnvironmentStatus::Destroying
            | EnvironmentStatus::Interrupted
            | EnvironmentStatus::Drifted
            // An upper bound: the stopped instances' compute is in the estimate.
            | EnvironmentStatus::Paused => (monthly / HOURS_PER_MONTH * 1000.0).round() / 1000.0,
        })
    }
}

/// What a new environment takes besides its blueprint.
#[derive(Debug, Clone)]
pub struct CreateEnvironment {
    pub name: String,
    pub overrides: BTreeMap<String, String>,
    /// The profile whose credentials its jobs use: one that exists. Never empty: that would
    /// fall back to whatever the machine's default AWS credential chain holds
    /// ([`require_profile`]).
    pub profile: String,
    pub on_failure: OnFailure,
    /// A users list to record with it, already checked.
    pub users: Option<UsersImport>,
    /// How long until the reaper tears it down: by default, what its profile says.
    pub lifetime: LifetimeChoice,
}

impl Service {
    /// Validates and records the environment; nothing is sent to AWS until a job runs.
    pub fn create_environment(
        &self,
        blueprint: BlueprintSource,
        create: CreateEnvironment,
    ) -> Result<EnvironmentListing, ServiceError> {
        require_profile(&create.profile)?;
        let Some(profile) = self.store().get_profile(&create.profile)? else {
            return Err(ServiceError::NotFound(format!(
                "there is no profile named {:?}; add it first",
                create.profile
            )));
        };
        let request = NewEnvironmentRequest {
            name: create.name,
            blueprint_name: blueprint.name,
            blueprint_source: blueprint.text,
            overrides: create.overrides,
            profile: create.profile,
            on_failure: create.on_failure,
            expires_at: create
                .lifetime
                .resolve(profile.default_lifetime)
                .map(|lifetime| lifetime.expiry_from(jiff::Timestamp::now())),
        };
        let engine = self.engine();
        let record = match &create.users {
            Some(users) => engine.create_environment_with_users(&request, users),
            None => engine.create_environment(&request),
        }?;
        self.listing(record)
    }

    /// Every environment, the newest first, with its cost.
    pub fn list_environments(&self) -> Result<Vec<EnvironmentListing>, ServiceError> {
        let store = self.store();
        let costs = store.environment_monthly_costs()?;
        let mut spans = store.resource_spans()?;
        let now = Timestamp::now();
        store
            .list_environments()?
            .into_iter()
            .map(|record| {
                let spans = spans.remove(&record.id).unwrap_or_default();
                match costs.get(&record.id) {
                    Some(&cost) => Ok(EnvironmentListing {
                        cost_so_far: spent(&record, &spans, now),
                        record,
                        monthly_cost: Some(cost),
                    }),
                    None => self.listing(record),
                }
            })
            .collect()
    }

    /// One environment with its cost. One created before costs were recorded is planned once
    /// here and its cost recorded, so no later list plans it again.
    pub fn listing(&self, record: EnvironmentRecord) -> Result<EnvironmentListing, ServiceError> {
        let store = self.store();
        let recorded = store.environment_monthly_cost(record.id)?;
        let monthly_cost = match recorded {
            Some(cost) => Some(cost),
            None => match plan_for(&record) {
                Ok(plan) => {
                    store.set_environment_monthly_cost(record.id, plan.cost.monthly_total)?;
                    Some(plan.cost.monthly_total)
                }
                Err(_) => None,
            },
        };
        let spans = store.resource_spans_of(record.id)?;
        Ok(EnvironmentListing {
            cost_so_far: spent(&record, &spans, Timestamp::now()),
            record,
            monthly_cost,
        })
    }
}

/// What its resources cost over the hours they existed. Only an environment that ever had a
/// resource is planned (a fraction of a millisecond each; BENCHMARKS.md); the rest spent nothing.
fn spent(record: &EnvironmentRecord, spans: &[ResourceSpan], now: Timestamp) -> Option<f64> {
    if spans.is_empty() {
        return Some(0.0);
    }
    let plan = plan_for(record).ok()?;
    Some(so_far(&plan.cost.lines, spans, now))
}

/// A profile is named. The empty name would fall back to whatever the machine's default AWS
/// credential chain holds (the shell's variables, ~/.aws), which Hangar never uses unasked.
pub fn require_profile(profile: &str) -> Result<(), ServiceError> {
    if profile.trim().is_empty() {
        return Err(crate::EngineError::Invalid(
            "an environment needs a profile: choose one; the machine's default AWS credentials \
             are never used unasked"
                .into(),
        )
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod cost_tests {
    use super::*;

    fn listing(status: EnvironmentStatus, monthly: f64) -> EnvironmentListing {
        EnvironmentListing {
            record: EnvironmentRecord {
                id: 1,
                uid: "7d4c2a4e-0000-4000-8000-000000000001".into(),
                name: "demo".into(),
                blueprint: "web-and-postgres".into(),
                blueprint_source: String::new(),
                parameters: "{}".into(),
                profile: "Sandbox".into(),
                region: "us-east-1".into(),
                account_id: None,
                status,
                on_failure: OnFailure::Keep,
                outputs: "{}".into(),
                created_at: String::new(),
                updated_at: String::new(),
                expires_at: None,
                office_hours: None,
                teardown_only: false,
            },
            monthly_cost: Some(monthly),
            cost_so_far: Some(0.0),
        }
    }

    #[test]
    fn cost_per_hour_is_the_monthly_estimate_over_730_hours() {
        assert_eq!(
            listing(EnvironmentStatus::Ready, 73.0).cost_per_hour(),
            Some(0.1)
        );
        assert_eq!(
            listing(EnvironmentStatus::Creating, 42.34).cost_per_hour(),
            Some(0.058)
        );
        assert_eq!(
            listing(EnvironmentStatus::Interrupted, 730.0).cost_per_hour(),
            Some(1.0)
        );
    }

    #[test]
    fn nothing_costs_anything_once_it_is_gone() {
        assert_eq!(
            listing(EnvironmentStatus::Destroyed, 500.0).cost_per_hour(),
            Some(0.0)
        );
        let unknown = EnvironmentListing {
            monthly_cost: None,
            ..listing(EnvironmentStatus::Ready, 1.0)
        };
        assert_eq!(unknown.cost_per_hour(), None);
    }
}

//! Environments that expire: the expiry set at creation and extended later, and the reaper that
//! tears down every environment whose expiry has passed (the app while it runs, `hangar reap`
//! from a systemd timer when it is closed). A forgotten environment costs money every hour.

use hangar_core::graph::Stage;
use hangar_core::lifetime::Lifetime;
use hangar_store::{EnvironmentRecord, EnvironmentStatus, JobRecord};
use jiff::Timestamp;

use super::{Service, ServiceError};
use crate::{Consent, EngineError, JobKind, Sink, plan_for};

/// What the reaper did with one expired environment.
#[derive(Debug)]
pub enum ReapOutcome {
    /// A dry run: it would be torn down.
    WouldTearDown,
    /// Torn down by this job (its status says how it ended).
    TornDown(JobRecord),
    /// A prod environment: its teardown needs its name typed by a person, so it is only named.
    KeptProd,
    /// The teardown could not run or failed; the next run tries again.
    Failed(String),
}

#[derive(Debug)]
pub struct Reaped {
    pub name: String,
    pub expired_at: Timestamp,
    pub outcome: ReapOutcome,
}

impl Service {
    /// Adds `by` to the environment's expiry (to now when it has none or it has passed), and
    /// returns the new one.
    pub fn extend(&self, env_name: &str, by: Lifetime) -> Result<Timestamp, ServiceError> {
        let env = self.live_environment(env_name)?;
        let expires_at = by.extend(env.expires_at, Timestamp::now());
        self.store().set_expiry(env.id, Some(expires_at))?;
        Ok(expires_at)
    }

    /// The environment never expires.
    pub fn clear_expiry(&self, env_name: &str) -> Result<(), ServiceError> {
        let env = self.live_environment(env_name)?;
        Ok(self.store().set_expiry(env.id, None)?)
    }

    /// Every environment that may still hold resources and carries an expiry, with it: what
    /// the app's timer watches.
    pub fn expiries(&self) -> Result<Vec<(String, Timestamp)>, ServiceError> {
        Ok(self
            .store()
            .list_environments()?
            .into_iter()
            .filter(|env| may_hold_resources(env.status))
            .filter_map(|env| env.expires_at.map(|at| (env.name, at)))
            .collect())
    }

    /// Every environment not yet destroyed whose expiry is at or before `now`, the longest
    /// expired first.
    pub fn expired(&self, now: Timestamp) -> Result<Vec<EnvironmentRecord>, ServiceError> {
        let mut expired: Vec<EnvironmentRecord> = self
            .store()
            .list_environments()?
            .into_iter()
            .filter(|env| may_hold_resources(env.status))
            .filter(|env| env.expires_at.is_some_and(|at| at <= now))
            .collect();
        expired.sort_by_key(|env| env.expires_at);
        Ok(expired)
    }

    /// Tears down every environment expired at `now` (none when `dry_run`), one at a time:
    /// one that fails does not stop the others. `sink` gets each teardown's events. A teardown
    /// is never brought forward: a `now` ahead of the clock is a preview, judged as given only
    /// in a dry run; a real run tears down what has expired by the clock.
    pub async fn reap(
        &self,
        now: Timestamp,
        dry_run: bool,
        sink: Sink,
    ) -> Result<Vec<Reaped>, ServiceError> {
        let now = if dry_run {
            now
        } else {
            now.min(Timestamp::now())
        };
        let mut reaped = Vec::new();
        for env in self.expired(now)? {
            let expired_at = env.expires_at.unwrap_or(now);
            let outcome = self.reap_one(&env, dry_run, sink.clone()).await;
            reaped.push(Reaped {
                name: env.name,
                expired_at,
                outcome,
            });
        }
        Ok(reaped)
    }

    async fn reap_one(&self, env: &EnvironmentRecord, dry_run: bool, sink: Sink) -> ReapOutcome {
        let stage = match plan_for(env) {
            Ok(plan) => plan.stage,
            Err(err) => return ReapOutcome::Failed(err.to_string()),
        };
        match stage {
            Stage::Prod => return ReapOutcome::KeptProd,
            Stage::NonProd => {}
        }
        if dry_run {
            return ReapOutcome::WouldTearDown;
        }
        let job = self
            .run_job(
                JobKind::Teardown,
                &env.name,
                None,
                &Consent::default(),
                sink,
            )
            .await;
        match job {
            Ok(job) => ReapOutcome::TornDown(job),
            Err(err) => ReapOutcome::Failed(err.to_string()),
        }
    }

    fn live_environment(&self, env_name: &str) -> Result<EnvironmentRecord, ServiceError> {
        let env = self.environment(env_name)?;
        if !may_hold_resources(env.status) {
            return Err(EngineError::Invalid(format!(
                "'{env_name}' is already destroyed: there is nothing to keep or let expire"
            ))
            .into());
        }
        Ok(env)
    }
}

/// Whether an environment in this status may still have something in AWS.
fn may_hold_resources(status: EnvironmentStatus) -> bool {
    match status {
        EnvironmentStatus::Destroyed => false,
        EnvironmentStatus::New
        | EnvironmentStatus::Creating
        | EnvironmentStatus::Ready
        | EnvironmentStatus::Failed
        | EnvironmentStatus::Destroying
        | EnvironmentStatus::Interrupted
        | EnvironmentStatus::Drifted
        | EnvironmentStatus::Paused => true,
    }
}

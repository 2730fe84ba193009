//! Running a job of any kind on an environment, by name; what a prod teardown asks for and
//! what teardowns left behind.

use hangar_core::graph::Stage;
use hangar_core::warnings::{PlanWarning, needing_consent};
use hangar_store::{JobRecord, RetainedRecord};

use super::{Service, ServiceError};
use crate::{Consent, JobKind, Sink, plan_for};

impl Service {
    /// Runs `kind` on `env_name` to its end with the environment's SDK config (its recorded
    /// profile unless `profile` names another, in its own region); events go to `sink`.
    /// `consent` is what the person said yes to ([`Consent`]): a prod teardown and a create
    /// with risky settings are refused without it.
    pub async fn run_job(
        &self,
        kind: JobKind,
        env_name: &str,
        profile: Option<&str>,
        consent: &Consent,
        sink: Sink,
    ) -> Result<JobRecord, ServiceError> {
        let name = env_name.to_string();
        let env = self
            .blocking(move |service| service.environment(&name))
            .await?;
        let (sdk, credentials) = self.environment_credentials(&env, profile).await?;
        let job = self
            .engine()
            .run_job(kind, env_name, &sdk, sink, consent)
            .await;
        // A role's session ended mid-job and no (right) MFA code came: say that, with its
        // kind, rather than only the failed call it showed up in.
        match credentials.mfa_failure() {
            Some(err) => Err(super::credentials::stopped_by(err, env_name).into()),
            None => Ok(job?),
        }
    }

    /// The plan's warnings that a provision or resume of `env_name` needs a yes for, to show
    /// the person before asking.
    pub fn risks(&self, env_name: &str) -> Result<Vec<PlanWarning>, ServiceError> {
        let env = self.environment(env_name)?;
        let plan = plan_for(&env)?;
        Ok(needing_consent(&plan.warnings, plan.stage))
    }

    /// Prod or not, as its plan says: whether its teardown must be confirmed by name.
    pub fn stage(&self, env_name: &str) -> Result<Stage, ServiceError> {
        let env = self.environment(env_name)?;
        Ok(plan_for(&env)?.stage)
    }

    /// What the environment's teardowns kept or left (final snapshots, backup buckets), with
    /// their monthly estimates.
    pub fn retained(&self, env_name: &str) -> Result<Vec<RetainedRecord>, ServiceError> {
        let env = self.environment(env_name)?;
        Ok(self.store().retained(env.id)?)
    }
}

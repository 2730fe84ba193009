//! Running a job of any kind on an environment, by name; what a prod teardown asks for and
//! what teardowns left behind.

use hangar_core::graph::Stage;
use hangar_store::{JobRecord, RetainedRecord};

use super::{Service, ServiceError};
use crate::{JobKind, Sink, plan_for};

impl Service {
    /// Runs `kind` on `env_name` to its end with the environment's SDK config (its recorded
    /// profile unless `profile` names another, in its own region); events go to `sink`.
    /// `confirm_name` is the environment's name as the user typed it: a teardown of a prod
    /// environment is refused without it (the other jobs ignore it).
    pub async fn run_job(
        &self,
        kind: JobKind,
        env_name: &str,
        profile: Option<&str>,
        confirm_name: Option<&str>,
        sink: Sink,
    ) -> Result<JobRecord, ServiceError> {
        let name = env_name.to_string();
        let env = self
            .blocking(move |service| service.environment(&name))
            .await?;
        let sdk = self.environment_sdk_config(&env, profile).await?;
        let engine = self.engine();
        let job = match kind {
            JobKind::Provision => engine.provision(env_name, &sdk, sink).await,
            JobKind::Resume => engine.resume(env_name, &sdk, sink).await,
            JobKind::Teardown => {
                engine
                    .teardown_confirmed(env_name, &sdk, sink, confirm_name)
                    .await
            }
            JobKind::Refresh => engine.refresh(env_name, &sdk, sink).await,
        }?;
        Ok(job)
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

//! Running a job of any kind on an environment, by name.

use hangar_store::JobRecord;

use super::{Service, ServiceError};
use crate::{JobKind, Sink};

impl Service {
    /// Runs `kind` on `env_name` to its end with the environment's SDK config (its recorded
    /// profile unless `profile` names another, in its own region); events go to `sink`.
    pub async fn run_job(
        &self,
        kind: JobKind,
        env_name: &str,
        profile: Option<&str>,
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
            JobKind::Teardown => engine.teardown(env_name, &sdk, sink).await,
            JobKind::Refresh => engine.refresh(env_name, &sdk, sink).await,
        }?;
        Ok(job)
    }
}

//! A plan held to what the chosen profile's account is offered in the plan's region (its zones,
//! the instance types each zone offers), when the person plans with a profile: the answer a
//! create job would refuse with, shown before there is a job. Quotas are left to the job: what
//! is free while planning may be taken by the time it runs.

use hangar_core::{Plan, ValidationErrors};
use hangar_resources::{Clients, Ctx};

use super::{Service, ServiceError};

impl Service {
    /// Every zone or instance type of `plan` that `profile`'s account is not offered in the
    /// plan's region, at the blueprint path that chose it; empty when all are.
    pub async fn plan_offerings(
        &self,
        profile: &str,
        plan: &Plan,
    ) -> Result<ValidationErrors, ServiceError> {
        let sdk = self.sdk_config(profile, &plan.region).await?;
        // No environment exists yet: the context only carries the clients and the region.
        let ctx = Ctx::new(
            Clients::with_hooks(&sdk, &self.engine.hooks),
            &plan.blueprint,
            "",
            &plan.region,
        );
        Ok(crate::preflight::catalogue_errors(&ctx, plan).await?)
    }
}

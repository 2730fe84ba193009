//! The SDK config a job on an environment runs with.

use std::sync::Arc;

use aws_config::SdkConfig;
use hangar_cloud::CloudError;
use hangar_cloud::credentials::{ProfileCredentialsProvider, config_with};
use hangar_store::EnvironmentRecord;

use super::{Service, ServiceError};
use crate::EngineError;

impl Service {
    /// The credentials of `profile` in `region`. The empty name, which only environments
    /// recorded before every environment had to name a profile still hold, is refused: the
    /// job names one (`--profile`) instead of reaching for the machine's default chain.
    pub async fn sdk_config(&self, profile: &str, region: &str) -> Result<SdkConfig, ServiceError> {
        Ok(self.job_credentials(profile, region).await?.0)
    }

    /// [`Service::sdk_config`] and the provider behind it, which says afterwards whether an
    /// MFA refusal stopped it.
    pub(crate) async fn job_credentials(
        &self,
        profile: &str,
        region: &str,
    ) -> Result<(SdkConfig, ProfileCredentialsProvider), ServiceError> {
        if profile.trim().is_empty() {
            return Err(EngineError::Invalid(
                "no profile is named: run the job with a profile (`--profile NAME`); the \
                 machine's default AWS credentials are never used unasked"
                    .into(),
            )
            .into());
        }
        let profile = profile.to_string();
        // Resolving the profile reads the keychain: a D-Bus round trip.
        let mut plan = self
            .blocking(move |service| {
                service.await_sandbox();
                Ok(service.profiles()?.plan(&profile)?)
            })
            .await?;
        // An environment lives in the region it was created in, whatever region its profile
        // defaults to.
        plan.region = region.to_string();
        let mut provider =
            ProfileCredentialsProvider::new(Arc::new(plan), self.credentials.clone());
        if let Some(prompt) = &self.mfa {
            provider = provider.with_mfa_prompt(prompt.clone());
        }
        Ok((config_with(provider.clone()).await, provider))
    }

    /// The SDK config for a job on `env`: its recorded profile (or `profile`, when the caller
    /// chose another) in the environment's own region.
    pub async fn environment_sdk_config(
        &self,
        env: &EnvironmentRecord,
        profile: Option<&str>,
    ) -> Result<SdkConfig, ServiceError> {
        self.sdk_config(profile.unwrap_or(&env.profile), &env.region)
            .await
    }

    pub(crate) async fn environment_credentials(
        &self,
        env: &EnvironmentRecord,
        profile: Option<&str>,
    ) -> Result<(SdkConfig, ProfileCredentialsProvider), ServiceError> {
        self.job_credentials(profile.unwrap_or(&env.profile), &env.region)
            .await
    }
}

/// A job stopped by an MFA refusal: the refusal's kind, and what to do next.
pub(crate) fn stopped_by(err: CloudError, env_name: &str) -> CloudError {
    CloudError::new(
        err.kind,
        format!(
            "{} The job on {env_name} stopped there; resume it to go on.",
            err.message
        ),
    )
}

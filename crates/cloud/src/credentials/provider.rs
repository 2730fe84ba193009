//! From a plan to an SDK client's configuration: a loader that reads none of the user's AWS
//! files, and a credentials provider that refreshes itself through the cache.

use std::sync::Arc;
use std::time::Duration;

use aws_config::identity::IdentityCache;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, ConfigLoader, SdkConfig};
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider, future};
use aws_types::region::Region;

use super::plan::CredentialPlan;
use super::session::resolve;
use crate::cache::CredentialsCache;

/// An SDK config loader that reads nothing from the user's AWS files (a Hangar profile is
/// complete on its own) and gives up on an unreachable endpoint within seconds.
pub(crate) fn loader(region: &str, endpoint: Option<&str>) -> ConfigLoader {
    use aws_runtime::env_config::file::{
        EnvConfigFileKind as ProfileFileKind, EnvConfigFiles as ProfileFiles,
    };
    let no_files = ProfileFiles::builder()
        .include_default_config_file(false)
        .include_default_credentials_file(false)
        .with_contents(ProfileFileKind::Config, "")
        .build();
    let timeouts = TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(5))
        .operation_attempt_timeout(Duration::from_secs(20))
        .operation_timeout(Duration::from_secs(60))
        .build();
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .profile_files(no_files)
        .region(Region::new(region.to_owned()))
        .timeout_config(timeouts);
    if let Some(url) = endpoint {
        loader = loader.endpoint_url(url);
    }
    loader
}

/// Credentials for an SDK client that refresh themselves: each request asks the cache, which
/// holds a session until five minutes before it expires. A role that needs MFA cannot be
/// refreshed unattended: once its session is gone, requests fail with `MfaRequired` until the
/// profile is tested again with a new code.
#[derive(Debug, Clone)]
pub struct ProfileCredentialsProvider {
    plan: Arc<CredentialPlan>,
    cache: Arc<CredentialsCache>,
}

impl ProfileCredentialsProvider {
    pub fn new(plan: Arc<CredentialPlan>, cache: Arc<CredentialsCache>) -> Self {
        Self { plan, cache }
    }
}

impl ProvideCredentials for ProfileCredentialsProvider {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(async move {
            resolve(&self.plan, &self.cache, None)
                .await
                .map(|resolved| resolved.credentials)
                .map_err(aws_credential_types::provider::error::CredentialsError::provider_error)
        })
    }
}

/// An `SdkConfig` for the profile: its region, its endpoint, and credentials from the chain.
/// The SDK's own identity cache is off so the five-minute refresh rule of [`CredentialsCache`]
/// is the only one.
pub async fn sdk_config(plan: Arc<CredentialPlan>, cache: Arc<CredentialsCache>) -> SdkConfig {
    let region = plan.region.clone();
    let endpoint = plan.endpoint.clone();
    loader(&region, endpoint.as_deref())
        .credentials_provider(SharedCredentialsProvider::new(
            ProfileCredentialsProvider::new(plan, cache),
        ))
        .identity_cache(IdentityCache::no_cache())
        .load()
        .await
}

//! From a plan to an SDK client's configuration: a loader that reads none of the user's AWS
//! files, and a credentials provider that refreshes itself through the cache.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_config::identity::IdentityCache;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, ConfigLoader, SdkConfig};
use aws_credential_types::Credentials;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider, future};
use aws_types::region::Region;

use super::mfa::MfaPrompt;
use super::plan::CredentialPlan;
use super::session::{Mfa, resolve_with};
use crate::cache::CredentialsCache;
use crate::errors::{CloudError, ErrorKind};

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
/// holds a session until five minutes before it expires, or until AWS calls it expired
/// ([`SessionExpiry`](super::SessionExpiry)); then the role is assumed again. A role that needs
/// MFA asks its [`MfaPrompt`] for a new code then; without a prompt, or when the person gives
/// none or a wrong one, requests fail with `MfaRequired` / `MfaInvalid`, and keep failing
/// without asking again, so a job stops at once and can be resumed.
#[derive(Clone)]
pub struct ProfileCredentialsProvider {
    plan: Arc<CredentialPlan>,
    cache: Arc<CredentialsCache>,
    prompt: Option<Arc<dyn MfaPrompt>>,
    /// One refresh at a time: the calls that find a session ended together wait for one
    /// AssumeRole (and one MFA prompt), then find the new session in the cache.
    refreshing: Arc<tokio::sync::Mutex<()>>,
    mfa_failure: Arc<Mutex<Option<CloudError>>>,
}

impl std::fmt::Debug for ProfileCredentialsProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProfileCredentialsProvider")
            .field("profile", &self.plan.profile)
            .field("prompts_for_mfa", &self.prompt.is_some())
            .finish_non_exhaustive()
    }
}

impl ProfileCredentialsProvider {
    pub fn new(plan: Arc<CredentialPlan>, cache: Arc<CredentialsCache>) -> Self {
        Self {
            plan,
            cache,
            prompt: None,
            refreshing: Arc::default(),
            mfa_failure: Arc::default(),
        }
    }

    /// Asks `prompt` for a code whenever a role that needs MFA must be assumed.
    pub fn with_mfa_prompt(mut self, prompt: Arc<dyn MfaPrompt>) -> Self {
        self.prompt = Some(prompt);
        self
    }

    /// The MFA refusal (no code, or a wrong one) that stopped these credentials, if any.
    pub fn mfa_failure(&self) -> Option<CloudError> {
        lock(&self.mfa_failure).clone()
    }

    async fn credentials(&self) -> Result<Credentials, CloudError> {
        let _one_at_a_time = self.refreshing.lock().await;
        if let Some(failure) = lock(&self.mfa_failure).clone() {
            return Err(failure);
        }
        let mfa = match &self.prompt {
            Some(prompt) => Mfa::Prompt(prompt.as_ref()),
            None => Mfa::Given(None),
        };
        match resolve_with(&self.plan, &self.cache, mfa).await {
            Ok(resolved) => Ok(resolved.credentials),
            Err(err) => {
                if matches!(err.kind, ErrorKind::MfaInvalid | ErrorKind::MfaRequired) {
                    *lock(&self.mfa_failure) = Some(err.clone());
                }
                Err(err)
            }
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl ProvideCredentials for ProfileCredentialsProvider {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(async move {
            self.credentials()
                .await
                .map_err(aws_credential_types::provider::error::CredentialsError::provider_error)
        })
    }
}

/// An `SdkConfig` for the profile: its region, its endpoint, and credentials from the chain.
/// The SDK's own identity cache is off so the refresh rules of [`CredentialsCache`] are the
/// only ones.
pub async fn sdk_config(plan: Arc<CredentialPlan>, cache: Arc<CredentialsCache>) -> SdkConfig {
    config_with(ProfileCredentialsProvider::new(plan, cache)).await
}

/// An `SdkConfig` whose credentials come from `provider` (see [`sdk_config`]).
pub async fn config_with(provider: ProfileCredentialsProvider) -> SdkConfig {
    let region = provider.plan.region.clone();
    let endpoint = provider.plan.endpoint.clone();
    loader(&region, endpoint.as_deref())
        .credentials_provider(SharedCredentialsProvider::new(provider))
        .identity_cache(IdentityCache::no_cache())
        .load()
        .await
}

//! From a profile to credentials and an `SdkConfig`: the profile's chain is read once from the
//! history and the keychain into a [`CredentialPlan`], then walked through STS. Temporary
//! credentials go to the in-memory [`CredentialsCache`](crate::CredentialsCache) only.

mod expiry;
mod mfa;
mod plan;
mod provider;
mod session;
mod source;

pub use expiry::SessionExpiry;
pub use mfa::{MfaAnswer, MfaAsk, MfaPrompt};
pub use plan::CredentialPlan;
pub(crate) use provider::loader;
pub use provider::{ProfileCredentialsProvider, config_with, sdk_config};
pub use session::{ChainLink, Resolved, SANDBOX_ACCESS_KEY, SANDBOX_SECRET_KEY, resolve};
pub use source::{ProfileSource, StoreSource};

//! How a running job asks the person for an MFA code: a role that needs one cannot be assumed
//! again unattended when its session ends mid-job. Each shell answers it its own way (the CLI
//! on the terminal or standard input, the app in a window); the code is used for one
//! AssumeRole and never kept, logged or shown.

use std::future::Future;
use std::pin::Pin;

use hangar_keychain::Secret;

/// What the person is asked for: which device's code, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MfaAsk {
    /// The profile whose role is being assumed.
    pub profile: String,
    pub role_arn: String,
    /// The MFA device, as the profile names it.
    pub serial: String,
}

/// A future of an MFA code; `None` when the person gave none (closed the prompt, no terminal).
pub type MfaAnswer<'a> = Pin<Box<dyn Future<Output = Option<Secret>> + Send + 'a>>;

/// Asks the person for a code from an MFA device, while a job waits.
pub trait MfaPrompt: Send + Sync {
    fn code(&self, ask: MfaAsk) -> MfaAnswer<'_>;
}

use hangar_engine::EngineError;
use hangar_keychain::KeychainError;
use serde::Serialize;
use ts_rs::TS;

/// What kind of failure a command met: a closed list, so the UI can match on it exhaustively
/// (offer Retry, point at the keychain, ask for an MFA code) and a new kind is a compile error
/// wherever it is not yet handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A value the user gave is not acceptable: the message says which and why.
    Invalid,
    NotFound,
    /// Another job holds the environment.
    Busy,
    /// A prod teardown needs the environment's name typed to confirm it.
    ConfirmationRequired,
    /// A create whose plan has warnings that need the person's yes, given natively.
    RiskNotAccepted,
    /// The local history (SQLite) failed.
    Store,
    /// A job ran and failed; the job's failures say where and why.
    JobFailed,
    /// The users list cannot fit an instance's user data.
    UsersTooLarge,
    /// A users file with invalid rows, not accepted as it is.
    InvalidRows,
    /// The file is not a users CSV at all.
    NotUsersCsv,
    /// A file could not be read.
    Unreadable,
    /// A file could not be written.
    Unwritable,
    /// The window named a file the person did not pick in a dialog or drop on the window.
    NotGranted,
    // AWS and the keychain, as `hangar_cloud::ErrorKind` tells them apart.
    BadCredentials,
    AccessDenied,
    MfaInvalid,
    MfaRequired,
    Expired,
    Unreachable,
    Throttled,
    KeychainLocked,
    KeychainUnavailable,
    Keychain,
    /// AWS answered with an error of no kind above.
    Aws,
    /// A bug or a crash inside Hangar (a task that stopped).
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invalid => "invalid",
            Self::NotFound => "not_found",
            Self::Busy => "busy",
            Self::ConfirmationRequired => "confirmation_required",
            Self::RiskNotAccepted => "risk_not_accepted",
            Self::Store => "store",
            Self::JobFailed => "job_failed",
            Self::UsersTooLarge => "users_too_large",
            Self::InvalidRows => "invalid_rows",
            Self::NotUsersCsv => "not_users_csv",
            Self::Unreadable => "unreadable",
            Self::Unwritable => "unwritable",
            Self::NotGranted => "not_granted",
            Self::BadCredentials => "bad_credentials",
            Self::AccessDenied => "access_denied",
            Self::MfaInvalid => "mfa_invalid",
            Self::MfaRequired => "mfa_required",
            Self::Expired => "expired",
            Self::Unreachable => "unreachable",
            Self::Throttled => "throttled",
            Self::KeychainLocked => "keychain_locked",
            Self::KeychainUnavailable => "keychain_unavailable",
            Self::Keychain => "keychain",
            Self::Aws => "aws",
            Self::Internal => "internal",
        }
    }
}

impl From<&EngineError> for ErrorCode {
    fn from(err: &EngineError) -> Self {
        match err {
            EngineError::UnknownEnvironment(_) => Self::NotFound,
            EngineError::Invalid(_)
            | EngineError::Blueprint(_)
            | EngineError::WrongAccount { .. }
            | EngineError::NameLive(_)
            | EngineError::QuotaShortfall(_) => Self::Invalid,
            EngineError::Busy(_) | EngineError::LeaseHeld { .. } => Self::Busy,
            EngineError::ConfirmationRequired { .. } => Self::ConfirmationRequired,
            EngineError::RiskNotAccepted { .. } => Self::RiskNotAccepted,
            EngineError::Store(_) | EngineError::Lock { .. } => Self::Store,
            EngineError::UsersTooLarge(_) => Self::UsersTooLarge,
            EngineError::Failed(_) => Self::JobFailed,
            EngineError::Keychain(k) => match k {
                KeychainError::Locked => Self::KeychainLocked,
                KeychainError::Unavailable | KeychainError::NoPlatformStore => {
                    Self::KeychainUnavailable
                }
                KeychainError::Damaged { .. } | KeychainError::Failed(_) => Self::Keychain,
            },
        }
    }
}

/// What a failed command sends to the UI: `code` is for the UI to act on, `message` is for a
/// person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

impl From<EngineError> for ApiError {
    fn from(err: EngineError) -> Self {
        Self::new(ErrorCode::from(&err), err.to_string())
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_cross_as_their_snake_case_spelling() {
        for code in [
            ErrorCode::NotFound,
            ErrorCode::JobFailed,
            ErrorCode::MfaRequired,
        ] {
            let json = serde_json::to_string(&code).expect("json");
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }

    #[test]
    fn an_engine_error_keeps_its_code() {
        let err = ApiError::from(EngineError::Busy("demo".into()));
        assert_eq!(err.code, ErrorCode::Busy);
        assert_eq!(
            err.to_string(),
            "busy: another job is running on 'demo'; wait for it or stop it first"
        );
        for (err, code) in [
            (EngineError::UnknownEnvironment("x".into()), "not_found"),
            (EngineError::Invalid("x".into()), "invalid"),
            (EngineError::Failed("x".into()), "job_failed"),
        ] {
            assert_eq!(ErrorCode::from(&err).as_str(), code);
        }
    }
}

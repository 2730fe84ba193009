use hangar_cloud::CloudError;
use hangar_keychain::KeychainError;
use hangar_store::StoreError;

use crate::EngineError;

/// What went wrong below the shells, with a stable code for the UI and the CLI.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// No blueprint or environment of that name: the message names what was looked for.
    #[error("{0}")]
    NotFound(String),
    /// A file that exists and cannot be read.
    #[error("{0}")]
    Unreadable(String),
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// Profiles, credentials and the keychain.
    #[error(transparent)]
    Cloud(#[from] CloudError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A blocking task that panicked or was cancelled.
    #[error("{0}")]
    Internal(String),
}

impl From<KeychainError> for ServiceError {
    fn from(err: KeychainError) -> Self {
        Self::Cloud(err.into())
    }
}

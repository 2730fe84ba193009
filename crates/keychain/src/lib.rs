//! Profile secrets in the OS keychain: the Secret Service on Linux, the Keychain on macOS, the
//! Credential Manager on Windows. One entry per profile (service [`SERVICE`], user = the profile
//! name), its value a small JSON document. Nothing here ever writes a secret anywhere else.

mod environment;
mod error;
mod keychain;
mod secret;

pub use error::KeychainError;
pub use keychain::{Keychain, SERVICE};
pub use secret::{ProfileSecret, Secret};

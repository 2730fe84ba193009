//! Everything that talks to AWS. For now: credentials from a profile (keys from the keychain,
//! STS AssumeRole with external ID, MFA and role chaining, the SDK's own chain for
//! `~/.aws/config` profiles), "who am I", the user's AWS files, and errors worded for a person.

pub mod aws_files;
pub mod cache;
pub mod credentials;
pub mod errors;
pub mod identity;
pub mod profiles;

pub use aws_files::{AwsConfigProfile, AwsFiles};
pub use cache::CredentialsCache;
pub use credentials::{ChainLink, CredentialPlan, ProfileSource, StoreSource};
pub use errors::{CloudError, ErrorKind};
pub use identity::{CallerIdentity, test_profile};
pub use profiles::{NewCredentials, NewProfile, Profiles};

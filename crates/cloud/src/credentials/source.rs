//! Where a profile's record and secret are read from: the history and the keychain for the app
//! and the CLI, anything else in tests.

use hangar_keychain::{Keychain, ProfileSecret};
use hangar_store::{ProfileRecord, Store};

use crate::aws_files::AwsFiles;
use crate::errors::CloudError;

/// Where profiles and their secrets come from.
pub trait ProfileSource {
    fn record(&self, name: &str) -> Result<Option<ProfileRecord>, CloudError>;
    fn secret(&self, name: &str) -> Result<Option<ProfileSecret>, CloudError>;
    fn aws_files(&self) -> AwsFiles;
}

/// The history database and the keychain: where the app and the CLI keep profiles.
pub struct StoreSource<'a> {
    pub store: &'a Store,
    pub keychain: &'a Keychain,
    pub aws_files: AwsFiles,
}

impl ProfileSource for StoreSource<'_> {
    fn record(&self, name: &str) -> Result<Option<ProfileRecord>, CloudError> {
        Ok(self.store.get_profile(name)?)
    }
    fn secret(&self, name: &str) -> Result<Option<ProfileSecret>, CloudError> {
        Ok(self.keychain.get(name)?)
    }
    fn aws_files(&self) -> AwsFiles {
        self.aws_files.clone()
    }
}

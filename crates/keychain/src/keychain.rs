use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use keyring::Entry;
use keyring::mock::MockCredential;

use crate::error::{KeychainError, classify};
use crate::secret::ProfileSecret;

/// The keychain service every Hangar entry is filed under; the entry's user is the profile name.
pub const SERVICE: &str = "dev.hangar.desktop";

/// Where profile secrets live. [`Keychain::os`] is the real store; [`Keychain::mock`] is
/// keyring's in-memory mock, for unit tests only.
#[derive(Debug)]
pub struct Keychain {
    service: String,
    backend: Backend,
}

#[derive(Debug)]
enum Backend {
    Os,
    /// keyring's mock keeps a value inside the `Entry` itself, so the same entry is handed out
    /// for a profile name every time to make set-then-get work.
    Mock(Mutex<HashMap<String, Arc<Entry>>>),
}

impl Keychain {
    /// The platform's own store. Fails rather than falling back to memory when this build has
    /// no platform store compiled in (keyring then hands out its mock).
    pub fn os() -> Result<Self, KeychainError> {
        Self::os_with_service(SERVICE)
    }

    pub fn os_with_service(service: &str) -> Result<Self, KeychainError> {
        let probe = Entry::new(service, "hangar-probe").map_err(classify)?;
        if probe
            .get_credential()
            .downcast_ref::<MockCredential>()
            .is_some()
        {
            return Err(KeychainError::NoPlatformStore);
        }
        Ok(Self {
            service: service.into(),
            backend: Backend::Os,
        })
    }

    /// keyring's mock store: nothing persists beyond this value.
    pub fn mock() -> Self {
        Self {
            service: SERVICE.into(),
            backend: Backend::Mock(Mutex::new(HashMap::new())),
        }
    }

    pub fn is_mock(&self) -> bool {
        matches!(self.backend, Backend::Mock(_))
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    fn entry(&self, profile: &str) -> Result<Arc<Entry>, KeychainError> {
        self.entry_in(&self.service, profile)
    }

    /// `user` under `service`, or the mock's entry for the pair.
    pub(crate) fn entry_in(&self, service: &str, user: &str) -> Result<Arc<Entry>, KeychainError> {
        match &self.backend {
            Backend::Os => Ok(Arc::new(Entry::new(service, user).map_err(classify)?)),
            Backend::Mock(entries) => {
                let mut entries = entries.lock().unwrap_or_else(|p| p.into_inner());
                let key = format!("{service}\n{user}");
                if let Some(entry) = entries.get(&key) {
                    return Ok(Arc::clone(entry));
                }
                let credential = MockCredential::default();
                let entry = Arc::new(Entry::new_with_credential(Box::new(credential)));
                entries.insert(key, Arc::clone(&entry));
                Ok(entry)
            }
        }
    }

    /// Stores (or replaces) the secret of a profile.
    pub fn set(&self, profile: &str, secret: &ProfileSecret) -> Result<(), KeychainError> {
        let json = secret.to_json();
        self.entry(profile)?.set_password(&json).map_err(classify)
    }

    /// The secret of a profile, or `None` when it has none.
    pub fn get(&self, profile: &str) -> Result<Option<ProfileSecret>, KeychainError> {
        match self.entry(profile)?.get_password() {
            Ok(json) => {
                let json = zeroize::Zeroizing::new(json);
                ProfileSecret::from_json(&json)
                    .map(Some)
                    .ok_or_else(|| KeychainError::Damaged {
                        profile: profile.into(),
                    })
            }
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(err) => Err(classify(err)),
        }
    }

    /// Removes the secret of a profile; returns whether there was one. A missing one is fine.
    pub fn delete(&self, profile: &str) -> Result<bool, KeychainError> {
        match self.entry(profile)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(err) => Err(classify(err)),
        }
    }

    /// Makes the next keychain call for `profile` fail as the platform would; mock only.
    #[doc(hidden)]
    pub fn mock_fail_next(&self, profile: &str, err: keyring::Error) {
        if let Ok(entry) = self.entry(profile)
            && let Some(mock) = entry.get_credential().downcast_ref::<MockCredential>()
        {
            mock.set_error(err);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Secret;

    fn sample() -> ProfileSecret {
        ProfileSecret::new("AKIAMOCK", Secret::new("mock-secret"))
    }

    #[test]
    fn set_get_delete_round_trip() {
        let keychain = Keychain::mock();
        assert_eq!(keychain.get("dev").expect("get"), None);
        keychain.set("dev", &sample()).expect("set");
        assert_eq!(keychain.get("dev").expect("get"), Some(sample()));
        assert!(keychain.get("other").expect("other").is_none());
        assert!(keychain.delete("dev").expect("delete"));
        assert_eq!(keychain.get("dev").expect("get"), None);
        assert!(!keychain.delete("dev").expect("deleting twice is fine"));
    }

    #[test]
    fn a_locked_store_is_a_clear_error_not_a_panic() {
        let keychain = Keychain::mock();
        keychain.mock_fail_next(
            "dev",
            keyring::Error::NoStorageAccess("SS Error: object locked".into()),
        );
        let err = keychain.set("dev", &sample()).expect_err("locked");
        assert_eq!(err, KeychainError::Locked);
        // The fault is gone after one call, as with a keyring the user has since unlocked.
        keychain.set("dev", &sample()).expect("unlocked");
    }

    #[test]
    fn a_damaged_entry_says_which_profile() {
        let keychain = Keychain::mock();
        keychain
            .entry("dev")
            .expect("entry")
            .set_password("not json")
            .expect("set raw");
        let err = keychain.get("dev").expect_err("damaged");
        assert!(err.to_string().contains("\"dev\""), "{err}");
        assert!(!err.to_string().contains("not json"), "{err}");
    }
}

//! Environment passwords: one entry per environment id, under its own service
//! (`<service>.environments`) so no profile name can collide with one. The value is the bare
//! password Hangar generated for that environment's user data.

use crate::error::{KeychainError, classify};
use crate::{Keychain, Secret};

impl Keychain {
    fn environments(&self) -> String {
        format!("{}.environments", self.service())
    }

    /// Stores (or replaces) the generated password of the environment `env_uid`.
    pub fn set_environment_password(
        &self,
        env_uid: &str,
        password: &Secret,
    ) -> Result<(), KeychainError> {
        self.entry_in(&self.environments(), env_uid)?
            .set_password(password.expose())
            .map_err(classify)
    }

    /// The environment's password, or `None` when it has none (never provisioned, or gone).
    pub fn environment_password(&self, env_uid: &str) -> Result<Option<Secret>, KeychainError> {
        match self.entry_in(&self.environments(), env_uid)?.get_password() {
            Ok(value) => Ok(Some(Secret::new(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(err) => Err(classify(err)),
        }
    }

    /// Removes it; whether there was one. Already gone is fine.
    pub fn delete_environment_password(&self, env_uid: &str) -> Result<bool, KeychainError> {
        match self
            .entry_in(&self.environments(), env_uid)?
            .delete_credential()
        {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(err) => Err(classify(err)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ProfileSecret;

    #[test]
    fn an_environment_password_is_apart_from_a_profile_of_the_same_name() {
        let k = Keychain::mock();
        let uid = "0b7c1f3e-0000-4000-8000-000000000001";
        k.set(uid, &ProfileSecret::new("AKIA1", Secret::new("profile")))
            .expect("profile");
        assert_eq!(k.environment_password(uid).expect("read"), None);
        k.set_environment_password(uid, &Secret::new("pw"))
            .expect("set");
        assert_eq!(
            k.environment_password(uid)
                .expect("read")
                .map(|s| s.expose().to_string()),
            Some("pw".to_string())
        );
        assert!(k.get(uid).expect("profile").is_some());
        assert!(k.delete_environment_password(uid).expect("delete"));
        assert!(!k.delete_environment_password(uid).expect("gone is fine"));
        assert_eq!(k.environment_password(uid).expect("read"), None);
    }
}

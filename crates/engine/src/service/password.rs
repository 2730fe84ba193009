//! The environment's generated password, on request: the one read that shows it again after
//! the provision that made it (`hangar env secret`, the window's "Reveal").

use hangar_keychain::Secret;

use super::{Service, ServiceError};

impl Service {
    /// The keychain's password of `env_name`, or an error that says why there is none.
    pub fn environment_password(&self, env_name: &str) -> Result<Secret, ServiceError> {
        let env = self.environment(env_name)?;
        let keychain = self.keychain.as_ref().as_ref().map_err(Clone::clone)?;
        keychain.environment_password(&env.uid)?.ok_or_else(|| {
            ServiceError::NotFound(format!(
                "'{env_name}' has no generated password: its blueprint asks for none, it was \
                 never provisioned, or it was destroyed"
            ))
        })
    }
}

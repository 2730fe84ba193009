//! The password an environment's user data asks for (`generated_password_env`): generated from
//! the OS's random source at its first provision, kept in the keychain under the environment's
//! id, read again by every later provision, and deleted with the environment. It reaches AWS
//! only inside RunInstances' user data; the plan, the history and the job log hold a
//! placeholder.

use hangar_core::Plan;
use hangar_core::graph::NodeSpec;
use hangar_core::userdata::{GENERATED_PASSWORD_LEN, LaunchPassword};
use hangar_keychain::{Keychain, Secret};

use crate::EngineError;

const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// Letters and digits only: one word in `.env`, in a `postgresql://` URL and in the shell.
/// Bytes at or past the largest multiple of 62 are dropped, so every character is as likely.
pub(crate) fn generate() -> Result<Secret, EngineError> {
    let limit = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
    let mut out = String::with_capacity(GENERATED_PASSWORD_LEN);
    let mut buf = [0u8; 64];
    while out.len() < GENERATED_PASSWORD_LEN {
        getrandom::fill(&mut buf)
            .map_err(|e| EngineError::Invalid(format!("the OS random source failed: {e}")))?;
        for b in buf.iter().filter(|b| **b < limit) {
            if out.len() == GENERATED_PASSWORD_LEN {
                break;
            }
            out.push(char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]));
        }
    }
    buf.fill(0);
    Ok(Secret::new(out))
}

pub(crate) fn needed(plan: &Plan) -> bool {
    plan.graph
        .nodes
        .iter()
        .any(|n| matches!(&n.spec, NodeSpec::Instance(i) if i.generated_password_env.is_some()))
}

/// The environment's password for a provision, and whether it was made just now.
pub(crate) fn for_launch(
    keychain: &Keychain,
    env_uid: &str,
) -> Result<(LaunchPassword, bool), EngineError> {
    let (secret, new) = match keychain.environment_password(env_uid)? {
        Some(secret) => (secret, false),
        None => {
            let secret = generate()?;
            keychain.set_environment_password(env_uid, &secret)?;
            (secret, true)
        }
    };
    let password =
        LaunchPassword::new(secret.expose()).map_err(|e| EngineError::Invalid(e.to_string()))?;
    Ok((password, new))
}

impl crate::Engine {
    /// A destroyed environment's password goes with it; already gone is fine.
    pub(crate) fn forget_password(
        &self,
        env_uid: &str,
        plan: &hangar_core::Plan,
    ) -> Result<(), Vec<hangar_store::JobFailure>> {
        if !needed(plan) {
            return Ok(());
        }
        self.keychain()
            .and_then(|k| Ok(k.delete_environment_password(env_uid)?))
            .map(|_| ())
            .map_err(|e| {
                vec![hangar_store::JobFailure::job(format!(
                    "the environment is gone, but its password is still in the keychain: {e}"
                ))]
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_32_letters_and_digits_and_differ() {
        let a = generate().expect("random");
        let b = generate().expect("random");
        assert_eq!(a.expose().len(), 32);
        assert!(a.expose().chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a.expose(), b.expose());
    }
}

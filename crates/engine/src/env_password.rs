//! The password an environment's user data asks for (`generated_password_env`): generated from
//! the OS's random source at its first provision, kept in the keychain under the environment's
//! id, read again by every later provision, and deleted with the environment. It reaches AWS
//! only inside RunInstances' user data; the plan, the history and the job log hold a
//! placeholder.

use hangar_core::Plan;
use hangar_core::graph::NodeSpec;
use hangar_core::userdata::{GENERATED_PASSWORD_LEN, LaunchPassword};
use hangar_keychain::{Keychain, Secret};
use hangar_resources::team_password::{self, Kept};
use hangar_resources::{Clients, Ctx};
use hangar_store::EnvironmentRecord;

use crate::EngineError;
use crate::team::aws;

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

/// Where the environment's password is kept besides this machine's keychain.
#[derive(Clone, Copy)]
pub(crate) enum Home<'a> {
    /// Only here: the profile is not in team mode.
    ThisMachine,
    /// In the account too (team mode), where another machine that adopts it finds it.
    Account(&'a Ctx),
}

/// The environment's password for a provision, and whether it was made just now. In team mode
/// the account's copy wins over this keychain's, and a password made here goes to the account
/// before anything is launched with it.
pub(crate) async fn for_launch(
    keychain: &Keychain,
    env: &EnvironmentRecord,
    home: Home<'_>,
) -> Result<(LaunchPassword, bool), EngineError> {
    let (secret, new) = match home {
        Home::ThisMachine => local_or_new(keychain, &env.uid)?,
        Home::Account(ctx) => {
            let ssm = &ctx.clients.ssm;
            match team_password::read(ssm, &env.uid).await.map_err(aws)? {
                Some(theirs) => (cache(keychain, &env.uid, Secret::new(theirs))?, false),
                None => {
                    let (ours, new) = local_or_new(keychain, &env.uid)?;
                    match team_password::keep(ssm, &env.uid, &env.name, ours.expose())
                        .await
                        .map_err(aws)?
                    {
                        Kept::Stored => (ours, new),
                        Kept::Theirs(theirs) => {
                            (cache(keychain, &env.uid, Secret::new(theirs))?, false)
                        }
                    }
                }
            }
        }
    };
    let password =
        LaunchPassword::new(secret.expose()).map_err(|e| EngineError::Invalid(e.to_string()))?;
    Ok((password, new))
}

/// This keychain's password, or a new one kept there.
fn local_or_new(keychain: &Keychain, env_uid: &str) -> Result<(Secret, bool), EngineError> {
    Ok(match keychain.environment_password(env_uid)? {
        Some(secret) => (secret, false),
        None => {
            let secret = generate()?;
            keychain.set_environment_password(env_uid, &secret)?;
            (secret, true)
        }
    })
}

/// Keeps the account's password in this keychain too, so `hangar secret` shows it here.
fn cache(keychain: &Keychain, env_uid: &str, secret: Secret) -> Result<Secret, EngineError> {
    let same = keychain
        .environment_password(env_uid)?
        .is_some_and(|mine| mine.expose() == secret.expose());
    if !same {
        keychain.set_environment_password(env_uid, &secret)?;
    }
    Ok(secret)
}

/// The account's copy of an adopted environment's password, into this keychain; nothing when
/// the account keeps none.
pub(crate) async fn fetch(
    keychain: &Keychain,
    clients: &Clients,
    env_uid: &str,
) -> Result<bool, EngineError> {
    match team_password::read(&clients.ssm, env_uid)
        .await
        .map_err(aws)?
    {
        Some(theirs) => {
            cache(keychain, env_uid, Secret::new(theirs))?;
            Ok(true)
        }
        None => Ok(false),
    }
}

impl crate::Engine {
    /// A destroyed environment's password goes with it, from the account too in team mode;
    /// already gone is fine.
    pub(crate) async fn forget_password(
        &self,
        env_uid: &str,
        plan: &hangar_core::Plan,
        home: Home<'_>,
    ) -> Result<(), Vec<hangar_store::JobFailure>> {
        if !needed(plan) {
            return Ok(());
        }
        let lost = |e: String| {
            vec![hangar_store::JobFailure::job(format!(
                "the environment is gone, but its password is still {e}"
            ))]
        };
        if let Home::Account(ctx) = home {
            team_password::forget(&ctx.clients.ssm, env_uid)
                .await
                .map_err(|e| {
                    lost(format!(
                        "in the account ({}): {e}",
                        team_password::parameter_name(env_uid)
                    ))
                })?;
        }
        self.keychain()
            .and_then(|k| Ok(k.delete_environment_password(env_uid)?))
            .map(|_| ())
            .map_err(|e| lost(format!("in the keychain: {e}")))
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

//! An environment's generated password kept in its account, for team mode: an SSM
//! `SecureString` (encrypted with the account's `aws/ssm` key, readable only to whom IAM
//! allows), so every machine that adopts the environment bakes the same password into what it
//! launches, rather than one from its own keychain. Parameter Store rather than Secrets Manager:
//! no charge for a standard parameter, and the SSM client is here already.
//!
//! The parameter is tagged `hangar:password-of`, not `hangar:env-id`: it is no resource of the
//! plan, so no refresh may count it as drift; the teardown that forgets the password deletes it.

use aws_sdk_ssm::Client;
use aws_sdk_ssm::types::{ParameterType, Tag};

use crate::error::{none_if_not_found, sdk};
use crate::tags::ENV_TAG;
use crate::{ErrorKind, ResourceError};

/// The tag naming whose password a parameter holds (the environment's id).
pub const PASSWORD_OF_TAG: &str = "hangar:password-of";

/// Where the environment's password lives in the account and region.
pub fn parameter_name(env_uid: &str) -> String {
    format!("/hangar/{env_uid}/generated-password")
}

/// What keeping a password in the account found.
#[derive(Debug, PartialEq, Eq)]
pub enum Kept {
    /// Ours is the account's now.
    Stored,
    /// Another machine kept one first (a race between two first provisions): use theirs.
    Theirs(String),
}

/// The account's copy of the environment's password, if any.
pub async fn read(ssm: &Client, env_uid: &str) -> Result<Option<String>, ResourceError> {
    let name = parameter_name(env_uid);
    let out = none_if_not_found(
        ssm.get_parameter()
            .name(&name)
            .with_decryption(true)
            .send()
            .await
            .map_err(sdk("GetParameter")),
    )?;
    Ok(out
        .and_then(|o| o.parameter)
        .and_then(|p| p.value)
        .filter(|v| !v.is_empty()))
}

/// Keeps `password` as the account's copy unless one is there already: `Overwrite` is off, so
/// of two machines racing to make it the second is refused and reads the first's.
pub async fn keep(
    ssm: &Client,
    env_uid: &str,
    env_name: &str,
    password: &str,
) -> Result<Kept, ResourceError> {
    let tag = |key: &str, value: &str| {
        Tag::builder()
            .key(key)
            .value(value)
            .build()
            .map_err(|e| ResourceError::missing("ssm", e.to_string()))
    };
    let put = ssm
        .put_parameter()
        .name(parameter_name(env_uid))
        .description(format!(
            "Hangar: the generated password of environment {env_name}"
        ))
        .r#type(ParameterType::SecureString)
        .value(password)
        .overwrite(false)
        .tags(tag(PASSWORD_OF_TAG, env_uid)?)
        .tags(tag(ENV_TAG, env_name)?)
        .send()
        .await
        .map_err(sdk("PutParameter"));
    match put {
        Ok(_) => Ok(Kept::Stored),
        Err(err) if err.code == "ParameterAlreadyExists" => match read(ssm, env_uid).await? {
            Some(theirs) => Ok(Kept::Theirs(theirs)),
            None => Err(ResourceError::new(
                ErrorKind::Invalid,
                "GetParameter",
                "ParameterEmpty",
                format!("{} exists but holds no password", parameter_name(env_uid)),
            )),
        },
        Err(err) => Err(err),
    }
}

/// Deletes the account's copy with the environment; already gone is fine.
pub async fn forget(ssm: &Client, env_uid: &str) -> Result<(), ResourceError> {
    let gone = ssm
        .delete_parameter()
        .name(parameter_name(env_uid))
        .send()
        .await
        .map_err(sdk("DeleteParameter"));
    none_if_not_found(gone).map(drop)
}

//! The user's own `~/.aws/config` and `~/.aws/credentials`, read with the SDK's own parser so
//! Hangar sees exactly the profiles the AWS CLI sees.

use std::path::PathBuf;

use aws_config::profile::ProfileSet;
use aws_runtime::env_config::file::{
    EnvConfigFileKind as ProfileFileKind, EnvConfigFiles as ProfileFiles,
};
use aws_types::os_shim_internal::{Env, Fs};
use hangar_core::profile::ProfileKind;
use hangar_keychain::{ProfileSecret, Secret};
use serde::Serialize;

use crate::errors::{CloudError, ErrorKind};

/// Where the two files are: `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE` when set, as the
/// AWS CLI does, else under `~/.aws/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsFiles {
    pub config: PathBuf,
    pub credentials: PathBuf,
}

impl AwsFiles {
    pub fn from_env() -> Self {
        let home = std::env::var_os("HOME")
            .or_else(|| std::env::var_os("USERPROFILE"))
            .map(PathBuf::from)
            .unwrap_or_default();
        let var = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        Self {
            config: var("AWS_CONFIG_FILE").unwrap_or_else(|| home.join(".aws/config")),
            credentials: var("AWS_SHARED_CREDENTIALS_FILE")
                .unwrap_or_else(|| home.join(".aws/credentials")),
        }
    }

    pub fn in_dir(dir: &std::path::Path) -> Self {
        Self {
            config: dir.join("config"),
            credentials: dir.join("credentials"),
        }
    }

    /// The SDK fails on a named file that is missing; a user without one simply has no
    /// profiles in it.
    pub(crate) fn profile_files(&self) -> ProfileFiles {
        let mut files = ProfileFiles::builder()
            .include_default_config_file(false)
            .include_default_credentials_file(false)
            .with_contents(ProfileFileKind::Config, "");
        for (kind, path) in [
            (ProfileFileKind::Config, &self.config),
            (ProfileFileKind::Credentials, &self.credentials),
        ] {
            if path.is_file() {
                files = files.with_file(kind, path);
            }
        }
        files.build()
    }

    async fn load(&self) -> Result<ProfileSet, CloudError> {
        aws_config::profile::load(&Fs::real(), &Env::real(), &self.profile_files(), None)
            .await
            .map_err(|err| {
                CloudError::new(
                    ErrorKind::Invalid,
                    format!(
                        "cannot read {} / {}: {err}",
                        self.config.display(),
                        self.credentials.display()
                    ),
                )
            })
    }
}

/// One profile of the user's AWS files, as Hangar would import it. Never holds a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AwsConfigProfile {
    pub name: String,
    pub region: Option<String>,
    /// How it would be imported: access keys move into the keychain; a role whose source is
    /// also imported becomes a Hangar role; anything else (SSO, credential_process, a role from
    /// an unimported source) is used through the SDK's own provider chain.
    pub import_as: ProfileKind,
    pub has_access_keys: bool,
    pub sso: bool,
    pub role_arn: Option<String>,
    pub source_profile: Option<String>,
    pub external_id: Option<String>,
    pub mfa_serial: Option<String>,
    pub duration_secs: Option<u32>,
    pub session_name: Option<String>,
}

/// Every profile of both files, sorted by name.
pub async fn list_profiles(files: &AwsFiles) -> Result<Vec<AwsConfigProfile>, CloudError> {
    let set = files.load().await?;
    let mut names: Vec<&str> = set.profiles().collect();
    names.sort_unstable();
    Ok(names
        .into_iter()
        .filter_map(|name| set.get_profile(name))
        .map(|p| {
            let get = |key: &str| p.get(key).map(str::to_owned);
            let has_access_keys =
                p.get("aws_access_key_id").is_some() && p.get("aws_secret_access_key").is_some();
            let role_arn = get("role_arn");
            let import_as = if role_arn.is_none() && has_access_keys {
                ProfileKind::AccessKeys
            } else {
                ProfileKind::AwsConfig
            };
            AwsConfigProfile {
                name: p.name().to_owned(),
                region: get("region"),
                import_as,
                has_access_keys,
                sso: p.get("sso_start_url").is_some() || p.get("sso_session").is_some(),
                source_profile: get("source_profile"),
                external_id: get("external_id"),
                mfa_serial: get("mfa_serial"),
                duration_secs: p.get("duration_seconds").and_then(|s| s.parse().ok()),
                session_name: get("role_session_name"),
                role_arn,
            }
        })
        .collect())
}

/// The access keys of one profile, straight into a [`Secret`].
pub async fn read_keys(files: &AwsFiles, name: &str) -> Result<Option<ProfileSecret>, CloudError> {
    let set = files.load().await?;
    let Some(p) = set.get_profile(name) else {
        return Ok(None);
    };
    let (Some(id), Some(secret)) = (p.get("aws_access_key_id"), p.get("aws_secret_access_key"))
    else {
        return Ok(None);
    };
    Ok(Some(ProfileSecret {
        access_key_id: id.to_owned(),
        secret_access_key: Secret::new(secret),
        session_token: p.get("aws_session_token").map(Secret::new),
    }))
}

//! Importing profiles from the user's AWS files (`~/.aws/config`, `~/.aws/credentials`).

use hangar_core::profile::ProfileKind;
use serde::Serialize;

use super::record::kind_of;
use super::{NewCredentials, NewProfile, Profiles};
use crate::aws_files::{self, AwsConfigProfile};
use crate::errors::CloudError;

/// The region a profile imported without one gets.
pub const FALLBACK_REGION: &str = "us-east-1";

/// One profile of an import: what it became, or why it was not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Imported {
    pub name: String,
    pub kind: Option<ProfileKind>,
    pub error: Option<String>,
    pub warnings: Vec<String>,
}

/// A profile of the user's AWS files, and whether Hangar has one of that name already.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Importable {
    #[serde(flatten)]
    pub profile: AwsConfigProfile,
    pub already_imported: bool,
}

impl Profiles<'_> {
    pub async fn importable(&self) -> Result<Vec<Importable>, CloudError> {
        let found = aws_files::list_profiles(&self.aws_files).await?;
        found
            .into_iter()
            .map(|profile| {
                let already_imported = self.store.get_profile(&profile.name)?.is_some();
                Ok(Importable {
                    profile,
                    already_imported,
                })
            })
            .collect()
    }

    /// Imports the named profiles of the user's AWS files. Keys are copied into the keychain
    /// (the files are left as they are); a role whose source profile is imported too, or is
    /// already in Hangar, becomes a Hangar role; anything else is used through the SDK's chain.
    pub async fn import(&self, names: &[String]) -> Result<Vec<Imported>, CloudError> {
        let found = aws_files::list_profiles(&self.aws_files).await?;
        let mut wanted: Vec<&AwsConfigProfile> = Vec::new();
        let mut results = Vec::new();
        for name in names {
            match found.iter().find(|p| &p.name == name) {
                Some(p) => wanted.push(p),
                None => results.push(failed(
                    name,
                    format!(
                        "there is no profile {name:?} in {} or {}",
                        self.aws_files.config.display(),
                        self.aws_files.credentials.display()
                    ),
                )),
            }
        }
        // Sources before the roles assumed from them.
        wanted.sort_by_key(|p| p.role_arn.is_some());
        for p in wanted {
            results.push(self.import_one(p, names).await);
        }
        Ok(results)
    }

    async fn import_one(&self, p: &AwsConfigProfile, batch: &[String]) -> Imported {
        match self.import_inner(p, batch).await {
            Ok((kind, warnings)) => Imported {
                name: p.name.clone(),
                kind: Some(kind),
                error: None,
                warnings,
            },
            Err(err) => failed(&p.name, err.message),
        }
    }

    async fn import_inner(
        &self,
        p: &AwsConfigProfile,
        batch: &[String],
    ) -> Result<(ProfileKind, Vec<String>), CloudError> {
        if self.store.get_profile(&p.name)?.is_some() {
            return Err(CloudError::invalid(format!(
                "Hangar already has a profile named {:?}",
                p.name
            )));
        }
        let mut warnings = Vec::new();
        let region = p.region.clone().unwrap_or_else(|| {
            warnings.push(format!(
                "{} names no region: using {FALLBACK_REGION}",
                p.name
            ));
            FALLBACK_REGION.into()
        });
        let source_known = |source: &String| {
            batch.contains(source) || matches!(self.store.get_profile(source), Ok(Some(_)))
        };
        let credentials = match (&p.role_arn, &p.source_profile) {
            (None, _) if p.has_access_keys => NewCredentials::AccessKeys {
                secret: aws_files::read_keys(&self.aws_files, &p.name).await?,
            },
            (Some(role_arn), Some(source)) if source_known(source) && source != &p.name => {
                NewCredentials::AssumeRole {
                    source_profile: source.clone(),
                    role_arn: role_arn.clone(),
                    external_id: p.external_id.clone(),
                    mfa_serial: p.mfa_serial.clone(),
                    session_name: p.session_name.clone(),
                    duration_secs: p.duration_secs,
                }
            }
            _ => NewCredentials::AwsConfig {
                aws_profile: p.name.clone(),
            },
        };
        let kind = kind_of(&credentials);
        let saved = self.save(NewProfile {
            name: p.name.clone(),
            region,
            endpoint: None,
            is_default: false,
            default_lifetime: None,
            credentials,
        })?;
        warnings.extend(saved.warnings);
        Ok((kind, warnings))
    }
}

fn failed(name: &str, error: String) -> Imported {
    Imported {
        name: name.into(),
        kind: None,
        error: Some(error),
        warnings: Vec::new(),
    }
}

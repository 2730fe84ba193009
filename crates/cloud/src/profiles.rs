//! Adding, changing, removing, importing and testing profiles: the history gets the non-secret
//! fields, the keychain the secret, and the credentials cache is dropped whenever a profile
//! changes. The desktop shell and the CLI both call this, so each stays a few lines.

use hangar_core::profile::ProfileKind;
use hangar_core::profile_rules::{ProfileFields, session_duration, validate_profile};
use hangar_keychain::{Keychain, ProfileSecret};
use hangar_store::{ProfileRecord, Store};
use serde::Serialize;

use crate::aws_files::{self, AwsConfigProfile, AwsFiles};
use crate::cache::CredentialsCache;
use crate::credentials::{CredentialPlan, StoreSource};
use crate::errors::{CloudError, ErrorKind};
use crate::identity::{self, CallerIdentity};

/// The region a profile imported without one gets.
pub const FALLBACK_REGION: &str = "us-east-1";

/// A profile as the user entered it.
#[derive(Debug, Clone)]
pub struct NewProfile {
    pub name: String,
    pub region: String,
    pub endpoint: Option<String>,
    pub is_default: bool,
    pub credentials: NewCredentials,
}

#[derive(Debug, Clone)]
pub enum NewCredentials {
    /// `secret: None` keeps the keys already in the keychain (editing the region, say).
    AccessKeys {
        secret: Option<ProfileSecret>,
    },
    AssumeRole {
        source_profile: String,
        role_arn: String,
        external_id: Option<String>,
        mfa_serial: Option<String>,
        session_name: Option<String>,
        duration_secs: Option<u32>,
    },
    AwsConfig {
        aws_profile: String,
    },
}

/// What saving a profile has to tell, e.g. that a chained role's session is cut to one hour.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Saved {
    pub warnings: Vec<String>,
}

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

pub struct Profiles<'a> {
    pub store: &'a Store,
    pub keychain: &'a Keychain,
    pub cache: &'a CredentialsCache,
    pub aws_files: AwsFiles,
}

impl Profiles<'_> {
    pub fn save(&self, input: NewProfile) -> Result<Saved, CloudError> {
        let existing = self.store.get_profile(&input.name)?;
        if existing
            .as_ref()
            .is_some_and(|p| p.kind == ProfileKind::Sandbox)
        {
            return Err(CloudError::invalid(
                "the Sandbox profile is managed by the app and cannot be changed",
            ));
        }
        let mut record = record_of(&input);
        record.is_default = input.is_default || existing.as_ref().is_some_and(|p| p.is_default);
        validate(&record)?;

        let mut saved = Saved::default();
        match &input.credentials {
            NewCredentials::AccessKeys { secret } => {
                if let Some(secret) = secret {
                    check_keys(secret)?;
                } else if self.keychain.get(&input.name)?.is_none() {
                    return Err(CloudError::invalid(
                        "accessKeys: an access key id and a secret access key are required",
                    ));
                }
            }
            NewCredentials::AssumeRole {
                source_profile,
                role_arn,
                duration_secs,
                ..
            } => {
                let source = self.store.get_profile(source_profile)?.ok_or_else(|| {
                    CloudError::invalid(format!(
                        "sourceProfile: there is no profile named {source_profile:?}"
                    ))
                })?;
                let chained = source.kind == ProfileKind::AssumeRole;
                saved
                    .warnings
                    .extend(session_duration(*duration_secs, chained, role_arn).warning);
            }
            NewCredentials::AwsConfig { .. } => {}
        }

        // The keychain first: if it is locked nothing is half-saved.
        let had_secret = match &input.credentials {
            NewCredentials::AccessKeys {
                secret: Some(secret),
            } => {
                let had = self.keychain.get(&input.name)?.is_some();
                self.keychain.set(&input.name, secret)?;
                Some(had)
            }
            _ => None,
        };
        if let Err(err) = self.store.save_profile(&record) {
            if had_secret == Some(false) {
                let _ = self.keychain.delete(&input.name);
            }
            return Err(err.into());
        }
        // A profile that no longer uses keys must not leave them behind.
        if record.kind != ProfileKind::AccessKeys {
            self.keychain.delete(&input.name)?;
        }
        self.cache.clear();
        Ok(saved)
    }

    /// Removes the profile and its keychain entry. A profile other roles are assumed from
    /// stays until those are removed.
    pub fn remove(&self, name: &str) -> Result<(), CloudError> {
        if self.store.get_profile(name)?.is_none() {
            return Err(CloudError::not_found(name));
        }
        let users = self.store.profiles_sourced_from(name)?;
        if !users.is_empty() {
            return Err(CloudError::invalid(format!(
                "profile {name:?} is the source of {}: remove or change those first",
                users.join(", ")
            )));
        }
        // The keychain first: a locked keychain leaves the profile whole, to be removed later.
        self.keychain.delete(name)?;
        self.store.delete_profile(name)?;
        self.cache.clear();
        Ok(())
    }

    pub fn set_default(&self, name: &str) -> Result<(), CloudError> {
        if self.store.set_default_profile(name)? {
            Ok(())
        } else {
            Err(CloudError::not_found(name))
        }
    }

    pub fn plan(&self, name: &str) -> Result<CredentialPlan, CloudError> {
        let source = StoreSource {
            store: self.store,
            keychain: self.keychain,
            aws_files: self.aws_files.clone(),
        };
        CredentialPlan::resolve(&source, name)
    }

    /// STS GetCallerIdentity with the profile, its role chain walked (see [`identity`]).
    pub async fn test(
        &self,
        name: &str,
        mfa_code: Option<&str>,
    ) -> Result<CallerIdentity, CloudError> {
        let plan = self.plan(name)?;
        identity::test_profile(&plan, self.cache, mfa_code).await
    }

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

fn kind_of(credentials: &NewCredentials) -> ProfileKind {
    match credentials {
        NewCredentials::AccessKeys { .. } => ProfileKind::AccessKeys,
        NewCredentials::AssumeRole { .. } => ProfileKind::AssumeRole,
        NewCredentials::AwsConfig { .. } => ProfileKind::AwsConfig,
    }
}

fn record_of(input: &NewProfile) -> ProfileRecord {
    let mut r = ProfileRecord::new(
        input.name.trim(),
        kind_of(&input.credentials),
        input.region.trim(),
    );
    let clean = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    r.endpoint = clean(&input.endpoint);
    match &input.credentials {
        NewCredentials::AccessKeys { .. } => {}
        NewCredentials::AssumeRole {
            source_profile,
            role_arn,
            external_id,
            mfa_serial,
            session_name,
            duration_secs,
        } => {
            r.source_profile = Some(source_profile.trim().into());
            r.role_arn = Some(role_arn.trim().into());
            r.external_id = clean(external_id);
            r.mfa_serial = clean(mfa_serial);
            r.session_name = clean(session_name);
            r.duration_secs = *duration_secs;
        }
        NewCredentials::AwsConfig { aws_profile } => {
            r.aws_profile = Some(aws_profile.trim().into())
        }
    }
    r
}

fn validate(r: &ProfileRecord) -> Result<(), CloudError> {
    let fields = ProfileFields {
        name: &r.name,
        kind: Some(r.kind),
        region: &r.region,
        endpoint: r.endpoint.as_deref(),
        source_profile: r.source_profile.as_deref(),
        role_arn: r.role_arn.as_deref(),
        external_id: r.external_id.as_deref(),
        mfa_serial: r.mfa_serial.as_deref(),
        session_name: r.session_name.as_deref(),
        duration_secs: r.duration_secs,
        aws_profile: r.aws_profile.as_deref(),
    };
    validate_profile(&fields).map_err(|errors| {
        let text: Vec<String> = errors
            .0
            .iter()
            .map(|e| format!("{}: {}", e.path, e.message))
            .collect();
        CloudError::new(ErrorKind::Invalid, text.join("; "))
    })
}

/// The key id is checked for shape; the secret only for presence, and never quoted back.
fn check_keys(secret: &ProfileSecret) -> Result<(), CloudError> {
    let id = &secret.access_key_id;
    if !(16..=128).contains(&id.len()) || !id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(CloudError::invalid(
            "accessKeyId: an access key id is 16 to 128 letters and digits (like AKIA...)",
        ));
    }
    if secret.secret_access_key.is_empty() {
        return Err(CloudError::invalid("secretAccessKey: is required"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use hangar_keychain::Secret;

    use super::*;

    struct World {
        _dir: tempfile::TempDir,
        store: Store,
        keychain: Keychain,
        cache: CredentialsCache,
    }

    fn world() -> World {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open_in(dir.path()).expect("store");
        World {
            _dir: dir,
            store,
            keychain: Keychain::mock(),
            cache: CredentialsCache::new(),
        }
    }

    impl World {
        fn profiles(&self) -> Profiles<'_> {
            Profiles {
                store: &self.store,
                keychain: &self.keychain,
                cache: &self.cache,
                aws_files: AwsFiles::in_dir(self._dir.path()),
            }
        }
    }

    fn keys(name: &str) -> NewProfile {
        NewProfile {
            name: name.into(),
            region: "eu-west-1".into(),
            endpoint: None,
            is_default: false,
            credentials: NewCredentials::AccessKeys {
                secret: Some(ProfileSecret::new(
                    "AKIAIOSFODNN7EXAMPLE",
                    Secret::new("unit-secret"),
                )),
            },
        }
    }

    fn role(name: &str, source: &str, duration: Option<u32>) -> NewProfile {
        NewProfile {
            name: name.into(),
            region: "eu-west-1".into(),
            endpoint: None,
            is_default: false,
            credentials: NewCredentials::AssumeRole {
                source_profile: source.into(),
                role_arn: format!("arn:aws:iam::123456789012:role/{name}"),
                external_id: Some("ext-1".into()),
                mfa_serial: None,
                session_name: None,
                duration_secs: duration,
            },
        }
    }

    #[test]
    fn keys_go_to_the_keychain_and_leave_with_the_profile() {
        let w = world();
        let p = w.profiles();
        p.save(keys("dev")).expect("save");
        assert!(w.keychain.get("dev").expect("get").is_some());
        let mut edit = keys("dev");
        edit.credentials = NewCredentials::AccessKeys { secret: None };
        edit.region = "us-west-2".into();
        p.save(edit).expect("keeping the keys");
        assert_eq!(
            w.store
                .get_profile("dev")
                .expect("get")
                .expect("dev")
                .region,
            "us-west-2"
        );
        p.remove("dev").expect("remove");
        assert!(w.keychain.get("dev").expect("get").is_none());
        assert!(w.store.get_profile("dev").expect("get").is_none());
        assert_eq!(p.remove("dev").expect_err("gone").kind, ErrorKind::NotFound);
    }

    #[test]
    fn invalid_fields_are_refused_before_anything_is_stored() {
        let w = world();
        let mut bad = keys("bad name");
        bad.region = "nowhere".into();
        let err = w.profiles().save(bad).expect_err("invalid");
        assert_eq!(err.kind, ErrorKind::Invalid);
        assert!(
            err.message.contains("name:") && err.message.contains("region:"),
            "{err}"
        );
        assert!(w.store.list_profiles().expect("list").is_empty());
        let mut no_keys = keys("dev");
        no_keys.credentials = NewCredentials::AccessKeys { secret: None };
        assert!(w.profiles().save(no_keys).is_err());
    }

    #[test]
    fn a_chained_role_warns_and_a_source_in_use_stays() {
        let w = world();
        let p = w.profiles();
        p.save(keys("base")).expect("base");
        assert!(
            p.save(role("hub", "base", Some(43_200)))
                .expect("hub")
                .warnings
                .is_empty()
        );
        let saved = p.save(role("spoke", "hub", Some(7_200))).expect("spoke");
        assert_eq!(saved.warnings.len(), 1, "{saved:?}");
        let err = p.remove("hub").expect_err("in use");
        assert!(err.message.contains("spoke"), "{err}");
        assert!(p.save(role("x", "missing", None)).is_err());
    }

    #[test]
    fn switching_away_from_keys_removes_them() {
        let w = world();
        let p = w.profiles();
        p.save(keys("dev")).expect("keys");
        let mut cfg = keys("dev");
        cfg.credentials = NewCredentials::AwsConfig {
            aws_profile: "dev".into(),
        };
        p.save(cfg).expect("aws config");
        assert!(w.keychain.get("dev").expect("get").is_none());
    }

    #[test]
    fn a_locked_keychain_leaves_nothing_half_saved() {
        let w = world();
        w.keychain.mock_fail_next("dev", keyring_locked());
        let err = w.profiles().save(keys("dev")).expect_err("locked");
        assert_eq!(err.code(), "keychain_locked");
        assert!(w.store.get_profile("dev").expect("get").is_none());
    }

    fn keyring_locked() -> keyring::Error {
        keyring::Error::NoStorageAccess("object locked".into())
    }

    #[test]
    fn one_default() {
        let w = world();
        let p = w.profiles();
        p.save(keys("a")).expect("a");
        p.save(keys("b")).expect("b");
        p.set_default("b").expect("default");
        assert!(
            w.store
                .get_profile("b")
                .expect("get")
                .expect("b")
                .is_default
        );
        assert_eq!(
            p.set_default("zzz").expect_err("missing").kind,
            ErrorKind::NotFound
        );
    }
}

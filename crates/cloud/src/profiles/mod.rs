//! Adding, changing, removing, importing and testing profiles: the history gets the non-secret
//! fields, the keychain the secret, and the credentials cache is dropped whenever a profile
//! changes. The desktop shell and the CLI both call this, so each stays a few lines.

mod import;
mod record;

use hangar_core::lifetime::Lifetime;
use hangar_core::profile::ProfileKind;
use hangar_core::profile_rules::session_duration;
use hangar_keychain::{Keychain, ProfileSecret};
use hangar_store::Store;
use serde::Serialize;

pub use self::import::{FALLBACK_REGION, Importable, Imported};
use self::record::{check_keys, record_of, validate};
use crate::aws_files::AwsFiles;
use crate::cache::CredentialsCache;
use crate::credentials::{CredentialPlan, StoreSource};
use crate::errors::CloudError;
use crate::identity::{self, CallerIdentity};

/// A profile as the user entered it.
#[derive(Debug, Clone)]
pub struct NewProfile {
    pub name: String,
    pub region: String,
    pub endpoint: Option<String>,
    pub is_default: bool,
    /// What its environments live unless their creator says otherwise; `None` for never.
    pub default_lifetime: Option<Lifetime>,
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
                } else if existing
                    .as_ref()
                    .is_some_and(|p| p.endpoint != record.endpoint)
                {
                    // Kept keys would sign requests to a host the person never gave them for.
                    return Err(CloudError::invalid(
                        "endpoint: changing the endpoint needs the access key and secret again \
                         (requests signed with them go to the new host)",
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
                // Temporary keys may be a role's session or an IAM user's GetSessionToken
                // session; only STS can tell, so testing the profile says which.
                let chained = match source.kind {
                    ProfileKind::AssumeRole => true,
                    ProfileKind::AccessKeys | ProfileKind::Sandbox | ProfileKind::AwsConfig => {
                        false
                    }
                };
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
}

#[cfg(test)]
mod tests {
    use hangar_keychain::Secret;

    use super::*;
    use crate::errors::ErrorKind;

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
            default_lifetime: None,
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
            default_lifetime: None,
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

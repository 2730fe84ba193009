//! A profile's chain, read once from a [`ProfileSource`] into a [`CredentialPlan`]: the base
//! credentials (the Sandbox, access keys, or a profile of the user's AWS files) and each role
//! assumed from them, with its session length.

use std::collections::HashSet;

use hangar_core::profile::ProfileKind;
use hangar_core::profile_rules::{is_session_key, session_duration};
use hangar_keychain::ProfileSecret;

use super::source::ProfileSource;
use crate::aws_files::AwsFiles;
use crate::errors::{CloudError, ErrorKind};

/// A role chain longer than this is surely a mistake (AWS itself has no such limit).
const MAX_CHAIN: usize = 5;

/// Where a chain's first credentials come from.
#[derive(Debug)]
pub(super) enum Base {
    Sandbox,
    Keys {
        profile: String,
        secret: ProfileSecret,
    },
    AwsConfig {
        profile: String,
        aws_profile: String,
        region: String,
        files: AwsFiles,
    },
}

/// One AssumeRole on the way from the base to the profile.
#[derive(Debug, Clone)]
pub(super) struct Hop {
    pub(super) profile: String,
    pub(super) source: String,
    pub(super) role_arn: String,
    pub(super) external_id: Option<String>,
    pub(super) mfa_serial: Option<String>,
    pub(super) session_name: String,
    pub(super) duration_secs: u32,
    /// The length the profile asks for, before any cap: the first hop from temporary keys is
    /// capped only once STS says they are a role's session.
    pub(super) requested_secs: Option<u32>,
    pub(super) region: String,
    pub(super) endpoint: Option<String>,
}

impl Hop {
    pub(super) fn fingerprint(&self, base: &str) -> String {
        format!(
            "{base}|{}|{}|{:?}|{:?}|{}|{}|{}|{:?}",
            self.source,
            self.role_arn,
            self.external_id,
            self.mfa_serial,
            self.session_name,
            self.duration_secs,
            self.region,
            self.endpoint
        )
    }
}

/// Everything needed to get a profile's credentials, read once. Holds the base's secret in
/// memory (wiped on drop) so a session can be refreshed without the keychain.
#[derive(Debug)]
pub struct CredentialPlan {
    pub profile: String,
    pub region: String,
    pub endpoint: Option<String>,
    /// Things the user should know, e.g. a session cut to one hour by role chaining.
    pub warnings: Vec<String>,
    pub(super) base: Base,
    pub(super) hops: Vec<Hop>,
}

impl CredentialPlan {
    /// Whether the base is temporary keys, which may be a role's session (the first hop is
    /// then chained) or an IAM user's GetSessionToken session (it is not).
    pub(super) fn base_is_temporary(&self) -> bool {
        match &self.base {
            Base::Keys { secret, .. } => {
                is_session_key(&secret.access_key_id, secret.session_token.is_some())
            }
            Base::Sandbox | Base::AwsConfig { .. } => false,
        }
    }
}

impl CredentialPlan {
    /// Reads the profile and, for a role, each source profile down to one with credentials.
    pub fn resolve(source: &dyn ProfileSource, name: &str) -> Result<Self, CloudError> {
        let target = source
            .record(name)?
            .ok_or_else(|| CloudError::not_found(name))?;
        let mut records = vec![target];
        let mut seen = HashSet::from([name.to_owned()]);
        while let Some(last) = records.last().filter(|r| r.kind == ProfileKind::AssumeRole) {
            let src_name = last.source_profile.clone().ok_or_else(|| {
                CloudError::invalid(format!(
                    "profile {:?} assumes a role but names no source profile",
                    last.name
                ))
            })?;
            if !seen.insert(src_name.clone()) || records.len() > MAX_CHAIN {
                return Err(CloudError::invalid(format!(
                    "the source profiles of {name:?} go round in a circle (or more than {MAX_CHAIN} deep) at {src_name:?}"
                )));
            }
            let next = source.record(&src_name)?.ok_or_else(|| {
                CloudError::new(
                    ErrorKind::NotFound,
                    format!(
                        "profile {:?} assumes its role from {src_name:?}, which does not exist",
                        last.name
                    ),
                )
            })?;
            records.push(next);
        }
        records.reverse();
        let (base_record, roles) = records
            .split_first()
            .ok_or_else(|| CloudError::not_found(name))?;
        let base = match base_record.kind {
            ProfileKind::Sandbox => Base::Sandbox,
            ProfileKind::AccessKeys => Base::Keys {
                profile: base_record.name.clone(),
                secret: source.secret(&base_record.name)?.ok_or_else(|| {
                    CloudError::new(
                        ErrorKind::NotFound,
                        format!(
                            "the keychain holds no access keys for profile {:?}: enter its keys again",
                            base_record.name
                        ),
                    )
                })?,
            },
            ProfileKind::AwsConfig => Base::AwsConfig {
                profile: base_record.name.clone(),
                aws_profile: base_record
                    .aws_profile
                    .clone()
                    .unwrap_or_else(|| base_record.name.clone()),
                region: base_record.region.clone(),
                files: source.aws_files(),
            },
            ProfileKind::AssumeRole => unreachable_base(&base_record.name)?,
        };
        if base_record.kind == ProfileKind::Sandbox && base_record.endpoint.is_none() {
            return Err(CloudError::new(
                ErrorKind::Unreachable,
                "the Sandbox is not running: start the app (it starts the emulator) or give the profile an endpoint URL",
            ));
        }

        let mut warnings = Vec::new();
        let mut hops: Vec<Hop> = Vec::new();
        let mut endpoint = base_record.endpoint.clone();
        let mut source_name = base_record.name.clone();
        for role in roles {
            let role_arn = role.role_arn.clone().ok_or_else(|| {
                CloudError::invalid(format!(
                    "profile {:?} assumes a role but has no role ARN",
                    role.name
                ))
            })?;
            // A role's session is one hour at most when its source is itself a role session:
            // another role of the chain here; for temporary keys STS decides when it is assumed.
            let chained = !hops.is_empty();
            let duration = session_duration(role.duration_secs, chained, &role_arn);
            warnings.extend(duration.warning);
            endpoint = role.endpoint.clone().or(endpoint);
            hops.push(Hop {
                profile: role.name.clone(),
                source: source_name.clone(),
                role_arn,
                external_id: role.external_id.clone(),
                mfa_serial: role.mfa_serial.clone(),
                session_name: role
                    .session_name
                    .clone()
                    .unwrap_or_else(|| default_session_name(&role.name)),
                duration_secs: duration.secs,
                requested_secs: role.duration_secs,
                region: role.region.clone(),
                endpoint: endpoint.clone(),
            });
            source_name = role.name.clone();
        }
        let last = records.last().ok_or_else(|| CloudError::not_found(name))?;
        Ok(Self {
            profile: last.name.clone(),
            region: last.region.clone(),
            endpoint: last.endpoint.clone().or(endpoint),
            warnings,
            base,
            hops,
        })
    }

    /// Whether some role on the way needs an MFA code.
    pub fn mfa_serial(&self) -> Option<&str> {
        self.hops.iter().find_map(|h| h.mfa_serial.as_deref())
    }

    pub(super) fn keys_profile(&self) -> Option<&str> {
        match &self.base {
            Base::Keys { profile, .. } => Some(profile),
            _ => None,
        }
    }

    pub(super) fn secrets(&self) -> Vec<&str> {
        match &self.base {
            Base::Keys { secret, .. } => {
                let mut all = vec![secret.secret_access_key.expose()];
                all.extend(secret.session_token.as_ref().map(|t| t.expose()));
                all
            }
            _ => Vec::new(),
        }
    }

    pub(super) fn base_fingerprint(&self) -> String {
        match &self.base {
            Base::Sandbox => "sandbox".into(),
            Base::Keys { profile, secret } => format!("keys:{profile}:{}", secret.access_key_id),
            Base::AwsConfig { aws_profile, .. } => format!("aws:{aws_profile}"),
        }
    }
}

fn unreachable_base(name: &str) -> Result<Base, CloudError> {
    Err(CloudError::invalid(format!(
        "profile {name:?} is a role with no source profile"
    )))
}

/// `hangar-NAME`, cut to what STS accepts (2 to 64 of `[\w+=,.@-]`).
fn default_session_name(profile: &str) -> String {
    let cleaned: String = format!("hangar-{profile}")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "+=,.@_-".contains(c) {
                c
            } else {
                '-'
            }
        })
        .take(64)
        .collect();
    cleaned
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use hangar_keychain::Secret;
    use hangar_store::ProfileRecord;

    use super::*;

    #[derive(Default)]
    struct Fake {
        records: HashMap<String, ProfileRecord>,
        secrets: HashMap<String, ProfileSecret>,
    }

    impl ProfileSource for Fake {
        fn record(&self, name: &str) -> Result<Option<ProfileRecord>, CloudError> {
            Ok(self.records.get(name).cloned())
        }
        fn secret(&self, name: &str) -> Result<Option<ProfileSecret>, CloudError> {
            Ok(self.secrets.get(name).cloned())
        }
        fn aws_files(&self) -> AwsFiles {
            AwsFiles::in_dir(std::path::Path::new("/nonexistent"))
        }
    }

    fn role(name: &str, source: &str, duration: Option<u32>) -> ProfileRecord {
        let mut r = ProfileRecord::new(name, ProfileKind::AssumeRole, "eu-west-1");
        r.source_profile = Some(source.into());
        r.role_arn = Some(format!("arn:aws:iam::123456789012:role/{name}"));
        r.duration_secs = duration;
        r
    }

    fn fake() -> Fake {
        let mut fake = Fake::default();
        fake.records.insert(
            "base".into(),
            ProfileRecord::new("base", ProfileKind::AccessKeys, "us-east-1"),
        );
        fake.secrets.insert(
            "base".into(),
            ProfileSecret::new("AKIABASE", Secret::new("base-secret-value")),
        );
        fake.records
            .insert("a".into(), role("a", "base", Some(43_200)));
        fake.records.insert("b".into(), role("b", "a", Some(7_200)));
        fake
    }

    #[test]
    fn a_role_from_keys_keeps_its_long_session_and_a_chained_one_is_capped() {
        let fake = fake();
        let a = CredentialPlan::resolve(&fake, "a").expect("plan a");
        assert_eq!(a.hops[0].duration_secs, 43_200);
        assert!(a.warnings.is_empty());
        assert_eq!(a.keys_profile(), Some("base"));

        let b = CredentialPlan::resolve(&fake, "b").expect("plan b");
        assert_eq!(b.hops.len(), 2);
        assert_eq!(b.hops[1].duration_secs, 3_600);
        assert_eq!(b.hops[1].source, "a");
        assert_eq!(b.warnings.len(), 1);
        assert!(b.warnings[0].contains("one hour"), "{:?}", b.warnings);
        assert_eq!(b.region, "eu-west-1");
    }

    #[test]
    fn a_role_from_temporary_keys_is_left_for_sts_to_judge() {
        let mut fake = fake();
        let mut session = ProfileSecret::new("ASIASESSIONKEY0001", Secret::new("session-secret"));
        session.session_token = Some(Secret::new("session-token"));
        fake.secrets.insert("base".into(), session);
        let a = CredentialPlan::resolve(&fake, "a").expect("plan a");
        assert!(a.base_is_temporary());
        assert_eq!(a.hops[0].duration_secs, 43_200);
        assert_eq!(a.hops[0].requested_secs, Some(43_200));
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
        assert!(
            !CredentialPlan::resolve(&self::fake(), "a")
                .expect("plan")
                .base_is_temporary()
        );
    }

    #[test]
    fn missing_sources_secrets_and_cycles_are_clear_errors() {
        let mut fake = fake();
        fake.records
            .insert("orphan".into(), role("orphan", "gone", None));
        let err = CredentialPlan::resolve(&fake, "orphan").expect_err("missing source");
        assert!(err.message.contains("\"gone\""), "{err}");

        fake.records.insert("x".into(), role("x", "y", None));
        fake.records.insert("y".into(), role("y", "x", None));
        let err = CredentialPlan::resolve(&fake, "x").expect_err("cycle");
        assert_eq!(err.kind, ErrorKind::Invalid);

        fake.secrets.clear();
        let err = CredentialPlan::resolve(&fake, "a").expect_err("no secret");
        assert!(err.message.contains("keychain"), "{err}");

        let err = CredentialPlan::resolve(&fake, "nobody").expect_err("not found");
        assert_eq!(err.kind, ErrorKind::NotFound);
    }

    #[test]
    fn the_plan_never_prints_its_secret() {
        let plan = CredentialPlan::resolve(&fake(), "b").expect("plan");
        let debug = format!("{plan:?}");
        assert!(!debug.contains("base-secret-value"), "{debug}");
    }

    #[test]
    fn session_names_are_what_sts_accepts() {
        assert_eq!(default_session_name("dev"), "hangar-dev");
        assert_eq!(default_session_name(&"x".repeat(80)).len(), 64);
    }
}

//! From a profile to credentials and an `SdkConfig`: the profile's chain is read once from the
//! history and the keychain into a [`CredentialPlan`], then walked through STS. Temporary
//! credentials go to the in-memory [`CredentialsCache`] only.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use aws_config::identity::IdentityCache;
use aws_config::profile::ProfileFileCredentialsProvider;
use aws_config::provider_config::ProviderConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, ConfigLoader, SdkConfig};
use aws_credential_types::Credentials;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider, future};
use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;
use aws_types::region::Region;
use hangar_core::profile::ProfileKind;
use hangar_core::profile_rules::session_duration;
use hangar_keychain::{Keychain, ProfileSecret};
use hangar_store::{ProfileRecord, Store};
use serde::Serialize;

use crate::aws_files::AwsFiles;
use crate::cache::CredentialsCache;
use crate::errors::{Action, CloudError, Context, ErrorKind, classify_credentials, classify_sdk};

/// The Sandbox's emulator checks no signature; these fixed keys only make requests well-formed.
pub const SANDBOX_ACCESS_KEY: &str = "hangar-sandbox";
pub const SANDBOX_SECRET_KEY: &str = "hangar-sandbox";

/// A role chain longer than this is surely a mistake (AWS itself has no such limit).
const MAX_CHAIN: usize = 5;

/// Where profiles and their secrets come from.
pub trait ProfileSource {
    fn record(&self, name: &str) -> Result<Option<ProfileRecord>, CloudError>;
    fn secret(&self, name: &str) -> Result<Option<ProfileSecret>, CloudError>;
    fn aws_files(&self) -> AwsFiles;
}

/// The history database and the keychain: where the app and the CLI keep profiles.
pub struct StoreSource<'a> {
    pub store: &'a Store,
    pub keychain: &'a Keychain,
    pub aws_files: AwsFiles,
}

impl ProfileSource for StoreSource<'_> {
    fn record(&self, name: &str) -> Result<Option<ProfileRecord>, CloudError> {
        Ok(self.store.get_profile(name)?)
    }
    fn secret(&self, name: &str) -> Result<Option<ProfileSecret>, CloudError> {
        Ok(self.keychain.get(name)?)
    }
    fn aws_files(&self) -> AwsFiles {
        self.aws_files.clone()
    }
}

/// Where a chain's first credentials come from.
#[derive(Debug)]
enum Base {
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
struct Hop {
    profile: String,
    source: String,
    role_arn: String,
    external_id: Option<String>,
    mfa_serial: Option<String>,
    session_name: String,
    duration_secs: u32,
    region: String,
    endpoint: Option<String>,
}

impl Hop {
    fn fingerprint(&self, base: &str) -> String {
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
    base: Base,
    hops: Vec<Hop>,
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
            // A role's session is one hour at most when its source is itself a role session.
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

    fn keys_profile(&self) -> Option<&str> {
        match &self.base {
            Base::Keys { profile, .. } => Some(profile),
            _ => None,
        }
    }

    fn secrets(&self) -> Vec<&str> {
        match &self.base {
            Base::Keys { secret, .. } => {
                let mut all = vec![secret.secret_access_key.expose()];
                all.extend(secret.session_token.as_ref().map(|t| t.expose()));
                all
            }
            _ => Vec::new(),
        }
    }

    fn base_fingerprint(&self) -> String {
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

/// One role of the chain as it was assumed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainLink {
    pub profile: String,
    pub source_profile: String,
    pub role_arn: String,
    pub session_name: String,
    pub duration_secs: u32,
    /// RFC 3339, UTC.
    pub expires_at: Option<String>,
    /// Whether the session came from the in-memory cache rather than a new AssumeRole.
    pub cached: bool,
}

/// A profile's credentials, and the chain that made them.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub credentials: Credentials,
    pub chain: Vec<ChainLink>,
}

/// Walks the plan: the base's credentials, then each AssumeRole, each session taken from the
/// cache while it has more than five minutes left. `mfa_code` is used for the role that needs
/// one; without it such a role fails with [`ErrorKind::MfaRequired`] unless it is cached.
pub async fn resolve(
    plan: &CredentialPlan,
    cache: &CredentialsCache,
    mfa_code: Option<&str>,
) -> Result<Resolved, CloudError> {
    resolve_inner(plan, cache, mfa_code)
        .await
        .map_err(|err| err.redact(plan.secrets()))
}

async fn resolve_inner(
    plan: &CredentialPlan,
    cache: &CredentialsCache,
    mfa_code: Option<&str>,
) -> Result<Resolved, CloudError> {
    let mut credentials = base_credentials(plan, cache).await?;
    let mut chain = Vec::new();
    let base_fp = plan.base_fingerprint();
    let mut fingerprint = base_fp;
    for hop in &plan.hops {
        fingerprint = hop.fingerprint(&fingerprint);
        let (session, cached) = match cache.get(&hop.profile, &fingerprint, SystemTime::now()) {
            Some(session) => (session, true),
            None => {
                let session = assume_role(plan, hop, credentials, mfa_code).await?;
                cache.put(&hop.profile, &fingerprint, &session);
                (session, false)
            }
        };
        chain.push(ChainLink {
            profile: hop.profile.clone(),
            source_profile: hop.source.clone(),
            role_arn: hop.role_arn.clone(),
            session_name: hop.session_name.clone(),
            duration_secs: hop.duration_secs,
            expires_at: session.expiry().map(rfc3339),
            cached,
        });
        credentials = session;
    }
    Ok(Resolved { credentials, chain })
}

pub(crate) fn rfc3339(at: SystemTime) -> String {
    DateTime::from(at)
        .fmt(Format::DateTime)
        .unwrap_or_else(|_| "unknown".into())
}

async fn base_credentials(
    plan: &CredentialPlan,
    cache: &CredentialsCache,
) -> Result<Credentials, CloudError> {
    match &plan.base {
        Base::Sandbox => Ok(Credentials::new(
            SANDBOX_ACCESS_KEY,
            SANDBOX_SECRET_KEY,
            None,
            None,
            "hangar-sandbox",
        )),
        // Long-term keys are used directly for the first AssumeRole (no GetSessionToken in
        // between), so that role is not "chained" and may last up to twelve hours.
        Base::Keys { secret, .. } => Ok(Credentials::new(
            secret.access_key_id.clone(),
            secret.secret_access_key.expose(),
            secret.session_token.as_ref().map(|t| t.expose().to_owned()),
            None,
            "hangar-keychain",
        )),
        Base::AwsConfig {
            profile,
            aws_profile,
            region,
            files,
        } => {
            let fingerprint = format!("aws:{aws_profile}");
            if let Some(cached) = cache.get(profile, &fingerprint, SystemTime::now()) {
                return Ok(cached);
            }
            let provider_config =
                ProviderConfig::without_region().with_region(Some(Region::new(region.clone())));
            let provider = ProfileFileCredentialsProvider::builder()
                .configure(&provider_config)
                .profile_files(files.profile_files())
                .profile_name(aws_profile)
                .build();
            let credentials = provider
                .provide_credentials()
                .await
                .map_err(|err| classify_credentials(&err, profile, Some(aws_profile)))?;
            cache.put(profile, &fingerprint, &credentials);
            Ok(credentials)
        }
    }
}

async fn assume_role(
    plan: &CredentialPlan,
    hop: &Hop,
    source: Credentials,
    mfa_code: Option<&str>,
) -> Result<Credentials, CloudError> {
    let config = loader(&hop.region, hop.endpoint.as_deref())
        .credentials_provider(source)
        .load()
        .await;
    let client = aws_sdk_sts::Client::new(&config);
    let mut request = client
        .assume_role()
        .role_arn(&hop.role_arn)
        .role_session_name(&hop.session_name)
        .duration_seconds(i32::try_from(hop.duration_secs).unwrap_or(3600))
        .set_external_id(hop.external_id.clone());
    if let Some(serial) = &hop.mfa_serial {
        let code = mfa_code.filter(|c| !c.trim().is_empty()).ok_or_else(|| {
            CloudError::new(
                ErrorKind::MfaRequired,
                format!(
                    "assuming {} needs a code from the MFA device {serial}",
                    hop.role_arn
                ),
            )
        })?;
        request = request.serial_number(serial).token_code(code.trim());
    }
    let cx = Context {
        profile: &hop.profile,
        keys_profile: plan.keys_profile(),
        endpoint: hop.endpoint.as_deref(),
        region: &hop.region,
        action: Action::AssumeRole {
            role_arn: &hop.role_arn,
            source_profile: &hop.source,
            mfa_serial: hop.mfa_serial.as_deref(),
        },
    };
    let output = request
        .send()
        .await
        .map_err(|err| classify_sdk(&err, &cx))?;
    let session = output.credentials.ok_or_else(|| {
        CloudError::new(
            ErrorKind::Other,
            format!("STS returned no credentials for {}", hop.role_arn),
        )
    })?;
    let expiry = SystemTime::try_from(session.expiration).ok();
    Ok(Credentials::new(
        session.access_key_id,
        session.secret_access_key,
        Some(session.session_token),
        expiry,
        "hangar-assume-role",
    ))
}

/// An SDK config loader that reads nothing from the user's AWS files (a Hangar profile is
/// complete on its own) and gives up on an unreachable endpoint within seconds.
pub(crate) fn loader(region: &str, endpoint: Option<&str>) -> ConfigLoader {
    use aws_runtime::env_config::file::{
        EnvConfigFileKind as ProfileFileKind, EnvConfigFiles as ProfileFiles,
    };
    let no_files = ProfileFiles::builder()
        .include_default_config_file(false)
        .include_default_credentials_file(false)
        .with_contents(ProfileFileKind::Config, "")
        .build();
    let timeouts = TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(5))
        .operation_attempt_timeout(Duration::from_secs(20))
        .operation_timeout(Duration::from_secs(60))
        .build();
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .profile_files(no_files)
        .region(Region::new(region.to_owned()))
        .timeout_config(timeouts);
    if let Some(url) = endpoint {
        loader = loader.endpoint_url(url);
    }
    loader
}

/// Credentials for an SDK client that refresh themselves: each request asks the cache, which
/// holds a session until five minutes before it expires. A role that needs MFA cannot be
/// refreshed unattended: once its session is gone, requests fail with `MfaRequired` until the
/// profile is tested again with a new code.
#[derive(Debug, Clone)]
pub struct ProfileCredentialsProvider {
    plan: Arc<CredentialPlan>,
    cache: Arc<CredentialsCache>,
}

impl ProfileCredentialsProvider {
    pub fn new(plan: Arc<CredentialPlan>, cache: Arc<CredentialsCache>) -> Self {
        Self { plan, cache }
    }
}

impl ProvideCredentials for ProfileCredentialsProvider {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(async move {
            resolve(&self.plan, &self.cache, None)
                .await
                .map(|resolved| resolved.credentials)
                .map_err(aws_credential_types::provider::error::CredentialsError::provider_error)
        })
    }
}

/// An `SdkConfig` for the profile: its region, its endpoint, and credentials from the chain.
/// The SDK's own identity cache is off so the five-minute refresh rule of [`CredentialsCache`]
/// is the only one.
pub async fn sdk_config(plan: Arc<CredentialPlan>, cache: Arc<CredentialsCache>) -> SdkConfig {
    let region = plan.region.clone();
    let endpoint = plan.endpoint.clone();
    loader(&region, endpoint.as_deref())
        .credentials_provider(SharedCredentialsProvider::new(
            ProfileCredentialsProvider::new(plan, cache),
        ))
        .identity_cache(IdentityCache::no_cache())
        .load()
        .await
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use hangar_keychain::Secret;

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

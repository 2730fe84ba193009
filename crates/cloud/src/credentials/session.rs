//! Walking a [`CredentialPlan`]: the base's credentials, then each AssumeRole through STS, each
//! session kept in the in-memory [`CredentialsCache`].

use std::time::SystemTime;

use aws_config::profile::ProfileFileCredentialsProvider;
use aws_config::provider_config::ProviderConfig;
use aws_credential_types::Credentials;
use aws_credential_types::provider::ProvideCredentials;
use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;
use aws_types::region::Region;
use hangar_core::profile_rules::{is_role_session_arn, session_duration};
use hangar_keychain::Secret;
use serde::Serialize;

use super::mfa::{MfaAsk, MfaPrompt};
use super::plan::{Base, CredentialPlan, Hop};
use super::provider::loader;
use crate::cache::CredentialsCache;
use crate::errors::{Action, CloudError, Context, ErrorKind, classify_credentials, classify_sdk};

/// The Sandbox's emulator checks no signature; these fixed keys only make requests well-formed.
pub const SANDBOX_ACCESS_KEY: &str = "hangar-sandbox";
pub const SANDBOX_SECRET_KEY: &str = "hangar-sandbox";

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
    /// What walking the chain found the person should know, e.g. that the temporary keys at
    /// its base are a role's session, so the first role lasts one hour at most.
    pub warnings: Vec<String>,
}

/// Walks the plan: the base's credentials, then each AssumeRole, each session taken from the
/// cache while it has more than five minutes left. `mfa_code` is used for the role that needs
/// one; without it such a role fails with [`ErrorKind::MfaRequired`] unless it is cached.
pub async fn resolve(
    plan: &CredentialPlan,
    cache: &CredentialsCache,
    mfa_code: Option<&str>,
) -> Result<Resolved, CloudError> {
    resolve_with(plan, cache, Mfa::Given(mfa_code)).await
}

/// Where the code for a role that needs MFA comes from.
#[derive(Clone, Copy)]
pub(crate) enum Mfa<'a> {
    /// Given with the call (a profile test); `None` fails such a role with `MfaRequired`.
    Given(Option<&'a str>),
    /// Asked from the person when the role must be assumed (a job whose session ended).
    Prompt(&'a dyn MfaPrompt),
}

pub(crate) async fn resolve_with(
    plan: &CredentialPlan,
    cache: &CredentialsCache,
    mfa: Mfa<'_>,
) -> Result<Resolved, CloudError> {
    resolve_inner(plan, cache, mfa)
        .await
        .map_err(|err| err.redact(plan.secrets()))
}

async fn resolve_inner(
    plan: &CredentialPlan,
    cache: &CredentialsCache,
    mfa_code: Mfa<'_>,
) -> Result<Resolved, CloudError> {
    let mut credentials = base_credentials(plan, cache).await?;
    let mut chain = Vec::new();
    let mut warnings = Vec::new();
    let base_fp = plan.base_fingerprint();
    let mut fingerprint = base_fp;
    for (at, hop) in plan.hops.iter().enumerate() {
        fingerprint = hop.fingerprint(&fingerprint);
        let mut duration_secs = hop.duration_secs;
        let (session, cached) = match cache.get(&hop.profile, &fingerprint, SystemTime::now()) {
            Some(session) => (session, true),
            None => {
                let mut hop = hop.clone();
                if at == 0
                    && plan.base_is_temporary()
                    && role_session(plan, &hop, &credentials).await?
                {
                    let capped = session_duration(hop.requested_secs, true, &hop.role_arn);
                    hop.duration_secs = capped.secs;
                    duration_secs = capped.secs;
                    warnings.extend(capped.warning);
                }
                let session = assume_role(plan, &hop, credentials, mfa_code).await?;
                cache.put(&hop.profile, &fingerprint, &session);
                (session, false)
            }
        };
        chain.push(ChainLink {
            profile: hop.profile.clone(),
            source_profile: hop.source.clone(),
            role_arn: hop.role_arn.clone(),
            session_name: hop.session_name.clone(),
            duration_secs,
            expires_at: session.expiry().map(rfc3339),
            cached,
        });
        credentials = session;
    }
    Ok(Resolved {
        credentials,
        chain,
        warnings,
    })
}

/// Whether the temporary keys at the base are a role's session (so a role assumed with them is
/// chained) rather than an IAM user's GetSessionToken session: both are `ASIA…`, only STS knows.
async fn role_session(
    plan: &CredentialPlan,
    hop: &Hop,
    credentials: &Credentials,
) -> Result<bool, CloudError> {
    let config = loader(&hop.region, hop.endpoint.as_deref())
        .credentials_provider(credentials.clone())
        .load()
        .await;
    let cx = Context {
        profile: &hop.source,
        keys_profile: plan.keys_profile(),
        endpoint: hop.endpoint.as_deref(),
        region: &hop.region,
        action: Action::CallerIdentity,
    };
    let out = aws_sdk_sts::Client::new(&config)
        .get_caller_identity()
        .send()
        .await
        .map_err(|err| classify_sdk(&err, &cx))?;
    Ok(out.arn.as_deref().is_some_and(is_role_session_arn))
}

fn rfc3339(at: SystemTime) -> String {
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
    mfa: Mfa<'_>,
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
    // Held only for this call: the code is a one-time secret, never kept.
    let mut code: Option<Secret> = None;
    if let Some(serial) = &hop.mfa_serial {
        let given = match mfa {
            Mfa::Given(given) => given.map(Secret::new),
            Mfa::Prompt(prompt) => {
                prompt
                    .code(MfaAsk {
                        profile: hop.profile.clone(),
                        role_arn: hop.role_arn.clone(),
                        serial: serial.clone(),
                    })
                    .await
            }
        };
        let given = given
            .filter(|c| !c.expose().trim().is_empty())
            .ok_or_else(|| {
                CloudError::new(
                    ErrorKind::MfaRequired,
                    format!(
                        "profile {}: assuming {} needs a code from the MFA device {serial}, and none was given",
                        hop.profile, hop.role_arn
                    ),
                )
            })?;
        request = request
            .serial_number(serial)
            .token_code(given.expose().trim());
        code = Some(given);
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
        .map_err(|err| classify_sdk(&err, &cx).redact(code.as_ref().map(|c| c.expose().trim())))?;
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

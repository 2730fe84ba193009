//! Between the IPC types and the cloud crate's: plain field moves, kept out of the commands so
//! those stay a few lines each.

use hangar_cloud::profiles::{Importable, Imported};
use hangar_cloud::{CallerIdentity, NewCredentials, NewProfile};
use hangar_core::lifetime::{Lifetime, LifetimeError};
use hangar_ipc::{
    ApiError, AwsConfigProfileView, CallerIdentityView, ChainLinkView, ErrorCode, ImportResultView,
    ProfileCredentialsInput, ProfileDetail, SaveProfileInput,
};
use hangar_keychain::ProfileSecret;
use hangar_store::ProfileRecord;

pub fn new_profile(input: SaveProfileInput) -> Result<NewProfile, ApiError> {
    let default_lifetime = lifetime(input.default_lifetime.as_deref(), "defaultLifetime")?;
    let credentials = match input.credentials {
        ProfileCredentialsInput::AccessKeys(keys) => NewCredentials::AccessKeys {
            secret: keys
                .secret_access_key
                .map(|secret_access_key| ProfileSecret {
                    access_key_id: keys.access_key_id.unwrap_or_default(),
                    secret_access_key,
                    session_token: keys.session_token.filter(|t| !t.is_empty()),
                }),
        },
        ProfileCredentialsInput::AssumeRole(role) => NewCredentials::AssumeRole {
            source_profile: role.source_profile,
            role_arn: role.role_arn,
            external_id: role.external_id,
            mfa_serial: role.mfa_serial,
            session_name: role.session_name,
            duration_secs: role.duration_secs,
        },
        ProfileCredentialsInput::AwsConfig(cfg) => NewCredentials::AwsConfig {
            aws_profile: cfg.aws_profile,
        },
    };
    Ok(NewProfile {
        name: input.name,
        region: input.region,
        endpoint: input.endpoint,
        is_default: input.is_default,
        default_lifetime,
        credentials,
    })
}

/// An optional lifetime as typed (`8h`): empty is none. `field` names it in the error.
pub fn lifetime(text: Option<&str>, field: &str) -> Result<Option<Lifetime>, ApiError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(text) => text
            .parse()
            .map(Some)
            .map_err(|e: LifetimeError| ApiError::new(ErrorCode::Invalid, format!("{field}: {e}"))),
    }
}

pub fn detail(r: ProfileRecord, access_key_id: Option<String>) -> ProfileDetail {
    ProfileDetail {
        name: r.name,
        kind: r.kind,
        region: r.region,
        endpoint: r.endpoint,
        is_default: r.is_default,
        source_profile: r.source_profile,
        role_arn: r.role_arn,
        external_id: r.external_id,
        mfa_serial: r.mfa_serial,
        session_name: r.session_name,
        duration_secs: r.duration_secs,
        aws_profile: r.aws_profile,
        default_lifetime: r.default_lifetime.map(|l| l.to_string()),
        access_key_id,
    }
}

pub fn identity(id: CallerIdentity) -> CallerIdentityView {
    CallerIdentityView {
        profile: id.profile,
        account: id.account,
        arn: id.arn,
        user_id: id.user_id,
        principal: id.principal,
        region: id.region,
        endpoint: id.endpoint,
        chain: id
            .chain
            .into_iter()
            .map(|l| ChainLinkView {
                profile: l.profile,
                source_profile: l.source_profile,
                role_arn: l.role_arn,
                session_name: l.session_name,
                duration_secs: l.duration_secs,
                expires_at: l.expires_at,
                cached: l.cached,
            })
            .collect(),
        warnings: id.warnings,
    }
}

pub fn importable(i: Importable) -> AwsConfigProfileView {
    let p = i.profile;
    AwsConfigProfileView {
        name: p.name,
        region: p.region,
        import_as: p.import_as,
        has_access_keys: p.has_access_keys,
        sso: p.sso,
        role_arn: p.role_arn,
        source_profile: p.source_profile,
        already_imported: i.already_imported,
    }
}

pub fn imported(i: Imported) -> ImportResultView {
    ImportResultView {
        name: i.name,
        kind: i.kind,
        error: i.error,
        warnings: i.warnings,
    }
}

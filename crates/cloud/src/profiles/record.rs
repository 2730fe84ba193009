//! A profile as entered, turned into the history's record and checked before anything is
//! stored.

use hangar_core::profile::ProfileKind;
use hangar_core::profile_rules::{ProfileFields, validate_profile};
use hangar_keychain::ProfileSecret;
use hangar_store::ProfileRecord;

use super::{NewCredentials, NewProfile};
use crate::errors::{CloudError, ErrorKind};

pub(super) fn kind_of(credentials: &NewCredentials) -> ProfileKind {
    match credentials {
        NewCredentials::AccessKeys { .. } => ProfileKind::AccessKeys,
        NewCredentials::AssumeRole { .. } => ProfileKind::AssumeRole,
        NewCredentials::AwsConfig { .. } => ProfileKind::AwsConfig,
    }
}

pub(super) fn record_of(input: &NewProfile) -> ProfileRecord {
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
    r.default_lifetime = input.default_lifetime;
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

pub(super) fn validate(r: &ProfileRecord) -> Result<(), CloudError> {
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
pub(super) fn check_keys(secret: &ProfileSecret) -> Result<(), CloudError> {
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

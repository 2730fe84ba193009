//! What the Profiles screen sends and gets back. A secret arrives once, inside
//! [`SaveProfileInput`], typed as [`Secret`] (printed `***`, never serialised) and is never
//! sent back: no output type here has a field that could hold one.

use hangar_core::profile::ProfileKind;
use hangar_keychain::Secret;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaveProfileInput {
    pub name: String,
    pub region: String,
    #[serde(default)]
    pub endpoint: Option<String>,
    #[serde(default)]
    pub is_default: bool,
    /// What environments made with it live unless their creator picks otherwise (`8h`);
    /// absent, null or empty for never.
    #[serde(default)]
    pub default_lifetime: Option<String>,
    pub credentials: ProfileCredentialsInput,
}

/// How the profile gets credentials; `kind` says which.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ProfileCredentialsInput {
    AccessKeys(AccessKeysInput),
    AssumeRole(AssumeRoleInput),
    AwsConfig(AwsConfigInput),
}

/// Leave `secretAccessKey` out when editing a profile's other fields: the keys in the keychain
/// stay as they are.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccessKeysInput {
    #[serde(default)]
    #[ts(optional)]
    pub access_key_id: Option<String>,
    #[serde(default)]
    #[ts(optional, type = "string")]
    pub secret_access_key: Option<Secret>,
    #[serde(default)]
    #[ts(optional, type = "string")]
    pub session_token: Option<Secret>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssumeRoleInput {
    pub source_profile: String,
    pub role_arn: String,
    #[serde(default)]
    pub external_id: Option<String>,
    #[serde(default)]
    pub mfa_serial: Option<String>,
    #[serde(default)]
    pub session_name: Option<String>,
    #[serde(default)]
    pub duration_secs: Option<u32>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AwsConfigInput {
    pub aws_profile: String,
}

/// What saving said besides "done", e.g. that a chained role's session is cut to one hour.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaveProfileResult {
    pub warnings: Vec<String>,
}

/// Every non-secret field of a profile, for the edit form.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileDetail {
    pub name: String,
    pub kind: ProfileKind,
    pub region: String,
    pub endpoint: Option<String>,
    pub is_default: bool,
    pub source_profile: Option<String>,
    pub role_arn: Option<String>,
    pub external_id: Option<String>,
    pub mfa_serial: Option<String>,
    pub session_name: Option<String>,
    pub duration_secs: Option<u32>,
    pub aws_profile: Option<String>,
    /// As the form offers it (`8h`); null for never.
    pub default_lifetime: Option<String>,
    /// The access key id (not secret on its own) when the keychain holds keys.
    pub access_key_id: Option<String>,
}

/// "Test connection": who AWS says the profile is.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallerIdentityView {
    pub profile: String,
    pub account: String,
    pub arn: String,
    pub user_id: String,
    /// The user or role (with session) name.
    pub principal: String,
    pub region: String,
    pub endpoint: Option<String>,
    pub chain: Vec<ChainLinkView>,
    pub warnings: Vec<String>,
}

/// One role assumed on the way, in order.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChainLinkView {
    pub profile: String,
    pub source_profile: String,
    pub role_arn: String,
    pub session_name: String,
    pub duration_secs: u32,
    /// RFC 3339, UTC.
    pub expires_at: Option<String>,
    pub cached: bool,
}

/// A profile of ~/.aws/config or ~/.aws/credentials that can be imported.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AwsConfigProfileView {
    pub name: String,
    pub region: Option<String>,
    pub import_as: ProfileKind,
    pub has_access_keys: bool,
    pub sso: bool,
    pub role_arn: Option<String>,
    pub source_profile: Option<String>,
    pub already_imported: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportResultView {
    pub name: String,
    /// What it was imported as; absent when it was not imported.
    pub kind: Option<ProfileKind>,
    pub error: Option<String>,
    pub warnings: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_is_read_once_and_printed_as_stars() {
        let input: SaveProfileInput = serde_json::from_str(
            r#"{"name":"dev","region":"eu-west-1","credentials":{"kind":"accessKeys","accessKeyId":"AKIAIOSFODNN7EXAMPLE","secretAccessKey":"typed-once"}}"#,
        )
        .expect("input");
        let ProfileCredentialsInput::AccessKeys(keys) = &input.credentials else {
            panic!("access keys expected");
        };
        assert_eq!(
            keys.secret_access_key.as_ref().map(Secret::expose),
            Some("typed-once")
        );
        assert!(!format!("{input:?}").contains("typed-once"));
    }

    #[test]
    fn a_role_input_in_camel_case() {
        let input: SaveProfileInput = serde_json::from_str(
            r#"{"name":"deploy","region":"eu-west-1","isDefault":true,"credentials":{"kind":"assumeRole","sourceProfile":"dev","roleArn":"arn:aws:iam::123456789012:role/D","externalId":"x1","durationSecs":3600}}"#,
        )
        .expect("input");
        assert!(input.is_default);
        assert!(
            matches!(input.credentials, ProfileCredentialsInput::AssumeRole(ref r) if r.duration_secs == Some(3600))
        );
    }
}

//! AWS's failures, told apart and worded for a person. A message names profiles, role ARNs,
//! MFA device serials and endpoints, never a secret: the one place that sees a secret,
//! [`crate::credentials`], also scrubs every message it returns with [`CloudError::redact`].

use aws_credential_types::provider::error::CredentialsError;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use hangar_keychain::KeychainError;
use hangar_store::StoreError;

/// What kind of failure, so the UI and the CLI can act on it (offer a new MFA code, point at
/// the keys, retry later).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ErrorKind {
    BadCredentials,
    AccessDenied,
    MfaInvalid,
    /// A role needs an MFA code and none was given: ask for one and try again.
    MfaRequired,
    Expired,
    Unreachable,
    Throttled,
    /// A profile's settings are wrong (or AWS said so, e.g. a too-long session).
    Invalid,
    NotFound,
    KeychainLocked,
    KeychainUnavailable,
    Keychain,
    Store,
    Other,
}

impl ErrorKind {
    /// The stable spelling that crosses IPC and appears in `--json` output.
    pub fn code(self) -> &'static str {
        match self {
            Self::BadCredentials => "bad_credentials",
            Self::AccessDenied => "access_denied",
            Self::MfaInvalid => "mfa_invalid",
            Self::MfaRequired => "mfa_required",
            Self::Expired => "expired",
            Self::Unreachable => "unreachable",
            Self::Throttled => "throttled",
            Self::Invalid => "invalid",
            Self::NotFound => "not_found",
            Self::KeychainLocked => "keychain_locked",
            Self::KeychainUnavailable => "keychain_unavailable",
            Self::Keychain => "keychain",
            Self::Store => "store",
            Self::Other => "aws",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct CloudError {
    pub kind: ErrorKind,
    pub message: String,
}

impl CloudError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Invalid, message)
    }

    pub fn not_found(profile: &str) -> Self {
        Self::new(
            ErrorKind::NotFound,
            format!("there is no profile named {profile:?}"),
        )
    }

    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// Replaces every occurrence of each value with `***`: the last guard against an AWS or
    /// platform message that echoes something it was sent.
    pub fn redact<'a>(mut self, secrets: impl IntoIterator<Item = &'a str>) -> Self {
        for secret in secrets {
            if secret.len() >= 4 {
                self.message = self.message.replace(secret, "***");
            }
        }
        self
    }
}

impl From<KeychainError> for CloudError {
    fn from(err: KeychainError) -> Self {
        let kind = match err {
            KeychainError::Locked => ErrorKind::KeychainLocked,
            KeychainError::Unavailable | KeychainError::NoPlatformStore => {
                ErrorKind::KeychainUnavailable
            }
            _ => ErrorKind::Keychain,
        };
        Self::new(kind, err.to_string())
    }
}

impl From<StoreError> for CloudError {
    fn from(err: StoreError) -> Self {
        let kind = match err {
            StoreError::Invalid(_) => ErrorKind::Invalid,
            _ => ErrorKind::Store,
        };
        Self::new(kind, err.to_string())
    }
}

/// What was being done when AWS failed, for the wording.
#[derive(Debug, Clone, Copy)]
pub enum Action<'a> {
    AssumeRole {
        role_arn: &'a str,
        source_profile: &'a str,
        mfa_serial: Option<&'a str>,
    },
    CallerIdentity,
}

/// Where the call went and with whose credentials.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The profile being used.
    pub profile: &'a str,
    /// The profile whose long-term keys start the chain, if keys do.
    pub keys_profile: Option<&'a str>,
    pub endpoint: Option<&'a str>,
    pub region: &'a str,
    pub action: Action<'a>,
}

impl Context<'_> {
    fn target(&self) -> String {
        match self.endpoint {
            Some(url) => format!("the endpoint {url}"),
            None => format!("AWS STS in {}", self.region),
        }
    }
}

/// Classifies a failed SDK call.
pub fn classify_sdk<E, R>(err: &SdkError<E, R>, cx: &Context<'_>) -> CloudError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    match err {
        SdkError::ServiceError(service) => {
            let e = service.err();
            classify_code(
                e.code().unwrap_or_default(),
                e.message().unwrap_or_default(),
                cx,
            )
        }
        SdkError::TimeoutError(_) => unreachable(cx, "it did not answer in time"),
        SdkError::DispatchFailure(failure) if failure.is_io() || failure.is_timeout() => {
            unreachable(cx, "the connection failed")
        }
        _ => {
            // Our own provider's error, or the SDK's, can sit anywhere down the source chain.
            let mut source = std::error::Error::source(err);
            while let Some(inner) = source {
                if let Some(ours) = inner.downcast_ref::<CloudError>() {
                    return ours.clone();
                }
                if let Some(creds) = inner.downcast_ref::<CredentialsError>() {
                    return classify_credentials(creds, cx.profile, None);
                }
                source = inner.source();
            }
            if let SdkError::DispatchFailure(_) = err {
                return unreachable(cx, "the request could not be sent");
            }
            CloudError::new(
                ErrorKind::Other,
                format!(
                    "{} failed for profile {:?}: {}",
                    action_name(cx),
                    cx.profile,
                    describe_chain(err)
                ),
            )
        }
    }
}

fn unreachable(cx: &Context<'_>, why: &str) -> CloudError {
    let hint = if cx.endpoint.is_some() {
        "check the profile's endpoint URL and that the emulator (the Sandbox, LocalStack) is running"
    } else {
        "check your network connection, proxy and firewall"
    };
    CloudError::new(
        ErrorKind::Unreachable,
        format!("cannot reach {} ({why}): {hint}", cx.target()),
    )
}

fn action_name(cx: &Context<'_>) -> String {
    match cx.action {
        Action::AssumeRole { role_arn, .. } => format!("assuming {role_arn}"),
        Action::CallerIdentity => "checking the caller identity".into(),
    }
}

fn describe_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(inner) = source {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    text
}

/// Classifies an AWS error code (with its message, which only decides between kinds).
pub fn classify_code(code: &str, message: &str, cx: &Context<'_>) -> CloudError {
    let keys = cx.keys_profile.unwrap_or(cx.profile);
    match code {
        "InvalidClientTokenId"
        | "SignatureDoesNotMatch"
        | "UnrecognizedClientException"
        | "InvalidAccessKeyId"
        | "IncompleteSignature"
        | "MissingAuthenticationToken"
        | "AuthFailure" => CloudError::new(
            ErrorKind::BadCredentials,
            format!(
                "AWS did not accept the access keys of profile {keys:?}: the key id or the secret is wrong, or the key was deactivated or deleted in IAM. Enter the keys again."
            ),
        ),
        "ExpiredToken" | "ExpiredTokenException" | "RequestExpired" | "TokenRefreshRequired" => {
            CloudError::new(
                ErrorKind::Expired,
                format!(
                    "the session of profile {:?} has expired: test the profile again to start a new one (with a fresh MFA code if it asks for one). If the profile's keys carry a session token, that token has expired: enter new keys.",
                    cx.profile
                ),
            )
        }
        "AccessDenied" | "AccessDeniedException" => match cx.action {
            Action::AssumeRole { mfa_serial, .. } if mentions_mfa(message) => CloudError::new(
                ErrorKind::MfaInvalid,
                format!(
                    "AWS rejected the MFA code for {}: type the current code from that device (each code works once) and check that the device serial is right",
                    mfa_serial.unwrap_or("the MFA device")
                ),
            ),
            Action::AssumeRole {
                role_arn,
                source_profile,
                ..
            } => CloudError::new(
                ErrorKind::AccessDenied,
                format!(
                    "profile {source_profile:?} is not allowed to assume {role_arn}: check the external ID, and that the role's trust policy trusts that identity and allows sts:AssumeRole (a role that requires MFA also needs the MFA device serial)"
                ),
            ),
            Action::CallerIdentity => CloudError::new(
                ErrorKind::AccessDenied,
                format!("AWS denied access to profile {:?}", cx.profile),
            ),
        },
        "Throttling"
        | "ThrottlingException"
        | "RequestLimitExceeded"
        | "TooManyRequestsException" => CloudError::new(
            ErrorKind::Throttled,
            "AWS is throttling requests from this account: wait a minute and try again",
        ),
        "ValidationError" if message.contains("DurationSeconds") => CloudError::new(
            ErrorKind::Invalid,
            format!(
                "{} cannot last that long: ask for a shorter session (the role's own maximum session duration applies, and one hour when it is assumed from another role)",
                action_name(cx)
            ),
        ),
        "RegionDisabledException" => CloudError::new(
            ErrorKind::Invalid,
            format!(
                "STS is not activated in {} for this account: pick another region or activate it in IAM account settings",
                cx.region
            ),
        ),
        _ => CloudError::new(
            ErrorKind::Other,
            format!(
                "{} failed for profile {:?}: AWS said {code}: {message}",
                action_name(cx),
                cx.profile
            ),
        ),
    }
}

fn mentions_mfa(message: &str) -> bool {
    let lower = message.to_lowercase();
    lower.contains("multifactorauthentication") || lower.contains("mfa")
}

/// Classifies a failure of the SDK's own provider chain (a profile of `~/.aws/config`).
pub fn classify_credentials(
    err: &CredentialsError,
    profile: &str,
    aws_profile: Option<&str>,
) -> CloudError {
    let detail = describe_chain(err);
    let lower = detail.to_lowercase();
    let login = aws_profile
        .map(|p| format!("`aws sso login --profile {p}`"))
        .unwrap_or_else(|| "`aws sso login`".into());
    if lower.contains("sso") && (lower.contains("expired") || lower.contains("token")) {
        return CloudError::new(
            ErrorKind::Expired,
            format!(
                "the SSO session of profile {profile:?} has expired or was never started: run {login} and try again"
            ),
        );
    }
    if lower.contains("expired") {
        return CloudError::new(
            ErrorKind::Expired,
            format!("the credentials of profile {profile:?} have expired: {detail}"),
        );
    }
    let kind = match err {
        CredentialsError::CredentialsNotLoaded(_) | CredentialsError::InvalidConfiguration(_) => {
            ErrorKind::Invalid
        }
        CredentialsError::ProviderTimedOut(_) => ErrorKind::Unreachable,
        _ => ErrorKind::Other,
    };
    CloudError::new(
        kind,
        format!("cannot get credentials for profile {profile:?}: {detail}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROLE: &str = "arn:aws:iam::123456789012:role/Deploy";

    fn assume(mfa: Option<&'static str>) -> Context<'static> {
        Context {
            profile: "deploy",
            keys_profile: Some("base"),
            endpoint: None,
            region: "eu-west-1",
            action: Action::AssumeRole {
                role_arn: ROLE,
                source_profile: "base",
                mfa_serial: mfa,
            },
        }
    }

    #[test]
    fn every_kind_is_told_apart() {
        let cx = assume(Some("arn:aws:iam::123456789012:mfa/alice"));
        let cases = [
            (
                "InvalidClientTokenId",
                "The security token included in the request is invalid.",
                ErrorKind::BadCredentials,
            ),
            (
                "SignatureDoesNotMatch",
                "The request signature we calculated does not match",
                ErrorKind::BadCredentials,
            ),
            (
                "AccessDenied",
                "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: sts:AssumeRole",
                ErrorKind::AccessDenied,
            ),
            (
                "AccessDenied",
                "MultiFactorAuthentication failed with invalid MFA one time pass code.",
                ErrorKind::MfaInvalid,
            ),
            (
                "ExpiredToken",
                "The security token included in the request is expired",
                ErrorKind::Expired,
            ),
            ("Throttling", "Rate exceeded", ErrorKind::Throttled),
            (
                "ValidationError",
                "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
                ErrorKind::Invalid,
            ),
            ("SomethingNew", "surprise", ErrorKind::Other),
        ];
        for (code, message, kind) in cases {
            assert_eq!(
                classify_code(code, message, &cx).kind,
                kind,
                "{code}: {message}"
            );
        }
    }

    #[test]
    fn messages_say_what_to_do_and_name_the_right_profile() {
        let cx = assume(None);
        let bad = classify_code("InvalidClientTokenId", "", &cx);
        assert!(bad.message.contains("\"base\""), "{bad}");
        let denied = classify_code("AccessDenied", "not authorized", &cx);
        assert!(denied.message.contains("external ID"), "{denied}");
        assert!(denied.message.contains("trust policy"), "{denied}");
        assert!(denied.message.contains(ROLE), "{denied}");
        assert_eq!(denied.code(), "access_denied");
    }

    #[test]
    fn redact_scrubs_each_secret() {
        let err = CloudError::new(
            ErrorKind::Other,
            "AWS said: key wJalrSECRET and token FwoGTOKEN",
        );
        let err = err.redact(["wJalrSECRET", "FwoGTOKEN", ""]);
        assert_eq!(err.message, "AWS said: key *** and token ***");
    }

    #[test]
    fn keychain_errors_keep_their_codes() {
        assert_eq!(
            CloudError::from(KeychainError::Locked).code(),
            "keychain_locked"
        );
        assert_eq!(
            CloudError::from(KeychainError::Unavailable).code(),
            "keychain_unavailable"
        );
    }
}

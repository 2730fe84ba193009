//! The signature check: which secret signed each request. The expected key pair is the one a
//! test stored (in the keychain, say); a role's calls are signed with the session an
//! AssumeRole returned, so the sessions that answers to verified AssumeRoles hand out are
//! learned and trusted too, and nothing else is.

use std::collections::HashMap;
use std::sync::Mutex;

use super::errors::{self, Reply};
use super::sigv4;
use super::{FaultStats, bump};

/// The key pair a test expects every call to be signed with. Its `Debug` hides the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct SigningKey {
    pub access_key_id: String,
    pub secret_access_key: String,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SigningKey({}, ***)", self.access_key_id)
    }
}

/// The parameters of one AssumeRole the proxy saw, as STS would read them from the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssumedRole {
    pub role_arn: String,
    pub external_id: Option<String>,
    pub serial_number: Option<String>,
    pub token_code: Option<String>,
    pub duration_seconds: Option<u32>,
    /// The access key id whose secret signed the AssumeRole.
    pub signed_by: Option<String>,
}

pub(crate) struct Verifier {
    expected: SigningKey,
    /// Session key id -> its secret, from AssumeRole answers.
    sessions: Mutex<HashMap<String, String>>,
    /// The session tokens of those answers: as secret as the keys, though not needed to
    /// verify a signature.
    tokens: Mutex<Vec<String>>,
}

impl Verifier {
    pub fn new(expected: SigningKey) -> Self {
        Self {
            expected,
            sessions: Mutex::default(),
            tokens: Mutex::default(),
        }
    }

    fn sessions(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        self.sessions.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The access key id that signed the request, or AWS's refusal.
    pub fn check(
        &self,
        parts: &hyper::http::request::Parts,
        body: &[u8],
        stats: &FaultStats,
    ) -> Result<String, Reply> {
        let service = parts
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|a| sigv4::claim(a).ok())
            .map_or_else(|| "sts".to_string(), |c| c.service);
        let json = parts.headers.contains_key("x-amz-target");
        let refuse = |code: &str, why: String| {
            bump(&stats.signatures_rejected);
            Err(refusal(&service, json, code, &why))
        };
        let Some(header) = parts
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
        else {
            return refuse(
                "MissingAuthenticationToken",
                "no Authorization header".into(),
            );
        };
        let claim = match sigv4::claim(header) {
            Ok(claim) => claim,
            Err(why) => return refuse("IncompleteSignature", why),
        };
        let secret = if claim.access_key_id == self.expected.access_key_id {
            Some(self.expected.secret_access_key.clone())
        } else {
            self.sessions().get(&claim.access_key_id).cloned()
        };
        let Some(secret) = secret else {
            return refuse(
                "InvalidClientTokenId",
                format!("unknown access key id {}", claim.access_key_id),
            );
        };
        match sigv4::signature(&claim, &secret, parts, body) {
            Ok(signature) if signature == claim.signature => {
                if claim.access_key_id == self.expected.access_key_id {
                    bump(&stats.signed_with_expected);
                } else {
                    bump(&stats.signed_with_session);
                }
                Ok(claim.access_key_id)
            }
            Ok(_) => refuse(
                "SignatureDoesNotMatch",
                format!(
                    "the signature of {} is not the one its secret gives",
                    claim.access_key_id
                ),
            ),
            Err(why) => refuse("IncompleteSignature", why),
        }
    }

    /// Whether `key` is a session an AssumeRole handed out (not the expected long-term key).
    pub fn is_session(&self, key: &str) -> bool {
        self.sessions().contains_key(key)
    }

    /// Trusts the session a verified AssumeRole's answer hands out.
    pub fn learn(&self, answer: &str) {
        let key = between(answer, "<AccessKeyId>", "</AccessKeyId>");
        let secret = between(answer, "<SecretAccessKey>", "</SecretAccessKey>");
        if let (Some(key), Some(secret)) = (key, secret) {
            self.sessions().insert(key.to_string(), secret.to_string());
        }
        if let Some(token) = between(answer, "<SessionToken>", "</SessionToken>") {
            self.tokens
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(token.to_string());
        }
    }

    /// Every session secret and token learned so far.
    pub fn session_secrets(&self) -> Vec<String> {
        let mut secrets: Vec<String> = self.sessions().values().cloned().collect();
        secrets.extend(
            self.tokens
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .iter()
                .cloned(),
        );
        secrets
    }
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let len = text.get(start..)?.find(close)?;
    text.get(start..start + len)
}

/// The refusal in the protocol of the service asked, so the SDK reports it as AWS's.
fn refusal(service: &str, json: bool, code: &str, message: &str) -> Reply {
    match service {
        _ if json => errors::json(403, code, message),
        "ec2" => errors::ec2(403, code, message),
        "s3" => errors::s3(403, code, message),
        _ => errors::query(403, code, message),
    }
}

pub(crate) fn assumed_role(params: &[(String, String)], signed_by: Option<&str>) -> AssumedRole {
    let get = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    AssumedRole {
        role_arn: get("RoleArn").unwrap_or_default(),
        external_id: get("ExternalId"),
        serial_number: get("SerialNumber"),
        token_code: get("TokenCode"),
        duration_seconds: get("DurationSeconds").and_then(|d| d.parse().ok()),
        signed_by: signed_by.map(str::to_string),
    }
}

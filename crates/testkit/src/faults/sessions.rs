//! STS's rules that moto does not keep: a role session ends (moto's sessions never do), an MFA
//! code is checked and good once (moto reads neither SerialNumber nor TokenCode), and a role
//! assumed with another role's session lasts one hour at most (moto grants any duration); a
//! role's session is known by the key id an AssumeRole handed out, as AWS knows it.
//! A session's end is counted in the requests it signed, not in seconds, so a test ends it at a
//! known point of a job without waiting.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use super::errors::{self, Reply};
use super::request::Request;
use super::{FaultPlan, FaultStats, bump};

/// AWS's longest session for a role assumed by role chaining.
const CHAINED_MAX_SECS: u32 = 3_600;

pub(crate) struct SessionRules {
    end_after: u64,
    enforce_chaining: bool,
    /// Serial -> the codes its device would show and AWS has not yet seen.
    mfa_codes: Mutex<HashMap<String, Vec<String>>>,
    /// Session key id -> requests it signed so far.
    uses: Mutex<HashMap<String, u64>>,
    /// The key ids AssumeRole answers handed out: AWS knows a role's session by its key, not
    /// by the `ASIA` prefix, which an IAM user's GetSessionToken keys carry too.
    role_sessions: Mutex<HashSet<String>>,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl SessionRules {
    pub fn new(plan: &FaultPlan) -> Self {
        let mut codes: HashMap<String, Vec<String>> = HashMap::new();
        for (serial, code) in &plan.mfa_codes {
            codes.entry(serial.clone()).or_default().push(code.clone());
        }
        Self {
            end_after: plan.end_sessions_after,
            enforce_chaining: plan.enforce_role_chaining,
            mfa_codes: Mutex::new(codes),
            uses: Mutex::default(),
            role_sessions: Mutex::default(),
        }
    }

    /// Learns the role session an AssumeRole answer hands out.
    pub fn after(&self, action: &str, status: u16, answer: &str) {
        if action != "AssumeRole" || status != 200 {
            return;
        }
        let (open, close) = ("<AccessKeyId>", "</AccessKeyId>");
        let key = answer
            .find(open)
            .map(|at| at + open.len())
            .and_then(|start| Some((start, answer.get(start..)?.find(close)?)))
            .and_then(|(start, len)| answer.get(start..start + len));
        if let Some(key) = key {
            lock(&self.role_sessions).insert(key.to_string());
        }
    }

    /// AWS's refusal of `req`, signed by `signer` (`session`: a key an AssumeRole handed out),
    /// or `None` to forward it.
    pub fn before(
        &self,
        req: &Request,
        signer: Option<&str>,
        session: bool,
        json: bool,
        stats: &FaultStats,
    ) -> Option<Reply> {
        if let Some(key) = signer.filter(|_| session && self.end_after > 0) {
            let mut uses = lock(&self.uses);
            let used = uses.entry(key.to_string()).or_default();
            *used += 1;
            if *used > self.end_after {
                bump(&stats.sessions_expired);
                return Some(expired(&req.service, json));
            }
        }
        if req.action != "AssumeRole" {
            return None;
        }
        // Assuming a role with a role's session is chaining; with an IAM user's session it is not.
        let chained = signer.is_some_and(|k| lock(&self.role_sessions).contains(k));
        let duration = req
            .param("DurationSeconds")
            .and_then(|d| d.parse::<u32>().ok());
        if self.enforce_chaining && chained && duration.is_some_and(|d| d > CHAINED_MAX_SECS) {
            bump(&stats.chain_refusals);
            return Some(errors::query(
                400,
                "ValidationError",
                "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
            ));
        }
        let serial = req.param("SerialNumber")?;
        let mut codes = lock(&self.mfa_codes);
        let known = codes.get_mut(serial)?;
        let given = req.param("TokenCode").unwrap_or_default();
        // A code is good once: AWS refuses a one-time code it has already seen.
        if let Some(at) = known.iter().position(|c| c == given) {
            known.remove(at);
            return None;
        }
        bump(&stats.mfa_refusals);
        Some(errors::query(
            403,
            "AccessDenied",
            "MultiFactorAuthentication failed with invalid MFA one time pass code.",
        ))
    }
}

/// An expired session's answer in each protocol, as AWS words it: EC2 calls it an expired
/// request, S3 an expired token, the query and JSON services an expired security token.
fn expired(service: &str, json: bool) -> Reply {
    match service {
        _ if json => errors::json(
            400,
            "ExpiredTokenException",
            "The security token included in the request is expired",
        ),
        "ec2" => errors::ec2(400, "RequestExpired", "Request has expired."),
        "s3" => errors::s3(400, "ExpiredToken", "The provided token has expired."),
        _ => errors::query(
            400,
            "ExpiredToken",
            "The security token included in the request is expired",
        ),
    }
}

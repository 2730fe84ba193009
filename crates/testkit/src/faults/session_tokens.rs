//! GetSessionToken as AWS answers it: an IAM user's MFA session is temporary credentials with a
//! fresh `ASIA…` key id, like a role's session, yet it is no role. moto answers every call with
//! the same long-term-looking `AKIAIOSFODNN7EXAMPLE`, so nothing could tell the two apart there.

use std::sync::atomic::{AtomicU64, Ordering};

use super::{FaultStats, bump};

pub(crate) struct SessionTokens {
    enabled: bool,
    issued: AtomicU64,
}

impl SessionTokens {
    pub fn new(enabled: bool) -> Self {
        Self {
            enabled,
            issued: AtomicU64::new(0),
        }
    }

    /// Gives a GetSessionToken answer its own `ASIA…` key id in place of moto's fixed one.
    pub fn after(&self, action: &str, status: u16, answer: &mut String, stats: &FaultStats) {
        if !self.enabled || action != "GetSessionToken" || status != 200 {
            return;
        }
        let (open, close) = ("<AccessKeyId>", "</AccessKeyId>");
        let Some(start) = answer.find(open).map(|at| at + open.len()) else {
            return;
        };
        let Some(len) = answer.get(start..).and_then(|rest| rest.find(close)) else {
            return;
        };
        let n = self.issued.fetch_add(1, Ordering::SeqCst);
        answer.replace_range(start..start + len, &format!("ASIAUSERSESSION{n:05}"));
        bump(&stats.session_tokens_issued);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_answer_gets_its_own_temporary_key_id_and_nothing_else_changes() {
        let tokens = SessionTokens::new(true);
        let stats = FaultStats::default();
        let body = "<GetSessionTokenResult><Credentials><AccessKeyId>AKIAIOSFODNN7EXAMPLE</AccessKeyId></Credentials></GetSessionTokenResult>";
        let mut first = body.to_string();
        let mut second = body.to_string();
        tokens.after("GetSessionToken", 200, &mut first, &stats);
        tokens.after("GetSessionToken", 200, &mut second, &stats);
        assert!(
            first.contains("<AccessKeyId>ASIAUSERSESSION00000</AccessKeyId>"),
            "{first}"
        );
        assert!(
            second.contains("<AccessKeyId>ASIAUSERSESSION00001</AccessKeyId>"),
            "{second}"
        );
        let mut other = body.to_string();
        tokens.after("AssumeRole", 200, &mut other, &stats);
        SessionTokens::new(false).after("GetSessionToken", 200, &mut other, &stats);
        assert_eq!(other, body);
        assert_eq!(FaultStats::get(&stats.session_tokens_issued), 2);
    }
}

//! AWS keeps a client token (at least 24 hours) with the parameters of its first use: the same
//! token again gets the first answer back, and with other parameters
//! `IdempotentParameterMismatch`. moto ignores tokens. The creates that take no token are where a
//! lost answer leaves the caller unsure whether it happened, so the plan can lose the first one.

use std::collections::{HashMap, HashSet};

use super::errors::{self, Reply};
use super::request::Request;
use super::{FaultPlan, FaultStats, bump};

/// The EC2 creates that take no client token: a lost answer leaves the caller unsure.
const TOKENLESS: [&str; 4] = [
    "CreateVpc",
    "CreateSubnet",
    "CreateInternetGateway",
    "AllocateAddress",
];

/// A client token's first use: the request's other parameters and the answer it got.
struct TokenUse {
    params: Vec<(String, String)>,
    answer: String,
}

#[derive(Default)]
pub(crate) struct Tokens {
    /// (action, client token) -> what AWS remembers of its first use.
    used: HashMap<(String, String), TokenUse>,
    /// The tokenless creates whose first answer was already lost.
    lost: HashSet<String>,
}

impl Tokens {
    pub(crate) fn before(
        &self,
        plan: &FaultPlan,
        req: &Request,
        stats: &FaultStats,
    ) -> Option<Reply> {
        if !plan.enforce_client_tokens {
            return None;
        }
        let token = req.param("ClientToken")?;
        let first = self.used.get(&(req.action.clone(), token.into()))?;
        if first.params == signature(req) {
            bump(&stats.token_replays);
            return Some(errors::replay(first.answer.clone()));
        }
        bump(&stats.token_mismatches);
        Some(errors::ec2(
            400,
            "IdempotentParameterMismatch",
            &format!("the client token {token} was already used with other parameters"),
        ))
    }

    /// Whether the answer to `req`, which succeeded upstream, is lost on its way back: the
    /// first of each tokenless create when the plan says so.
    pub(crate) fn lose_answer(
        &mut self,
        plan: &FaultPlan,
        req: &Request,
        status: u16,
        stats: &FaultStats,
    ) -> bool {
        if !plan.lose_tokenless_answers
            || !(200..300).contains(&status)
            || !TOKENLESS.contains(&req.action.as_str())
            || !self.lost.insert(req.action.clone())
        {
            return false;
        }
        bump(&stats.answers_lost);
        true
    }

    pub(crate) fn after(&mut self, plan: &FaultPlan, req: &Request, body: &str) {
        if !plan.enforce_client_tokens {
            return;
        }
        if let Some(token) = req.param("ClientToken") {
            self.used
                .entry((req.action.clone(), token.to_string()))
                .or_insert_with(|| TokenUse {
                    params: signature(req),
                    answer: body.to_string(),
                });
        }
    }
}

/// A request's parameters but its client token, in a stable order: what AWS compares when a
/// token comes again.
fn signature(req: &Request) -> Vec<(String, String)> {
    let mut params: Vec<(String, String)> = req
        .params
        .iter()
        .filter(|(k, _)| k != "ClientToken")
        .cloned()
        .collect();
    params.sort();
    params
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_again_replays_and_with_other_parameters_is_refused() {
        let plan = FaultPlan {
            enforce_client_tokens: true,
            ..FaultPlan::default()
        };
        let stats = FaultStats::default();
        let mut tokens = Tokens::default();
        let first = Request::ec2(
            "RunInstances",
            &[("ClientToken", "t-1"), ("InstanceType", "t3.micro")],
        );
        assert!(tokens.before(&plan, &first, &stats).is_none());
        tokens.after(&plan, &first, "<instanceId>i-1</instanceId>");
        let again = tokens.before(&plan, &first, &stats).expect("replayed");
        assert!(again.body.contains("i-1"), "{}", again.body);
        let other = Request::ec2(
            "RunInstances",
            &[("ClientToken", "t-1"), ("InstanceType", "t3.large")],
        );
        let refused = tokens.before(&plan, &other, &stats).expect("refused");
        assert!(refused.body.contains("IdempotentParameterMismatch"));
        assert_eq!(FaultStats::get(&stats.token_replays), 1);
        assert_eq!(FaultStats::get(&stats.token_mismatches), 1);
    }
}

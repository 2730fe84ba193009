//! What the fault layer does to one request and its answer, and in which order. No IO here: the
//! proxy calls `before` (a fault instead of forwarding?) and `after` (learn ids, rewrite
//! states). Each AWS rule lives in its own module; this one only orders them.

use std::sync::Mutex;
use std::time::Instant;

use super::buckets::Buckets;
use super::consistency::Consistency;
use super::durations::Durations;
use super::errors::{self, Reply};
use super::groups::GroupReferences;
use super::holds::Holds;
use super::lag::Lag;
use super::listeners::Listeners;
use super::quotas::QuotaBook;
use super::request::Request;
use super::tokens::Tokens;
use super::{FaultPlan, FaultStats, bump, offerings, user_data};

#[derive(Default)]
struct State {
    count: u64,
    lag: Lag,
    holds: Holds,
    buckets: Buckets,
    quotas: QuotaBook,
    listeners: Listeners,
    tokens: Tokens,
    groups: GroupReferences,
    consistency: Consistency,
    durations: Durations,
}

pub(crate) struct Rules {
    plan: FaultPlan,
    state: Mutex<State>,
}

impl Rules {
    pub fn new(plan: FaultPlan) -> Self {
        Self {
            plan,
            state: Mutex::new(State::default()),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn before(&self, req: &Request, stats: &FaultStats) -> Option<Reply> {
        let plan = &self.plan;
        let mut state = self.state();
        state.count += 1;
        if plan.throttle_every > 0 && state.count.is_multiple_of(plan.throttle_every) {
            bump(&stats.throttled);
            return Some(errors::throttle(&req.service));
        }
        if let Some(reply) = (state.lag.before(plan, req, stats))
            .or_else(|| state.holds.before(plan, req, stats))
            .or_else(|| state.buckets.before(plan, req, stats))
            .or_else(|| state.listeners.before(plan, req, stats))
            .or_else(|| {
                let model = plan.durations.as_ref();
                state.durations.before(model, req, Instant::now(), stats)
            })
        {
            return Some(reply);
        }
        if req.service != "ec2" {
            return None;
        }
        if let Some(limits) = &plan.quota_limits
            && let Some(reply) = state.quotas.before(limits, req, stats)
        {
            return Some(reply);
        }
        if let Some((action, code)) = &plan.refuse_ec2
            && req.action == *action
        {
            bump(&stats.refused);
            return Some(errors::ec2(
                400,
                code,
                &format!("{action} refused by the fault plan"),
            ));
        }
        state
            .tokens
            .before(plan, req, stats)
            .or_else(|| user_data::before(plan, req, stats))
            .or_else(|| state.groups.before(plan, req, stats))
            .or_else(|| state.consistency.before(plan, req, stats))
    }

    /// Whether the answer to `req`, which succeeded upstream, is lost on its way back.
    pub fn lose_answer(&self, req: &Request, status: u16, stats: &FaultStats) -> bool {
        self.state()
            .tokens
            .lose_answer(&self.plan, req, status, stats)
    }

    pub fn after(&self, req: &Request, status: u16, body: &mut String, stats: &FaultStats) {
        if !(200..300).contains(&status) {
            return;
        }
        let plan = &self.plan;
        offerings::after(plan, req, body, stats);
        let mut state = self.state();
        state.lag.after(plan, req, body);
        state.holds.after(plan, req, body);
        state.buckets.after(plan, req);
        if plan.quota_limits.is_some() && req.service == "ec2" {
            state.quotas.after(req, body);
        }
        state.tokens.after(plan, req, body);
        state.listeners.after(req);
        state.groups.after(req, body);
        state.consistency.after(plan, req, body, stats);
        let model = plan.durations.as_ref();
        (state.durations).after(model, req, body, Instant::now(), stats);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules apply in order: a throttle comes before anything a rule would answer.
    #[test]
    fn a_throttle_comes_first() {
        let rules = Rules::new(FaultPlan {
            throttle_every: 1,
            enforce_user_data_limit: true,
            ..FaultPlan::default()
        });
        let stats = FaultStats::default();
        let huge = "A".repeat(30_000);
        let reply = rules
            .before(
                &Request::ec2("RunInstances", &[("UserData", &huge)]),
                &stats,
            )
            .expect("a fault");
        assert!(
            reply.body.contains("RequestLimitExceeded"),
            "{}",
            reply.body
        );
        assert_eq!(FaultStats::get(&stats.user_data_refused), 0);
    }
}

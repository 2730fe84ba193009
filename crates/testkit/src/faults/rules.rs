//! What the fault layer does to one request and its answer. No IO here: the proxy calls
//! `before` (a fault instead of forwarding?) and `after` (learn ids, rewrite states).

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use base64::Engine as _;

use super::buckets::Buckets;
use super::errors::{self, Reply};
use super::holds::Holds;
use super::lag::Lag;
use super::quotas::QuotaBook;
use super::{FaultPlan, FaultStats, bump};

pub(crate) struct Request {
    pub service: String,
    pub action: String,
    pub params: Vec<(String, String)>,
    /// The path and query, for the REST protocols (S3) whose action is in them.
    pub path: String,
    /// The body of a JSON-protocol request (ECS), `Null` otherwise.
    pub json: serde_json::Value,
}

impl Request {
    pub(crate) fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn values_starting(&self, prefix: &str) -> impl Iterator<Item = &str> {
        self.params
            .iter()
            .filter(move |(k, _)| k.starts_with(prefix))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct State {
    count: u64,
    /// Ids that get one `NotFound` from the next request naming them.
    fresh: HashSet<String>,
    /// How many more describes of each new slow resource say it is still pending.
    pending: HashMap<String, u32>,
    /// Cross-group rules: rule id -> (group, referenced group).
    rules: HashMap<String, (String, String)>,
    /// (action, client token) -> what AWS remembers of its first use.
    tokens: HashMap<(String, String), TokenUse>,
    /// The tokenless creates whose first answer was already lost.
    lost: HashSet<String>,
    /// Target groups some listener forwards to.
    listened: HashSet<String>,
    lag: Lag,
    holds: Holds,
    buckets: Buckets,
    quotas: QuotaBook,
}

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

pub(crate) struct Rules {
    plan: FaultPlan,
    state: Mutex<State>,
}

/// The id each create returns, by action, and the error AWS gives for an id it doesn't know.
const CREATES: [(&str, &str, &str); 8] = [
    ("CreateVpc", "vpc-", "InvalidVpcID.NotFound"),
    ("CreateSubnet", "subnet-", "InvalidSubnetID.NotFound"),
    (
        "CreateInternetGateway",
        "igw-",
        "InvalidInternetGatewayID.NotFound",
    ),
    ("CreateRouteTable", "rtb-", "InvalidRouteTableID.NotFound"),
    ("CreateSecurityGroup", "sg-", "InvalidGroup.NotFound"),
    ("CreateNatGateway", "nat-", "NatGatewayNotFound"),
    (
        "AllocateAddress",
        "eipalloc-",
        "InvalidAllocationID.NotFound",
    ),
    ("RunInstances", "i-", "InvalidInstanceID.NotFound"),
];

/// Calls made on the way out: eventual consistency bites right after a create, and a
/// not-found here would read as "already gone".
const NEVER_NOT_FOUND: [&str; 7] = [
    "Delete",
    "Release",
    "Terminate",
    "Disassociate",
    "Detach",
    "Revoke",
    "Create",
];

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
        let mut state = self.state();
        state.count += 1;
        if self.plan.throttle_every > 0 && state.count.is_multiple_of(self.plan.throttle_every) {
            bump(&stats.throttled);
            return Some(errors::throttle(&req.service));
        }
        let plan = &self.plan;
        if let Some(reply) = state.lag.before(plan, req, stats) {
            return Some(reply);
        }
        if let Some(reply) = state.holds.before(plan, req, stats) {
            return Some(reply);
        }
        if let Some(reply) = state.buckets.before(plan, req, stats) {
            return Some(reply);
        }
        if self.plan.enforce_target_group_listener
            && req.action == "CreateService"
            && let Some(lonely) = req.json["loadBalancers"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|lb| lb["targetGroupArn"].as_str())
                .find(|arn| !state.listened.contains(*arn))
        {
            bump(&stats.unattached_target_groups);
            return Some(errors::json(
                400,
                "InvalidParameterException",
                &format!(
                    "The target group with targetGroupArn {lonely} does not have an associated load balancer."
                ),
            ));
        }
        if req.service != "ec2" {
            return None;
        }
        if let Some(limits) = &self.plan.quota_limits
            && let Some(reply) = state.quotas.before(limits, req, stats)
        {
            return Some(reply);
        }
        if let Some((action, code)) = &self.plan.refuse_ec2
            && req.action == *action
        {
            bump(&stats.refused);
            return Some(errors::ec2(
                400,
                code,
                &format!("{action} refused by the fault plan"),
            ));
        }
        if self.plan.enforce_client_tokens
            && let Some(token) = req.param("ClientToken")
            && let Some(first) = state.tokens.get(&(req.action.clone(), token.into()))
        {
            if first.params == signature(req) {
                bump(&stats.token_replays);
                return Some(errors::replay(first.answer.clone()));
            }
            bump(&stats.token_mismatches);
            return Some(errors::ec2(
                400,
                "IdempotentParameterMismatch",
                &format!("the client token {token} was already used with other parameters"),
            ));
        }
        if self.plan.enforce_user_data_limit && req.action == "RunInstances" {
            let size = req
                .param("UserData")
                .and_then(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok())
                .map_or(0, |raw| raw.len());
            if size > 16_384 {
                bump(&stats.user_data_refused);
                return Some(errors::ec2(
                    400,
                    "InvalidParameterValue",
                    &format!("User data is limited to 16384 bytes; this is {size}"),
                ));
            }
        }
        if self.plan.enforce_group_references
            && req.action == "DeleteSecurityGroup"
            && let Some(group) = req.param("GroupId")
            && state
                .rules
                .values()
                .any(|(owner, peer)| peer == group && owner != group)
        {
            bump(&stats.dependency_violations);
            return Some(errors::ec2(
                400,
                "DependencyViolation",
                &format!("resource {group} has a dependent object"),
            ));
        }
        if self.plan.not_found_for_fresh_ids
            && !NEVER_NOT_FOUND.iter().any(|p| req.action.starts_with(p))
        {
            let hit = req
                .params
                .iter()
                .find(|(_, v)| state.fresh.contains(v))
                .map(|(_, v)| v.clone());
            if let Some(id) = hit {
                state.fresh.remove(&id);
                let code = CREATES
                    .iter()
                    .find(|(_, prefix, _)| id.starts_with(prefix))
                    .map_or("InvalidID.NotFound", |(_, _, code)| code);
                bump(&stats.not_found);
                return Some(errors::ec2(
                    400,
                    code,
                    &format!("The ID '{id}' does not exist"),
                ));
            }
        }
        None
    }

    /// Whether the answer to `req`, which succeeded upstream, is lost on its way back: the
    /// first of each tokenless create when the plan says so.
    pub fn lose_answer(&self, req: &Request, status: u16, stats: &FaultStats) -> bool {
        if !self.plan.lose_tokenless_answers
            || !(200..300).contains(&status)
            || !TOKENLESS.contains(&req.action.as_str())
            || !self.state().lost.insert(req.action.clone())
        {
            return false;
        }
        bump(&stats.answers_lost);
        true
    }

    pub fn after(&self, req: &Request, status: u16, body: &mut String, stats: &FaultStats) {
        if !(200..300).contains(&status) {
            return;
        }
        if req.action == "DescribeInstanceTypeOfferings" && !self.plan.hidden_offerings.is_empty() {
            let hidden = hide_offerings(body, &self.plan.hidden_offerings);
            stats
                .offerings_hidden
                .fetch_add(hidden, std::sync::atomic::Ordering::Relaxed);
        }
        let mut state = self.state();
        state.lag.after(&self.plan, req, body);
        state.holds.after(&self.plan, req, body);
        state.buckets.after(&self.plan, req);
        if self.plan.quota_limits.is_some() && req.service == "ec2" {
            state.quotas.after(req, body);
        }
        if self.plan.enforce_client_tokens
            && let Some(token) = req.param("ClientToken")
        {
            state
                .tokens
                .entry((req.action.clone(), token.to_string()))
                .or_insert_with(|| TokenUse {
                    params: signature(req),
                    answer: body.clone(),
                });
        }
        if let Some((_, prefix, _)) = CREATES.iter().find(|(a, _, _)| *a == req.action) {
            for id in ids_in(body, prefix) {
                if self.plan.not_found_for_fresh_ids {
                    state.fresh.insert(id.clone());
                }
                if matches!(*prefix, "nat-" | "i-") {
                    state.pending.insert(id, self.plan.pending_describes);
                }
            }
        }
        if req.action == "CreateDBInstance"
            && let Some(id) = req.param("DBInstanceIdentifier")
        {
            state
                .pending
                .insert(id.to_string(), self.plan.pending_describes);
        }
        match req.action.as_str() {
            "CreateListener" => {
                state.listened.extend(
                    req.values_starting("DefaultActions.member")
                        .filter(|v| v.contains(":targetgroup/"))
                        .map(str::to_string),
                );
            }
            "AuthorizeSecurityGroupIngress" | "AuthorizeSecurityGroupEgress" => {
                if let Some(group) = req.param("GroupId") {
                    for (rule, peer) in group_rules(body) {
                        state.rules.insert(rule, (group.to_string(), peer));
                    }
                }
            }
            "RevokeSecurityGroupIngress" | "RevokeSecurityGroupEgress" => {
                let revoked: Vec<String> = req
                    .values_starting("SecurityGroupRuleId")
                    .map(str::to_string)
                    .collect();
                for rule in revoked {
                    state.rules.remove(&rule);
                }
            }
            "DeleteSecurityGroup" => {
                if let Some(group) = req.param("GroupId") {
                    state.rules.retain(|_, (owner, _)| owner != group);
                }
            }
            _ => {}
        }
        if !req.action.starts_with("Describe") {
            return;
        }
        let young = req
            .params
            .iter()
            .find(|(_, v)| state.pending.get(v).is_some_and(|left| *left > 0))
            .map(|(_, v)| v.clone());
        let Some(young) = young else {
            return;
        };
        if let Some(left) = state.pending.get_mut(&young) {
            *left -= 1;
        }
        let rewritten = match req.action.as_str() {
            "DescribeNatGateways" => {
                body.replace("<state>available</state>", "<state>pending</state>")
            }
            "DescribeInstances" => body
                .replace("<name>running</name>", "<name>pending</name>")
                .replace("<code>16</code>", "<code>0</code>"),
            "DescribeDBInstances" => body.replace(
                "<DBInstanceStatus>available</DBInstanceStatus>",
                "<DBInstanceStatus>creating</DBInstanceStatus>",
            ),
            _ => return,
        };
        if rewritten != *body {
            bump(&stats.pending);
            *body = rewritten;
        }
    }
}

/// Every `prefix` followed by at least eight lowercase hex digits, as a whole token.
pub(crate) fn ids_in(text: &str, prefix: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(pos) = rest.find(prefix) {
        let start = offset + pos;
        let before_ok = start == 0 || !text.as_bytes()[start - 1].is_ascii_alphanumeric();
        let tail = &text[start + prefix.len()..];
        let hex: String = tail
            .chars()
            .take_while(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
            .collect();
        if before_ok && hex.len() >= 8 {
            let id = format!("{prefix}{hex}");
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        offset = start + prefix.len();
        rest = &text[offset..];
    }
    ids
}

/// (rule id, referenced group) for each rule in an Authorize answer that names another group.
fn group_rules(body: &str) -> Vec<(String, String)> {
    body.split("<item>")
        .filter_map(|item| {
            let rule = between(item, "<securityGroupRuleId>", "</securityGroupRuleId>")?;
            let referenced = between(item, "<referencedGroupInfo>", "</referencedGroupInfo>")?;
            let peer = between(referenced, "<groupId>", "</groupId>")?;
            Some((rule.to_string(), peer.to_string()))
        })
        .collect()
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let len = text[start..].find(close)?;
    Some(text[start..start + len].trim())
}

/// Drops each `<item>` of an offerings answer whose location and type are hidden; how many.
fn hide_offerings(body: &mut String, hidden: &[(String, String)]) -> u64 {
    let mut kept = String::with_capacity(body.len());
    let mut dropped = 0;
    let mut rest = body.as_str();
    while let Some(start) = rest.find("<item>") {
        let Some(len) = rest[start..].find("</item>") else {
            break;
        };
        let end = start + len + "</item>".len();
        let item = &rest[start..end];
        let field = |tag: &str| {
            item.split(&format!("<{tag}>"))
                .nth(1)
                .and_then(|v| v.split(&format!("</{tag}>")).next())
                .unwrap_or_default()
                .to_string()
        };
        let (zone, kind) = (field("location"), field("instanceType"));
        kept.push_str(&rest[..start]);
        if hidden.iter().any(|(z, t)| *z == zone && *t == kind) {
            dropped += 1;
        } else {
            kept.push_str(item);
        }
        rest = &rest[end..];
    }
    kept.push_str(rest);
    *body = kept;
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whole_ids_only() {
        let text = "<vpcId>vpc-0a1b2c3d4e5f</vpcId> xvpc-12345678 vpc-123 <x>vpc-0a1b2c3d4e5f</x>";
        assert_eq!(ids_in(text, "vpc-"), ["vpc-0a1b2c3d4e5f"]);
    }

    #[test]
    fn group_rules_are_read_from_the_answer() {
        let body = "<securityGroupRuleSet><item><securityGroupRuleId>sgr-1</securityGroupRuleId>\
                    <referencedGroupInfo><groupId>sg-aa</groupId></referencedGroupInfo></item>\
                    <item><securityGroupRuleId>sgr-2</securityGroupRuleId><cidrIpv4>0.0.0.0/0</cidrIpv4></item>";
        assert_eq!(
            group_rules(body),
            [("sgr-1".to_string(), "sg-aa".to_string())]
        );
    }

    fn req(action: &str, params: &[(&str, &str)]) -> Request {
        Request {
            service: "ec2".into(),
            action: action.into(),
            params: params
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            path: "/".into(),
            json: serde_json::Value::Null,
        }
    }

    #[test]
    fn a_service_waits_for_a_listener_on_its_target_group() {
        let rules = Rules::new(FaultPlan {
            enforce_target_group_listener: true,
            ..FaultPlan::default()
        });
        let stats = FaultStats::default();
        let tg = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123";
        let service = Request {
            service: "ecs".into(),
            json: serde_json::json!({ "loadBalancers": [{ "targetGroupArn": tg }] }),
            ..req("CreateService", &[])
        };
        let refused = rules.before(&service, &stats).expect("refused");
        assert!(
            refused.body.contains("InvalidParameterException"),
            "{}",
            refused.body
        );
        assert_eq!(FaultStats::get(&stats.unattached_target_groups), 1);
        let listener = Request {
            service: "elasticloadbalancing".into(),
            ..req(
                "CreateListener",
                &[("DefaultActions.member.1.TargetGroupArn", tg)],
            )
        };
        rules.after(&listener, 200, &mut String::new(), &stats);
        assert!(
            rules.before(&service, &stats).is_none(),
            "accepted once listened to"
        );
    }

    #[test]
    fn a_fresh_id_is_unknown_once() {
        let rules = Rules::new(FaultPlan {
            not_found_for_fresh_ids: true,
            ..FaultPlan::default()
        });
        let stats = FaultStats::default();
        let mut body = "<vpc><vpcId>vpc-00000000aaaa</vpcId></vpc>".to_string();
        rules.after(&req("CreateVpc", &[]), 200, &mut body, &stats);
        let modify = req("ModifyVpcAttribute", &[("VpcId", "vpc-00000000aaaa")]);
        let reply = rules.before(&modify, &stats).expect("not found once");
        assert!(reply.body.contains("InvalidVpcID.NotFound"));
        assert!(rules.before(&modify, &stats).is_none());
        // Never on the way out.
        let mut body = "<vpcId>vpc-00000000bbbb</vpcId>".to_string();
        rules.after(&req("CreateVpc", &[]), 200, &mut body, &stats);
        assert!(
            rules
                .before(&req("DeleteVpc", &[("VpcId", "vpc-00000000bbbb")]), &stats)
                .is_none()
        );
    }

    #[test]
    fn a_referenced_group_cannot_be_deleted_until_the_rule_is_revoked() {
        let rules = Rules::new(FaultPlan {
            enforce_group_references: true,
            ..FaultPlan::default()
        });
        let stats = FaultStats::default();
        let mut body = "<item><securityGroupRuleId>sgr-9</securityGroupRuleId><referencedGroupInfo><groupId>sg-app</groupId></referencedGroupInfo></item>".to_string();
        rules.after(
            &req("AuthorizeSecurityGroupIngress", &[("GroupId", "sg-db")]),
            200,
            &mut body,
            &stats,
        );
        let delete_app = req("DeleteSecurityGroup", &[("GroupId", "sg-app")]);
        assert!(
            rules
                .before(&delete_app, &stats)
                .expect("refused")
                .body
                .contains("DependencyViolation")
        );
        let mut empty = String::new();
        rules.after(
            &req(
                "RevokeSecurityGroupIngress",
                &[("GroupId", "sg-db"), ("SecurityGroupRuleId.1", "sgr-9")],
            ),
            200,
            &mut empty,
            &stats,
        );
        assert!(rules.before(&delete_app, &stats).is_none());
    }

    #[test]
    fn user_data_over_16_kib_is_refused() {
        let rules = Rules::new(FaultPlan {
            enforce_user_data_limit: true,
            ..FaultPlan::default()
        });
        let stats = FaultStats::default();
        let big = base64::engine::general_purpose::STANDARD.encode(vec![b'x'; 16_385]);
        let ok = base64::engine::general_purpose::STANDARD.encode(vec![b'x'; 16_384]);
        assert!(
            rules
                .before(&req("RunInstances", &[("UserData", &big)]), &stats)
                .is_some()
        );
        assert!(
            rules
                .before(&req("RunInstances", &[("UserData", &ok)]), &stats)
                .is_none()
        );
    }
}

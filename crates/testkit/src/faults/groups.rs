//! AWS refuses to delete a security group another group's rule still references
//! (`DependencyViolation`) until that rule is revoked; moto deletes it. The rules are learnt from
//! the Authorize answers that name another group.

use std::collections::HashMap;

use super::errors::{self, Reply};
use super::request::{Request, between};
use super::{FaultPlan, FaultStats, bump};

#[derive(Default)]
pub(crate) struct GroupReferences {
    /// Rule id -> (the group that owns it, the group it references).
    rules: HashMap<String, (String, String)>,
}

impl GroupReferences {
    pub(crate) fn before(
        &self,
        plan: &FaultPlan,
        req: &Request,
        stats: &FaultStats,
    ) -> Option<Reply> {
        if !plan.enforce_group_references || req.action != "DeleteSecurityGroup" {
            return None;
        }
        let group = req.param("GroupId")?;
        let referenced = self
            .rules
            .values()
            .any(|(owner, peer)| peer == group && owner != group);
        if !referenced {
            return None;
        }
        bump(&stats.dependency_violations);
        Some(errors::ec2(
            400,
            "DependencyViolation",
            &format!("resource {group} has a dependent object"),
        ))
    }

    pub(crate) fn after(&mut self, req: &Request, body: &str) {
        match req.action.as_str() {
            "AuthorizeSecurityGroupIngress" | "AuthorizeSecurityGroupEgress" => {
                if let Some(group) = req.param("GroupId") {
                    for (rule, peer) in group_rules(body) {
                        self.rules.insert(rule, (group.to_string(), peer));
                    }
                }
            }
            "RevokeSecurityGroupIngress" | "RevokeSecurityGroupEgress" => {
                for rule in req.values_starting("SecurityGroupRuleId") {
                    self.rules.remove(rule);
                }
            }
            "DeleteSecurityGroup" => {
                if let Some(group) = req.param("GroupId") {
                    self.rules.retain(|_, (owner, _)| owner != group);
                }
            }
            _ => {}
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_referenced_group_cannot_be_deleted_until_the_rule_is_revoked() {
        let plan = FaultPlan {
            enforce_group_references: true,
            ..FaultPlan::default()
        };
        let stats = FaultStats::default();
        let mut refs = GroupReferences::default();
        refs.after(
            &Request::ec2("AuthorizeSecurityGroupIngress", &[("GroupId", "sg-db")]),
            "<item><securityGroupRuleId>sgr-9</securityGroupRuleId><referencedGroupInfo><groupId>sg-app</groupId></referencedGroupInfo></item>",
        );
        let delete_app = Request::ec2("DeleteSecurityGroup", &[("GroupId", "sg-app")]);
        let refused = refs.before(&plan, &delete_app, &stats).expect("refused");
        assert!(refused.body.contains("DependencyViolation"));
        refs.after(
            &Request::ec2(
                "RevokeSecurityGroupIngress",
                &[("GroupId", "sg-db"), ("SecurityGroupRuleId.1", "sgr-9")],
            ),
            "",
        );
        assert!(refs.before(&plan, &delete_app, &stats).is_none());
    }
}

//! ECS refuses a service whose target group no load balancer listener forwards to yet
//! (`InvalidParameterException`); moto takes it. What forwards where is learnt from
//! CreateListener's default actions and from CreateRule's actions (a path rule associates its
//! target group with the load balancer as much as a default action does).

use std::collections::HashSet;

use super::errors::{self, Reply};
use super::request::Request;
use super::{FaultPlan, FaultStats, bump};

#[derive(Default)]
pub(crate) struct Listeners {
    /// Target groups some listener forwards to.
    listened: HashSet<String>,
}

impl Listeners {
    pub(crate) fn before(
        &self,
        plan: &FaultPlan,
        req: &Request,
        stats: &FaultStats,
    ) -> Option<Reply> {
        if !plan.enforce_target_group_listener || req.action != "CreateService" {
            return None;
        }
        let lonely = req.json["loadBalancers"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|lb| lb["targetGroupArn"].as_str())
            .find(|arn| !self.listened.contains(*arn))?;
        bump(&stats.unattached_target_groups);
        Some(errors::json(
            400,
            "InvalidParameterException",
            &format!(
                "The target group with targetGroupArn {lonely} does not have an associated load balancer."
            ),
        ))
    }

    pub(crate) fn after(&mut self, req: &Request) {
        let actions = match req.action.as_str() {
            "CreateListener" => "DefaultActions.member",
            "CreateRule" => "Actions.member",
            _ => return,
        };
        self.listened.extend(
            req.values_starting(actions)
                .filter(|v| v.contains(":targetgroup/"))
                .map(str::to_string),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_service_waits_for_a_listener_on_its_target_group() {
        let plan = FaultPlan {
            enforce_target_group_listener: true,
            ..FaultPlan::default()
        };
        let stats = FaultStats::default();
        let mut listeners = Listeners::default();
        let tg = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123";
        let service = Request {
            service: "ecs".into(),
            json: serde_json::json!({ "loadBalancers": [{ "targetGroupArn": tg }] }),
            ..Request::ec2("CreateService", &[])
        };
        let refused = listeners.before(&plan, &service, &stats).expect("refused");
        assert!(
            refused.body.contains("InvalidParameterException"),
            "{}",
            refused.body
        );
        assert_eq!(FaultStats::get(&stats.unattached_target_groups), 1);
        listeners.after(&Request {
            service: "elasticloadbalancing".into(),
            ..Request::ec2(
                "CreateListener",
                &[("DefaultActions.member.1.TargetGroupArn", tg)],
            )
        });
        assert!(
            listeners.before(&plan, &service, &stats).is_none(),
            "accepted once listened to"
        );
        // A path rule forwarding to another group associates that one too.
        let api = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/0456";
        let api_service = Request {
            service: "ecs".into(),
            json: serde_json::json!({ "loadBalancers": [{ "targetGroupArn": api }] }),
            ..Request::ec2("CreateService", &[])
        };
        assert!(listeners.before(&plan, &api_service, &stats).is_some());
        listeners.after(&Request {
            service: "elasticloadbalancing".into(),
            ..Request::ec2("CreateRule", &[("Actions.member.1.TargetGroupArn", api)])
        });
        assert!(listeners.before(&plan, &api_service, &stats).is_none());
    }
}

//! A listener's path rules, made with it: AWS deletes them with their listener, so they have
//! no teardown of their own. A rule already at its priority is adopted, so a resumed listener
//! create makes only the missing ones.

use aws_sdk_elasticloadbalancingv2::types::{
    Action, ActionTypeEnum, PathPatternConditionConfig, RuleCondition,
};
use hangar_core::graph::spec::ListenerRuleSpec;

use super::elb_tags::tags;
use crate::error::sdk;
use crate::{Ctx, Refs, ResourceError};

pub(super) async fn ensure(
    ctx: &Ctx,
    logical: &str,
    listener_arn: &str,
    rules: &[ListenerRuleSpec],
    refs: &Refs,
) -> Result<(), ResourceError> {
    if rules.is_empty() {
        return Ok(());
    }
    let elb = &ctx.clients.elbv2;
    let existing = elb
        .describe_rules()
        .listener_arn(listener_arn)
        .send()
        .await
        .map_err(sdk("DescribeRules"))?;
    for rule in rules {
        let priority = rule.priority.to_string();
        if existing
            .rules()
            .iter()
            .any(|r| r.priority() == Some(priority.as_str()))
        {
            continue;
        }
        let target_group = refs.id(&rule.forward_to)?;
        elb.create_rule()
            .listener_arn(listener_arn)
            .priority(rule.priority)
            .conditions(
                RuleCondition::builder()
                    .field("path-pattern")
                    .path_pattern_config(
                        PathPatternConditionConfig::builder()
                            .set_values(Some(rule.path_patterns.clone()))
                            .build(),
                    )
                    .build(),
            )
            .actions(forward_to(target_group))
            .set_tags(Some(tags(ctx, logical)))
            .send()
            .await
            .map_err(sdk("CreateRule"))?;
    }
    Ok(())
}

/// The one action Hangar gives a listener or a rule: forward everything to a target group.
pub(super) fn forward_to(target_group_arn: &str) -> Action {
    Action::builder()
        .r#type(ActionTypeEnum::Forward)
        .target_group_arn(target_group_arn)
        .build()
}

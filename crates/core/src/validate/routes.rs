//! A load balancer's `routes`: path rules that send matching requests to a target group of
//! their own, checked against ELBv2's limits (priorities 1-50000 and unique per listener, at
//! most 5 path values per rule, each at most 128 characters).

use std::collections::BTreeSet;

use super::data::check_target_group;
use super::{Ctx, check, names};
use crate::blueprint::schema::LoadBalancer;
use crate::error::ValidationErrors;

pub(super) fn check_routes(ctx: &Ctx, lb: &LoadBalancer, p: &str, errors: &mut ValidationErrors) {
    let mut seen_names = BTreeSet::new();
    let mut seen_priorities = BTreeSet::new();
    for (j, r) in lb.routes.iter().enumerate() {
        let rp = format!("{p}.routes[{j}]");
        check(names::logical_name(&r.name), &format!("{rp}.name"), errors);
        if !seen_names.insert(r.name.as_str()) {
            errors.push(
                format!("{rp}.name"),
                format!("duplicate route '{}'", r.name),
            );
        }
        if !(1..=50_000).contains(&r.priority) {
            errors.push(
                format!("{rp}.priority"),
                format!("priority must be 1-50000, got {}", r.priority),
            );
        } else if !seen_priorities.insert(r.priority) {
            errors.push(
                format!("{rp}.priority"),
                format!(
                    "another route of this load balancer has priority {}",
                    r.priority
                ),
            );
        }
        if r.path_patterns.is_empty() || r.path_patterns.len() > 5 {
            errors.push(
                format!("{rp}.path_patterns"),
                "a route needs 1-5 path patterns",
            );
        }
        for (k, path) in r.path_patterns.iter().enumerate() {
            if path.is_empty() || path.len() > 128 || !path.starts_with('/') {
                errors.push(
                    format!("{rp}.path_patterns[{k}]"),
                    format!("'{path}' is not a path pattern: 1-128 characters, starting with /"),
                );
            }
        }
        if r.target_group.name == lb.target_group.name
            || lb.routes[..j]
                .iter()
                .any(|o| o.target_group.name == r.target_group.name)
        {
            errors.push(
                format!("{rp}.target_group.name"),
                format!(
                    "target group name '{}' is used twice on this load balancer",
                    r.target_group.name
                ),
            );
        }
        check_target_group(ctx, &r.target_group, &format!("{rp}.target_group"), errors);
    }
}

use std::collections::BTreeMap;

use hangar_core::Plan;
use hangar_resources::Refs;

/// Fills in the blueprint's outputs (`section.name.attribute`) from what was created: `id` is
/// the AWS id, anything else an attribute the create returned, or failing that a property of
/// the node (names Hangar chose).
pub(crate) fn resolve(plan: &Plan, refs: &Refs) -> BTreeMap<String, String> {
    plan.outputs
        .iter()
        .map(|output| {
            let value = lookup(plan, refs, &output.value).unwrap_or_default();
            (output.name.clone(), value)
        })
        .collect()
}

fn lookup(plan: &Plan, refs: &Refs, reference: &str) -> Option<String> {
    let (path, attribute) = reference.rsplit_once('.')?;
    let (section, name) = path.split_once('.')?;
    let kind = match section {
        "instances" => "instance",
        "databases" => "rds_instance",
        "caches" => "elasticache_replication_group",
        "load_balancers" => "load_balancer",
        "buckets" => "s3_bucket",
        "security_groups" => "security_group",
        "iam_roles" => "iam_role",
        "network" => "vpc",
        _ => return None,
    };
    let logical = if section == "network" {
        "vpc.main".to_string()
    } else {
        format!("{kind}.{name}")
    };
    // An instance with a count has numbered nodes; the output names the first.
    let logical = if refs.get(&logical).is_none() && section == "instances" {
        format!("{logical}-1")
    } else {
        logical
    };
    let created = refs.get(&logical)?;
    if attribute == "id" {
        return Some(created.aws_id.clone());
    }
    if let Some(value) = created.attr(attribute) {
        return Some(value.to_string());
    }
    plan.graph.nodes.iter().find_map(|node| {
        node.properties
            .get(attribute)
            .filter(|_| node.depends_on.iter().any(|d| d == &logical) || node.logical == logical)
            .and_then(|p| p.as_str())
            .map(str::to_string)
    })
}

use std::collections::BTreeMap;

use hangar_core::Plan;
use hangar_core::graph::ResourceKind;
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
    // An instance's Elastic IP is its own node, pointing back at the instance.
    if attribute == "elastic_ip" {
        return plan
            .graph
            .nodes
            .iter()
            .filter(|n| n.kind == ResourceKind::Eip)
            .find(|n| n.properties.get("instance").and_then(|p| p.as_str()) == Some(&logical))
            .and_then(|eip| refs.get(&eip.logical)?.attr("public_ip"))
            .map(str::to_string);
    }
    plan.graph.nodes.iter().find_map(|node| {
        node.properties
            .get(attribute)
            .filter(|_| node.depends_on.iter().any(|d| d == &logical) || node.logical == logical)
            .and_then(|p| p.as_str())
            .map(str::to_string)
    })
}

#[cfg(test)]
mod tests {
    use hangar_core::{Overrides, load_builtin, plan};
    use hangar_resources::Created;

    use super::*;

    fn refs_for(plan: &Plan) -> Refs {
        let mut refs = Refs::default();
        for node in &plan.graph.nodes {
            refs.insert(
                &node.logical,
                Created::new(format!("id-of-{}", node.logical)),
            );
        }
        refs
    }

    #[test]
    fn an_instance_elastic_ip_comes_from_its_eip() {
        let plan = plan(
            &load_builtin("app-and-database").expect("built-in"),
            &Overrides::new(),
        )
        .expect("plan");
        let mut refs = refs_for(&plan);
        let eip = plan
            .graph
            .nodes
            .iter()
            .find(|n| n.kind == ResourceKind::Eip && n.properties.contains_key("instance"))
            .expect("the app's EIP");
        refs.insert(
            &eip.logical,
            Created::new("eipalloc-1").with("public_ip", "203.0.113.7"),
        );
        let outputs = resolve(&plan, &refs);
        assert_eq!(outputs["app_public_ip"], "203.0.113.7");
    }

    #[test]
    fn ids_attributes_and_chosen_names_resolve() {
        let plan = plan(
            &load_builtin("web-and-postgres").expect("built-in"),
            &Overrides::new(),
        )
        .expect("plan");
        let mut refs = refs_for(&plan);
        refs.insert(
            "rds_instance.postgres",
            Created::new("db").with("db_subnet_group_name", "web-db-subnets"),
        );
        let outputs = resolve(&plan, &refs);
        assert_eq!(outputs["vpc_id"], "id-of-vpc.main", "{outputs:?}");
        assert_eq!(outputs["db_subnet_group_name"], "web-db-subnets");
    }
}

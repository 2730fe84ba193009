use std::collections::BTreeMap;

use hangar_core::Plan;
use hangar_core::graph::spec::OutputSource;
use hangar_resources::Refs;

/// Fills in the blueprint's outputs from what was created: each names the node and the
/// attribute (or the AWS id) the plan resolved it to. One not (yet) there is empty.
pub(crate) fn resolve(plan: &Plan, refs: &Refs) -> BTreeMap<String, String> {
    plan.outputs
        .iter()
        .map(|output| {
            let value = match &output.source {
                OutputSource::Id { node } => refs.id(node).ok(),
                OutputSource::Attr { node, attr } => refs.attr(node, *attr).ok(),
            };
            (output.name.clone(), value.unwrap_or_default().to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use hangar_core::graph::{Attr, NodeSpec};
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
            .find(|n| matches!(&n.spec, NodeSpec::Eip(e) if e.instance.is_some()))
            .expect("the app's EIP");
        refs.insert(
            &eip.logical,
            Created::new("eipalloc-1").with(Attr::PublicIp, "203.0.113.7"),
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
            Created::new("db").with(Attr::DbSubnetGroupName, "web-db-subnets"),
        );
        let outputs = resolve(&plan, &refs);
        assert_eq!(outputs["vpc_id"], "id-of-vpc.main", "{outputs:?}");
        assert_eq!(outputs["db_subnet_group_name"], "web-db-subnets");
    }
}

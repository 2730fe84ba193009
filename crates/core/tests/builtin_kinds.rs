//! The kinds the built-ins make: every kind is made by one of them (so the engine's tests
//! create and delete it against the emulator), and the SSM parameter kind only when asked.

mod common;

use common::*;
use hangar_core::blueprint::builtin_names;

#[test]
fn web_and_postgres_publishes_its_outputs_to_ssm_only_when_asked() {
    let off = plan_of("web-and-postgres", &[]);
    assert_eq!(off.graph.count(hangar_core::ResourceKind::SsmParameter), 0);
    let on = plan_of("web-and-postgres", &[("publish_outputs", "true")]);
    let parameter = node(&on, "ssm_parameter.outputs");
    assert_eq!(s(parameter, "parameter_name"), "/aloka/dev/outputs");
    let hangar_core::graph::NodeSpec::SsmParameter(spec) = &parameter.spec else {
        panic!("not a parameter");
    };
    let names: Vec<&str> = spec.values.iter().map(|(n, _)| n.as_str()).collect();
    let outputs: Vec<&str> = on.outputs.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, outputs, "every output, in order");
    // It is written once everything its values come from exists.
    for (_, source) in &spec.values {
        assert!(
            parameter.depends_on.iter().any(|d| d == source.node()),
            "{} waits for {}",
            parameter.logical,
            source.node()
        );
    }
    assert_eq!(
        on.cost.monthly_total, off.cost.monthly_total,
        "standard parameters are free"
    );
}

/// The engine's tests make and delete every built-in against the emulator (five_blueprints,
/// outputs_parameter): a kind no built-in makes would be a create and a delete no test runs.
#[test]
fn every_kind_is_made_by_some_built_in() {
    let mut made = std::collections::BTreeSet::new();
    for name in builtin_names() {
        for node in plan_of(name, &[]).graph.nodes {
            made.insert(node.kind());
        }
    }
    for node in plan_of("web-and-postgres", &[("publish_outputs", "true")])
        .graph
        .nodes
    {
        made.insert(node.kind());
    }
    let missing: Vec<_> = hangar_core::ResourceKind::all()
        .filter(|k| !made.contains(k))
        .collect();
    assert!(missing.is_empty(), "no built-in makes {missing:?}");
}

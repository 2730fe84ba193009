//! The IPC types derive TypeScript declarations; run with `--features ts`.
#![cfg(feature = "ts")]

use hangar_core::blueprint::{BlueprintSummary, ParamDecl};
use hangar_core::cost::{CostEstimate, CostLine};
use hangar_core::diagram::{Diagram, DiagramEdge, DiagramNode};
use hangar_core::error::{ValidationError, ValidationErrors};
use hangar_core::plan::{Plan, PlanStep};
use ts_rs::{Config, TS};

#[test]
fn declarations_are_camel_case() {
    let cfg = Config::default();
    let decls = [
        BlueprintSummary::decl(&cfg),
        ParamDecl::decl(&cfg),
        ValidationError::decl(&cfg),
        ValidationErrors::decl(&cfg),
        Plan::decl(&cfg),
        PlanStep::decl(&cfg),
        CostEstimate::decl(&cfg),
        CostLine::decl(&cfg),
        Diagram::decl(&cfg),
        DiagramNode::decl(&cfg),
        DiagramEdge::decl(&cfg),
    ];
    let all = decls.join("\n");
    for field in [
        "envDefaults",
        "monthlyTotal",
        "unitPrice",
        "dependsOn",
        "resourceKind",
        "atEdge",
    ] {
        assert!(all.contains(field), "{field} missing in:\n{all}");
    }
    assert!(
        ValidationErrors::decl(&cfg).contains("Array<ValidationError>"),
        "{all}"
    );
}

#[test]
fn a_node_is_a_union_discriminated_by_kind() {
    let cfg = Config::default();
    let spec = hangar_core::graph::NodeSpec::decl(&cfg);
    assert!(
        spec.contains(r#"{ "kind": "instance", "properties": InstanceSpec }"#),
        "{spec}"
    );
    let node = hangar_core::graph::ResourceNode::decl(&cfg);
    assert!(
        node.contains(r#"& ({ "kind": "vpc", "properties": VpcSpec } |"#),
        "{node}"
    );
}

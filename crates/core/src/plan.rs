//! The plan: what will be created, in which order, with what settings, at what monthly cost,
//! and the diagram of it, all from one resource graph.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::blueprint::schema::{Output, Spec};
use crate::blueprint::{Blueprint, Overrides, ParamValue, PlanFor};
use crate::cost::{self, CostEstimate};
use crate::diagram::{self, Diagram};
use crate::error::ValidationErrors;
use crate::graph::spec::OutputSource;
use crate::graph::{self, NodeSpec, ResourceGraph, Stage};
use crate::userdata::{HostSummary, summarize};
use crate::validate;
use crate::warnings::{self, PlanWarning};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PlanStep {
    /// 0-based position in creation order.
    pub index: u32,
    pub logical: String,
    pub slow: bool,
    pub depends_on: Vec<String>,
    /// What the create call sets (`kind` and `properties` on the wire).
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub spec: NodeSpec,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PlanOutput {
    pub name: String,
    /// `section.name.attribute`, as the blueprint writes it.
    pub value: String,
    pub description: String,
    /// The node and attribute the engine fills it from once the resource exists.
    pub source: OutputSource,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub blueprint: String,
    pub region: String,
    /// Prod when its `environment` parameter says so: what its teardown keeps and asks.
    pub stage: Stage,
    /// Every parameter's resolved value, in command-line form.
    pub parameters: BTreeMap<String, String>,
    /// `${env_short_id}`: the first 8 hex characters of the environment's id. None in a plan
    /// made before the environment exists, where `xxxxxxxx` stands for it in every name.
    pub env_short_id: Option<String>,
    pub graph: ResourceGraph,
    pub steps: Vec<PlanStep>,
    pub cost: CostEstimate,
    pub diagram: Diagram,
    pub outputs: Vec<PlanOutput>,
    /// Risky settings worth a second look before creating anything; none stops the plan.
    pub warnings: Vec<PlanWarning>,
    /// What each host's user data does at first boot, one entry per instance with user data.
    pub hosts: Vec<HostSummary>,
}

impl Plan {
    /// Logical names in creation order.
    pub fn order(&self) -> Vec<&str> {
        self.steps.iter().map(|s| s.logical.as_str()).collect()
    }

    /// Whether some name or parameter of this preview stands in for the environment's id
    /// (`xxxxxxxx`), which it gets once it is created.
    pub fn awaits_env_id(&self) -> bool {
        let pending = crate::blueprint::builtins::ENV_SHORT_ID_PENDING;
        self.env_short_id.is_none()
            && (self
                .graph
                .claimed_names()
                .iter()
                .any(|c| c.name.contains(pending))
                || self.parameters.values().any(|v| v.contains(pending)))
    }
}

/// Applies overrides, validates, and builds the plan of an environment not created yet (see
/// [`plan_in`]). All errors are returned together: override errors first (nothing else can be
/// checked without them), then every blueprint error.
pub fn plan(blueprint: &Blueprint, overrides: &Overrides) -> Result<Plan, ValidationErrors> {
    plan_in(blueprint, overrides, PlanFor::Preview)
}

/// The plan of `env`: with its id, names that end in `${env_short_id}` are the ones AWS will
/// get; in a preview they end in `xxxxxxxx`.
pub fn plan_in(
    blueprint: &Blueprint,
    overrides: &Overrides,
    env: PlanFor<'_>,
) -> Result<Plan, ValidationErrors> {
    let (values, spec) = blueprint.resolve_for(overrides, env)?;
    let errors = validate::validate(&spec);
    if !errors.is_empty() {
        return Err(errors);
    }
    let stage = Stage::of(&values);
    let graph = graph::build(&spec, stage)?;
    let steps = graph
        .creation_order()
        .into_iter()
        .enumerate()
        .map(|(i, n)| PlanStep {
            index: u32::try_from(i).unwrap_or(u32::MAX),
            logical: n.logical.clone(),
            slow: n.is_slow(),
            depends_on: n.depends_on.clone(),
            spec: n.spec.clone(),
        })
        .collect();
    let cost = cost::estimate(&graph, &spec.region);
    let diagram = diagram::from_graph(&graph, &spec);
    let warnings = warnings::warnings(&spec, &graph, stage);
    let hosts = hosts(&spec, &graph);
    Ok(Plan {
        blueprint: blueprint.name.clone(),
        region: spec.region.clone(),
        stage,
        parameters: values
            .iter()
            .map(|(k, v): (&String, &ParamValue)| (k.clone(), v.to_text()))
            .collect(),
        env_short_id: match env {
            PlanFor::Preview => None,
            PlanFor::Environment(_) => Some(env.short_id()),
        },
        graph,
        steps,
        cost,
        diagram,
        outputs: spec
            .outputs
            .iter()
            .filter_map(|o| output(&spec, o))
            .collect(),
        warnings,
        hosts,
    })
}

impl Plan {
    /// The plan of an environment adopted from its tags alone, whose blueprint is unknown: no
    /// resources, so nothing to create, and a teardown that finds what to delete by tag.
    /// Non-prod, because nothing says otherwise; what its resources keep is written on them
    /// (a database's `hangar:final-snapshot` tag) and deletion protection is never lifted.
    pub fn unrecorded(region: &str, env_uid: &str) -> Plan {
        let graph = ResourceGraph { nodes: Vec::new() };
        Plan {
            blueprint: String::new(),
            region: region.to_string(),
            stage: Stage::NonProd,
            parameters: BTreeMap::new(),
            env_short_id: Some(PlanFor::Environment(env_uid).short_id()),
            cost: cost::estimate(&graph, region),
            graph,
            steps: Vec::new(),
            diagram: diagram::Diagram::default(),
            outputs: Vec::new(),
            warnings: Vec::new(),
            hosts: Vec::new(),
        }
    }
}

/// The plan for an account: [`plan`], then held to what the environment's region offers it
/// (zones, instance types), every refusal at the blueprint path that caused it.
pub fn plan_in_region(
    blueprint: &Blueprint,
    overrides: &Overrides,
    catalogue: &crate::catalogue::RegionCatalogue,
) -> Result<Plan, ValidationErrors> {
    let plan = plan(blueprint, overrides)?;
    let errors = crate::catalogue::check(&plan.graph, catalogue);
    if errors.is_empty() {
        Ok(plan)
    } else {
        Err(errors)
    }
}

/// Every instance node whose blueprint entry has user data, summarised from that entry. Users
/// are shown where the blueprint takes them; the bake fills them in at provision.
fn hosts(spec: &Spec, graph: &ResourceGraph) -> Vec<HostSummary> {
    spec.instances
        .iter()
        .enumerate()
        .filter_map(|(i, inst)| inst.user_data.as_ref().map(|ud| (i, inst, ud)))
        .flat_map(|(i, inst, ud)| {
            let source = format!("instances[{i}]");
            graph
                .nodes
                .iter()
                .filter(move |n| n.source == source && matches!(n.spec, NodeSpec::Instance(_)))
                .map(move |n| {
                    let users = ud.users_csv_path.is_some() || ud.users_env.is_some();
                    summarize(&n.logical, ud, inst.ami.os, users)
                })
        })
        .collect()
}

/// Validation refused every output without a source, so none is dropped here.
fn output(spec: &Spec, o: &Output) -> Option<PlanOutput> {
    Some(PlanOutput {
        name: o.name.clone(),
        value: o.value.clone(),
        description: o.description.clone(),
        source: graph::output_source(spec, &o.value)?,
    })
}

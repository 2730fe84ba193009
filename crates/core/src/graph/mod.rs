//! The resource graph: one node per AWS object, with the nodes it depends on. The plan, the
//! diagram and (later) provisioning and teardown all walk this one structure.

mod attrs;
mod build;
mod build_data;
mod build_ecs;
mod build_net;
mod kinds;
mod names;
mod outputs;
mod rds_names;
pub mod spec;
mod stage;

use std::collections::{BTreeMap, BTreeSet};

use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;
use serde::Serialize;

pub use attrs::Attr;
pub use build::build;
pub(crate) use build::{inline_rules, sg};
pub use kinds::{FindByTag, KindInfo, Placement, ResourceKind, Section};
pub use names::{ClaimedName, NameScope};
pub use outputs::output_source;
pub use rds_names::{final_snapshot_id, parameter_group_family};
pub use spec::NodeSpec;
pub use stage::Stage;

use crate::error::ValidationErrors;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ResourceNode {
    /// Unique in the graph, `kind.name` (e.g. `subnet.public-a`); becomes the `hangar:logical` tag.
    pub logical: String,
    /// What the create call sets, by kind (`kind` and `properties` on the wire).
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub spec: NodeSpec,
    pub depends_on: Vec<String>,
    /// The blueprint path this node comes from, for errors and the UI.
    pub source: String,
    /// The AZ the node lives in, when it lives in one.
    pub az: Option<String>,
    /// The subnet (logical name) it sits in, for the diagram.
    pub subnet: Option<String>,
}

impl ResourceNode {
    pub fn new(name: &str, spec: impl Into<NodeSpec>, source: impl Into<String>) -> Self {
        let spec = spec.into();
        Self {
            logical: format!("{}.{name}", spec.kind().as_str()),
            spec,
            depends_on: Vec::new(),
            source: source.into(),
            az: None,
            subnet: None,
        }
    }

    pub fn kind(&self) -> ResourceKind {
        self.spec.kind()
    }

    pub fn dep(mut self, logical: impl Into<String>) -> Self {
        let l = logical.into();
        if !self.depends_on.contains(&l) {
            self.depends_on.push(l);
        }
        self
    }

    pub fn deps<I: IntoIterator<Item = String>>(mut self, logicals: I) -> Self {
        for l in logicals {
            self = self.dep(l);
        }
        self
    }

    pub fn is_slow(&self) -> bool {
        self.kind().is_slow()
    }
}

/// A checked graph: logical names are unique, every dependency exists, and there is no cycle.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ResourceGraph {
    pub nodes: Vec<ResourceNode>,
}

impl ResourceGraph {
    pub fn from_nodes(nodes: Vec<ResourceNode>) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let mut index = BTreeMap::new();
        for (i, n) in nodes.iter().enumerate() {
            if index.insert(n.logical.as_str(), i).is_some() {
                errors.push(
                    &n.source,
                    format!("two resources are both named '{}'", n.logical),
                );
            }
        }
        for n in &nodes {
            for d in &n.depends_on {
                if !index.contains_key(d.as_str()) {
                    errors.push(
                        &n.source,
                        format!("'{}' depends on unknown '{d}'", n.logical),
                    );
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut g = DiGraph::<usize, ()>::new();
        let ids: Vec<_> = (0..nodes.len()).map(|i| g.add_node(i)).collect();
        for (i, n) in nodes.iter().enumerate() {
            for d in &n.depends_on {
                if let Some(&j) = index.get(d.as_str()) {
                    g.add_edge(ids[i], ids[j], ());
                }
            }
        }
        for scc in tarjan_scc(&g) {
            let members: BTreeSet<usize> = scc.iter().map(|ix| g[*ix]).collect();
            let self_loop = scc.len() == 1 && g.contains_edge(scc[0], scc[0]);
            if members.len() > 1 || self_loop {
                let path = cycle_path(&nodes, &index, &members);
                let first = members
                    .first()
                    .map(|&i| nodes[i].source.clone())
                    .unwrap_or_default();
                errors.push(first, format!("dependency cycle: {}", path.join(" -> ")));
            }
        }
        errors.into_result(ResourceGraph { nodes })
    }

    pub fn get(&self, logical: &str) -> Option<&ResourceNode> {
        self.nodes.iter().find(|n| n.logical == logical)
    }

    pub fn count(&self, kind: ResourceKind) -> usize {
        self.nodes.iter().filter(|n| n.kind() == kind).count()
    }

    pub fn of_kind(&self, kind: ResourceKind) -> impl Iterator<Item = &ResourceNode> {
        self.nodes.iter().filter(move |n| n.kind() == kind)
    }

    /// Creation order: a node comes after everything it depends on. Among nodes that are
    /// ready at the same time, slow kinds come first, then what slow kinds wait for, then by
    /// logical name, so the same graph always gives the same order.
    pub fn creation_order(&self) -> Vec<&ResourceNode> {
        let index: BTreeMap<&str, usize> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.logical.as_str(), i))
            .collect();
        let mut waiting: Vec<usize> = self.nodes.iter().map(|n| n.depends_on.len()).collect();
        let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); self.nodes.len()];
        for (i, n) in self.nodes.iter().enumerate() {
            for d in &n.depends_on {
                if let Some(&j) = index.get(d.as_str()) {
                    dependents[j].push(i);
                }
            }
        }
        // Rank 0: slow nodes; rank 1: nodes a slow node waits for (the critical path to it);
        // rank 2: the rest. Started in that order, the minutes-long creates begin earliest.
        let mut rank = vec![2u8; self.nodes.len()];
        let mut stack: Vec<usize> = (0..self.nodes.len())
            .filter(|&i| self.nodes[i].is_slow())
            .collect();
        for &i in &stack {
            rank[i] = 0;
        }
        while let Some(i) = stack.pop() {
            for d in &self.nodes[i].depends_on {
                if let Some(&j) = index.get(d.as_str())
                    && rank[j] == 2
                {
                    rank[j] = 1;
                    stack.push(j);
                }
            }
        }
        let key = |i: usize| (rank[i], self.nodes[i].logical.clone(), i);
        let mut ready: BTreeSet<(u8, String, usize)> = (0..self.nodes.len())
            .filter(|&i| waiting[i] == 0)
            .map(key)
            .collect();
        let mut out = Vec::with_capacity(self.nodes.len());
        while let Some(first) = ready.pop_first() {
            let i = first.2;
            out.push(&self.nodes[i]);
            for &d in &dependents[i] {
                waiting[d] -= 1;
                if waiting[d] == 0 {
                    ready.insert(key(d));
                }
            }
        }
        out
    }

    /// Teardown order: the reverse of creation, so rules go before groups, associations before
    /// route tables, instances before subnets.
    pub fn teardown_order(&self) -> Vec<&ResourceNode> {
        let mut order = self.creation_order();
        order.reverse();
        order
    }
}

/// One concrete loop through a strongly connected set, starting at its first member.
fn cycle_path(
    nodes: &[ResourceNode],
    index: &BTreeMap<&str, usize>,
    members: &BTreeSet<usize>,
) -> Vec<String> {
    let Some(&start) = members.first() else {
        return Vec::new();
    };
    let mut path = vec![start];
    let mut current = start;
    loop {
        let mut next_ids: Vec<usize> = nodes[current]
            .depends_on
            .iter()
            .filter_map(|d| index.get(d.as_str()).copied())
            .filter(|j| members.contains(j))
            .collect();
        next_ids.sort_unstable();
        let Some(&next) = next_ids.first() else {
            break;
        };
        if let Some(pos) = path.iter().position(|&p| p == next) {
            let mut cycle: Vec<String> = path[pos..]
                .iter()
                .map(|&i| nodes[i].logical.clone())
                .collect();
            cycle.push(nodes[next].logical.clone());
            return cycle;
        }
        path.push(next);
        current = next;
    }
    path.iter().map(|&i| nodes[i].logical.clone()).collect()
}

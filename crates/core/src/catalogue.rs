//! What the account's region offers, as AWS answered it (the engine asks DescribeAvailabilityZones
//! and DescribeInstanceTypeOfferings; core only reads the answer), and the plan held to it: a
//! zone the plan places a subnet in that the account cannot use, or an instance type not offered
//! in its instance's zone, is an error at the blueprint path that caused it, before any create.
//! Without a catalogue (no profile chosen) the plan is checked against Hangar's bundled table.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::ValidationErrors;
use crate::graph::{NodeSpec, ResourceGraph};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegionCatalogue {
    pub region: String,
    /// Zones in state `available` whose opt-in is not required or given, by name.
    pub zones: Vec<String>,
    /// Per zone, the instance types offered there (of those asked about).
    pub offerings: BTreeMap<String, BTreeSet<String>>,
}

impl RegionCatalogue {
    pub fn offers(&self, zone: &str, instance_type: &str) -> bool {
        self.offerings
            .get(zone)
            .is_some_and(|types| types.contains(instance_type))
    }
}

/// The instance types a graph launches: what to ask DescribeInstanceTypeOfferings about.
pub fn instance_types(graph: &ResourceGraph) -> BTreeSet<String> {
    graph
        .creation_order()
        .into_iter()
        .filter_map(|n| match &n.spec {
            NodeSpec::Instance(spec) => Some(spec.instance_type.clone()),
            _ => None,
        })
        .collect()
}

/// Every way the graph asks for more than the region offers this account.
pub fn check(graph: &ResourceGraph, catalogue: &RegionCatalogue) -> ValidationErrors {
    let mut errors = ValidationErrors::default();
    let order = graph.creation_order();
    let region = &catalogue.region;
    let available = catalogue.zones.join(", ");
    let mut zones_used: Vec<&str> = Vec::new();
    for node in &order {
        if let NodeSpec::Subnet(subnet) = &node.spec
            && !zones_used.contains(&subnet.availability_zone.as_str())
        {
            zones_used.push(&subnet.availability_zone);
        }
    }
    let missing: Vec<&str> = zones_used
        .iter()
        .copied()
        .filter(|z| !catalogue.zones.iter().any(|a| a == z))
        .collect();
    if !missing.is_empty() {
        let needs = zones_used.len();
        let has = catalogue.zones.len();
        let message = if needs > has {
            format!(
                "this blueprint needs {needs} availability zones; {region} has {has} available to this account ({available})"
            )
        } else {
            format!(
                "{} not available to this account in {region} (available: {available})",
                missing.join(", ")
            )
        };
        errors.push("network.az_count", message);
    }
    for node in &order {
        let NodeSpec::Instance(spec) = &node.spec else {
            continue;
        };
        let t = &spec.instance_type;
        let refused = match node.az.as_deref() {
            Some(zone)
                if catalogue.zones.iter().any(|a| a == zone) && !catalogue.offers(zone, t) =>
            {
                Some(format!("{t} is not offered in {zone}"))
            }
            Some(_) => None,
            // The default VPC: AWS picks the zone, so one offering anywhere will do.
            None if !catalogue.zones.iter().any(|z| catalogue.offers(z, t)) => {
                Some(format!("{t} is not offered in any zone of {region}"))
            }
            None => None,
        };
        if let Some(message) = refused {
            errors.push(format!("{}.instance_type", node.source), message);
        }
    }
    errors
}

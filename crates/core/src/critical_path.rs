//! The critical-path bound: the fastest any walk of a graph could provision (or tear down) it
//! on the [`DurationModel`], with unlimited parallelism. Each node costs one call latency plus
//! its modelled pending time, and starts when the last node it waits for is done (in teardown,
//! when the last node that depends on it is gone). A benchmark divides its wall time by this.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::durations::{Direction, DurationModel};
use crate::graph::ResourceGraph;

/// The bound and the chain of logical names that sets it, first to last.
#[derive(Debug, Clone, PartialEq)]
pub struct CriticalPath {
    pub bound: Duration,
    pub chain: Vec<String>,
}

/// Also the one-node-at-a-time figure's ideal: every node's cost, summed.
pub fn serial_sum(graph: &ResourceGraph, model: &DurationModel, direction: Direction) -> Duration {
    graph
        .nodes
        .iter()
        .map(|n| model.call_latency() + model.pending(n, direction))
        .sum()
}

pub fn critical_path(
    graph: &ResourceGraph,
    model: &DurationModel,
    direction: Direction,
) -> CriticalPath {
    let index: BTreeMap<&str, usize> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.logical.as_str(), i))
        .collect();
    // What each node must wait for before it starts, in this direction.
    let mut waits_for: Vec<Vec<usize>> = vec![Vec::new(); graph.nodes.len()];
    for (i, n) in graph.nodes.iter().enumerate() {
        for d in &n.depends_on {
            let Some(&j) = index.get(d.as_str()) else {
                continue;
            };
            match direction {
                Direction::Create => waits_for[i].push(j),
                Direction::Delete => waits_for[j].push(i),
            }
        }
    }
    let order: Vec<usize> = {
        let mut order: Vec<usize> = graph
            .creation_order()
            .iter()
            .filter_map(|n| index.get(n.logical.as_str()).copied())
            .collect();
        if direction == Direction::Delete {
            order.reverse();
        }
        order
    };
    let mut finish = vec![Duration::ZERO; graph.nodes.len()];
    let mut via: Vec<Option<usize>> = vec![None; graph.nodes.len()];
    for &i in &order {
        let before = waits_for[i].iter().copied().max_by_key(|&j| (finish[j], j));
        let start = before.map_or(Duration::ZERO, |j| finish[j]);
        via[i] = before;
        finish[i] = start + model.call_latency() + model.pending(&graph.nodes[i], direction);
    }
    let Some(last) = (0..graph.nodes.len()).max_by_key(|&i| (finish[i], i)) else {
        return CriticalPath {
            bound: Duration::ZERO,
            chain: Vec::new(),
        };
    };
    let mut chain = vec![graph.nodes[last].logical.clone()];
    let mut at = last;
    while let Some(prev) = via[at] {
        chain.push(graph.nodes[prev].logical.clone());
        at = prev;
    }
    chain.reverse();
    CriticalPath {
        bound: finish[last],
        chain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::ResourceNode;
    use crate::graph::spec::{NatGatewaySpec, SubnetSpec, VpcSpec};

    fn subnet(name: &str) -> ResourceNode {
        let spec = SubnetSpec {
            vpc: "vpc.main".into(),
            cidr_block: "10.0.0.0/24".into(),
            availability_zone: "eu-west-1a".into(),
            tier: "public".into(),
            map_public_ip_on_launch: false,
            name: None,
        };
        ResourceNode::new(name, spec, "network").dep("vpc.main")
    }

    /// vpc <- subnet.a <- nat_gateway.a, and vpc <- subnet.b.
    fn graph() -> ResourceGraph {
        let vpc = VpcSpec {
            cidr_block: "10.0.0.0/16".into(),
            enable_dns_hostnames: true,
            enable_dns_support: true,
        };
        let nat = NatGatewaySpec {
            subnet: "subnet.a".into(),
            allocation: String::new(),
        };
        ResourceGraph::from_nodes(vec![
            ResourceNode::new("main", vpc, "network"),
            subnet("a"),
            subnet("b"),
            ResourceNode::new("a", nat, "network").dep("subnet.a"),
        ])
        .expect("a valid graph")
    }

    #[test]
    fn creation_is_bound_by_the_chain_to_the_nat_gateway() {
        let model = DurationModel::scaled(1.0);
        let path = critical_path(&graph(), &model, Direction::Create);
        assert_eq!(path.chain, ["vpc.main", "subnet.a", "nat_gateway.a"]);
        assert_eq!(
            path.bound,
            Duration::from_millis(300) + Duration::from_secs(120)
        );
    }

    #[test]
    fn teardown_walks_the_dependencies_reversed() {
        let model = DurationModel::scaled(1.0);
        let path = critical_path(&graph(), &model, Direction::Delete);
        assert_eq!(path.chain, ["nat_gateway.a", "subnet.a", "vpc.main"]);
        assert_eq!(
            path.bound,
            Duration::from_millis(300) + Duration::from_secs(60)
        );
    }

    #[test]
    fn the_scale_multiplies_every_duration() {
        let model = DurationModel::scaled(0.05);
        let path = critical_path(&graph(), &model, Direction::Create);
        assert_eq!(
            path.bound,
            Duration::from_millis(15) + Duration::from_secs(6)
        );
        let serial = serial_sum(&graph(), &model, Direction::Create);
        assert_eq!(serial, Duration::from_millis(20) + Duration::from_secs(6));
    }
}

//! A context pointed at the emulator, and the slices of a built-in blueprint's plan the tests
//! create, check and delete.

use hangar_core::graph::{ResourceKind, ResourceNode};
use hangar_core::{Overrides, load_builtin, plan};
use hangar_resources::{Clients, Created, Ctx, Refs, create, delete, find_tagged};
use hangar_sandbox::MotoServer;
use hangar_testkit::{REGION, sdk_config};

/// A context through a fault proxy in front of the emulator.
#[allow(dead_code)]
pub fn ctx_via(endpoint: &str, env: &str) -> Ctx {
    Ctx::new(
        Clients::new(&sdk_config(endpoint)),
        env,
        format!("{env}-id"),
        REGION,
    )
}

/// A context for `env`, whose id is derived from its name: two names, two owners.
#[allow(dead_code)]
pub fn ctx(server: &MotoServer, env: &str) -> Ctx {
    Ctx::new(
        Clients::new(&sdk_config(&server.endpoint())),
        env,
        format!("{env}-id"),
        REGION,
    )
}

/// A built-in blueprint's nodes of the given kinds and everything they depend on, in creation
/// order: the smallest slice of the plan that can be created for real.
#[allow(dead_code)]
pub fn nodes_for(blueprint: &str, kinds: &[ResourceKind]) -> Vec<ResourceNode> {
    let blueprint = load_builtin(blueprint).expect("built-in");
    let plan = plan(&blueprint, &Overrides::new()).expect("valid");
    let order = plan.graph.creation_order();
    let mut wanted: std::collections::BTreeSet<String> = order
        .iter()
        .filter(|n| kinds.contains(&n.kind()))
        .map(|n| n.logical.clone())
        .collect();
    // Creation order puts every dependency before its user: one backward pass closes the set.
    for node in order.iter().rev() {
        if wanted.contains(&node.logical) {
            wanted.extend(node.depends_on.iter().cloned());
        }
    }
    order
        .into_iter()
        .filter(|n| wanted.contains(&n.logical))
        .cloned()
        .collect()
}

/// Creates every node in order, each with the refs of those before it.
#[allow(dead_code)]
pub async fn create_all(ctx: &hangar_resources::Ctx, nodes: &[ResourceNode]) -> Made {
    let mut refs = Refs::default();
    let mut made = Vec::new();
    for node in nodes {
        let created = create(ctx, node, &refs, 0)
            .await
            .unwrap_or_else(|e| panic!("create {}: {e}", node.logical));
        refs.insert(&node.logical, created.clone());
        made.push((node.clone(), created));
    }
    Made(made)
}

pub struct Made(pub Vec<(ResourceNode, Created)>);

#[allow(dead_code)]
impl Made {
    pub fn get(&self, logical: &str) -> &Created {
        self.0
            .iter()
            .find(|(n, _)| n.logical == logical)
            .map(|(_, c)| c)
            .unwrap_or_else(|| panic!("{logical} was made"))
    }

    pub fn id(&self, logical: &str) -> String {
        self.get(logical).aws_id.clone()
    }

    /// Every node kept its AWS id when created again.
    pub fn assert_same_ids(&self, again: &Made) {
        for ((node, first), (_, second)) in self.0.iter().zip(&again.0) {
            assert_eq!(
                first.aws_id, second.aws_id,
                "{} was adopted, not made twice",
                node.logical
            );
        }
    }

    /// Deletes in reverse creation order.
    pub async fn delete_all(&self, ctx: &hangar_resources::Ctx) {
        for (node, created) in self.0.iter().rev() {
            delete(ctx, node.kind(), created, Some(&node.spec))
                .await
                .unwrap_or_else(|e| panic!("delete {}: {e}", node.logical));
        }
    }

    /// The kinds made, each once.
    pub fn kinds(&self) -> Vec<ResourceKind> {
        let mut kinds: Vec<ResourceKind> = Vec::new();
        for (node, _) in &self.0 {
            if !kinds.contains(&node.kind()) {
                kinds.push(node.kind());
            }
        }
        kinds
    }
}

/// `find_tagged` reports nothing of any of these kinds.
#[allow(dead_code)]
pub async fn assert_nothing_tagged(ctx: &hangar_resources::Ctx, kinds: &[ResourceKind]) {
    for kind in kinds {
        let left = find_tagged(ctx, *kind).await.expect("find");
        assert!(left.is_empty(), "{kind:?} left behind: {left:?}");
    }
}

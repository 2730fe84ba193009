//! The accepted users into a plan: every instance whose blueprint user data declares users
//! (`users_csv_path` and/or `users_env`) gets its script rendered again with the clean CSV
//! (never the raw upload) as base64 payloads, fitted to AWS's 16 KB limit (gzip when needed).
//! The result replaces the node's user data script with [`UserData::Baked`]: the exact bytes
//! for RunInstances, base64, so a gzipped payload never has to live in a text field.

use crate::blueprint::Spec;
use crate::blueprint::schema::{Instance, UserDataSpec};
use crate::graph::spec::UserData;
use crate::graph::{NodeSpec, ResourceGraph, ResourceNode};
use crate::plan::Plan;
use crate::userdata::{Extras, render_user_data};

use super::{
    DEFAULT_USERS_CSV_PATH, DEFAULT_USERS_ENV, UserDataError, UserDataPayload, UserRow,
    fit_users_user_data, users_user_data_parts_at,
};

/// Whether an instance node's user data declares users.
pub fn takes_users(node: &ResourceNode) -> bool {
    matches!(&node.spec, NodeSpec::Instance(i) if i.takes_users())
}

/// The logical names of the instances that take users: the ones a new users list reaches only
/// by being replaced.
pub fn instances_taking_users(graph: &ResourceGraph) -> Vec<String> {
    graph
        .nodes
        .iter()
        .filter(|n| takes_users(n))
        .map(|n| n.logical.clone())
        .collect()
}

/// One instance's user data would not fit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{logical}: {error}")]
pub struct BakeError {
    pub logical: String,
    pub error: UserDataError,
}

impl BakeError {
    /// How many of the users would fit, when users are what is too large.
    pub fn users_that_fit(&self) -> Option<usize> {
        match self.error {
            UserDataError::TooManyUsers { users_that_fit, .. } => Some(users_that_fit),
            UserDataError::TooLarge { .. } => None,
        }
    }
}

/// What one instance got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BakedInstance {
    pub logical: String,
    pub payload: UserDataPayload,
}

/// The instance of `spec` a node was built from (`source` is `instances[i]`).
fn instance_of<'a>(spec: &'a Spec, node: &ResourceNode) -> Option<&'a Instance> {
    let index: usize = node
        .source
        .strip_prefix("instances[")?
        .strip_suffix(']')?
        .parse()
        .ok()?;
    spec.instances.get(index)
}

/// The user data of one instance with `users`, fitted; `None` when the instance declares no
/// users (its user data stays as the plan rendered it).
pub fn user_data_with_users(
    spec: &Spec,
    node: &ResourceNode,
    users: &[UserRow],
) -> Result<Option<UserDataPayload>, UserDataError> {
    if !takes_users(node) {
        return Ok(None);
    }
    let Some(instance) = instance_of(spec, node) else {
        return Ok(None);
    };
    let Some(ud) = &instance.user_data else {
        return Ok(None);
    };
    let os = instance.ami.os;
    fit_users_user_data(users, |rows| render_user_data(ud, os, &extras(ud, rows))).map(Some)
}

/// The users' file and variable, each only when the blueprint asks for it. The variable is
/// made on the host from the file; without a file to read it travels in the script itself.
fn extras(ud: &UserDataSpec, rows: &[UserRow]) -> Extras {
    let parts = users_user_data_parts_at(
        rows,
        ud.users_csv_path
            .as_deref()
            .unwrap_or(DEFAULT_USERS_CSV_PATH),
        ud.users_env.as_deref().unwrap_or(DEFAULT_USERS_ENV),
    );
    let b64 = parts
        .files
        .first()
        .map(|f| f.contents_b64.clone())
        .unwrap_or_default();
    let mut extras: Extras = parts.into();
    match (ud.users_csv_path.is_some(), ud.users_env.as_deref()) {
        (true, Some(_)) => {}
        (true, None) => extras.env_from_files.clear(),
        (false, Some(var)) => {
            extras.files.clear();
            extras.env_from_files.clear();
            extras.env = vec![(var.to_string(), b64)];
        }
        (false, None) => {
            extras.files.clear();
            extras.env_from_files.clear();
        }
    }
    extras
}

/// Rewrites the user data of every instance of `plan` that takes users (graph and steps alike)
/// to carry `users`. `spec` is the resolved blueprint the plan was made from. Nothing is
/// changed when any instance does not fit; the error names it and how many users would.
pub fn bake_users(
    spec: &Spec,
    plan: &mut Plan,
    users: &[UserRow],
) -> Result<Vec<BakedInstance>, BakeError> {
    let mut baked = Vec::new();
    for node in &plan.graph.nodes {
        match user_data_with_users(spec, node, users) {
            Ok(Some(payload)) => baked.push(BakedInstance {
                logical: node.logical.clone(),
                payload,
            }),
            Ok(None) => {}
            Err(error) => {
                return Err(BakeError {
                    logical: node.logical.clone(),
                    error,
                });
            }
        }
    }
    let users_count = i64::try_from(users.len()).unwrap_or(i64::MAX);
    for b in &baked {
        let baked_data = UserData::Baked {
            base64: b.payload.base64(),
            gzip: b.payload.gzipped,
            users: users_count,
        };
        let graph_specs = plan
            .graph
            .nodes
            .iter_mut()
            .filter(|n| n.logical == b.logical)
            .map(|n| &mut n.spec);
        let step_specs = plan
            .steps
            .iter_mut()
            .filter(|s| s.logical == b.logical)
            .map(|s| &mut s.spec);
        for spec in graph_specs.chain(step_specs) {
            if let NodeSpec::Instance(instance) = spec {
                instance.user_data = Some(baked_data.clone());
            }
        }
    }
    Ok(baked)
}

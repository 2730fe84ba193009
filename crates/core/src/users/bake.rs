//! The accepted users into a plan: every instance whose blueprint user data declares users
//! (`users_csv_path` and/or `users_env`) gets its script rendered again with the clean CSV
//! (never the raw upload) as base64 payloads, fitted to AWS's 16 KB limit (gzip when needed).
//! The result replaces the node's `user_data` script with `user_data_b64`: the exact bytes for
//! RunInstances, base64, so a gzipped payload never has to live in a text property.

use crate::blueprint::Spec;
use crate::blueprint::schema::{Instance, UserDataSpec};
use crate::graph::{Prop, ResourceGraph, ResourceKind, ResourceNode};
use crate::plan::Plan;
use crate::userdata::{Extras, render_user_data};

use super::{
    DEFAULT_USERS_CSV_PATH, DEFAULT_USERS_ENV, UserDataError, UserDataPayload, UserRow,
    fit_users_user_data, users_user_data_parts_at,
};

/// The property holding the final user data, base64 of the bytes RunInstances sends.
pub const USER_DATA_B64_PROP: &str = "user_data_b64";
/// True when that payload is gzip-compressed.
pub const USER_DATA_GZIP_PROP: &str = "user_data_gzip";
/// How many users the payload carries.
pub const USERS_COUNT_PROP: &str = "users";

/// Whether an instance node's user data declares users.
pub fn takes_users(node: &ResourceNode) -> bool {
    node.kind == ResourceKind::Instance
        && (node.properties.contains_key("users_csv_path")
            || node.properties.contains_key("users_env"))
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
    for b in &baked {
        let props = [
            (USER_DATA_B64_PROP, Prop::from(b.payload.base64())),
            (USER_DATA_GZIP_PROP, Prop::from(b.payload.gzipped)),
            (
                USERS_COUNT_PROP,
                Prop::from(i64::try_from(users.len()).unwrap_or(i64::MAX)),
            ),
        ];
        let graph_props = plan
            .graph
            .nodes
            .iter_mut()
            .filter(|n| n.logical == b.logical)
            .map(|n| &mut n.properties);
        let step_props = plan
            .steps
            .iter_mut()
            .filter(|s| s.logical == b.logical)
            .map(|s| &mut s.properties);
        for properties in graph_props.chain(step_props) {
            properties.remove("user_data");
            for (key, value) in &props {
                properties.insert((*key).to_string(), value.clone());
            }
        }
    }
    Ok(baked)
}

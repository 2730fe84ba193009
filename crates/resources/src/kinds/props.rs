//! Typed reads of a node's properties, with an error that names the node and the key, so a
//! blueprint bug shows as "instance.app has no 'instance_type'" instead of a bad AWS call.

use hangar_core::graph::{Prop, ResourceNode};

use crate::{Refs, ResourceError};

pub(crate) fn str<'a>(node: &'a ResourceNode, key: &str) -> Result<&'a str, ResourceError> {
    opt_str(node, key).ok_or_else(|| missing(node, key))
}

pub(crate) fn opt_str<'a>(node: &'a ResourceNode, key: &str) -> Option<&'a str> {
    node.properties.get(key).and_then(Prop::as_str)
}

pub(crate) fn int(node: &ResourceNode, key: &str) -> Result<i64, ResourceError> {
    node.properties
        .get(key)
        .and_then(Prop::as_int)
        .ok_or_else(|| missing(node, key))
}

pub(crate) fn opt_int(node: &ResourceNode, key: &str) -> Option<i64> {
    node.properties.get(key).and_then(Prop::as_int)
}

pub(crate) fn int32(node: &ResourceNode, key: &str) -> Result<i32, ResourceError> {
    i32::try_from(int(node, key)?).map_err(|_| {
        ResourceError::missing("read", format!("{}: '{key}' is out of range", node.logical))
    })
}

pub(crate) fn flag(node: &ResourceNode, key: &str) -> bool {
    node.properties
        .get(key)
        .and_then(Prop::as_bool)
        .unwrap_or(false)
}

pub(crate) fn strs<'a>(node: &'a ResourceNode, key: &str) -> Vec<&'a str> {
    node.properties
        .get(key)
        .map(|p| p.as_list().iter().filter_map(Prop::as_str).collect())
        .unwrap_or_default()
}

/// The AWS ids of the nodes a list property names (subnets, security groups).
pub(crate) fn ids(
    node: &ResourceNode,
    refs: &Refs,
    key: &str,
) -> Result<Vec<String>, ResourceError> {
    strs(node, key)
        .into_iter()
        .map(|logical| refs.id(logical).map(str::to_string))
        .collect()
}

pub(crate) fn list<'a>(node: &'a ResourceNode, key: &str) -> &'a [Prop] {
    node.properties.get(key).map(Prop::as_list).unwrap_or(&[])
}

/// A field of a map-shaped property (a rule, a volume, a policy).
pub(crate) fn field<'a>(prop: &'a Prop, key: &str) -> Option<&'a Prop> {
    match prop {
        Prop::Map(m) => m.get(key),
        _ => None,
    }
}

fn missing(node: &ResourceNode, key: &str) -> ResourceError {
    ResourceError::missing("read", format!("{} has no '{key}'", node.logical))
}

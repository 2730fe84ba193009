use std::collections::BTreeMap;

use hangar_core::graph::Attr;
use serde::{Deserialize, Serialize};

use crate::ResourceError;

/// What a create returns and the history keeps: the AWS id and whatever else a later call
/// needs (an ARN, an association id, an endpoint, the ids a delete must name).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Created {
    pub aws_id: String,
    #[serde(default)]
    pub attrs: BTreeMap<Attr, String>,
}

impl Created {
    pub fn new(aws_id: impl Into<String>) -> Self {
        Self {
            aws_id: aws_id.into(),
            attrs: BTreeMap::new(),
        }
    }

    pub fn with(mut self, key: Attr, value: impl Into<String>) -> Self {
        self.attrs.insert(key, value.into());
        self
    }

    pub fn attr(&self, key: Attr) -> Option<&str> {
        self.attrs.get(&key).map(String::as_str)
    }
}

/// Something of one kind found by the environment's tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The `hangar:logical` tag, when it carries one.
    pub logical: Option<String>,
    pub created: Created,
    /// AWS's own word for its state (`available`, `pending`, `deleting`, ...).
    pub state: String,
}

/// The resources a node's properties name, by logical name, as created so far.
#[derive(Debug, Clone, Default)]
pub struct Refs {
    done: BTreeMap<String, Created>,
}

impl Refs {
    pub fn insert(&mut self, logical: impl Into<String>, created: Created) {
        self.done.insert(logical.into(), created);
    }

    pub fn get(&self, logical: &str) -> Option<&Created> {
        self.done.get(logical)
    }

    /// The AWS id of a dependency, which must have been created first.
    pub fn id(&self, logical: &str) -> Result<&str, ResourceError> {
        self.done
            .get(logical)
            .map(|c| c.aws_id.as_str())
            .ok_or_else(|| {
                ResourceError::missing("resolve", format!("'{logical}' has not been created"))
            })
    }

    /// The AWS ids of several dependencies (subnets, security groups), in order.
    pub fn ids(&self, logicals: &[String]) -> Result<Vec<String>, ResourceError> {
        logicals
            .iter()
            .map(|l| self.id(l).map(str::to_string))
            .collect()
    }

    pub fn attr(&self, logical: &str, key: Attr) -> Result<&str, ResourceError> {
        self.done
            .get(logical)
            .and_then(|c| c.attr(key))
            .ok_or_else(|| {
                ResourceError::missing(
                    "resolve",
                    format!("'{logical}' has no '{}' yet", key.as_str()),
                )
            })
    }
}

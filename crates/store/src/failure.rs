//! Why a job failed, node by node, as the history keeps it (`jobs.failures`, a JSON array), so
//! the UI can put AWS's reason on the failed node instead of parsing one joined line.

use hangar_core::graph::ResourceKind;
use serde::{Deserialize, Serialize};

/// One failure of a job: a node AWS refused (with AWS's code), or a failure of the job as a
/// whole (no node: the history refused a write, the final check found leftovers, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct JobFailure {
    /// The node's logical name (`instance.dev-server`), or a swept resource's AWS id.
    pub node: Option<String>,
    pub kind: Option<ResourceKind>,
    /// AWS's error code (`InsufficientInstanceCapacity`), when AWS answered.
    pub aws_code: Option<String>,
    pub message: String,
}

impl JobFailure {
    /// A failure of the job as a whole, not of one node.
    pub fn job(message: impl Into<String>) -> Self {
        Self {
            node: None,
            kind: None,
            aws_code: None,
            message: message.into(),
        }
    }

    /// A failure of one node, without an AWS answer.
    pub fn node(node: &str, kind: Option<ResourceKind>, message: impl Into<String>) -> Self {
        Self {
            node: Some(node.to_string()),
            kind,
            aws_code: None,
            message: message.into(),
        }
    }

    pub fn with_aws_code(mut self, code: &str) -> Self {
        self.aws_code = Some(code.to_string());
        self
    }

    /// The failures in one line, as `jobs.error` keeps them: `node: message; ...`.
    pub fn summary(failures: &[Self]) -> String {
        failures
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    }
}

impl std::fmt::Display for JobFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.node {
            Some(node) => write!(f, "{node}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

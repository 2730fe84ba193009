use std::sync::Arc;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum JobKind {
    Provision,
    Teardown,
    Resume,
    Refresh,
}

impl JobKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Provision => "provision",
            Self::Teardown => "teardown",
            Self::Resume => "resume",
            Self::Refresh => "refresh",
        }
    }
}

/// The colours of the live diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum NodeState {
    Pending,
    Creating,
    Ready,
    Failed,
    Deleting,
    Deleted,
}

impl NodeState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Creating => "creating",
            Self::Ready => "ready",
            Self::Failed => "failed",
            Self::Deleting => "deleting",
            Self::Deleted => "deleted",
        }
    }
}

/// What a running job tells whoever watches it (the window through a Tauri channel, the CLI
/// on its terminal). Everything here is also in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", tag = "type")]
pub enum Event {
    JobStarted {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        job_id: i64,
        kind: JobKind,
        total: usize,
    },
    Node {
        logical: String,
        kind: String,
        state: NodeState,
        aws_id: Option<String>,
        error: Option<String>,
    },
    Progress {
        done: usize,
        total: usize,
    },
    Log {
        level: String,
        source: String,
        message: String,
    },
    JobFinished {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        job_id: i64,
        status: String,
        error: Option<String>,
    },
}

/// Where events go. Cheap to clone; called from the job's tasks, so it must not block.
pub type Sink = Arc<dyn Fn(Event) + Send + Sync>;

pub fn null_sink() -> Sink {
    Arc::new(|_| {})
}

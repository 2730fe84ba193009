use std::sync::Arc;

use hangar_store::{JobFailure, JobKind, JobStatus, LogLevel, RetainedRecord};
use serde::Serialize;

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
    /// Left standing by a teardown on purpose (a prod backup bucket).
    Retained,
    /// Stopped by a pause: it exists and keeps its storage, and runs again at a wake.
    Stopped,
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
            Self::Retained => "retained",
            Self::Stopped => "stopped",
        }
    }
}

/// What a running job tells whoever watches it (the window through a Tauri channel, the CLI
/// on its terminal). Everything here is also in the history. Tags and fields are camelCase,
/// as everything else that crosses IPC.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "type"
)]
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
    /// This job generated the environment's password and kept it in the keychain: the one
    /// time to show it (read from the keychain, never carried here).
    PasswordGenerated,
    Progress {
        done: usize,
        total: usize,
    },
    Log {
        level: LogLevel,
        source: String,
        message: String,
    },
    JobFinished {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        job_id: i64,
        status: JobStatus,
        /// The failures in one line.
        error: Option<String>,
        /// The failures node by node, with AWS's codes.
        failures: Vec<JobFailure>,
        /// What the environment's teardowns left on purpose (final snapshots, backup
        /// buckets), with their monthly cost; empty for other jobs.
        retained: Vec<RetainedRecord>,
    },
}

/// Where events go. Cheap to clone; called from the job's tasks, so it must not block.
pub type Sink = Arc<dyn Fn(Event) + Send + Sync>;

pub fn null_sink() -> Sink {
    Arc::new(|_| {})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_cross_in_camel_case_like_the_rest_of_ipc() {
        let started = Event::JobStarted {
            job_id: 3,
            kind: JobKind::Provision,
            total: 2,
        };
        assert_eq!(
            serde_json::to_value(&started).expect("json"),
            serde_json::json!({"type": "jobStarted", "jobId": 3, "kind": "provision", "total": 2})
        );
        let node = Event::Node {
            logical: "vpc.main".into(),
            kind: "vpc".into(),
            state: NodeState::Ready,
            aws_id: Some("vpc-1".into()),
            error: None,
        };
        assert_eq!(
            serde_json::to_value(&node).expect("json")["awsId"],
            serde_json::json!("vpc-1")
        );
        let finished = Event::JobFinished {
            job_id: 3,
            status: JobStatus::Failed,
            error: Some("vpc.main: boom".into()),
            failures: vec![JobFailure::job("boom").with_aws_code("Boom")],
            retained: Vec::new(),
        };
        assert_eq!(
            serde_json::to_value(&finished).expect("json"),
            serde_json::json!({
                "type": "jobFinished",
                "jobId": 3,
                "status": "failed",
                "error": "vpc.main: boom",
                "failures": [{"node": null, "kind": null, "awsCode": "Boom", "message": "boom"}],
                "retained": [],
            })
        );
    }
}

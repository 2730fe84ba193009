//! What the Environments and History screens exchange with the shell: the list, one
//! environment with its resources, outputs, jobs and plan (for the diagram), the request that
//! creates one, log lines, and the jobs a crash left behind. A running job's progress arrives
//! as `hangar_engine::Event`s through a channel.

use std::collections::BTreeMap;

use hangar_core::drift::SettingDrift;
use hangar_core::{Plan, ResourceKind};
use hangar_engine::RetainedRecord;
use hangar_engine::{
    EnvironmentStatus, JobFailure, JobKind, JobStatus, LogLevel, NextJob, OnFailure, ResourceState,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The app's timer warns that an environment expires soon (`environment-expiring`): the window
/// offers to keep it an hour more.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EnvironmentExpiring {
    pub name: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
    /// As a person reads it: `30m left`.
    pub time_left: String,
}

/// One row of the Environments list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EnvironmentSummary {
    pub name: String,
    pub blueprint: String,
    pub region: String,
    pub profile: String,
    pub status: EnvironmentStatus,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub updated_at: String,
    /// The plan's monthly estimate over 730 hours; null when the plan no longer builds.
    pub cost_per_hour: Option<f64>,
    /// When it is torn down by itself (RFC 3339, UTC); null for never.
    pub expires_at: Option<String>,
    /// When it runs (`mon-fri 08:00-19:00 Europe/Paris`): outside them it is paused. Null for
    /// always.
    pub office_hours: Option<String>,
    /// Dollars spent so far by the hours its resources existed (hourly items only); null when
    /// the plan no longer builds.
    pub cost_so_far: Option<f64>,
}

/// One resource of the write-ahead journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResourceView {
    pub logical: String,
    pub kind: ResourceKind,
    pub aws_id: Option<String>,
    pub state: ResourceState,
    /// What the last refresh found changed in its settings: the diagram badges the node.
    pub drift: Vec<SettingDrift>,
}

/// One job (provision, resume, teardown) as the history holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct JobView {
    #[ts(type = "number")]
    pub id: i64,
    pub environment: String,
    pub kind: JobKind,
    pub status: JobStatus,
    /// The failures in one line.
    pub error: Option<String>,
    /// The failures node by node, with AWS's codes: what the failed node's panel shows.
    pub failures: Vec<JobFailure>,
    pub started_at: String,
    pub finished_at: Option<String>,
}

/// Everything the Environment page shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EnvironmentDetail {
    pub summary: EnvironmentSummary,
    pub on_failure: OnFailure,
    /// The jobs the user may start now, one button each (decided by the engine's
    /// `next_jobs`; the window does not work them out from the status).
    pub next_jobs: Vec<NextJob>,
    pub parameters: BTreeMap<String, String>,
    pub resources: Vec<ResourceView>,
    /// The blueprint's outputs by name (`app_public_ip`, `db_endpoint`, ...), once provisioned.
    pub outputs: BTreeMap<String, String>,
    /// The newest first.
    pub jobs: Vec<JobView>,
    /// What its teardowns kept or left on purpose (final snapshots, backup buckets), with
    /// their monthly estimates.
    pub retained: Vec<RetainedRecord>,
    /// The plan it was created from: the diagram, the graph and the cost; null when the
    /// recorded blueprint no longer builds.
    pub plan: Option<Box<Plan>>,
}

/// What `create_environment` takes. Nothing is sent to AWS yet.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CreateEnvironmentInput {
    pub name: String,
    pub blueprint: String,
    /// A user's unsaved blueprint text; without it the built-in or saved copy is used.
    pub source: Option<String>,
    pub overrides: BTreeMap<String, String>,
    pub profile: String,
    pub on_failure: OnFailure,
    /// How long until it is torn down by itself (`8h`, `90m`, `2d`); absent or empty for never.
    #[serde(default)]
    pub lifetime: Option<String>,
}

/// The last lines of a job's log (or the page before an earlier tail), oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LogTail {
    pub lines: Vec<LogLine>,
    /// Earlier lines remain: ask again before the first of these.
    pub earlier: bool,
}

/// One line of a job's log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LogLine {
    #[ts(type = "number")]
    pub id: i64,
    pub at: String,
    pub level: LogLevel,
    pub source: String,
    pub message: String,
}

//! Jobs. Provisioning walks the blueprint's resource graph with bounded concurrency, slow kinds
//! first, recording intent before each create and the AWS id after it. Teardown walks it in
//! reverse, sweeps by tag for anything the history missed, and calls the environment gone only
//! when a final look by tag finds nothing. A job killed half-way is found on the next start
//! (its environment lock is free again) and can be resumed or torn down.
//!
//! Nothing here knows about Tauri or a terminal: callers pass a [`Sink`] for progress events.

mod consent;
mod drift;
mod engine;
mod env_password;
mod error;
mod events;
mod failures;
mod identity;
mod lock;
mod mfa_broker;
mod names;
mod next_jobs;
mod outputs;
mod plan_for;
mod power;
mod preflight;
mod provision;
mod recorder;
mod recovery;
mod refresh;
pub mod service;
pub mod team;
mod teardown;
mod users;

pub use consent::Consent;
pub use engine::{Engine, NewEnvironmentRequest};
pub use error::EngineError;
pub use events::{Event, NodeState, Sink, null_sink};
// The lifecycle values live with the history that stores them; re-exported for the shells.
pub use hangar_store::{
    EnvironmentStatus, JobFailure, JobKind, JobStatus, LogLevel, OnFailure, ResourceState,
    RetainedRecord,
};
pub use lock::EnvLock;
pub use mfa_broker::{
    MFA_TIMEOUT, MfaBroker, MfaClosed, MfaNotice, MfaNotify, MfaRequest, UnknownMfaRequest,
};
pub use next_jobs::{NextAction, NextJob, next_jobs_of};
pub use plan_for::plan_for;
pub use service::{Service, ServiceError};
pub use users::{UsersImport, UsersImported, plan_with_users};

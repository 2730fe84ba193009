//! One source of truth for what crosses IPC: the shell returns these types, and
//! `ui/src/lib/bindings.ts` is generated from them (see `bindings.rs`; a test fails when the
//! committed file is stale).

mod bindings;
mod blueprints;
mod commands;
mod environments;
mod error;
mod info;
mod profiles;
mod team;
mod users;

pub use bindings::typescript_bindings;
pub use blueprints::{
    BlueprintDetail, BlueprintListItem, BlueprintOrigin, PlanOutcome, SaveOutcome,
};
pub use commands::{CommandArg, CommandSignature, commands_ts_config, typescript_commands};
pub use environments::{
    CreateEnvironmentInput, EnvironmentDetail, EnvironmentExpiring, EnvironmentSummary, JobView,
    LogLine, LogTail, ResourceView,
};
pub use error::{ApiError, ErrorCode};
pub use hangar_core::profile::ProfileKind;
pub use hangar_engine::{
    EnvironmentStatus, Event, JobFailure, JobKind, JobStatus, LogLevel, NextAction, NextJob,
    NodeState, OnFailure, ResourceState,
};
pub use info::{AppInfo, FirstPaint, ProfileSummary, SandboxInfo};
pub use profiles::{
    AccessKeysInput, AssumeRoleInput, AwsConfigInput, AwsConfigProfileView, CallerIdentityView,
    ChainLinkView, ImportResultView, ProfileCredentialsInput, ProfileDetail, SaveProfileInput,
    SaveProfileResult,
};
pub use team::{AccountEnvironmentView, AccountEnvironments};
/// For the signatures `#[hangar_ipc_macros::command]` emits, which name types through `TS`.
pub use ts_rs;
pub use users::{
    EnvironmentUsers, UsersCheckOutcome, UsersFileInfo, UsersImportResult, UsersImportView,
    UsersTarget,
};

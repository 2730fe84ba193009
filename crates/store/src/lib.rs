//! Hangar's local history: one SQLite file in the platform's data directory.
//!
//! Every environment, job, log line and resource Hangar touches is recorded here, as it happens,
//! so a crash loses nothing and a past job can always be read back. Secrets never are: a profile
//! row holds only the fields that are safe to show.

mod blueprints;
mod costs;
mod data_dir;
mod environments;
mod error;
mod failure;
mod jobs;
mod lifecycle;
mod migrations;
mod profile_links;
mod profiles;
mod resources;
mod retained;
mod spans;
mod store;
mod team_state;
mod users;

pub use blueprints::BlueprintRecord;
pub use data_dir::{DATA_DIR_ENV, resolve_data_dir};
pub use environments::{EnvironmentRecord, NewEnvironment, new_environment_uid};
pub use error::StoreError;
pub use failure::JobFailure;
pub use hangar_core::profile::ProfileKind;
pub use jobs::{JobRecord, LogRecord};
pub use lifecycle::{
    EnvironmentStatus, JobKind, JobStatus, LogLevel, OnFailure, ResourceState, UnknownValue,
};
pub use migrations::{LATEST_VERSION, migrate_to};
pub use profiles::ProfileRecord;
pub use resources::ResourceRecord;
pub use retained::RetainedRecord;
pub use store::{DB_FILE_NAME, Store};
pub use team_state::TeamState;
pub use users::{ImportRecord, NewImport};

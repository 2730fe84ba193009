//! Hangar's model, on the ground floor of the house: it imports nothing of ours and does no IO,
//! so everything above it (cloud, store, engine, the shell, the CLI) shares one set of rules.
//!
//! # Public API
//!
//! - [`blueprint::builtin_blueprints`]`() -> Vec<BlueprintSummary>`: the five built-ins.
//! - [`blueprint::load_builtin`]`(name) -> Result<Blueprint, LoadError>`.
//! - [`blueprint::parse_blueprint`]`(toml) -> Result<Blueprint, ValidationErrors>`: a user's file.
//! - [`plan::plan`]`(&Blueprint, &Overrides) -> Result<Plan, ValidationErrors>`: overrides
//!   (`--set k=v`, see [`Overrides::parse_pairs`]) are type-checked, the blueprint validated,
//!   and the result holds the resource graph, the ordered steps, the monthly cost estimate and
//!   the diagram.
//! - [`diagram::Diagram::to_mermaid`] exports the diagram as Mermaid `flowchart` text.
//! - [`userdata::render_user_data`] takes [`userdata::Extras`] (files and env entries) so the
//!   users CSV feature can add `/opt/app/users.csv` and `APP_USERS_B64`.
//!
//! Every error is a [`ValidationError`] `{ path, message }`, the path pointing into the
//! blueprint TOML (`network.tiers[1].subnets[2].cidr`) or at an override (`set.az_count`).

pub mod blueprint;
pub mod catalogue;
pub mod cost;
pub mod critical_path;
pub mod diagram;
pub mod drift;
pub mod durations;
pub mod error;
pub mod expiry_alarms;
pub mod graph;
pub mod lifetime;
pub mod office_hours;
pub mod plan;
pub mod profile;
pub mod profile_rules;
pub mod quota;
pub mod team;
pub mod userdata;
pub mod users;
pub mod validate;
pub mod warnings;

pub use blueprint::{
    Blueprint, BlueprintSummary, Overrides, ParamDecl, PlanFor, builtin_blueprints, builtin_source,
    load_builtin, parse_blueprint,
};
pub use error::{ValidationError, ValidationErrors};
pub use graph::{ResourceGraph, ResourceKind, ResourceNode};
pub use plan::{Plan, PlanStep, plan, plan_in, plan_in_region};
pub use warnings::{PlanWarning, PlanWarningKind};

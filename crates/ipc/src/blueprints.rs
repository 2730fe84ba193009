//! What the Blueprints screen exchanges with the shell: the picker's list, one blueprint's
//! source and parameters, and the outcome of planning or saving one. Invalid input is a normal
//! outcome (`status: "invalid"` with every error and its path), not an `ApiError`.

use hangar_core::{ParamDecl, Plan, ValidationError};
use serde::Serialize;
use ts_rs::TS;

/// Where a blueprint comes from: shipped with Hangar, or a user's own copy in the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BlueprintOrigin {
    Builtin,
    User,
}

/// One row of the blueprint picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BlueprintListItem {
    pub name: String,
    pub title: String,
    pub description: String,
    pub origin: BlueprintOrigin,
    /// The built-in a user copy was made from.
    pub based_on: Option<String>,
    /// When a user copy was last saved (RFC 3339, UTC).
    pub updated_at: Option<String>,
    /// False when a user copy no longer parses; the editor shows why.
    pub valid: bool,
}

/// A blueprint's TOML text and its parameter declarations, as the form needs them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BlueprintDetail {
    pub name: String,
    pub title: String,
    pub description: String,
    pub origin: BlueprintOrigin,
    pub based_on: Option<String>,
    pub source: String,
    pub params: Vec<ParamDecl>,
    /// Why the source does not parse (a user copy only); empty when it does.
    pub errors: Vec<ValidationError>,
}

/// The result of `plan_blueprint`: a plan (with the diagram as Mermaid text) or every error.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum PlanOutcome {
    Valid {
        plan: Box<Plan>,
        /// The diagram as a Mermaid `flowchart`, for pasting into docs.
        mermaid: String,
    },
    Invalid {
        errors: Vec<ValidationError>,
    },
}

/// The result of `save_user_blueprint`: the saved copy, or why it was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SaveOutcome {
    Saved { blueprint: BlueprintListItem },
    Invalid { errors: Vec<ValidationError> },
}

//! Blueprints: TOML files with typed parameters that describe an environment.
//! The format is documented in `docs/blueprints.md`.

mod builtin;
pub mod builtins;
mod decl;
pub mod params;
pub mod schema;
mod subst;

use std::collections::BTreeMap;

use serde::Serialize;

pub use builtins::PlanFor;
pub use params::{Overrides, ParamDecl, ParamType, ParamValue};
pub use schema::Spec;

use crate::error::ValidationErrors;
use crate::users::UsersPolicy;

/// What the blueprint picker shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BlueprintSummary {
    pub name: String,
    pub title: String,
    pub description: String,
    /// The architecture document the blueprint was built from, when it has one.
    pub seed: Option<String>,
    pub params: Vec<ParamDecl>,
}

/// A parsed blueprint: its declarations plus the body, kept unresolved until `plan` applies
/// the overrides.
#[derive(Debug, Clone)]
pub struct Blueprint {
    pub name: String,
    pub title: String,
    pub description: String,
    pub seed: Option<String>,
    pub params: Vec<ParamDecl>,
    /// The `[users]` section: the roles and columns a users CSV must have; today's defaults
    /// when absent. Not parameterised: the app's roles do not change per environment.
    pub users: UsersPolicy,
    body: toml::Table,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    name: String,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    seed: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("no built-in blueprint named '{0}'")]
    UnknownBlueprint(String),
    #[error("built-in blueprint is invalid:\n{0}")]
    Invalid(ValidationErrors),
}

/// serde_path_to_error prints the root as "."; our paths are relative to a section.
pub(crate) fn seq_path(p: &str) -> String {
    match p {
        "." => String::new(),
        s if s.starts_with('[') => s.to_string(),
        s => format!(".{s}"),
    }
}

/// The toml deserializer appends its own "in `a.b`" context; our path already says where.
pub(crate) fn clean(msg: &str) -> String {
    msg.split("\nin `").next().unwrap_or(msg).trim().to_string()
}

impl Blueprint {
    pub fn summary(&self) -> BlueprintSummary {
        BlueprintSummary {
            name: self.name.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            seed: self.seed.clone(),
            params: self.params.clone(),
        }
    }

    /// Applies overrides and returns the resolved parameter values and typed body, as a
    /// preview: before the environment exists (see [`Blueprint::resolve_for`]).
    pub fn resolve(
        &self,
        overrides: &Overrides,
    ) -> Result<(BTreeMap<String, ParamValue>, Spec), ValidationErrors> {
        self.resolve_for(overrides, PlanFor::Preview)
    }

    /// Applies overrides and the built-in values of `env` (`${env_short_id}`), and returns
    /// the resolved parameter values and typed body.
    pub fn resolve_for(
        &self,
        overrides: &Overrides,
        env: PlanFor<'_>,
    ) -> Result<(BTreeMap<String, ParamValue>, Spec), ValidationErrors> {
        let mut values = params::resolve(&self.params, overrides)?;
        let short_id = env.short_id();
        builtins::fill_values(&mut values, &short_id);
        let mut known = values.clone();
        known.insert(
            builtins::ENV_SHORT_ID.to_string(),
            ParamValue::Str(short_id),
        );
        let mut errors = ValidationErrors::default();
        let body = subst::substitute(
            &toml::Value::Table(self.body.clone()),
            &known,
            "",
            &mut errors,
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        match serde_path_to_error::deserialize::<_, Spec>(body) {
            Ok(spec) => Ok((values, spec)),
            Err(e) => {
                let path = e.path().to_string();
                let path = if path == "." { String::new() } else { path };
                Err(ValidationErrors::single(
                    path,
                    clean(&e.inner().to_string()),
                ))
            }
        }
    }
}

/// Parses a blueprint and checks its declarations and body shape with default parameters.
/// Semantic checks (CIDRs, references, limits) happen in `plan`, where overrides are known.
pub fn parse_blueprint(text: &str) -> Result<Blueprint, ValidationErrors> {
    let mut table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let at = e
            .span()
            .map(|s| {
                let before = text.get(..s.start).unwrap_or(text);
                let line = before.matches('\n').count() + 1;
                let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
                format!("line {line}, column {col}: ")
            })
            .unwrap_or_default();
        ValidationErrors::single("", format!("{at}{}", e.message().trim()))
    })?;
    let meta_value = table
        .remove("blueprint")
        .ok_or_else(|| ValidationErrors::single("blueprint", "missing [blueprint] section"))?;
    let meta: Meta = serde_path_to_error::deserialize(meta_value).map_err(|e| {
        ValidationErrors::single(
            format!("blueprint{}", seq_path(&e.path().to_string())),
            clean(&e.inner().to_string()),
        )
    })?;
    let params = decl::parse_decls(table.remove("params").as_ref())?;
    let users = parse_users(table.remove("users"))?;
    let mut errors = ValidationErrors::default();
    let mut refs = Vec::new();
    subst::references(&toml::Value::Table(table.clone()), &mut refs);
    for decl in &params {
        if !refs.contains(&decl.name) && decl.name != params::ENVIRONMENT {
            errors.push(
                format!("params.{}", decl.name),
                "declared but never used in the blueprint",
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let bp = Blueprint {
        name: meta.name,
        title: meta.title,
        description: meta.description,
        seed: meta.seed,
        params,
        users,
        body: table,
    };
    bp.resolve(&Overrides::new())?;
    Ok(bp)
}

/// The optional `[users]` section, its errors at `users.roles[2]` and the like.
fn parse_users(section: Option<toml::Value>) -> Result<UsersPolicy, ValidationErrors> {
    let Some(section) = section else {
        return Ok(UsersPolicy::default());
    };
    let users: UsersPolicy = serde_path_to_error::deserialize(section).map_err(|e| {
        ValidationErrors::single(
            format!("users{}", seq_path(&e.path().to_string())),
            clean(&e.inner().to_string()),
        )
    })?;
    users.validate("users")?;
    Ok(users)
}

/// Every built-in blueprint, in a fixed order. A built-in that fails to parse is a bug caught
/// by the tests, so it is skipped here rather than failing the whole list.
pub fn builtin_blueprints() -> Vec<BlueprintSummary> {
    builtin::BUILTINS
        .iter()
        .filter_map(|(_, text)| parse_blueprint(text).ok())
        .map(|bp| bp.summary())
        .collect()
}

pub fn load_builtin(name: &str) -> Result<Blueprint, LoadError> {
    let (_, text) = builtin::BUILTINS
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or_else(|| LoadError::UnknownBlueprint(name.to_string()))?;
    parse_blueprint(text).map_err(LoadError::Invalid)
}

/// A built-in's TOML text, as shipped under `blueprints/`: what an environment records, and
/// what a user's copy starts from.
pub fn builtin_source(name: &str) -> Option<&'static str> {
    builtin::BUILTINS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

/// The names of the built-ins, without parsing them.
pub fn builtin_names() -> Vec<&'static str> {
    builtin::BUILTINS.iter().map(|(n, _)| *n).collect()
}

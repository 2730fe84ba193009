//! Reading `[[params]]` declarations and checking them against each other.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::params::{ENVIRONMENT, ParamDecl, ParamType, parse_typed, parse_value};
use crate::error::ValidationErrors;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParam {
    name: String,
    #[serde(rename = "type")]
    kind: ParamType,
    #[serde(default)]
    description: String,
    default: toml::Value,
    #[serde(default)]
    allowed: Vec<toml::Value>,
    #[serde(default)]
    min: Option<i64>,
    #[serde(default)]
    max: Option<i64>,
    #[serde(default)]
    env_defaults: BTreeMap<String, toml::Value>,
}

/// TOML value -> command-line form, so one parser checks both defaults and overrides.
fn to_text(v: &toml::Value, path: &str, errors: &mut ValidationErrors) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Array(items) => {
            let mut parts = Vec::new();
            for (i, item) in items.iter().enumerate() {
                match item {
                    toml::Value::String(s) if !s.contains(',') => parts.push(s.clone()),
                    _ => errors.push(
                        format!("{path}[{i}]"),
                        "list items must be strings without commas",
                    ),
                }
            }
            parts.join(",")
        }
        other => {
            errors.push(path, format!("unsupported value type {}", other.type_str()));
            String::new()
        }
    }
}

fn valid_param_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

pub fn parse_decls(value: Option<&toml::Value>) -> Result<Vec<ParamDecl>, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    let raws: Vec<RawParam> = match serde_path_to_error::deserialize(value.clone()) {
        Ok(r) => r,
        Err(e) => {
            return Err(ValidationErrors::single(
                format!("params{}", super::seq_path(&e.path().to_string())),
                super::clean(&e.inner().to_string()),
            ));
        }
    };
    let mut decls: Vec<ParamDecl> = Vec::new();
    for (i, raw) in raws.iter().enumerate() {
        let p = format!("params[{i}]");
        if !valid_param_name(&raw.name) {
            errors.push(
                format!("{p}.name"),
                format!(
                    "'{}' is not a valid parameter name (lowercase letters, digits, _)",
                    raw.name
                ),
            );
        }
        if super::builtins::RESERVED.contains(&raw.name.as_str()) {
            errors.push(
                format!("{p}.name"),
                format!(
                    "'{}' is built in (the environment's short id); give the parameter another name",
                    raw.name
                ),
            );
        }
        if decls.iter().any(|d| d.name == raw.name) {
            errors.push(
                format!("{p}.name"),
                format!("duplicate parameter '{}'", raw.name),
            );
        }
        let mut allowed = Vec::new();
        for (j, a) in raw.allowed.iter().enumerate() {
            let text = to_text(a, &format!("{p}.allowed[{j}]"), &mut errors);
            if let Err(msg) = parse_typed(raw.kind, &text) {
                errors.push(format!("{p}.allowed[{j}]"), msg);
            }
            allowed.push(text);
        }
        let decl = ParamDecl {
            name: raw.name.clone(),
            kind: raw.kind,
            description: raw.description.clone(),
            default: to_text(&raw.default, &format!("{p}.default"), &mut errors),
            allowed,
            min: raw.min,
            max: raw.max,
            env_defaults: raw
                .env_defaults
                .iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        to_text(v, &format!("{p}.env_defaults.{k}"), &mut errors),
                    )
                })
                .collect(),
        };
        if let Err(msg) = parse_value(&decl, &decl.default) {
            errors.push(format!("{p}.default"), msg);
        }
        for (env, text) in &decl.env_defaults {
            if let Err(msg) = parse_value(&decl, text) {
                errors.push(format!("{p}.env_defaults.{env}"), msg);
            }
        }
        decls.push(decl);
    }
    // env_defaults are keyed by environment values, so they need that parameter to exist.
    let env_values = decls
        .iter()
        .find(|d| d.name == ENVIRONMENT)
        .map(|d| d.allowed.clone());
    for (i, decl) in decls.iter().enumerate() {
        for env in decl.env_defaults.keys() {
            match &env_values {
                None => errors.push(
                    format!("params[{i}].env_defaults.{env}"),
                    "env_defaults need an 'environment' parameter",
                ),
                Some(allowed) if !allowed.is_empty() && !allowed.contains(env) => errors.push(
                    format!("params[{i}].env_defaults.{env}"),
                    format!(
                        "'{env}' is not a value of 'environment' ({})",
                        allowed.join(", ")
                    ),
                ),
                Some(_) => {}
            }
        }
    }
    errors.into_result(decls)
}

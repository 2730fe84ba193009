//! Typed blueprint parameters and the `--set k=v` overrides checked against them.

use std::collections::BTreeMap;

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

use crate::error::ValidationErrors;

/// The parameter whose value picks the `env_defaults` entry of every other parameter.
pub const ENVIRONMENT: &str = "environment";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ParamType {
    String,
    Int,
    Bool,
    Cidr,
    /// Comma-separated on the command line, a TOML array in the blueprint.
    StringList,
}

impl ParamType {
    fn describe(self) -> &'static str {
        match self {
            ParamType::String => "a string",
            ParamType::Int => "an integer",
            ParamType::Bool => "true or false",
            ParamType::Cidr => "an IPv4 CIDR like 203.0.113.0/24",
            ParamType::StringList => "a comma-separated list",
        }
    }
}

/// A parameter as the UI shows it. Values are kept in their command-line form (the form
/// `--set` takes) so the UI can offer them back unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ParamDecl {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: ParamType,
    pub description: String,
    pub default: String,
    /// Empty means any value of the type.
    pub allowed: Vec<String>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub min: Option<i64>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub max: Option<i64>,
    /// Default per value of the `environment` parameter (e.g. `prod = "per_az"`).
    pub env_defaults: BTreeMap<String, String>,
}

/// A resolved parameter value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamValue {
    Str(String),
    Int(i64),
    Bool(bool),
    List(Vec<String>),
}

impl ParamValue {
    pub fn to_toml(&self) -> toml::Value {
        match self {
            ParamValue::Str(s) => toml::Value::String(s.clone()),
            ParamValue::Int(i) => toml::Value::Integer(*i),
            ParamValue::Bool(b) => toml::Value::Boolean(*b),
            ParamValue::List(v) => {
                toml::Value::Array(v.iter().cloned().map(toml::Value::String).collect())
            }
        }
    }

    /// The command-line form, also what `${name}` becomes inside a longer string.
    pub fn to_text(&self) -> String {
        match self {
            ParamValue::Str(s) => s.clone(),
            ParamValue::Int(i) => i.to_string(),
            ParamValue::Bool(b) => b.to_string(),
            ParamValue::List(v) => v.join(","),
        }
    }
}

/// `--set k=v` pairs, as strings; they are type-checked against the declarations by `plan`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Overrides(pub BTreeMap<String, String>);

impl Overrides {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn set(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.0.insert(key.into(), value.into());
        self
    }

    /// Parses `k=v` strings as the CLI receives them.
    pub fn parse_pairs<S: AsRef<str>>(pairs: &[S]) -> Result<Self, ValidationErrors> {
        let mut out = Self::new();
        let mut errors = ValidationErrors::default();
        for (i, pair) in pairs.iter().enumerate() {
            match pair.as_ref().split_once('=') {
                Some((k, v)) if !k.trim().is_empty() => {
                    out.0.insert(k.trim().to_string(), v.to_string());
                }
                _ => errors.push(
                    format!("set[{i}]"),
                    format!("expected key=value, got '{}'", pair.as_ref()),
                ),
            }
        }
        errors.into_result(out)
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Overrides {
    fn from_iter<T: IntoIterator<Item = (K, V)>>(iter: T) -> Self {
        Self(
            iter.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }
}

/// Parses a value in command-line form against a declaration, with a message fit for the user.
pub fn parse_value(decl: &ParamDecl, text: &str) -> Result<ParamValue, String> {
    let value = parse_typed(decl.kind, text)?;
    if !decl.allowed.is_empty() {
        let canon = value.to_text();
        let ok = match &value {
            ParamValue::List(items) => items.iter().all(|i| decl.allowed.contains(i)),
            _ => decl.allowed.contains(&canon),
        };
        if !ok {
            return Err(format!(
                "'{text}' is not allowed; allowed: {}",
                decl.allowed.join(", ")
            ));
        }
    }
    if let ParamValue::Int(i) = value {
        if let Some(min) = decl.min.filter(|m| i < *m) {
            return Err(format!("{i} is below the minimum {min}"));
        }
        if let Some(max) = decl.max.filter(|m| i > *m) {
            return Err(format!("{i} is above the maximum {max}"));
        }
    }
    Ok(value)
}

pub(crate) fn parse_typed(kind: ParamType, text: &str) -> Result<ParamValue, String> {
    let t = text.trim();
    match kind {
        ParamType::String => Ok(ParamValue::Str(t.to_string())),
        ParamType::Int => t
            .parse::<i64>()
            .map(ParamValue::Int)
            .map_err(|_| format!("'{text}' is not {}", kind.describe())),
        ParamType::Bool => match t {
            "true" => Ok(ParamValue::Bool(true)),
            "false" => Ok(ParamValue::Bool(false)),
            _ => Err(format!("'{text}' is not {}", kind.describe())),
        },
        ParamType::Cidr => crate::validate::cidr::parse_cidr(t)
            .map(|net: Ipv4Net| ParamValue::Str(net.to_string())),
        ParamType::StringList => Ok(ParamValue::List(
            t.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
        )),
    }
}

/// Resolves every declared parameter: override, else the environment's default, else the
/// default. All bad overrides are reported together.
pub fn resolve(
    decls: &[ParamDecl],
    overrides: &Overrides,
) -> Result<BTreeMap<String, ParamValue>, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    for key in overrides.0.keys() {
        if !decls.iter().any(|d| &d.name == key) {
            let known: Vec<&str> = decls.iter().map(|d| d.name.as_str()).collect();
            errors.push(
                format!("set.{key}"),
                format!(
                    "unknown parameter; this blueprint declares: {}",
                    known.join(", ")
                ),
            );
        }
    }
    let env = decls.iter().find(|d| d.name == ENVIRONMENT).map(|d| {
        overrides
            .0
            .get(ENVIRONMENT)
            .cloned()
            .unwrap_or_else(|| d.default.clone())
    });
    let mut values = BTreeMap::new();
    for decl in decls {
        let (text, from_override) = match overrides.0.get(&decl.name) {
            Some(v) => (v.clone(), true),
            None => {
                let by_env = env.as_ref().and_then(|e| decl.env_defaults.get(e.trim()));
                (by_env.unwrap_or(&decl.default).clone(), false)
            }
        };
        match parse_value(decl, &text) {
            Ok(v) => {
                values.insert(decl.name.clone(), v);
            }
            Err(msg) if from_override => errors.push(format!("set.{}", decl.name), msg),
            Err(msg) => errors.push(format!("params.{}", decl.name), msg),
        }
    }
    errors.into_result(values)
}

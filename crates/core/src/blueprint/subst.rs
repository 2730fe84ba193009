//! `${name}` substitution of resolved parameters into the blueprint body.
//!
//! A string that is exactly `${name}` becomes the parameter's typed value (so `count =
//! "${app_count}"` is an integer once resolved); `${name}` inside a longer string is
//! interpolated as text; `$${` writes a literal `${` (docker-compose uses that syntax too).

use std::collections::BTreeMap;

use super::params::ParamValue;
use crate::error::ValidationErrors;

pub fn substitute(
    value: &toml::Value,
    params: &BTreeMap<String, ParamValue>,
    path: &str,
    errors: &mut ValidationErrors,
) -> toml::Value {
    match value {
        toml::Value::String(s) => substitute_str(s, params, path, errors),
        toml::Value::Array(items) => toml::Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| substitute(v, params, &format!("{path}[{i}]"), errors))
                .collect(),
        ),
        toml::Value::Table(table) => toml::Value::Table(
            table
                .iter()
                .map(|(k, v)| (k.clone(), substitute(v, params, &join(path, k), errors)))
                .collect(),
        ),
        other => other.clone(),
    }
}

pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn substitute_str(
    s: &str,
    params: &BTreeMap<String, ParamValue>,
    path: &str,
    errors: &mut ValidationErrors,
) -> toml::Value {
    if let Some(name) = s.strip_prefix("${").and_then(|r| r.strip_suffix('}'))
        && !name.contains(['{', '}', '$'])
    {
        return match params.get(name) {
            Some(v) => v.to_toml(),
            None => {
                errors.push(path, format!("unknown parameter '${{{name}}}'"));
                toml::Value::String(s.to_string())
            }
        };
    }
    toml::Value::String(interpolate(s, params, path, errors))
}

fn interpolate(
    s: &str,
    params: &BTreeMap<String, ParamValue>,
    path: &str,
    errors: &mut ValidationErrors,
) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('$') {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        if let Some(after) = tail.strip_prefix("$${") {
            out.push_str("${");
            rest = after;
        } else if let Some(after) = tail.strip_prefix("${") {
            match after.find('}') {
                Some(end) => {
                    let name = &after[..end];
                    match params.get(name) {
                        Some(v) => out.push_str(&v.to_text()),
                        None => {
                            errors.push(path, format!("unknown parameter '${{{name}}}'"));
                        }
                    }
                    rest = &after[end + 1..];
                }
                None => {
                    errors.push(path, "unterminated '${' (write '$${' for a literal)");
                    out.push_str(tail);
                    rest = "";
                }
            }
        } else {
            out.push('$');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Every `${name}` referenced in the body, for the "unused"/"undeclared" checks at parse time.
pub fn references(value: &toml::Value, out: &mut Vec<String>) {
    match value {
        toml::Value::String(s) => {
            let mut rest = s.as_str();
            while let Some(pos) = rest.find("${") {
                let escaped = pos > 0 && rest.as_bytes()[pos - 1] == b'$';
                let after = &rest[pos + 2..];
                match after.find('}') {
                    Some(end) => {
                        if !escaped {
                            out.push(after[..end].to_string());
                        }
                        rest = &after[end + 1..];
                    }
                    None => break,
                }
            }
        }
        toml::Value::Array(items) => items.iter().for_each(|v| references(v, out)),
        toml::Value::Table(t) => t.values().for_each(|v| references(v, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params() -> BTreeMap<String, ParamValue> {
        BTreeMap::from([
            ("n".to_string(), ParamValue::Int(3)),
            ("env".to_string(), ParamValue::Str("dev".into())),
        ])
    }

    #[test]
    fn whole_string_keeps_type_and_inner_interpolates() {
        let mut errors = ValidationErrors::default();
        let v = substitute(
            &toml::Value::String("${n}".into()),
            &params(),
            "x",
            &mut errors,
        );
        assert_eq!(v, toml::Value::Integer(3));
        let v = substitute(
            &toml::Value::String("app-${env}-$${HOME}".into()),
            &params(),
            "x",
            &mut errors,
        );
        assert_eq!(v, toml::Value::String("app-dev-${HOME}".into()));
        assert!(errors.is_empty());
    }

    #[test]
    fn unknown_reference_is_an_error_with_path() {
        let mut errors = ValidationErrors::default();
        substitute(
            &toml::Value::String("a-${nope}".into()),
            &params(),
            "instances[0].name",
            &mut errors,
        );
        assert!(errors.contains("instances[0].name", "unknown parameter '${nope}'"));
    }
}

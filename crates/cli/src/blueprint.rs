//! `hangar blueprint list|show`: the built-ins and the user's own copies, and one blueprint's
//! parameters and TOML.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use hangar_core::blueprint::{BlueprintSummary, ParamDecl};
use hangar_core::{builtin_blueprints, parse_blueprint};
use serde::Serialize;

use crate::blueprint_source::{self as source, Origin, print_json};
use crate::output::print_rows;

#[derive(Debug, Subcommand)]
pub enum BlueprintCommand {
    /// The built-in blueprints, then your own copies from the history.
    List,
    /// A blueprint's description, parameters (type, default, allowed values, per-environment
    /// defaults) and TOML. NAME is a built-in, one of your copies, or a path to a .toml file.
    Show { name: String },
}

pub fn run(command: BlueprintCommand, data_dir: Option<PathBuf>, json: bool) -> ExitCode {
    match command {
        BlueprintCommand::List => list(data_dir, json),
        BlueprintCommand::Show { name } => show(&name, data_dir, json),
    }
}

/// One row of `blueprint list`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Row {
    name: String,
    title: String,
    description: String,
    /// `builtin` or `user`.
    source: &'static str,
    /// For a user's copy: the blueprint it was copied from.
    #[serde(skip_serializing_if = "Option::is_none")]
    based_on: Option<String>,
    /// For a user's copy that no longer parses: its first error.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn list(data_dir: Option<PathBuf>, json: bool) -> ExitCode {
    let mut rows: Vec<Row> = builtin_blueprints()
        .into_iter()
        .map(|b| Row {
            name: b.name,
            title: b.title,
            description: one_line(&b.description),
            source: Origin::Builtin.as_str(),
            based_on: None,
            error: None,
        })
        .collect();
    // The history adds the user's copies; without one (or when it cannot be read) the built-ins
    // are still worth listing.
    let records = match source::open_existing(data_dir) {
        Ok(Some(store)) => store.list_blueprints().map_err(|e| e.to_string()),
        Ok(None) => Ok(Vec::new()),
        Err(err) => Err(err),
    };
    match records {
        Ok(records) => rows.extend(records.into_iter().map(|r| {
            let parsed = parse_blueprint(&r.source);
            let (title, description, error) = match parsed {
                Ok(bp) => (bp.title, one_line(&bp.description), None),
                Err(errors) => (
                    String::new(),
                    String::new(),
                    errors.iter().next().map(ToString::to_string),
                ),
            };
            Row {
                name: r.name,
                title,
                description,
                source: "user",
                based_on: r.based_on,
                error,
            }
        })),
        Err(err) => eprintln!("hangar: your own blueprints are not listed: {err}"),
    }
    print_rows(
        &rows,
        json,
        &["NAME", "SOURCE", "TITLE", "DESCRIPTION"],
        |r| {
            let origin = match (&r.based_on, r.source) {
                (Some(base), "user") => format!("user copy of {base}"),
                (None, "user") => "user copy".to_owned(),
                _ => "built-in".to_owned(),
            };
            let description = match &r.error {
                Some(error) => format!("invalid: {error}"),
                None => r.description.clone(),
            };
            vec![r.name.clone(), origin, r.title.clone(), description]
        },
    );
    ExitCode::SUCCESS
}

/// What `blueprint show --json` prints.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Shown {
    #[serde(flatten)]
    summary: BlueprintSummary,
    /// `builtin`, `user` or `file`.
    source: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    based_on: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<PathBuf>,
}

fn show(name: &str, data_dir: Option<PathBuf>, json: bool) -> ExitCode {
    let (found, blueprint) = match source::load(name, data_dir) {
        Ok(loaded) => loaded,
        Err(err) => return source::fail(&err, json),
    };
    let summary = blueprint.summary();
    if json {
        print_json(&Shown {
            summary,
            source: found.origin.as_str(),
            based_on: match &found.origin {
                Origin::User { based_on } => based_on.clone(),
                _ => None,
            },
            path: match &found.origin {
                Origin::File(path) => Some(path.clone()),
                _ => None,
            },
        });
        return ExitCode::SUCCESS;
    }
    outln!("{}: {}", summary.name, summary.title);
    match &found.origin {
        Origin::Builtin => outln!("built-in blueprint"),
        Origin::User { based_on: Some(b) } => outln!("your copy of {b}"),
        Origin::User { based_on: None } => outln!("your blueprint"),
        Origin::File(path) => outln!("from {}", path.display()),
        Origin::Given => {}
    }
    if !summary.description.is_empty() {
        outln!();
        outln!("{}", summary.description.trim());
    }
    if let Some(seed) = &summary.seed {
        outln!("seed: {seed}");
    }
    outln!();
    outln!("Parameters:");
    print_params(&summary.params);
    outln!();
    outln!("TOML:");
    outln!("{}", found.text.trim_end());
    ExitCode::SUCCESS
}

fn param_type(decl: &ParamDecl) -> String {
    serde_json::to_value(decl.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| format!("{:?}", decl.kind))
}

fn print_params(params: &[ParamDecl]) {
    if params.is_empty() {
        outln!("  (none)");
        return;
    }
    let rows: Vec<Vec<String>> = params
        .iter()
        .map(|p| {
            let mut allowed = p.allowed.join(", ");
            let range = match (p.min, p.max) {
                (Some(lo), Some(hi)) => format!("{lo}..={hi}"),
                (Some(lo), None) => format!(">= {lo}"),
                (None, Some(hi)) => format!("<= {hi}"),
                (None, None) => String::new(),
            };
            if !range.is_empty() {
                if !allowed.is_empty() {
                    allowed.push_str("; ");
                }
                allowed.push_str(&range);
            }
            let env: Vec<String> = p
                .env_defaults
                .iter()
                .map(|(env, value)| format!("{env}={value}"))
                .collect();
            vec![
                p.name.clone(),
                param_type(p),
                p.default.clone(),
                allowed,
                env.join(", "),
                one_line(&p.description),
            ]
        })
        .collect();
    crate::table::print(
        &[
            "NAME",
            "TYPE",
            "DEFAULT",
            "ALLOWED",
            "ENV DEFAULTS",
            "DESCRIPTION",
        ],
        &rows,
        "  ",
    );
}

//! `hangar plan BLUEPRINT [--set k=v ...] [--profile NAME] [--json] [--mermaid]`: validate a
//! blueprint with its parameters and show what would be created, in which order, at what monthly
//! cost. With a profile, AWS is asked too whether the region offers the plan's zones and
//! instance types to that account. Exits 1 when the blueprint or the values are invalid, or ask
//! for what the region does not offer (every error listed as `path: message`), 2 when the
//! blueprint cannot be found or read, or AWS cannot be asked.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;
use hangar_core::graph::NodeSpec;
use hangar_core::{Overrides, Plan, ValidationErrors};
use hangar_engine::{Engine, Service};
use hangar_keychain::Keychain;
use serde_json::Value;

use crate::blueprint_source::{self as source, FindError, print_json};
use crate::table;

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// A built-in blueprint's name, one of your copies, or a path to a .toml file.
    pub blueprint: String,
    /// A parameter value as `key=value`; repeat for more (`--set environment=prod`).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Print only the architecture diagram, as Mermaid `flowchart` text.
    #[arg(long)]
    pub mermaid: bool,
    /// Also ask AWS, with this profile, whether the plan's region offers its zones and
    /// instance types to the account (quotas are checked when the job starts).
    #[arg(long)]
    pub profile: Option<String>,
}

pub fn run(args: PlanArgs, data_dir: Option<PathBuf>, json: bool) -> ExitCode {
    // A malformed `--set` is reported before the blueprint is even looked up.
    let overrides = match Overrides::parse_pairs(&args.set) {
        Ok(overrides) => overrides,
        Err(errors) => return source::fail(&FindError::Invalid(errors), json),
    };
    let (_, blueprint) = match source::load(&args.blueprint, data_dir.clone()) {
        Ok(loaded) => loaded,
        Err(err) => return source::fail(&err, json),
    };
    let plan = match hangar_core::plan(&blueprint, &overrides) {
        Ok(plan) => plan,
        Err(errors) => return source::fail(&FindError::Invalid(errors), json),
    };
    if let Some(profile) = &args.profile {
        match offerings(profile, &plan, data_dir) {
            Ok(errors) if errors.is_empty() => {}
            Ok(errors) => return source::fail(&FindError::Invalid(errors), json),
            Err(message) => {
                eprintln!("hangar: {message}");
                return ExitCode::from(source::NOT_FOUND);
            }
        }
    }
    if args.mermaid {
        let text = plan.diagram.to_mermaid();
        outln!("{}", text.trim_end());
    } else if json {
        print_json(&plan);
    } else {
        print_plan(&plan);
    }
    ExitCode::SUCCESS
}

/// What `profile`'s account is not offered of the plan's zones and instance types.
fn offerings(
    profile: &str,
    plan: &Plan,
    data_dir: Option<PathBuf>,
) -> Result<ValidationErrors, String> {
    let dir = hangar_store::resolve_data_dir(data_dir).map_err(|e| e.to_string())?;
    let store = source::open_existing(Some(dir.clone()))?.ok_or_else(|| {
        format!("there is no profile named {profile:?}: add one with `hangar profile add`")
    })?;
    let service = Service::new(Engine::new(Arc::new(store), &dir), Keychain::os())
        .with_mfa_prompt(Arc::new(crate::mfa_prompt::TerminalMfa));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    runtime
        .block_on(service.plan_offerings(profile, plan))
        .map_err(|e| e.to_string())
}

/// The longest a property value gets in the step list; user data and policies are long.
const MAX_VALUE: usize = 48;

/// A spec field as one short line: lists in brackets, maps in braces.
fn value_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(value_text).collect::<Vec<_>>().join(",")
        ),
        Value::Object(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(k, v)| format!("{k}={}", value_text(v)))
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

/// The fields of a step's spec, as the plan's JSON shows them, less the unset ones.
fn spec_fields(spec: &NodeSpec) -> Vec<String> {
    let value = serde_json::to_value(spec).unwrap_or_default();
    match &value["properties"] {
        Value::Object(fields) => fields
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| format!("{k}={}", short(&value_text(v))))
            .collect(),
        _ => Vec::new(),
    }
}

fn short(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= MAX_VALUE {
        flat
    } else {
        let cut: String = flat.chars().take(MAX_VALUE - 1).collect();
        format!("{cut}…")
    }
}

/// A quantity or price without trailing zeros: `730`, `0.5`, `0.0116`.
fn number(x: f64) -> String {
    let text = format!("{x:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.to_owned()
}

fn money(x: f64) -> String {
    format!("{x:.2}")
}

/// What each host's user data does at first boot, so the plan shows the whole host.
fn print_hosts(plan: &Plan) {
    for host in &plan.hosts {
        outln!();
        outln!("Host {} (user data at first boot):", host.logical);
        for action in &host.actions {
            outln!("  - {action}");
        }
        let services: Vec<Vec<String>> = host
            .services
            .iter()
            .map(|s| {
                let ports: Vec<String> = s
                    .ports
                    .iter()
                    .map(|p| format!("{}->{}", p.host, p.container))
                    .collect();
                let mut notes: Vec<String> = s
                    .public_urls
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                notes.extend(
                    s.uses_generated_password
                        .iter()
                        .map(|k| format!("{k}: generated password")),
                );
                if !s.profiles.is_empty() {
                    notes.push(format!("profile {}", s.profiles.join(",")));
                }
                vec![
                    format!("    {}", s.name),
                    s.image.clone(),
                    if ports.is_empty() {
                        "no published port".into()
                    } else {
                        ports.join(" ")
                    },
                    notes.join("; "),
                ]
            })
            .collect();
        if !services.is_empty() {
            outln!("  containers:");
            table::print(&[], &services, "  ");
        }
    }
}

fn print_plan(plan: &Plan) {
    let params: Vec<String> = plan
        .parameters
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    outln!("Plan for {} in {}", plan.blueprint, plan.region);
    if !params.is_empty() {
        outln!("Parameters: {}", params.join(" "));
    }
    if plan.awaits_env_id() {
        outln!(
            "Names with xxxxxxxx end in the environment's id (its first 8 hex characters), known once `hangar up` creates it."
        );
    }
    // Before the steps, so a risky setting is read before the list that scrolls it away.
    if !plan.warnings.is_empty() {
        outln!();
        outln!("Warnings ({}):", plan.warnings.len());
        for w in &plan.warnings {
            outln!("  {} ({}): {}", w.path, w.logical, w.message);
        }
    }

    outln!();
    outln!(
        "Steps ({}, in creation order; slow ones take minutes):",
        plan.steps.len()
    );
    let digits = plan.steps.len().to_string().len();
    let steps: Vec<Vec<String>> = plan
        .steps
        .iter()
        .map(|step| {
            let kind = step.spec.kind();
            let label = if step.slow {
                format!("{} (slow)", kind.label())
            } else {
                kind.label().to_owned()
            };
            let props = spec_fields(&step.spec);
            vec![
                format!("{:>digits$}. {}", step.index + 1, step.logical),
                label,
                props.join(" "),
            ]
        })
        .collect();
    table::print(&[], &steps, "  ");

    print_hosts(plan);

    let cost = &plan.cost;
    outln!();
    outln!("Monthly cost ({}):", cost.currency);
    let mut lines: Vec<Vec<String>> = cost
        .lines
        .iter()
        .map(|line| {
            vec![
                line.logical.clone(),
                line.item.clone(),
                format!("{} {}", number(line.quantity), line.unit),
                number(line.unit_price),
                money(line.monthly),
            ]
        })
        .collect();
    lines.push(vec![
        "Total".to_owned(),
        String::new(),
        String::new(),
        String::new(),
        money(cost.monthly_total),
    ]);
    // Right-align the money column so the total sits under the lines.
    let width = lines.iter().map(|l| l[4].len()).max().unwrap_or(0);
    for line in &mut lines {
        line[4] = format!("{:>width$}", line[4]);
    }
    table::print(
        &["RESOURCE", "ITEM", "QUANTITY", "UNIT PRICE", "MONTHLY"],
        &lines,
        "  ",
    );
    for note in &cost.notes {
        outln!("  note: {note}");
    }
    if !cost.source.is_empty() {
        outln!("  prices: {}", cost.source);
    }

    outln!();
    outln!("Outputs:");
    if plan.outputs.is_empty() {
        outln!("  (none)");
    }
    let outputs: Vec<Vec<String>> = plan
        .outputs
        .iter()
        .map(|o| vec![o.name.clone(), o.value.clone(), o.description.clone()])
        .collect();
    table::print(&[], &outputs, "  ");
}

//! Blueprints: the built-ins, users' own copies (in the history), and planning either one.
//! Invalid input comes back as `status: "invalid"` with every error; `ApiError` is kept for
//! what the user cannot fix in the form (an unknown name, a broken database).

use std::collections::BTreeMap;

use hangar_core::blueprint::{builtin_names, builtin_source, load_builtin};
use hangar_core::{Blueprint, Overrides, ValidationError, ValidationErrors, parse_blueprint, plan};
use hangar_engine::service::Origin;
use hangar_ipc::{
    ApiError, BlueprintDetail, BlueprintListItem, BlueprintOrigin, PlanOutcome, SaveOutcome,
};
use hangar_store::BlueprintRecord;

use super::error;
use crate::state::AppState;

type State<'a> = tauri::State<'a, AppState>;

#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn list_blueprints(state: State<'_>) -> Result<Vec<BlueprintListItem>, ApiError> {
    state
        .blocking(|service| {
            let builtins = builtin_names()
                .into_iter()
                .filter_map(|name| load_builtin(name).ok())
                .map(|bp| item(&bp, BlueprintOrigin::Builtin, None));
            let users = service.store().list_blueprints().map_err(error::store)?;
            Ok(builtins.chain(users.iter().map(user_item)).collect())
        })
        .await
}

#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn get_blueprint(state: State<'_>, name: String) -> Result<BlueprintDetail, ApiError> {
    state
        .blocking(move |service| {
            let found = service.blueprint(&name).map_err(error::service)?;
            let (origin, based_on) = match found.origin {
                Origin::Builtin => (BlueprintOrigin::Builtin, None),
                Origin::User { based_on } => (BlueprintOrigin::User, based_on),
                Origin::File(_) | Origin::Given => (BlueprintOrigin::User, None),
            };
            let parsed = parse_blueprint(&found.text);
            Ok(detail(
                &name,
                parsed.as_ref(),
                origin,
                based_on,
                &found.text,
            ))
        })
        .await
}

/// Plans a blueprint by name, or the given (unsaved) `source` when the editor has one. With a
/// `profile`, AWS is asked too whether the plan's region offers its zones and instance types to
/// that account; what it does not offer comes back as errors at the blueprint paths.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn plan_blueprint(
    state: State<'_>,
    name: String,
    source: Option<String>,
    // A plain map rather than `Overrides`, whose `serde(transparent)` ts-rs cannot read: the
    // same JSON object either way, and its TypeScript type is generated.
    overrides: Option<BTreeMap<String, String>>,
    profile: Option<String>,
) -> Result<PlanOutcome, ApiError> {
    let outcome = state
        .blocking(move |service| {
            let found = service
                .blueprint_or_given(&name, source)
                .map_err(error::service)?;
            Ok(parse_blueprint(&found.text)
                .and_then(|bp| plan(&bp, &Overrides(overrides.unwrap_or_default()))))
        })
        .await?;
    let plan = match outcome {
        Ok(plan) => plan,
        Err(errors) => return Ok(PlanOutcome::Invalid { errors: errors.0 }),
    };
    if let Some(profile) = profile {
        let errors = state
            .service
            .plan_offerings(&profile, &plan)
            .await
            .map_err(error::service)?;
        if !errors.is_empty() {
            return Ok(PlanOutcome::Invalid { errors: errors.0 });
        }
    }
    Ok(PlanOutcome::Valid {
        mermaid: plan.diagram.to_mermaid(),
        plan: Box::new(plan),
    })
}

/// Saves a user's copy. Its `[blueprint] name` must be the copy's name, which no built-in has.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn save_user_blueprint(
    state: State<'_>,
    name: String,
    based_on: Option<String>,
    source: String,
) -> Result<SaveOutcome, ApiError> {
    state
        .blocking(move |service| {
            let errors = copy_errors(&name, &source);
            if !errors.is_empty() {
                return Ok(SaveOutcome::Invalid { errors: errors.0 });
            }
            let record = service
                .store()
                .save_blueprint(&name, based_on.as_deref(), &source)
                .map_err(error::store)?;
            Ok(SaveOutcome::Saved {
                blueprint: user_item(&record),
            })
        })
        .await
}

/// Why `source` cannot be saved as the copy `name`; empty when it can.
fn copy_errors(name: &str, source: &str) -> ValidationErrors {
    let mut errors = ValidationErrors::default();
    if !valid_name(name) {
        errors.push(
            "name",
            "use lowercase letters, digits and '-', starting with a letter",
        );
    } else if builtin_source(name).is_some() {
        errors.push(
            "name",
            format!("'{name}' is a built-in blueprint: pick another name"),
        );
    }
    match parse_blueprint(source) {
        Ok(bp) if bp.name != name => errors.push(
            "blueprint.name",
            format!("must be '{name}', the name this copy is saved under"),
        ),
        Ok(_) => {}
        Err(e) => errors.extend(e),
    }
    errors
}

/// Returns whether the copy existed.
#[hangar_ipc_macros::command]
#[tauri::command]
pub async fn delete_user_blueprint(state: State<'_>, name: String) -> Result<bool, ApiError> {
    state
        .blocking(move |service| {
            service
                .store()
                .delete_blueprint(&name)
                .map_err(error::store)
        })
        .await
}

fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    name.len() <= 64
        && matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn item(
    bp: &Blueprint,
    origin: BlueprintOrigin,
    record: Option<&BlueprintRecord>,
) -> BlueprintListItem {
    BlueprintListItem {
        name: record.map_or_else(|| bp.name.clone(), |r| r.name.clone()),
        title: bp.title.clone(),
        description: bp.description.clone(),
        origin,
        based_on: record.and_then(|r| r.based_on.clone()),
        updated_at: record.map(|r| r.updated_at.clone()),
        valid: true,
    }
}

fn user_item(record: &BlueprintRecord) -> BlueprintListItem {
    match parse_blueprint(&record.source) {
        Ok(bp) => item(&bp, BlueprintOrigin::User, Some(record)),
        Err(_) => BlueprintListItem {
            name: record.name.clone(),
            title: record.name.clone(),
            description: "This copy has errors: open it to fix them.".into(),
            origin: BlueprintOrigin::User,
            based_on: record.based_on.clone(),
            updated_at: Some(record.updated_at.clone()),
            valid: false,
        },
    }
}

fn detail(
    name: &str,
    parsed: Result<&Blueprint, &ValidationErrors>,
    origin: BlueprintOrigin,
    based_on: Option<String>,
    source: &str,
) -> BlueprintDetail {
    let (title, description, params, errors): (_, _, _, Vec<ValidationError>) = match parsed {
        Ok(bp) => (
            bp.title.clone(),
            bp.description.clone(),
            bp.params.clone(),
            Vec::new(),
        ),
        Err(e) => (name.to_string(), String::new(), Vec::new(), e.0.clone()),
    };
    BlueprintDetail {
        name: name.to_string(),
        title,
        description,
        origin,
        based_on,
        source: source.to_string(),
        params,
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_has_its_source_and_it_parses() {
        for name in builtin_names() {
            let source = builtin_source(name).unwrap_or_else(|| panic!("no source for {name}"));
            let bp = parse_blueprint(source).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(bp.name, name);
        }
        assert_eq!(builtin_source("nope"), None);
    }

    #[test]
    fn copy_names_are_slugs() {
        assert!(valid_name("my-three-tier-2"));
        for bad in ["", "My", "1st", "a_b", "a b", &"a".repeat(65)] {
            assert!(!valid_name(bad), "{bad:?}");
        }
    }
}

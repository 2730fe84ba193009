use std::collections::BTreeMap;

use hangar_core::{Overrides, Plan, parse_blueprint, plan};
use hangar_store::EnvironmentRecord;

use crate::EngineError;

/// The plan an environment was created from: its recorded blueprint text and parameters, not
/// whatever the blueprint says today.
pub fn plan_for(env: &EnvironmentRecord) -> Result<Plan, EngineError> {
    let blueprint = parse_blueprint(&env.blueprint_source).map_err(EngineError::Blueprint)?;
    let parameters: BTreeMap<String, String> =
        serde_json::from_str(&env.parameters).map_err(|e| {
            EngineError::Invalid(format!("the recorded parameters are unreadable: {e}"))
        })?;
    plan(&blueprint, &Overrides(parameters)).map_err(EngineError::Blueprint)
}

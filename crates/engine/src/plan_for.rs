use std::collections::BTreeMap;

use hangar_core::{Overrides, Plan, PlanFor, parse_blueprint, plan_in};
use hangar_store::EnvironmentRecord;

use crate::EngineError;

/// The plan an environment was created from: its recorded blueprint text and parameters, not
/// whatever the blueprint says today, with its id in the names that use it.
pub fn plan_for(env: &EnvironmentRecord) -> Result<Plan, EngineError> {
    if env.teardown_only {
        return Ok(Plan::unrecorded(&env.region, &env.uid));
    }
    let blueprint = parse_blueprint(&env.blueprint_source).map_err(EngineError::Blueprint)?;
    let parameters: BTreeMap<String, String> =
        serde_json::from_str(&env.parameters).map_err(|e| {
            EngineError::Invalid(format!("the recorded parameters are unreadable: {e}"))
        })?;
    plan_in(
        &blueprint,
        &Overrides(parameters),
        PlanFor::Environment(&env.uid),
    )
    .map_err(EngineError::Blueprint)
}

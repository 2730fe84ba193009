//! An environment's users. An import is checked against the environment's plan before it is
//! recorded (every instance that takes users must still fit AWS's 16 KB user-data limit, gzip
//! included), so a list that is too long fails at once, with how many users fit, and never
//! after resources exist. Provisioning bakes the recorded users into those instances' user data
//! before the walk starts.

use std::collections::BTreeMap;

use hangar_core::blueprint::Spec;
use hangar_core::users::{UserRow, bake_users, instances_taking_users};
use hangar_core::{Overrides, Plan, PlanFor, parse_blueprint, plan_in};
use hangar_store::{EnvironmentRecord, ImportRecord, NewImport, ResourceState};

use crate::{Engine, EngineError, NewEnvironmentRequest};

/// An accepted import: the file as read, and its valid rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsersImport {
    pub file: NewImport,
    pub users: Vec<UserRow>,
}

/// What recording an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsersImported {
    pub import: ImportRecord,
    /// The instances whose user data carries users (logical names). On a live environment they
    /// take the new list only when replaced: user data runs at first boot.
    pub instances: Vec<String>,
    /// Of those, the ones that exist now, and so must be replaced.
    pub to_replace: Vec<String>,
}

fn spec_and_plan(
    source: &str,
    overrides: &BTreeMap<String, String>,
    env: PlanFor<'_>,
) -> Result<(Spec, Plan), EngineError> {
    let blueprint = parse_blueprint(source).map_err(EngineError::Blueprint)?;
    let overrides = Overrides(overrides.clone());
    let (_, spec) = blueprint
        .resolve_for(&overrides, env)
        .map_err(EngineError::Blueprint)?;
    let plan = plan_in(&blueprint, &overrides, env).map_err(EngineError::Blueprint)?;
    Ok((spec, plan))
}

fn recorded_overrides(env: &EnvironmentRecord) -> Result<BTreeMap<String, String>, EngineError> {
    serde_json::from_str(&env.parameters)
        .map_err(|e| EngineError::Invalid(format!("the recorded parameters are unreadable: {e}")))
}

/// The plan with `users` baked in; an error before any AWS call when they do not fit.
fn baked(
    source: &str,
    overrides: &BTreeMap<String, String>,
    users: &[UserRow],
    env: PlanFor<'_>,
) -> Result<Plan, EngineError> {
    let (spec, mut plan) = spec_and_plan(source, overrides, env)?;
    bake_users(&spec, &mut plan, users).map_err(EngineError::UsersTooLarge)?;
    Ok(plan)
}

/// The environment's plan as provisioning uses it: from the recorded blueprint and parameters,
/// with the recorded users in the instances that take them (when it was ever given users).
pub fn plan_with_users(
    store: &hangar_store::Store,
    env: &EnvironmentRecord,
) -> Result<Plan, EngineError> {
    if store.latest_users_import(env.id)?.is_none() {
        return crate::plan_for(env);
    }
    let users = store.users(env.id)?;
    baked(
        &env.blueprint_source,
        &recorded_overrides(env)?,
        &users,
        PlanFor::Environment(&env.uid),
    )
}

impl Engine {
    /// [`Engine::create_environment`] with a users list: the list is fitted to the plan first,
    /// so an environment whose users cannot fit is never recorded.
    pub fn create_environment_with_users(
        &self,
        request: &NewEnvironmentRequest,
        users: &UsersImport,
    ) -> Result<EnvironmentRecord, EngineError> {
        // Before the environment exists: its id, in no user data, is not needed to fit them.
        baked(
            &request.blueprint_source,
            &request.overrides,
            &users.users,
            PlanFor::Preview,
        )?;
        let env = self.create_environment(request)?;
        self.store
            .record_users_import(env.id, &users.file, &users.users)?;
        Ok(env)
    }

    /// Records a new users list for an environment (new or live), after checking it fits.
    pub fn import_users(
        &self,
        env_name: &str,
        users: &UsersImport,
    ) -> Result<UsersImported, EngineError> {
        let env = self.environment(env_name)?;
        let plan = baked(
            &env.blueprint_source,
            &recorded_overrides(&env)?,
            &users.users,
            PlanFor::Environment(&env.uid),
        )?;
        let import = self
            .store
            .record_users_import(env.id, &users.file, &users.users)?;
        let instances = instances_taking_users(&plan.graph);
        let existing: Vec<String> = self
            .store
            .resources(env.id)?
            .into_iter()
            .filter(|r| r.aws_id.is_some() && r.state != ResourceState::Deleted)
            .map(|r| r.logical_name)
            .collect();
        let to_replace = instances
            .iter()
            .filter(|l| existing.contains(l))
            .cloned()
            .collect();
        Ok(UsersImported {
            import,
            instances,
            to_replace,
        })
    }

    /// The environment's users, as its servers get them.
    pub fn users(&self, env_name: &str) -> Result<Vec<UserRow>, EngineError> {
        let env = self.environment(env_name)?;
        Ok(self.store.users(env.id)?)
    }

    /// The environment's imports, the newest first.
    pub fn users_imports(&self, env_name: &str) -> Result<Vec<ImportRecord>, EngineError> {
        let env = self.environment(env_name)?;
        Ok(self.store.users_imports(env.id)?)
    }

    fn environment(&self, env_name: &str) -> Result<EnvironmentRecord, EngineError> {
        self.store
            .environment(env_name)?
            .ok_or_else(|| EngineError::UnknownEnvironment(env_name.to_string()))
    }
}

//! An environment's record in the state bucket: what another machine needs to see it, adopt
//! it and run any job on it (the blueprint as used, its parameters, every recorded resource
//! with its AWS id and attributes).

use std::collections::BTreeMap;

use hangar_core::graph::{Attr, ResourceKind};
use hangar_store::{
    EnvironmentRecord, EnvironmentStatus, NewEnvironment, OnFailure, ResourceState, Store,
};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::EngineError;

/// Bumped when a field changes meaning; a reader refuses a record newer than it knows.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvironmentState {
    pub format: u32,
    pub uid: String,
    pub name: String,
    pub blueprint: String,
    pub blueprint_source: String,
    /// `{"key": "value"}` overrides, as JSON.
    pub parameters: String,
    pub region: String,
    pub account: Option<String>,
    pub status: EnvironmentStatus,
    /// The STS identity whose job first wrote the record.
    pub owner: String,
    pub expires_at: Option<Timestamp>,
    /// When its first history recorded it (RFC 3339).
    #[serde(default)]
    pub created_at: String,
    /// The plan's monthly estimate, for a team's view of what the account runs.
    #[serde(default)]
    pub monthly_cost: Option<f64>,
    pub updated_at: Timestamp,
    pub updated_by: String,
    pub resources: Vec<StateResource>,
    /// Adopted from its tags alone somewhere: no blueprint is known, only a teardown may run.
    #[serde(default)]
    pub teardown_only: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StateResource {
    pub logical_name: String,
    pub kind: ResourceKind,
    pub aws_id: Option<String>,
    pub state: ResourceState,
    pub attrs: BTreeMap<Attr, String>,
}

impl EnvironmentState {
    /// The record of the environment named `env` as the local history holds it now.
    pub fn of(store: &Store, env: &str, owner: &str, writer: &str) -> Result<Self, EngineError> {
        let env = store
            .environment(env)?
            .ok_or_else(|| EngineError::UnknownEnvironment(env.to_string()))?;
        let env_id = env.id;
        let resources = store
            .resources(env_id)?
            .into_iter()
            .map(|r| StateResource {
                logical_name: r.logical_name,
                kind: r.kind,
                aws_id: r.aws_id,
                state: r.state,
                attrs: r.attrs,
            })
            .collect();
        let monthly_cost = store.environment_monthly_cost(env_id)?;
        Ok(Self::from_record(
            env,
            resources,
            monthly_cost,
            (owner, writer),
        ))
    }

    fn from_record(
        env: EnvironmentRecord,
        resources: Vec<StateResource>,
        monthly_cost: Option<f64>,
        (owner, writer): (&str, &str),
    ) -> Self {
        Self {
            format: FORMAT,
            uid: env.uid,
            name: env.name,
            blueprint: env.blueprint,
            blueprint_source: env.blueprint_source,
            parameters: env.parameters,
            region: env.region,
            account: env.account_id,
            status: env.status,
            owner: owner.to_string(),
            expires_at: env.expires_at,
            created_at: env.created_at,
            monthly_cost,
            updated_at: Timestamp::now(),
            updated_by: writer.to_string(),
            resources,
            teardown_only: env.teardown_only,
        }
    }

    pub fn parse(body: &[u8]) -> Result<Self, EngineError> {
        let state: Self = serde_json::from_slice(body).map_err(|e| {
            EngineError::Invalid(format!(
                "a record in the state bucket does not read as one: {e}"
            ))
        })?;
        if state.format > FORMAT {
            return Err(EngineError::Invalid(format!(
                "'{}' was recorded by a newer Hangar (record format {}); update Hangar to adopt it",
                state.name, state.format
            )));
        }
        Ok(state)
    }

    /// The monthly estimate over AWS's 730-hour month.
    pub fn cost_per_hour(&self) -> Option<f64> {
        self.monthly_cost
            .map(|monthly| monthly / hangar_core::cost::prices::HOURS_PER_MONTH)
    }

    pub fn to_json(&self) -> Vec<u8> {
        // Every field is a string, a number or an enum: serialising cannot fail.
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }

    /// Writes the environment into the local history under `profile`, with the same id, so
    /// every job acts on it as on one made here.
    pub fn adopt_into(
        &self,
        store: &Store,
        profile: &str,
    ) -> Result<EnvironmentRecord, EngineError> {
        if self.teardown_only {
            let env = store.create_teardown_only_environment(
                &self.name,
                &self.uid,
                profile,
                &self.region,
            )?;
            if let Some(account) = &self.account {
                store.set_environment_account(env.id, account)?;
            }
            store.set_environment_status(env.id, self.status)?;
            return Ok(store.environment(&self.name)?.unwrap_or(env));
        }
        let env = store.create_environment_with_uid(
            &NewEnvironment {
                name: &self.name,
                blueprint: &self.blueprint,
                blueprint_source: &self.blueprint_source,
                parameters: &self.parameters,
                profile,
                region: &self.region,
                on_failure: OnFailure::Keep,
                expires_at: self.expires_at,
            },
            &self.uid,
        )?;
        if let Some(account) = &self.account {
            store.set_environment_account(env.id, account)?;
        }
        for r in &self.resources {
            store.record_intent(env.id, &r.logical_name, r.kind)?;
            if let Some(aws_id) = &r.aws_id {
                store.record_created(env.id, &r.logical_name, aws_id, &r.attrs)?;
            }
            store.set_resource_state(env.id, &r.logical_name, r.state)?;
        }
        store.set_environment_status(env.id, self.status)?;
        Ok(store.environment(&self.name)?.unwrap_or(env))
    }
}

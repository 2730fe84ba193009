use std::collections::BTreeMap;

use hangar_core::drift::SettingDrift;
use hangar_core::graph::{Attr, ResourceKind};
use rusqlite::{Row, params};

use crate::{ResourceState, Store, StoreError};

/// One line of the write-ahead journal: a resource the engine meant to create, and what it
/// knows of it. `aws_id` is empty until the create returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceRecord {
    pub logical_name: String,
    pub kind: ResourceKind,
    pub aws_id: Option<String>,
    pub state: ResourceState,
    /// What later calls (and teardown) need, as the create returned it.
    pub attrs: BTreeMap<Attr, String>,
    pub updated_at: String,
    /// What the last refresh found changed in its settings; empty when none.
    pub drift: Vec<SettingDrift>,
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<ResourceRecord> {
    Ok(ResourceRecord {
        logical_name: row.get(0)?,
        kind: {
            let text: String = row.get(1)?;
            ResourceKind::parse(&text).ok_or_else(|| {
                rusqlite::Error::FromSqlConversionFailure(
                    1,
                    rusqlite::types::Type::Text,
                    format!("unknown resource kind '{text}'").into(),
                )
            })?
        },
        aws_id: row.get(2)?,
        state: row.get(3)?,
        attrs: {
            let text: String = row.get(4)?;
            serde_json::from_str(&text).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, e.into())
            })?
        },
        updated_at: row.get(5)?,
        drift: {
            let text: String = row.get(6)?;
            serde_json::from_str(&text).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(6, rusqlite::types::Type::Text, e.into())
            })?
        },
    })
}

impl Store {
    /// Written before the create call: if the process dies during it, the history still says
    /// something may exist, and teardown sweeps for it by tag. Returns the attempt's
    /// generation, for its client token: a new one when the recorded resource is known gone or
    /// failed, the same one when an attempt is only being retried.
    pub fn record_intent(
        &self,
        environment_id: i64,
        logical: &str,
        kind: ResourceKind,
    ) -> Result<u32, StoreError> {
        let conn = self.conn();
        conn.execute(
            "INSERT INTO resources (environment_id, logical_name, kind, state) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(environment_id, logical_name) DO UPDATE SET
               generation = CASE WHEN state IN ('missing', 'failed', 'deleted')
                                 THEN generation + 1 ELSE generation END,
               state = CASE WHEN aws_id IS NULL OR state IN ('missing', 'failed', 'deleted')
                            THEN ?4 ELSE state END,
               updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            params![environment_id, logical, kind.as_str(), ResourceState::Creating],
        )?;
        Ok(conn.query_row(
            "SELECT generation FROM resources WHERE environment_id = ?1 AND logical_name = ?2",
            params![environment_id, logical],
            |row| row.get(0),
        )?)
    }

    pub fn record_created(
        &self,
        environment_id: i64,
        logical: &str,
        aws_id: &str,
        attrs: &BTreeMap<Attr, String>,
    ) -> Result<(), StoreError> {
        let attrs = serde_json::to_string(attrs).map_err(|e| StoreError::Invalid(e.to_string()))?;
        self.conn().execute(
            "UPDATE resources SET aws_id = ?3, attrs = ?4, state = ?5,
               updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
             WHERE environment_id = ?1 AND logical_name = ?2",
            params![environment_id, logical, aws_id, attrs, ResourceState::Ready],
        )?;
        Ok(())
    }

    pub fn set_resource_state(
        &self,
        environment_id: i64,
        logical: &str,
        state: ResourceState,
    ) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE resources SET state = ?3, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
             WHERE environment_id = ?1 AND logical_name = ?2",
            params![environment_id, logical, state],
        )?;
        Ok(())
    }

    /// Records what a refresh found changed in the resource's settings (empty: nothing, or
    /// all of it repaired).
    pub fn set_resource_drift(
        &self,
        environment_id: i64,
        logical: &str,
        drift: &[SettingDrift],
    ) -> Result<(), StoreError> {
        let drift = serde_json::to_string(drift).map_err(|e| StoreError::Invalid(e.to_string()))?;
        self.conn().execute(
            "UPDATE resources SET drift = ?3, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
             WHERE environment_id = ?1 AND logical_name = ?2",
            params![environment_id, logical, drift],
        )?;
        Ok(())
    }

    pub fn resources(&self, environment_id: i64) -> Result<Vec<ResourceRecord>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT logical_name, kind, aws_id, state, attrs, updated_at, drift FROM resources
             WHERE environment_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([environment_id], from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

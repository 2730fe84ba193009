use hangar_core::office_hours::OfficeHours;
use jiff::Timestamp;
use rusqlite::types::Type;
use rusqlite::{OptionalExtension, Row, params};

use crate::{EnvironmentStatus, OnFailure, Store, StoreError};

/// An environment as the history knows it. The blueprint text and parameters are kept as used,
/// so it can be torn down or resumed even after the blueprint changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvironmentRecord {
    pub id: i64,
    /// A UUID: what the environment's tags and client tokens carry. Names are unique only in
    /// one history; this is unique in every account.
    pub uid: String,
    pub name: String,
    pub blueprint: String,
    pub blueprint_source: String,
    /// `{"key": "value"}` overrides, as JSON.
    pub parameters: String,
    pub profile: String,
    pub region: String,
    /// The AWS account it was first provisioned in (STS), once known.
    pub account_id: Option<String>,
    pub status: EnvironmentStatus,
    pub on_failure: OnFailure,
    /// `{"name": "value"}` outputs, as JSON, once known.
    pub outputs: String,
    pub created_at: String,
    pub updated_at: String,
    /// When the reaper tears it down; `None` for never.
    pub expires_at: Option<Timestamp>,
    /// When it runs; the reaper pauses it outside them. `None` for always.
    pub office_hours: Option<OfficeHours>,
    /// Adopted from its tags alone: no blueprint is known, so only a teardown may run.
    pub teardown_only: bool,
}

/// A new environment's id: a UUID, what its `hangar:env-id` tags and client tokens carry.
pub fn new_environment_uid() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// What a new environment needs.
#[derive(Debug, Clone)]
pub struct NewEnvironment<'a> {
    pub name: &'a str,
    pub blueprint: &'a str,
    pub blueprint_source: &'a str,
    pub parameters: &'a str,
    pub profile: &'a str,
    pub region: &'a str,
    pub on_failure: OnFailure,
    pub expires_at: Option<Timestamp>,
}

const COLUMNS: &str = "id, name, blueprint, blueprint_source, parameters, profile, region, \
                       status, on_failure, outputs, created_at, updated_at, uid, account_id, \
                       expires_at, office_hours, teardown_only";

fn from_row(row: &Row<'_>) -> rusqlite::Result<EnvironmentRecord> {
    Ok(EnvironmentRecord {
        id: row.get(0)?,
        name: row.get(1)?,
        blueprint: row.get(2)?,
        blueprint_source: row.get(3)?,
        parameters: row.get(4)?,
        profile: row.get(5)?,
        region: row.get(6)?,
        status: row.get(7)?,
        on_failure: row.get(8)?,
        outputs: row.get(9)?,
        created_at: row.get(10)?,
        updated_at: row.get(11)?,
        uid: row.get(12)?,
        account_id: row.get(13)?,
        expires_at: row
            .get::<_, Option<String>>(14)?
            .map(|text| {
                text.parse::<Timestamp>().map_err(|err| {
                    rusqlite::Error::FromSqlConversionFailure(14, Type::Text, Box::new(err))
                })
            })
            .transpose()?,
        office_hours: row
            .get::<_, Option<String>>(15)?
            .map(|text| {
                text.parse::<OfficeHours>().map_err(|err| {
                    rusqlite::Error::FromSqlConversionFailure(15, Type::Text, Box::new(err))
                })
            })
            .transpose()?,
        teardown_only: row.get(16)?,
    })
}

impl Store {
    /// Fails with `Invalid` when the name is taken: environment names are how users and tags
    /// tell environments apart.
    pub fn create_environment(
        &self,
        env: &NewEnvironment<'_>,
    ) -> Result<EnvironmentRecord, StoreError> {
        self.create_environment_with_uid(env, &new_environment_uid())
    }

    /// Records a new environment under an id made beforehand (its plan was checked with the
    /// names that id gives).
    pub fn create_environment_with_uid(
        &self,
        env: &NewEnvironment<'_>,
        uid: &str,
    ) -> Result<EnvironmentRecord, StoreError> {
        self.insert_environment(env, uid, EnvironmentStatus::New, false)
    }

    /// One INSERT, so an environment is never seen half-recorded (a teardown-only one without
    /// its flag would offer every job).
    fn insert_environment(
        &self,
        env: &NewEnvironment<'_>,
        uid: &str,
        status: EnvironmentStatus,
        teardown_only: bool,
    ) -> Result<EnvironmentRecord, StoreError> {
        let conn = self.conn();
        let taken: bool = conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM environments WHERE name = ?1)",
            [env.name],
            |row| row.get(0),
        )?;
        if taken {
            return Err(StoreError::Invalid(format!(
                "an environment named '{}' already exists",
                env.name
            )));
        }
        conn.execute(
            "INSERT INTO environments (name, blueprint, blueprint_source, parameters, profile, region, status, on_failure, uid, expires_at, teardown_only)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                env.name,
                env.blueprint,
                env.blueprint_source,
                env.parameters,
                env.profile,
                env.region,
                status,
                env.on_failure,
                uid,
                env.expires_at.map(expiry_text),
                teardown_only,
            ],
        )?;
        let id = conn.last_insert_rowid();
        Ok(conn.query_row(
            &format!("SELECT {COLUMNS} FROM environments WHERE id = ?1"),
            [id],
            from_row,
        )?)
    }

    pub fn environment(&self, name: &str) -> Result<Option<EnvironmentRecord>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM environments WHERE name = ?1"),
                [name],
                from_row,
            )
            .optional()?)
    }

    /// Sets or clears (`None`) when the environment expires.
    pub fn set_expiry(
        &self,
        environment_id: i64,
        expires_at: Option<Timestamp>,
    ) -> Result<(), StoreError> {
        let changed = self.conn().execute(
            "UPDATE environments SET expires_at = ?1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?2",
            params![expires_at.map(expiry_text), environment_id],
        )?;
        if changed == 0 {
            return Err(StoreError::Invalid(format!(
                "no environment has the id {environment_id}"
            )));
        }
        Ok(())
    }

    /// Sets or clears (`None`) the hours the environment runs.
    pub fn set_office_hours(
        &self,
        environment_id: i64,
        hours: Option<&OfficeHours>,
    ) -> Result<(), StoreError> {
        let changed = self.conn().execute(
            "UPDATE environments SET office_hours = ?1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?2",
            params![hours.map(ToString::to_string), environment_id],
        )?;
        if changed == 0 {
            return Err(StoreError::Invalid(format!(
                "no environment has the id {environment_id}"
            )));
        }
        Ok(())
    }

    /// Every environment, the newest first.
    pub fn list_environments(&self) -> Result<Vec<EnvironmentRecord>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM environments ORDER BY id DESC"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn set_environment_status(
        &self,
        id: i64,
        status: EnvironmentStatus,
    ) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE environments SET status = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1",
            params![id, status],
        )?;
        Ok(())
    }

    /// Records an environment found by its tags alone, under the id they carry, for teardown
    /// only: its blueprint and parameters are unknown.
    pub fn create_teardown_only_environment(
        &self,
        name: &str,
        uid: &str,
        profile: &str,
        region: &str,
    ) -> Result<EnvironmentRecord, StoreError> {
        // Found standing by its tags: ready, as far as anyone can tell, to be torn down.
        self.insert_environment(
            &NewEnvironment {
                name,
                blueprint: "",
                blueprint_source: "",
                parameters: "{}",
                profile,
                region,
                on_failure: OnFailure::Keep,
                expires_at: None,
            },
            uid,
            EnvironmentStatus::Ready,
            true,
        )
    }

    /// Records the account the environment lives in; set once, at its first job.
    pub fn set_environment_account(&self, id: i64, account_id: &str) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE environments SET account_id = ?2 WHERE id = ?1 AND account_id IS NULL",
            params![id, account_id],
        )?;
        Ok(())
    }

    pub fn set_environment_outputs(&self, id: i64, outputs_json: &str) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE environments SET outputs = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1",
            params![id, outputs_json],
        )?;
        Ok(())
    }
}

/// Whole seconds in UTC (`2026-11-30T12:00:00Z`): what the CHECK in 0010 expects, and what sorts
/// as text in time order.
fn expiry_text(at: Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

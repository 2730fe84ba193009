//! Users' own blueprints: a copy of a built-in (or of another copy), edited as TOML text.

use rusqlite::{OptionalExtension, Row, params};

use crate::{Store, StoreError};

/// A user's blueprint as stored; `source` is the TOML exactly as the user last saved it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlueprintRecord {
    pub name: String,
    /// The blueprint it was copied from.
    pub based_on: Option<String>,
    pub source: String,
    pub created_at: String,
    pub updated_at: String,
}

impl BlueprintRecord {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            name: row.get("name")?,
            based_on: row.get("based_on")?,
            source: row.get("source")?,
            created_at: row.get("created_at")?,
            updated_at: row.get("updated_at")?,
        })
    }
}

const COLUMNS: &str = "name, based_on, source, created_at, updated_at";

impl Store {
    /// Inserts a blueprint or replaces its text, keeping its creation time; returns the row.
    pub fn save_blueprint(
        &self,
        name: &str,
        based_on: Option<&str>,
        source: &str,
    ) -> Result<BlueprintRecord, StoreError> {
        if name.trim().is_empty() {
            return Err(StoreError::Invalid("a blueprint needs a name".into()));
        }
        let conn = self.conn();
        conn.execute(
            "INSERT INTO blueprints (name, based_on, source) VALUES (?1, ?2, ?3)
             ON CONFLICT(name) DO UPDATE SET based_on = excluded.based_on,
               source = excluded.source,
               updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            params![name, based_on, source],
        )?;
        Ok(conn.query_row(
            &format!("SELECT {COLUMNS} FROM blueprints WHERE name = ?1"),
            [name],
            BlueprintRecord::from_row,
        )?)
    }

    /// Every user blueprint, by name.
    pub fn list_blueprints(&self) -> Result<Vec<BlueprintRecord>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM blueprints ORDER BY name"))?;
        let rows = stmt.query_map([], BlueprintRecord::from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn get_blueprint(&self, name: &str) -> Result<Option<BlueprintRecord>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM blueprints WHERE name = ?1"),
                [name],
                BlueprintRecord::from_row,
            )
            .optional()?)
    }

    /// Returns whether a blueprint of that name existed.
    pub fn delete_blueprint(&self, name: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn()
            .execute("DELETE FROM blueprints WHERE name = ?1", [name])?
            > 0)
    }
}

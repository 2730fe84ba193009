//! What teardowns left on purpose, environment by environment (migration 0008): a prod
//! database's final snapshot, a backup bucket, each with its size and monthly estimate.

use hangar_core::cost::RetainedKind;
use rusqlite::{Row, params};
use serde::Serialize;

use crate::{Store, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RetainedRecord {
    pub kind: RetainedKind,
    /// The snapshot identifier or the bucket name.
    pub aws_id: String,
    /// The node it came from.
    pub source: String,
    pub size_gb: f64,
    /// USD a month, an estimate from the price table.
    pub monthly_cost: f64,
    pub recorded_at: String,
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<RetainedRecord> {
    let text: String = row.get(0)?;
    Ok(RetainedRecord {
        kind: RetainedKind::parse(&text).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                0,
                rusqlite::types::Type::Text,
                format!("unknown retained kind '{text}'").into(),
            )
        })?,
        aws_id: row.get(1)?,
        source: row.get(2)?,
        size_gb: row.get(3)?,
        monthly_cost: row.get(4)?,
        recorded_at: row.get(5)?,
    })
}

impl Store {
    /// Recording the same item again (a teardown retried) updates its size and cost.
    pub fn record_retained(
        &self,
        environment_id: i64,
        kind: RetainedKind,
        aws_id: &str,
        source: &str,
        size_gb: f64,
        monthly_cost: f64,
    ) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT INTO retained (environment_id, kind, aws_id, source, size_gb, monthly_cost)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(environment_id, kind, aws_id) DO UPDATE SET
               size_gb = ?5, monthly_cost = ?6,
               recorded_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            params![
                environment_id,
                kind.as_str(),
                aws_id,
                source,
                size_gb.max(0.0),
                monthly_cost.max(0.0)
            ],
        )?;
        Ok(())
    }

    pub fn retained(&self, environment_id: i64) -> Result<Vec<RetainedRecord>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT kind, aws_id, source, size_gb, monthly_cost, recorded_at FROM retained
             WHERE environment_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([environment_id], from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

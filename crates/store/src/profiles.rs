use rusqlite::{OptionalExtension, Row, params};

use hangar_core::lifetime::Lifetime;
use hangar_core::profile::ProfileKind;
use rusqlite::types::Type;

use crate::{Store, StoreError};

/// The non-secret part of a profile: everything here may be shown, logged and stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileRecord {
    pub name: String,
    pub kind: ProfileKind,
    pub region: String,
    pub endpoint: Option<String>,
    pub source_profile: Option<String>,
    pub role_arn: Option<String>,
    pub external_id: Option<String>,
    pub mfa_serial: Option<String>,
    pub session_name: Option<String>,
    pub duration_secs: Option<u32>,
    pub aws_profile: Option<String>,
    pub is_default: bool,
    /// What an environment created with this profile lives unless told otherwise.
    pub default_lifetime: Option<Lifetime>,
}

impl ProfileRecord {
    /// A profile with only the required fields set.
    pub fn new(name: impl Into<String>, kind: ProfileKind, region: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            kind,
            region: region.into(),
            endpoint: None,
            source_profile: None,
            role_arn: None,
            external_id: None,
            mfa_serial: None,
            session_name: None,
            duration_secs: None,
            aws_profile: None,
            is_default: false,
            default_lifetime: None,
        }
    }

    fn from_row(row: &Row<'_>) -> rusqlite::Result<(Self, String)> {
        let kind: String = row.get("kind")?;
        let lifetime_secs: Option<i64> = row.get("default_lifetime_secs")?;
        let default_lifetime = lifetime_secs
            .map(Lifetime::from_secs)
            .transpose()
            .map_err(|e| {
                let column = row
                    .as_ref()
                    .column_index("default_lifetime_secs")
                    .unwrap_or(0);
                rusqlite::Error::FromSqlConversionFailure(column, Type::Integer, Box::new(e))
            })?;
        Ok((
            Self {
                name: row.get("name")?,
                kind: ProfileKind::Sandbox,
                region: row.get("region")?,
                endpoint: row.get("endpoint")?,
                source_profile: row.get("source_profile")?,
                role_arn: row.get("role_arn")?,
                external_id: row.get("external_id")?,
                mfa_serial: row.get("mfa_serial")?,
                session_name: row.get("session_name")?,
                duration_secs: row.get("duration_secs")?,
                aws_profile: row.get("aws_profile")?,
                is_default: row.get("is_default")?,
                default_lifetime,
            },
            kind,
        ))
    }
}

const COLUMNS: &str = "name, kind, region, endpoint, source_profile, role_arn, external_id, \
                       mfa_serial, session_name, duration_secs, aws_profile, is_default, \
                       default_lifetime_secs";

impl Store {
    /// Inserts or replaces a profile; making it the default clears the old default.
    pub fn save_profile(&self, p: &ProfileRecord) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        if p.is_default {
            tx.execute(
                "UPDATE profiles SET is_default = 0 WHERE is_default = 1",
                [],
            )?;
        }
        tx.execute(
            &format!(
                "INSERT INTO profiles ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                 ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, region = excluded.region,
                   endpoint = excluded.endpoint, source_profile = excluded.source_profile,
                   role_arn = excluded.role_arn, external_id = excluded.external_id,
                   mfa_serial = excluded.mfa_serial, session_name = excluded.session_name,
                   duration_secs = excluded.duration_secs, aws_profile = excluded.aws_profile,
                   is_default = excluded.is_default,
                   default_lifetime_secs = excluded.default_lifetime_secs"
            ),
            params![
                p.name,
                p.kind.as_str(),
                p.region,
                p.endpoint,
                p.source_profile,
                p.role_arn,
                p.external_id,
                p.mfa_serial,
                p.session_name,
                p.duration_secs,
                p.aws_profile,
                p.is_default,
                p.default_lifetime.map(|l| l.duration().as_secs()),
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn list_profiles(&self) -> Result<Vec<ProfileRecord>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM profiles ORDER BY is_default DESC, name"
        ))?;
        let rows = stmt.query_map([], ProfileRecord::from_row)?;
        rows.map(|row| {
            let (mut record, kind) = row?;
            record.kind = parse_kind(&kind)?;
            Ok(record)
        })
        .collect()
    }

    pub fn get_profile(&self, name: &str) -> Result<Option<ProfileRecord>, StoreError> {
        let conn = self.conn();
        let found = conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM profiles WHERE name = ?1"),
                [name],
                ProfileRecord::from_row,
            )
            .optional()?;
        found
            .map(|(mut record, kind)| {
                record.kind = parse_kind(&kind)?;
                Ok(record)
            })
            .transpose()
    }

    /// Returns whether a profile of that name existed.
    pub fn delete_profile(&self, name: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn()
            .execute("DELETE FROM profiles WHERE name = ?1", [name])?
            > 0)
    }
}

fn parse_kind(s: &str) -> Result<ProfileKind, StoreError> {
    ProfileKind::parse(s).ok_or_else(|| StoreError::Invalid(format!("unknown profile kind {s:?}")))
}

//! The users CSV an environment was given: each import (the file's name, size, SHA-256 and
//! time, and how many rows it held) and the accepted users of the latest one. An import
//! replaces the environment's users in one transaction, so a server never gets half a list.

use hangar_core::users::UserRow;
use rusqlite::{Row, params};
use sha2::{Digest, Sha256};

use crate::{Store, StoreError};

/// The file an import came from, described by what was read; the bytes themselves are not kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewImport {
    pub file_name: String,
    pub size_bytes: u64,
    /// Lowercase hex.
    pub sha256: String,
    /// Rows left out because they had errors.
    pub rejected_rows: usize,
}

impl NewImport {
    /// Describes `bytes` as read from a file named `file_name`.
    pub fn from_bytes(file_name: impl Into<String>, bytes: &[u8], rejected_rows: usize) -> Self {
        let digest = Sha256::digest(bytes);
        Self {
            file_name: file_name.into(),
            size_bytes: bytes.len() as u64,
            sha256: digest.iter().map(|b| format!("{b:02x}")).collect(),
            rejected_rows,
        }
    }
}

/// One recorded import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRecord {
    pub id: i64,
    pub environment_id: i64,
    pub file_name: String,
    pub size_bytes: u64,
    pub sha256: String,
    pub accepted_rows: usize,
    pub rejected_rows: usize,
    /// RFC 3339, UTC.
    pub imported_at: String,
}

const IMPORT_COLUMNS: &str =
    "id, environment_id, file_name, size_bytes, sha256, accepted_rows, rejected_rows, imported_at";

fn import_from_row(row: &Row<'_>) -> rusqlite::Result<ImportRecord> {
    Ok(ImportRecord {
        id: row.get(0)?,
        environment_id: row.get(1)?,
        file_name: row.get(2)?,
        size_bytes: row.get(3)?,
        sha256: row.get(4)?,
        accepted_rows: row.get(5)?,
        rejected_rows: row.get(6)?,
        imported_at: row.get(7)?,
    })
}

fn user_from_row(row: &Row<'_>) -> rusqlite::Result<UserRow> {
    Ok(UserRow {
        username: row.get(0)?,
        email: row.get(1)?,
        name: row.get(2)?,
        role: row.get(3)?,
    })
}

impl Store {
    /// Records an import and makes `users` the environment's users, replacing the previous
    /// ones, in one transaction.
    pub fn record_users_import(
        &self,
        environment_id: i64,
        import: &NewImport,
        users: &[UserRow],
    ) -> Result<ImportRecord, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO imported_files (environment_id, file_name, size_bytes, sha256, accepted_rows, rejected_rows)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                environment_id,
                import.file_name,
                import.size_bytes,
                import.sha256,
                users.len(),
                import.rejected_rows
            ],
        )?;
        let import_id = tx.last_insert_rowid();
        tx.execute(
            "DELETE FROM users WHERE environment_id = ?1",
            [environment_id],
        )?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO users (environment_id, imported_file_id, username, email, full_name, role)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for user in users {
                insert
                    .execute(params![
                        environment_id,
                        import_id,
                        user.username,
                        user.email,
                        user.name,
                        user.role
                    ])
                    .map_err(|e| match e {
                        rusqlite::Error::SqliteFailure(f, _)
                            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
                        {
                            StoreError::Invalid(format!(
                                "the user '{}' appears twice in the import",
                                user.username
                            ))
                        }
                        other => StoreError::Sql(other),
                    })?;
            }
        }
        let record = tx.query_row(
            &format!("SELECT {IMPORT_COLUMNS} FROM imported_files WHERE id = ?1"),
            [import_id],
            import_from_row,
        )?;
        tx.commit()?;
        Ok(record)
    }

    /// The environment's users, in the order of the file they came from.
    pub fn users(&self, environment_id: i64) -> Result<Vec<UserRow>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT username, email, full_name, role FROM users WHERE environment_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([environment_id], user_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The environment's imports, the newest first.
    pub fn users_imports(&self, environment_id: i64) -> Result<Vec<ImportRecord>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {IMPORT_COLUMNS} FROM imported_files WHERE environment_id = ?1 ORDER BY id DESC"
        ))?;
        let rows = stmt.query_map([environment_id], import_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The import the environment's users come from, if it was ever given any.
    pub fn latest_users_import(
        &self,
        environment_id: i64,
    ) -> Result<Option<ImportRecord>, StoreError> {
        Ok(self.users_imports(environment_id)?.into_iter().next())
    }
}

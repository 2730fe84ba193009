//! Queries that relate profiles to each other: which one is the default, which roles are
//! assumed from which profile.

use rusqlite::OptionalExtension;

use crate::{Store, StoreError};

impl Store {
    /// Makes `name` the one default profile; returns whether it exists.
    pub fn set_default_profile(&self, name: &str) -> Result<bool, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let exists = tx
            .query_row("SELECT 1 FROM profiles WHERE name = ?1", [name], |_| Ok(()))
            .optional()?
            .is_some();
        if exists {
            tx.execute(
                "UPDATE profiles SET is_default = 0 WHERE is_default = 1",
                [],
            )?;
            tx.execute("UPDATE profiles SET is_default = 1 WHERE name = ?1", [name])?;
        }
        tx.commit()?;
        Ok(exists)
    }

    /// The profiles that assume a role from `name`, by name.
    pub fn profiles_sourced_from(&self, name: &str) -> Result<Vec<String>, StoreError> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare("SELECT name FROM profiles WHERE source_profile = ?1 ORDER BY name")?;
        let names = stmt.query_map([name], |row| row.get(0))?;
        Ok(names.collect::<Result<_, _>>()?)
    }
}

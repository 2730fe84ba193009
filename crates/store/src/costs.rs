//! The monthly cost estimate recorded with each environment (see migration 0005): the list
//! reads it instead of planning every environment again.

use std::collections::HashMap;

use rusqlite::params;

use crate::{Store, StoreError};

impl Store {
    pub fn set_environment_monthly_cost(&self, id: i64, monthly: f64) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE environments SET monthly_cost = ?2 WHERE id = ?1",
            params![id, monthly],
        )?;
        Ok(())
    }

    /// One environment's recorded monthly cost; `None` when it was created before costs were
    /// recorded.
    pub fn environment_monthly_cost(&self, id: i64) -> Result<Option<f64>, StoreError> {
        Ok(self.conn().query_row(
            "SELECT monthly_cost FROM environments WHERE id = ?1",
            params![id],
            |row| row.get(0),
        )?)
    }

    /// Every environment's recorded monthly cost, by environment id; one created before costs
    /// were recorded is absent.
    pub fn environment_monthly_costs(&self) -> Result<HashMap<i64, f64>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare("SELECT id, monthly_cost FROM environments WHERE monthly_cost IS NOT NULL")?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use crate::{NewEnvironment, Store};

    #[test]
    fn a_recorded_cost_is_listed_and_an_unrecorded_one_is_absent() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open_in(dir.path()).expect("store");
        let new = |name| NewEnvironment {
            name,
            blueprint: "single-host-dev",
            blueprint_source: "",
            parameters: "{}",
            profile: "",
            region: "us-east-1",
            on_failure: crate::OnFailure::Keep,
            expires_at: None,
        };
        let costed = store.create_environment(&new("costed")).expect("env");
        let old = store.create_environment(&new("old")).expect("env");
        store
            .set_environment_monthly_cost(costed.id, 42.5)
            .expect("cost");
        let costs = store.environment_monthly_costs().expect("costs");
        assert_eq!(costs.get(&costed.id), Some(&42.5));
        assert_eq!(costs.get(&old.id), None);
        assert_eq!(
            store.environment_monthly_cost(costed.id).expect("one"),
            Some(42.5)
        );
        assert_eq!(store.environment_monthly_cost(old.id).expect("one"), None);
    }
}

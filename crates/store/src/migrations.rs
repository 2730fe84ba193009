use std::sync::LazyLock;

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use crate::StoreError;

/// Numbered, append-only: a released migration is never edited, a change is a new file.
static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(include_str!("../migrations/0001_initial.sql")),
        M::up(include_str!("../migrations/0002_environment_settings.sql")),
        M::up(include_str!("../migrations/0003_users_import_counts.sql")),
        // Rebuilds environments, which every other table references: checked before commit.
        M::up(include_str!("../migrations/0004_lifecycle_checks.sql")).foreign_key_check(),
        M::up(include_str!("../migrations/0005_environment_cost.sql")),
        M::up(include_str!("../migrations/0006_resource_attrs.sql")),
        M::up(include_str!("../migrations/0007_resource_generation.sql")),
        M::up(include_str!("../migrations/0008_environment_identity.sql")),
        // Rebuilds resources (a child table only): checked before commit all the same.
        M::up(include_str!("../migrations/0009_retained.sql")).foreign_key_check(),
        M::up(include_str!("../migrations/0010_expiry.sql")),
        M::up(include_str!("../migrations/0011_resource_spans.sql")),
        M::up(include_str!("../migrations/0012_profile_lifetime.sql")),
        // Rebuilds environments, resources and jobs for pause and wake's values.
        M::up(include_str!("../migrations/0013_pause_wake.sql")).foreign_key_check(),
        M::up(include_str!("../migrations/0014_office_hours.sql")),
        M::up(include_str!("../migrations/0015_resource_drift.sql")),
        M::up(include_str!("../migrations/0016_team_state.sql")),
        M::up(include_str!("../migrations/0017_teardown_only.sql")),
    ])
});

pub const LATEST_VERSION: usize = 17;

/// Migrates with foreign keys off and turns them on after: a table rebuild (0004) drops and
/// recreates a parent table, which with them on would cascade into its children. A pragma
/// inside a migration's transaction is a no-op, so it is set here, around it.
pub(crate) fn migrate_to_latest(conn: &mut Connection) -> Result<(), StoreError> {
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    MIGRATIONS.to_latest(conn)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// Brings a database to one given version; for tests that need an old schema to migrate from.
pub fn migrate_to(conn: &mut Connection, version: usize) -> Result<(), StoreError> {
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    MIGRATIONS.to_version(conn, version)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_latest_is_counted() {
        MIGRATIONS.validate().expect("every migration applies");
        let mut conn = Connection::open_in_memory().expect("memory db");
        migrate_to_latest(&mut conn).expect("migrate");
        let version: usize = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .expect("user_version");
        assert_eq!(version, LATEST_VERSION);
    }
}

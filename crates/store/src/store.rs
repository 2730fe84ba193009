use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::Connection;

use crate::{StoreError, migrations};

pub const DB_FILE_NAME: &str = "hangar.sqlite3";

/// The history database. One connection behind a mutex: writes are small and SQLite serialises
/// them anyway; WAL lets another process (the CLI beside the app) read meanwhile.
#[derive(Debug)]
pub struct Store {
    conn: Mutex<Connection>,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) `hangar.sqlite3` in `data_dir` and migrates it.
    pub fn open_in(data_dir: &Path) -> Result<Self, StoreError> {
        Self::open(&data_dir.join(DB_FILE_NAME))
    }

    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let open_err = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        let mode_err = |source| StoreError::Private {
            path: path.to_path_buf(),
            source,
        };
        // Created 0600 before SQLite opens it; SQLite gives -wal and -shm the same mode, and
        // they are set again below once they exist.
        create_private(path).map_err(mode_err)?;
        let mut conn = Connection::open(path).map_err(open_err)?;
        // A second writer (the CLI while the app runs) waits instead of failing at once.
        conn.busy_timeout(Duration::from_secs(10))
            .map_err(open_err)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(open_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_err)?;
        // Turns foreign keys on once the schema is up to date.
        migrations::migrate_to_latest(&mut conn)?;
        for suffix in ["", "-wal", "-shm"] {
            let mut file = path.as_os_str().to_owned();
            file.push(suffix);
            let file = std::path::PathBuf::from(file);
            if file.exists() {
                crate::data_dir::private(&file, 0o600).map_err(mode_err)?;
            }
        }
        Ok(Self {
            conn: Mutex::new(conn),
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (every write is a statement
        // or a transaction), so a poisoned lock is still safe to use.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The schema version, `user_version` in SQLite.
    pub fn schema_version(&self) -> Result<usize, StoreError> {
        Ok(self
            .conn()
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }
}

#[cfg(unix)]
fn create_private(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)
        .map(drop)
}

#[cfg(not(unix))]
fn create_private(_: &Path) -> std::io::Result<()> {
    Ok(())
}

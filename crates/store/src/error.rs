use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the data directory {path}: {source}")]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot make {path} private to its user: {source}")]
    Private {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no data directory for this platform: pass --data-dir or set HANGAR_DATA_DIR")]
    NoHome,
    #[error("cannot open the history database {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("cannot bring the history database up to date: {0}")]
    Migrate(#[from] rusqlite_migration::Error),
    #[error("history database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("{0}")]
    Invalid(String),
}

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::EngineError;

/// An exclusive lock on one environment, held by the process running a job on it. The OS
/// releases it when that process dies however it dies, so a `running` job whose lock is free
/// was interrupted; and two processes (the app and the CLI) never run jobs on one environment
/// at once.
#[derive(Debug)]
pub struct EnvLock {
    _file: File,
}

impl EnvLock {
    /// `Ok(None)` when another process holds it.
    pub fn try_acquire(locks_dir: &Path, environment_id: i64) -> Result<Option<Self>, EngineError> {
        let path = lock_path(locks_dir, environment_id);
        let lock_err = |source| EngineError::Lock {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(locks_dir).map_err(lock_err)?;
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(lock_err)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(Self { _file: file })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(source)) => Err(lock_err(source)),
        }
    }
}

fn lock_path(locks_dir: &Path, environment_id: i64) -> PathBuf {
    locks_dir.join(format!("environment-{environment_id}.lock"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_holder_at_a_time_and_free_again_when_dropped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = EnvLock::try_acquire(dir.path(), 1)
            .expect("io")
            .expect("free");
        assert!(EnvLock::try_acquire(dir.path(), 1).expect("io").is_none());
        assert!(EnvLock::try_acquire(dir.path(), 2).expect("io").is_some());
        drop(first);
        assert!(EnvLock::try_acquire(dir.path(), 1).expect("io").is_some());
    }
}

use std::path::PathBuf;

use crate::StoreError;

pub const DATA_DIR_ENV: &str = "HANGAR_DATA_DIR";

/// Where the history lives: the `--data-dir` flag, else `HANGAR_DATA_DIR`, else the platform's
/// data directory (`~/.local/share/hangar` on Linux). The directory is created if missing.
pub fn resolve_data_dir(flag: Option<PathBuf>) -> Result<PathBuf, StoreError> {
    let dir = match flag.or_else(|| std::env::var_os(DATA_DIR_ENV).map(PathBuf::from)) {
        Some(dir) => dir,
        None => directories::ProjectDirs::from("dev", "hangar", "hangar")
            .map(|dirs| dirs.data_dir().to_path_buf())
            .ok_or(StoreError::NoHome)?,
    };
    std::fs::create_dir_all(&dir)
        .and_then(|()| private(&dir, 0o700))
        .map_err(|source| StoreError::DataDir {
            path: dir.clone(),
            source,
        })?;
    Ok(dir)
}

/// Sets `mode` on `path`: the history names accounts, hosts and users, and the umask of
/// whoever started the app is not a promise.
#[cfg(unix)]
pub(crate) fn private(path: &std::path::Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
pub(crate) fn private(_: &std::path::Path, _: u32) -> std::io::Result<()> {
    Ok(())
}

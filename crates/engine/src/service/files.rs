//! The files a window may read or write: only the ones the person picked in a dialog that Rust
//! opened, or dropped on the window (the OS event, received in Rust). The shell records each in
//! [`FileGrants`]; the import and export check it. Reads take only regular files and stop at a
//! cap before anything is decoded, so a FIFO, a device or a huge file ends at once.

use std::collections::BTreeSet;
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use hangar_core::users::MAX_FILE_BYTES;

/// Why a file was not read or written; each message names the file and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileAccessError {
    /// The window named a file the person did not pick or drop.
    #[error("{0} was not picked in Hangar's file dialog or dropped on its window; choose it again")]
    NotGranted(String),
    #[error("{path} is {what}, not a regular file")]
    NotRegular { path: String, what: &'static str },
    #[error("{path} is {size} bytes; a users file may be at most {cap} bytes")]
    TooLarge { path: String, size: u64, cap: u64 },
    #[error("cannot read {path}: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("cannot write {path}: {reason}")]
    Unwritable { path: String, reason: String },
}

/// What the person granted in this session. Paths are compared as given by the dialog or the
/// drop (absolute); nothing else is ever readable or writable through the window.
#[derive(Debug, Default)]
pub struct FileGrants {
    read: Mutex<BTreeSet<PathBuf>>,
    write: Mutex<BTreeSet<PathBuf>>,
}

impl FileGrants {
    pub fn grant_read(&self, path: impl Into<PathBuf>) {
        lock(&self.read).insert(path.into());
    }

    pub fn grant_write(&self, path: impl Into<PathBuf>) {
        lock(&self.write).insert(path.into());
    }

    pub fn check_read(&self, path: &Path) -> Result<(), FileAccessError> {
        check(&self.read, path)
    }

    pub fn check_write(&self, path: &Path) -> Result<(), FileAccessError> {
        check(&self.write, path)
    }
}

fn lock(set: &Mutex<BTreeSet<PathBuf>>) -> std::sync::MutexGuard<'_, BTreeSet<PathBuf>> {
    set.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn check(set: &Mutex<BTreeSet<PathBuf>>, path: &Path) -> Result<(), FileAccessError> {
    if lock(set).contains(path) {
        Ok(())
    } else {
        Err(FileAccessError::NotGranted(path.display().to_string()))
    }
}

#[cfg(not(unix))]
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    if meta.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

#[cfg(unix)]
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a named pipe"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

fn regular(path: &Path, meta: &std::fs::Metadata) -> Result<(), FileAccessError> {
    if meta.is_file() {
        Ok(())
    } else {
        Err(FileAccessError::NotRegular {
            path: path.display().to_string(),
            what: kind_of(meta),
        })
    }
}

/// A users file's bytes: a regular file of at most [`MAX_FILE_BYTES`], read through `take` so a
/// file that grows while it is read still stops at the cap.
pub fn read_users_file(path: &Path) -> Result<Vec<u8>, FileAccessError> {
    read_capped(path, MAX_FILE_BYTES as u64)
}

pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, FileAccessError> {
    let unreadable = |e: std::io::Error| FileAccessError::Unreadable {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    // Checked before opening: opening a FIFO for reading waits for a writer.
    regular(path, &std::fs::metadata(path).map_err(unreadable)?)?;
    // Non-blocking, in case the path became a FIFO since; checked again on what was opened.
    let file = open_nonblocking(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    regular(path, &meta)?;
    let too_large = |size: u64| FileAccessError::TooLarge {
        path: path.display().to_string(),
        size,
        cap,
    };
    if meta.len() > cap {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::new();
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > cap {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    nonblocking(&mut options);
    options.open(path)
}

#[cfg(unix)]
fn nonblocking(options: &mut OpenOptions) {
    use std::os::unix::fs::OpenOptionsExt;
    options.custom_flags(libc::O_NONBLOCK);
}

#[cfg(not(unix))]
fn nonblocking(_: &mut OpenOptions) {}

/// Writes `bytes` to `path`: a new file, or an existing regular file replaced. A directory,
/// FIFO or device at the path is refused before it is opened.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), FileAccessError> {
    let unwritable = |e: std::io::Error| FileAccessError::Unwritable {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    match std::fs::metadata(path) {
        Ok(meta) => regular(path, &meta)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(unwritable(e)),
    }
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    nonblocking(&mut options);
    let mut file = options.open(path).map_err(unwritable)?;
    regular(path, &file.metadata().map_err(unwritable)?)?;
    file.write_all(bytes).map_err(unwritable)
}

//! Files reach the users import and export only when granted, and only regular files within
//! the cap: a FIFO, /dev/zero, a directory or a 10 GB file each end at once with a clear error.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use hangar_engine::service::{
    FileAccessError, FileGrants, read_capped, read_users_file, write_file,
};

/// Runs `f` on a thread and fails when it takes longer than a second: a read that waits on a
/// FIFO's writer or drains /dev/zero would otherwise hang the test run, not fail it.
fn within_a_second<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(1))
        .expect("the call did not end within a second")
}

fn read(path: PathBuf) -> Result<Vec<u8>, FileAccessError> {
    within_a_second(move || read_users_file(&path))
}

fn mkfifo(dir: &Path) -> PathBuf {
    let fifo = dir.join("pipe.csv");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(status.success());
    fifo
}

#[test]
fn a_regular_file_within_the_cap_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("team.csv");
    std::fs::write(&file, "username,email,role\n").expect("write");
    assert_eq!(read(file).expect("read"), b"username,email,role\n");
}

#[test]
fn a_fifo_a_device_and_a_directory_are_refused_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = mkfifo(dir.path());
    for (path, what) in [
        (fifo, "a named pipe"),
        (PathBuf::from("/dev/zero"), "a device"),
        (dir.path().to_path_buf(), "a directory"),
    ] {
        let err = read(path.clone()).expect_err("refused");
        assert_eq!(
            err,
            FileAccessError::NotRegular {
                path: path.display().to_string(),
                what
            }
        );
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }
}

#[test]
fn a_huge_file_is_refused_naming_the_cap() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("huge.csv");
    // Sparse: 10 GB long, nothing on disk.
    std::fs::File::create(&file)
        .and_then(|f| f.set_len(10 * 1024 * 1024 * 1024))
        .expect("sparse file");
    let err = read(file).expect_err("too large");
    assert!(
        matches!(err, FileAccessError::TooLarge { cap, .. } if cap == hangar_core::users::MAX_FILE_BYTES as u64),
        "{err}"
    );
    assert!(err.to_string().contains("at most 33554432 bytes"), "{err}");
}

#[test]
fn reads_stop_at_the_cap() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("eleven.csv");
    std::fs::write(&file, "01234567890").expect("write");
    let err = read_capped(&file, 10).expect_err("over the cap");
    assert!(
        matches!(err, FileAccessError::TooLarge { cap: 10, .. }),
        "{err}"
    );
    assert_eq!(read_capped(&file, 11).expect("at the cap").len(), 11);
}

#[test]
fn only_granted_paths_pass_and_reads_and_writes_are_apart() {
    let grants = FileGrants::default();
    let picked = Path::new("/home/ann/team.csv");
    let err = grants.check_read(picked).expect_err("not granted");
    assert!(
        err.to_string()
            .contains("was not picked in Hangar's file dialog"),
        "{err}"
    );
    grants.grant_read(picked);
    assert_eq!(grants.check_read(picked), Ok(()));
    assert!(
        grants.check_write(picked).is_err(),
        "a read grant is no write grant"
    );
    assert!(grants.check_read(Path::new("/etc/passwd")).is_err());
    grants.grant_write("/home/ann/out.csv");
    assert_eq!(grants.check_write(Path::new("/home/ann/out.csv")), Ok(()));
}

#[test]
fn writes_replace_a_regular_file_and_refuse_a_fifo_or_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out.csv");
    write_file(&out, b"one").expect("new file");
    write_file(&out, b"two").expect("replaced");
    assert_eq!(std::fs::read(&out).expect("read"), b"two");
    let fifo = mkfifo(dir.path());
    let d = dir.path().to_path_buf();
    for path in [fifo, d] {
        let p = path.clone();
        let err = within_a_second(move || write_file(&p, b"x")).expect_err("refused");
        assert!(matches!(err, FileAccessError::NotRegular { .. }), "{err}");
    }
}

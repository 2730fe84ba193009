//! moto's own image catalogue has Amazon Linux but no Ubuntu, and the blueprints name both; this
//! file (passed as `MOTO_AMIS_PATH`) replaces it with the images the blueprints look for, under
//! their real names and owners, so DescribeImages resolves them as it would on AWS. It is
//! written where only this user can write (the app's data directory, or a fresh private
//! directory), never at a predictable name in the shared temporary directory, where another
//! user could plant a catalogue first.

use std::io::Write;
use std::path::{Path, PathBuf};

const IMAGES: &str = include_str!("../images.json");

/// The catalogue in `dir`, written with `create_new`; one already there is used only when it
/// holds exactly this catalogue.
pub(crate) fn write_in(dir: &Path) -> std::io::Result<PathBuf> {
    // Named by its content (FNV-1a: no hashing crate for a file name), so a changed catalogue
    // gets a new file and processes sharing the directory share the file.
    let hash = IMAGES.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let path = dir.join(format!("sandbox-images-{hash:016x}.json"));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(mut file) => {
            file.write_all(IMAGES.as_bytes())?;
            Ok(path)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let meta = std::fs::symlink_metadata(&path)?;
            if meta.is_file() && std::fs::read(&path)? == IMAGES.as_bytes() {
                Ok(path)
            } else {
                Err(std::io::Error::other(format!(
                    "{} is not Hangar's image catalogue; remove it",
                    path.display()
                )))
            }
        }
        Err(e) => Err(e),
    }
}

/// A new directory only this user can enter, for a server started outside the app (tests).
pub(crate) fn scratch_dir() -> std::io::Result<PathBuf> {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    loop {
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("hangar-sandbox-{}-{n}", std::process::id()));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        match builder.create(&dir) {
            Ok(()) => return Ok(dir),
            // Taken (by an earlier process with this pid, or planted): the next name.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// The environment moto starts with: none of the user's (no `AWS_*` credentials, profiles or
/// endpoints reach the emulator), only what a Python process needs to run.
pub(crate) fn server_env(
    parent: impl Iterator<Item = (std::ffi::OsString, std::ffi::OsString)>,
) -> Vec<(std::ffi::OsString, std::ffi::OsString)> {
    const KEPT: &[&str] = &["PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT"];
    parent
        .filter(|(k, _)| KEPT.iter().any(|kept| k == kept))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_is_made_new_and_a_planted_one_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = write_in(dir.path()).expect("written");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), IMAGES);
        assert_eq!(write_in(dir.path()).expect("reused"), path);
        std::fs::write(&path, "[]").expect("planted");
        let err = write_in(dir.path()).expect_err("planted catalogue");
        assert!(
            err.to_string().contains("is not Hangar's image catalogue"),
            "{err}"
        );
    }

    #[test]
    fn no_aws_variable_reaches_the_server() {
        let parent = [
            ("PATH", "/usr/bin"),
            ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"),
            ("AWS_SECRET_ACCESS_KEY", "secret"),
            ("AWS_PROFILE", "prod"),
            ("AWS_ENDPOINT_URL", "https://evil.example"),
            ("HOME", "/home/ann"),
            ("SOMETHING_ELSE", "x"),
        ]
        .map(|(k, v)| (k.into(), v.into()));
        let kept: Vec<String> = server_env(parent.into_iter())
            .into_iter()
            .map(|(k, _)| k.to_string_lossy().into_owned())
            .collect();
        assert_eq!(kept, ["PATH", "HOME"]);
    }
}

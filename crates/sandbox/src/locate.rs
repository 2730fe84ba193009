use std::path::{Path, PathBuf};

/// Names the `moto_server` executable explicitly (the Makefile sets it to the repo's virtualenv).
pub const MOTO_SERVER_ENV: &str = "HANGAR_MOTO_SERVER";

/// Finds `moto_server`: the environment variable, else beside the installed app (the Linux
/// package's postinst builds it in `/usr/lib/hangar/emulator`, next to `/usr/bin`). Never a
/// `.venv` found by walking up from the current directory, nor `PATH`: the app would run, with
/// the Sandbox's traffic, whatever a directory it was started from holds.
pub fn find_moto_server() -> Option<PathBuf> {
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf));
    locate(
        std::env::var_os(MOTO_SERVER_ENV).map(PathBuf::from),
        exe_dir.as_deref(),
    )
}

/// `explicit` when set (and only it), else `moto_server` or `moto/bin/moto_server` in `exe_dir`,
/// or the package's virtualenv in `exe_dir/../lib/hangar/emulator`.
pub(crate) fn locate(explicit: Option<PathBuf>, exe_dir: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = explicit {
        return path.is_file().then_some(path);
    }
    let dir = exe_dir?;
    [
        dir.join("moto_server"),
        dir.join("moto/bin/moto_server"),
        dir.join("../lib/hangar/emulator/bin/moto_server"),
    ]
    .into_iter()
    .find(|candidate| candidate.is_file())
}

/// The interpreter of a Python entry-point script (its `#!` line), so the server can be started
/// through our watchdog instead of directly.
pub(crate) fn python_of(script: &Path) -> Option<PathBuf> {
    let text = std::fs::read(script).ok()?;
    let first = text.split(|b| *b == b'\n').next()?;
    let shebang = std::str::from_utf8(first).ok()?.strip_prefix("#!")?;
    let interpreter = PathBuf::from(shebang.split_whitespace().next()?);
    let is_python = interpreter
        .file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with("python"));
    (is_python && interpreter.is_file()).then_some(interpreter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_variable_or_beside_the_app() {
        let root = tempfile::tempdir().expect("tempdir");
        let app = root.path().join("app");
        let cwd_venv = root.path().join(".venv/bin");
        std::fs::create_dir_all(&app).expect("app dir");
        std::fs::create_dir_all(&cwd_venv).expect("venv");
        std::fs::write(cwd_venv.join("moto_server"), "").expect("planted");
        // A .venv in a parent of the app's directory is not looked at.
        assert_eq!(locate(None, Some(&app)), None);
        let beside = app.join("moto/bin");
        std::fs::create_dir_all(&beside).expect("beside");
        std::fs::write(beside.join("moto_server"), "").expect("bundled");
        assert_eq!(locate(None, Some(&app)), Some(beside.join("moto_server")));
        let explicit = root.path().join("explicit");
        std::fs::write(&explicit, "").expect("explicit");
        assert_eq!(locate(Some(explicit.clone()), Some(&app)), Some(explicit));

        // The Linux package: the app in /usr/bin, the emulator's virtualenv in /usr/lib/hangar.
        let usr_bin = root.path().join("usr/bin");
        let packaged = root.path().join("usr/lib/hangar/emulator/bin");
        std::fs::create_dir_all(&usr_bin).expect("usr/bin");
        std::fs::create_dir_all(&packaged).expect("packaged");
        assert_eq!(locate(None, Some(&usr_bin)), None);
        std::fs::write(packaged.join("moto_server"), "").expect("packaged moto");
        assert_eq!(
            locate(None, Some(&usr_bin)),
            Some(usr_bin.join("../lib/hangar/emulator/bin/moto_server"))
        );
        assert_eq!(locate(Some(root.path().join("missing")), Some(&app)), None);
    }
}

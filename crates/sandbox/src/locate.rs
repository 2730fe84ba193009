use std::path::{Path, PathBuf};

/// Names the `moto_server` executable explicitly (the Makefile sets it to the repo's virtualenv).
pub const MOTO_SERVER_ENV: &str = "HANGAR_MOTO_SERVER";

/// Finds `moto_server`: the environment variable first, then a `.venv/bin` in this directory or
/// any parent (so `cargo test` from anywhere in the repo works), then `PATH`.
pub fn find_moto_server() -> Option<PathBuf> {
    if let Some(explicit) = std::env::var_os(MOTO_SERVER_ENV) {
        let path = PathBuf::from(explicit);
        return path.is_file().then_some(path);
    }
    let starts = [
        std::env::current_dir().ok(),
        std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(Path::to_path_buf)),
    ];
    for start in starts.into_iter().flatten() {
        for dir in start.ancestors() {
            let candidate = dir.join(".venv/bin/moto_server");
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("moto_server"))
            .find(|candidate| candidate.is_file())
    })
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

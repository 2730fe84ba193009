//! The crates whose tests link the AWS SDK build one test binary each (`autotests = false`, a
//! `tests/main.rs` naming every file as a module): one binary per file cost gigabytes of disk and
//! minutes of linking. The price is that Cargo no longer finds a new test file on its own, so
//! this check fails when a file is left out instead of letting it never run.

use std::path::Path;

pub fn assert_every_file_is_a_module(tests_dir: &str, main_rs: &str) {
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(tests_dir).expect("read the tests directory") {
        let path = entry.expect("read a tests directory entry").path();
        let Some(stem) = rust_file_stem(&path) else {
            continue;
        };
        if stem != "main" && !main_rs.lines().any(|l| l.trim() == format!("mod {stem};")) {
            missing.push(stem);
        }
    }
    missing.sort();
    assert!(
        missing.is_empty(),
        "{tests_dir}/main.rs does not declare {missing:?}: add `mod NAME;` for each, or they never run"
    );
}

fn rust_file_stem(path: &Path) -> Option<String> {
    (path.extension()? == "rs").then(|| path.file_stem()?.to_str().map(str::to_owned))?
}

//! Fails when `ui/src/lib/bindings.ts` no longer matches the Rust types. Run `make bindings`
//! (which sets `HANGAR_WRITE_BINDINGS=1`) to regenerate it.

use std::path::PathBuf;

#[test]
fn typescript_bindings_are_fresh() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings.ts");
    let expected = hangar_ipc::typescript_bindings();
    if std::env::var_os("HANGAR_WRITE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().expect("bindings path has a parent"))
            .expect("create ui/src/lib");
        std::fs::write(&path, &expected).expect("write bindings");
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{} is stale: run `make bindings` and commit the result",
        path.display()
    );
}

//! Fails when `ui/src/lib/commands.ts` no longer matches the commands (a name, an argument or a
//! return type changed). Run `make bindings` (which sets `HANGAR_WRITE_BINDINGS=1`) to
//! regenerate it.

use std::path::PathBuf;

#[test]
fn typescript_commands_are_fresh() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/commands.ts");
    let expected = hangar_ipc::typescript_commands(&hangar_app::command_signatures());
    if std::env::var_os("HANGAR_WRITE_BINDINGS").is_some() {
        std::fs::write(&path, &expected).expect("write commands.ts");
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{} is stale: run `make bindings` and commit the result",
        path.display()
    );
}

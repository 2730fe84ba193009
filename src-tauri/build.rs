// The command list names each command by `module::command`; the manifest wants its name.
macro_rules! commands {
    ($($module:ident :: $command:ident),* $(,)?) => {
        const COMMANDS: &[&str] = &[$(stringify!($command)),*];
    };
}

include!("src/commands/names.rs");

fn main() {
    println!("cargo:rerun-if-changed=src/commands/names.rs");
    // An app manifest makes Tauri check every app command against the capabilities; without
    // one, every command in the handler is callable from any script in the page.
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .unwrap_or_else(|err| panic!("tauri-build: {err:#}"));
}

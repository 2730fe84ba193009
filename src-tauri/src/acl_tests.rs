//! The window's IPC surface as Tauri enforces it: the access list that `generate_context!`
//! embeds (built from build.rs's app manifest and capabilities/*.json) asked the same question
//! the webview asks before it runs a command.

use tauri::ipc::{Origin, RuntimeAuthority};

use crate::commands::COMMANDS;

fn allowed(authority: &RuntimeAuthority, command: &str, window: &str, origin: &Origin) -> bool {
    authority
        .resolve_access(command, window, window, origin)
        .is_some()
}

fn remote() -> Origin {
    Origin::Remote {
        url: "https://example.com/".parse().expect("a URL"),
    }
}

#[test]
fn every_command_is_granted_to_the_main_window_only() {
    let mut context: tauri::Context<tauri::Wry> = tauri::generate_context!();
    let authority = context.runtime_authority_mut();
    for command in COMMANDS {
        assert!(
            allowed(authority, command, "main", &Origin::Local),
            "{command} is not granted to the main window"
        );
        assert!(
            !allowed(authority, command, "other", &Origin::Local),
            "{command} is granted to a window that is not main"
        );
        assert!(
            !allowed(authority, command, "main", &remote()),
            "{command} is granted to remote content"
        );
    }
}

#[test]
fn a_command_not_granted_is_refused() {
    let mut context: tauri::Context<tauri::Wry> = tauri::generate_context!();
    let authority = context.runtime_authority_mut();
    for command in [
        "read_any_file",
        "plugin:notification|notify",
        // Dialogs are opened by Hangar's commands, which grant what was picked; a dialog the
        // page opened itself would hand it paths Rust never granted.
        "plugin:dialog|open",
        "plugin:dialog|save",
        "plugin:fs|read_file",
        "plugin:shell|execute",
    ] {
        assert!(
            !allowed(authority, command, "main", &Origin::Local),
            "{command} is callable from the main window"
        );
    }
}

/// Without an app manifest Tauri skips the check for app commands altogether (every command in
/// the handler is callable), so the build must have made one, with a permission per command.
#[test]
fn the_build_declares_an_app_manifest_with_every_command() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/gen/schemas/acl-manifests.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let manifests: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let app = &manifests["__app-acl__"]["permissions"];
    assert!(app.is_object(), "no app manifest in {path}");
    for command in COMMANDS {
        let permission = format!("allow-{}", command.replace('_', "-"));
        assert_eq!(
            app[&permission]["commands"]["allow"][0], *command,
            "{permission} in {path}"
        );
    }
}

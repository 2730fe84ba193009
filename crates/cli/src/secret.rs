//! `hangar secret ENV`, and the one showing after the `up` that generated the password. It goes
//! to stdout only (progress is on stderr), so `hangar secret dev | wl-copy` copies it.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use hangar_engine::{Engine, Service};
use hangar_keychain::Keychain;
use hangar_store::Store;

pub fn show(store: Store, data_dir: &Path, env: &str, json: bool) -> Result<(), String> {
    let service = Service::new(Engine::new(Arc::new(store), data_dir), Keychain::os());
    let password = service
        .environment_password(env)
        .map_err(|e| e.to_string())?;
    let line = if json {
        serde_json::json!({ "env": env, "password": password.expose() }).to_string()
    } else {
        password.expose().to_string()
    };
    writeln!(std::io::stdout(), "{line}").map_err(|e| e.to_string())
}

/// After the job that made it: the password, and how to see it again.
pub fn print_generated(service: &Service, env: &str, json: bool) -> Result<(), String> {
    let password = service
        .environment_password(env)
        .map_err(|e| e.to_string())?;
    if json {
        let line = serde_json::json!({ "type": "generatedPassword", "env": env, "password": password.expose() });
        writeln!(std::io::stdout(), "{line}").map_err(|e| e.to_string())
    } else {
        eprintln!(
            "hangar: {env}'s generated password, shown this once (`hangar secret {env}` shows it again):"
        );
        writeln!(std::io::stdout(), "{}", password.expose()).map_err(|e| e.to_string())
    }
}

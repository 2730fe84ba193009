//! The desktop shell. Everything here is wiring: commands are a few lines that call the layers
//! below and map their errors to `{ code, message }`.

#[cfg(test)]
mod acl_tests;
mod commands;
mod display;
mod launch;
mod office_hours;
mod reaper;
mod state;

use std::process::ExitCode;
use std::sync::{Arc, OnceLock};

use tauri::Manager;

/// What each command takes and returns in TypeScript: `ui/src/lib/commands.ts` is made of these.
pub fn command_signatures() -> Vec<hangar_ipc::CommandSignature> {
    commands::signatures()
}

pub fn run() -> ExitCode {
    // What the page's first paint is measured from (`first_paint`).
    let started = std::time::Instant::now();
    if let Err(hint) = display::check() {
        eprintln!("{hint}");
        return ExitCode::from(2);
    }
    let options = match launch::Options::from_args(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("hangar-app: {message}");
            return ExitCode::from(2);
        }
    };
    let handle = Arc::new(OnceLock::new());
    let state = match state::AppState::start(options, started, handle.clone()) {
        Ok(state) => state,
        Err(err) => {
            eprintln!("hangar-app: {err}");
            return ExitCode::FAILURE;
        }
    };

    let app = tauri::Builder::default()
        .manage(state)
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .invoke_handler(commands::handler())
        .setup(move |app| {
            let _ = handle.set(app.handle().clone());
            reaper::spawn(app.handle().clone());
            Ok(())
        })
        // A drop is granted here, from the OS event, before the page hears of it.
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(drop) = event {
                commands::grant_dropped(window.app_handle(), drop);
            }
        })
        .on_webview_event(|webview, event| {
            if let tauri::WebviewEvent::DragDrop(drop) = event {
                commands::grant_dropped(webview.app_handle(), drop);
            }
        })
        .build(tauri::generate_context!());
    match app {
        Ok(app) => {
            app.run(|handle, event| {
                if let tauri::RunEvent::Exit = event {
                    // Stops the Sandbox emulator with the app rather than at process teardown,
                    // where managed state is not reliably dropped.
                    handle.state::<state::AppState>().shutdown();
                }
            });
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("hangar-app: cannot start the window: {err}");
            ExitCode::FAILURE
        }
    }
}

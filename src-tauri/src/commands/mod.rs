//! One module per domain; each command calls the layer below and maps its error.

mod app;
mod error;
mod profiles;

pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![app::app_info, profiles::list_profiles]
}

//! One module per domain; each command calls the layer below and maps its error.

mod app;
mod blueprints;
mod consent;
mod environment_views;
mod environments;
mod error;
mod files;
mod jobs;
mod mfa;
mod office_hours;
mod profile_views;
mod profiles;
mod team;
mod users;

pub use environments::CHANGED;
pub use files::grant_dropped;
pub use mfa::broker as mfa_broker;

/// Expands the list in names.rs: the handler Tauri dispatches to, each command's TypeScript
/// signature (from `#[hangar_ipc_macros::command]`), and the names the ACL tests check.
macro_rules! commands {
    ($($module:ident :: $command:ident),* $(,)?) => {
        /// Every command in names.rs, for `Builder::invoke_handler`.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($module::$command),*]
        }

        /// What each command in names.rs takes and returns, for `ui/src/lib/commands.ts`.
        pub fn signatures() -> Vec<hangar_ipc::CommandSignature> {
            vec![$($module::$command::signature()),*]
        }

        /// The names in names.rs, as build.rs sees them.
        #[cfg(test)]
        pub const COMMANDS: &[&str] = &[$(stringify!($command)),*];
    };
}

include!("names.rs");

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
#[cfg(test)]
pub mod names;
mod profile_views;
mod profiles;
mod users;

pub use environments::CHANGED;
pub use files::grant_dropped;
pub use mfa::broker as mfa_broker;

pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app::app_info,
        profiles::list_profiles,
        profiles::get_profile,
        profiles::save_profile,
        profiles::delete_profile,
        profiles::set_default_profile,
        profiles::test_profile,
        profiles::list_aws_config_profiles,
        profiles::import_aws_profiles,
        blueprints::list_blueprints,
        blueprints::get_blueprint,
        blueprints::plan_blueprint,
        blueprints::save_user_blueprint,
        blueprints::delete_user_blueprint,
        users::check_users_file,
        users::import_users,
        users::list_users,
        users::export_users,
        users::users_targets,
        files::pick_users_file,
        files::pick_export_path,
        environments::list_environments,
        environments::get_environment,
        environments::create_environment,
        environments::extend_environment,
        environments::job_logs,
        environments::job_history,
        environments::interrupted_jobs,
        environments::environment_password,
        jobs::run_job,
        mfa::answer_mfa_prompt,
    ]
}

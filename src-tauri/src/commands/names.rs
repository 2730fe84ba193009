// Every command the window may call, once, by module and name. Both includers define their own
// `commands!`: build.rs makes an `allow-<command>` permission of each (with an app manifest, a
// command without a granted permission is refused; capabilities/main.json grants each one to
// the main window), and commands/mod.rs makes the invoke handler and the TypeScript signatures
// of ui/src/lib/commands.ts from the same list, so no command is registered without them.

commands! {
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
    office_hours::set_office_hours,
    team::account_environments,
    team::adopt_environment,
    team::set_team_mode,
    environments::job_logs,
    environments::job_log_tail,
    environments::job_history,
    environments::interrupted_jobs,
    environments::environment_password,
    jobs::run_job,
    mfa::answer_mfa_prompt,
}

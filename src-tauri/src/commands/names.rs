// Every command the window may call, by name: build.rs turns each into an `allow-<command>`
// permission (with an app manifest, a command without a granted permission is refused), and
// capabilities/main.json grants each one to the main window. Included by build.rs, so plain
// items only.

pub const COMMANDS: &[&str] = &[
    "app_info",
    "list_profiles",
    "get_profile",
    "save_profile",
    "delete_profile",
    "set_default_profile",
    "test_profile",
    "list_aws_config_profiles",
    "import_aws_profiles",
    "list_blueprints",
    "get_blueprint",
    "plan_blueprint",
    "save_user_blueprint",
    "delete_user_blueprint",
    "check_users_file",
    "import_users",
    "list_users",
    "export_users",
    "users_targets",
    "pick_users_file",
    "pick_export_path",
    "list_environments",
    "get_environment",
    "create_environment",
    "extend_environment",
    "job_logs",
    "job_history",
    "interrupted_jobs",
    "environment_password",
    "run_job",
    "answer_mfa_prompt",
];

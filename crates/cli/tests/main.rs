//! One test binary for the crate: each file beside this one is a module of it. Linked once,
//! the SDK costs one binary's disk and link time instead of one per file.

mod common;

mod accept_risk;
mod blueprints;
mod broken_pipe;
mod cli;
mod cost_so_far;
mod down_prod;
mod env_drift_settings;
mod env_refresh;
mod env_region;
mod generated_password;
mod kill_trials;
mod logs;
mod mfa_refresh;
mod office_hours;
mod pause_wake;
mod plan_hosts;
mod plan_offerings;
mod plan_warnings;
mod profile_lifetime;
mod profiles;
mod reap;
mod secret_in_use;
mod signed_calls;
mod team;
mod users_check;
mod users_env;
mod users_roles;

#[test]
fn every_file_beside_main_is_a_module() {
    hangar_testkit::test_binary::assert_every_file_is_a_module(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests"),
        include_str!("main.rs"),
    );
}

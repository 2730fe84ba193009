//! One test binary for the crate: each file beside this one is a module of it. Linked once,
//! the SDK costs one binary's disk and link time instead of one per file.

mod support;

mod client_tokens;
mod environment_profile;
mod faults;
mod five_blueprints;
mod generated_password;
mod name_clash;
mod on_failure;
mod outputs_parameter;
mod prod_teardown;
mod quotas;
mod refresh;
mod region_offerings;
mod risk_consent;
mod role_chaining;
mod session_expiry;
mod settings_reach_aws;
mod settings_read_back;
mod single_host;
mod starting_sandbox;
mod two_histories;
mod user_files;
mod users_user_data;

#[test]
fn every_file_beside_main_is_a_module() {
    hangar_testkit::test_binary::assert_every_file_is_a_module(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests"),
        include_str!("main.rs"),
    );
}

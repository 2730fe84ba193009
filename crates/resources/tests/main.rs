//! One test binary for the crate: each file beside this one is a module of it. Linked once,
//! the SDK costs one binary's disk and link time instead of one per file.

mod support;

mod alb_against_moto;
mod aws_rules;
mod bucket_names_against_moto;
mod ecs_against_moto;
mod elasticache_against_moto;
mod endpoints_logs_against_moto;
mod every_kind_against_moto;
mod group_references;
mod held_by_interfaces;
mod iam_against_moto;
mod image_parameters;
mod network_against_moto;
mod rds_against_moto;
mod s3_against_moto;
mod ssm_against_moto;

#[test]
fn every_file_beside_main_is_a_module() {
    hangar_testkit::test_binary::assert_every_file_is_a_module(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests"),
        include_str!("main.rs"),
    );
}

//! The base blueprint the bad-blueprint tests break, one edit at a time, and how they read the
//! errors. Each test file uses some of it.
#![allow(dead_code)]

use hangar_core::blueprint::Overrides;
use hangar_core::blueprint::parse_blueprint;
use hangar_core::error::ValidationErrors;
use hangar_core::plan::plan;

pub const BASE: &str = r#"
region = "us-east-1"

[blueprint]
name = "t"
title = "Test"

[network]
vpc_cidr = "10.0.0.0/16"
az_count = 2
nat = "single"

[[network.tiers]]
name = "public"
kind = "public"
subnets = [{ cidr = "10.0.1.0/24" }, { cidr = "10.0.2.0/24" }]

[[network.tiers]]
name = "private"
kind = "private"
subnets = [{ cidr = "10.0.10.0/24" }, { cidr = "10.0.11.0/24" }]

[[security_groups]]
name = "app"
description = "app"
ingress = [{ protocol = "tcp", port = 80, cidr = "0.0.0.0/0" }]

[[security_groups]]
name = "db"
description = "db"
ingress = [{ protocol = "tcp", port = 5432, group = "app" }]

[[instances]]
name = "web"
tier = "public"
instance_type = "t3.micro"
security_groups = ["app"]
ami = { parameter = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64", os = "amazon_linux_2023" }
root_volume = { size_gb = 20 }

[[databases]]
name = "db"
identifier = "test-db"
engine = "postgres"
engine_version = "16"
instance_class = "db.t3.micro"
allocated_storage_gb = 20
multi_az = false
backup_retention_days = 7
db_name = "app"
username = "app"
tier = "private"
subnet_group_name = "test-db-subnets"
security_groups = ["db"]
"#;

/// BASE with each `(from, to)` replaced once; panics if `from` is not there, so a test can't
/// silently stop testing anything.
pub fn with(edits: &[(&str, &str)]) -> String {
    let mut text = BASE.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "BASE has no {from:?}");
        text = text.replacen(from, to, 1);
    }
    text
}

pub fn errors(text: &str) -> ValidationErrors {
    errors_with(text, &Overrides::new())
}

fn errors_with(text: &str, overrides: &Overrides) -> ValidationErrors {
    let bp = match parse_blueprint(text) {
        Ok(bp) => bp,
        Err(e) => return e,
    };
    match plan(&bp, overrides) {
        Ok(_) => panic!("expected errors, the blueprint planned fine"),
        Err(e) => e,
    }
}

#[track_caller]
pub fn assert_error(errors: &ValidationErrors, path: &str, message: &str) {
    assert!(
        errors.contains(path, message),
        "expected `{path}: {message}` in:\n{errors}"
    );
}

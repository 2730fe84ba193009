//! Plan warnings: each guardrail fires on the setting it guards and names its path, the
//! built-ins in their defaults are quiet, and the IMDS hop limit is 2 only for Docker hosts.

mod bad_support;
mod common;

use bad_support::{BASE, with};
use common::{i, node, plan_of};
use hangar_core::blueprint::{Overrides, builtin_names, parse_blueprint};
use hangar_core::graph::Stage;
use hangar_core::plan::{Plan, plan};
use hangar_core::warnings::PlanWarningKind as K;
use hangar_core::warnings::{SAFE_MANAGED_POLICIES, needing_consent};

/// BASE plus a bucket, so every guarded kind is present.
const BUCKET: &str = r#"
[[buckets]]
name = "data"
bucket_name = "test-data-bucket"
"#;

fn plan_text(text: &str) -> Plan {
    let bp = parse_blueprint(text).unwrap_or_else(|e| panic!("{e}"));
    plan(&bp, &Overrides::new()).unwrap_or_else(|e| panic!("{e}"))
}

fn edited(edits: &[(&str, &str)]) -> Plan {
    plan_text(&format!("{}{BUCKET}", with(edits)))
}

/// (kind, logical, path) of every warning.
fn found(p: &Plan) -> Vec<(K, String, String)> {
    p.warnings
        .iter()
        .map(|w| (w.kind, w.logical.clone(), w.path.clone()))
        .collect()
}

fn one(kind: K, logical: &str, path: &str) -> Vec<(K, String, String)> {
    vec![(kind, logical.to_string(), path.to_string())]
}

#[test]
fn the_base_with_a_bucket_is_quiet() {
    assert_eq!(found(&edited(&[])), vec![]);
}

#[test]
fn ssh_open_to_everyone_names_the_rule() {
    // Index 1 in the blueprint: the rule before it (80) is fine and must not shift the path.
    let p = edited(&[(
        r#"{ protocol = "tcp", port = 80, cidr = "0.0.0.0/0" }"#,
        r#"{ protocol = "tcp", port = 80, cidr = "0.0.0.0/0" }, { protocol = "tcp", port = 22, cidr = "0.0.0.0/0" }"#,
    )]);
    assert_eq!(
        found(&p),
        one(
            K::OpenAdminPort,
            "security_group.app",
            "security_groups[0].ingress[1]"
        )
    );
    assert!(
        p.warnings[0].message.contains("22 (SSH)"),
        "{:?}",
        p.warnings
    );
}

#[test]
fn a_port_range_over_a_database_port_warns() {
    let p = edited(&[(
        r#"{ protocol = "tcp", port = 80, cidr = "0.0.0.0/0" }"#,
        r#"{ protocol = "tcp", from_port = 5000, to_port = 5500, cidr = "0.0.0.0/0" }"#,
    )]);
    assert_eq!(
        found(&p),
        one(
            K::OpenAdminPort,
            "security_group.app",
            "security_groups[0].ingress[0]"
        )
    );
    assert!(
        p.warnings[0]
            .message
            .contains("5432 (PostgreSQL), 5433 (PostgreSQL)"),
        "{:?}",
        p.warnings
    );
}

#[test]
fn imdsv1_warns() {
    let p = edited(&[(
        "root_volume = { size_gb = 20 }",
        "root_volume = { size_gb = 20 }\nimdsv2 = false",
    )]);
    assert_eq!(
        found(&p),
        one(K::ImdsV1Allowed, "instance.web", "instances[0].imdsv2")
    );
}

#[test]
fn an_unencrypted_root_volume_warns() {
    let p = edited(&[(
        "root_volume = { size_gb = 20 }",
        "root_volume = { size_gb = 20, encrypted = false }",
    )]);
    assert_eq!(
        found(&p),
        one(
            K::EbsUnencrypted,
            "instance.web",
            "instances[0].root_volume.encrypted"
        )
    );
}

#[test]
fn unencrypted_and_public_databases_warn() {
    let p = edited(&[(
        "db_name = \"app\"",
        "db_name = \"app\"\nstorage_encrypted = false\npublicly_accessible = true",
    )]);
    assert_eq!(
        found(&p),
        vec![
            (
                K::RdsUnencrypted,
                "rds_instance.db".to_string(),
                "databases[0].storage_encrypted".to_string()
            ),
            (
                K::RdsPublic,
                "rds_instance.db".to_string(),
                "databases[0].publicly_accessible".to_string()
            ),
        ]
    );
}

#[test]
fn a_bucket_without_its_public_access_block_warns() {
    let p = plan_text(&format!("{BASE}{BUCKET}block_public_access = false\n"));
    assert_eq!(
        found(&p),
        one(
            K::S3PublicAccessBlockOff,
            "s3_bucket.data",
            "buckets[0].block_public_access"
        )
    );
}

#[test]
fn the_builtins_in_their_defaults_are_quiet() {
    for name in builtin_names() {
        for env in ["dev", "prod"] {
            let p = plan_of(name, &[("environment", env)]);
            assert_eq!(found(&p), vec![], "{name} {env}");
        }
    }
}

#[test]
fn an_admin_cidr_of_everyone_is_caught_in_a_builtin() {
    let p = plan_of("docker-host", &[("admin_cidr", "0.0.0.0/0")]);
    assert_eq!(
        found(&p),
        one(
            K::OpenAdminPort,
            "security_group.host",
            "security_groups[0].ingress[0]"
        )
    );
}

#[test]
fn the_hop_limit_is_two_only_for_docker_hosts() {
    // BASE's instance has no user data: nothing on it is a hop further from IMDS.
    let p = edited(&[]);
    assert_eq!(
        i(node(&p, "instance.web"), "http_put_response_hop_limit"),
        1
    );
    let p = edited(&[(
        "root_volume = { size_gb = 20 }",
        "root_volume = { size_gb = 20 }\nuser_data = { docker = false }",
    )]);
    assert_eq!(
        i(node(&p, "instance.web"), "http_put_response_hop_limit"),
        1,
        "user data without Docker"
    );
    let p = edited(&[(
        "root_volume = { size_gb = 20 }",
        "root_volume = { size_gb = 20 }\nuser_data = { docker = true }",
    )]);
    assert_eq!(
        i(node(&p, "instance.web"), "http_put_response_hop_limit"),
        2,
        "containers on Docker's bridge"
    );
}

/// docker-host with its role's one managed policy replaced by `arn`.
fn docker_host_with_policy(arn: &str, env: &str) -> Plan {
    let text = hangar_core::blueprint::builtin_source("docker-host")
        .expect("built in")
        .replace("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", arn);
    let bp = parse_blueprint(&text).unwrap_or_else(|e| panic!("{e}"));
    plan(&bp, &Overrides::new().set("environment", env)).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn an_admin_or_unknown_managed_policy_warns_and_needs_consent_anywhere() {
    for arn in [
        "arn:aws:iam::aws:policy/AdministratorAccess",
        "arn:aws:iam::aws:policy/AmazonS3FullAccess",
        "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess",
    ] {
        let p = docker_host_with_policy(arn, "dev");
        assert_eq!(
            found(&p),
            one(
                K::BroadIamPolicy,
                "iam_role.host",
                "iam_roles[0].managed_policies[0]"
            ),
            "{arn}"
        );
        assert!(
            p.warnings[0].message.contains(arn),
            "{}",
            p.warnings[0].message
        );
        let needed = needing_consent(&p.warnings, p.stage);
        assert_eq!(
            needed.len(),
            1,
            "{arn}: a broad policy needs a yes even in dev"
        );
    }
}

#[test]
fn the_known_safe_policies_are_quiet() {
    for arn in SAFE_MANAGED_POLICIES {
        assert_eq!(found(&docker_host_with_policy(arn, "dev")), vec![], "{arn}");
    }
}

#[test]
fn in_prod_every_warning_needs_consent_elsewhere_none_but_iam() {
    let dev = plan_of("docker-host", &[("admin_cidr", "0.0.0.0/0")]);
    assert_eq!(dev.warnings.len(), 1);
    assert_eq!(needing_consent(&dev.warnings, dev.stage), vec![]);
    let prod = plan_of(
        "docker-host",
        &[("admin_cidr", "0.0.0.0/0"), ("environment", "prod")],
    );
    assert_eq!(prod.stage, Stage::Prod);
    assert_eq!(needing_consent(&prod.warnings, prod.stage), prod.warnings);
    for kind in <K as strum::VariantArray>::VARIANTS {
        assert!(kind.needs_consent(Stage::Prod), "{kind:?}");
    }
}

//! Prod, for every built-in: its databases are protected and keep a final snapshot, its
//! versioned buckets are kept at teardown, and the plan says it is prod; any other
//! environment keeps what the blueprint says.

mod common;

use common::*;
use hangar_core::blueprint::builtin_names;
use hangar_core::graph::{NodeSpec, Stage};

#[test]
fn every_built_in_protects_its_data_in_prod_and_only_there() {
    let mut databases = 0;
    for name in builtin_names() {
        let prod = plan_of(name, &[("environment", "prod")]);
        let dev = plan_of(name, &[]);
        assert_eq!(prod.stage, Stage::Prod, "{name}");
        assert_eq!(dev.stage, Stage::NonProd, "{name}");
        for (plan, is_prod) in [(&prod, true), (&dev, false)] {
            for node in &plan.graph.nodes {
                if let NodeSpec::RdsInstance(db) = &node.spec {
                    databases += usize::from(is_prod);
                    assert_eq!(db.deletion_protection, is_prod, "{name} {}", node.logical);
                    if is_prod {
                        assert!(db.final_snapshot, "{name} {}", node.logical);
                    }
                }
                if let NodeSpec::S3Bucket(bucket) = &node.spec {
                    assert_eq!(
                        bucket.retain,
                        is_prod && bucket.versioning,
                        "{name} {}",
                        node.logical
                    );
                }
            }
        }
    }
    assert_eq!(
        databases, 3,
        "app-and-database, multi-az-three-tier, web-and-postgres"
    );
}

#[test]
fn seed_003_requires_tls_and_sizes_prod_as_the_seed_says() {
    let prod = plan_of("app-and-database", &[("environment", "prod")]);
    let group = node(&prod, "db_parameter_group.postgres");
    let NodeSpec::DbParameterGroup(spec) = &group.spec else {
        panic!("not a parameter group");
    };
    assert_eq!(spec.family, "postgres14");
    assert_eq!(
        spec.parameters.get("rds.force_ssl").map(String::as_str),
        Some("1")
    );
    let db = node(&prod, "rds_instance.postgres");
    assert!(
        db.depends_on.iter().any(|d| d == &group.logical),
        "made first"
    );
    let NodeSpec::RdsInstance(rds) = &db.spec else {
        panic!("not a database");
    };
    assert_eq!(
        rds.db_parameter_group.as_deref(),
        Some(group.logical.as_str())
    );
    assert_eq!(s(node(&prod, "instance.app"), "instance_type"), "t3.medium");
}

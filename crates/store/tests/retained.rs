//! Migration 0009: a resource may be `retained`, and what teardowns kept is listed with its
//! size and monthly estimate, environment by environment.

use hangar_core::cost::RetainedKind;
use hangar_core::graph::ResourceKind;
use hangar_store::{
    DB_FILE_NAME, EnvironmentStatus, NewEnvironment, OnFailure, ResourceState, Store, migrate_to,
};
use rusqlite::Connection;

#[test]
fn a_v7_journal_keeps_its_rows_and_learns_the_retained_state() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(DB_FILE_NAME);
    {
        let mut old = Connection::open(&path).expect("create v7 file");
        migrate_to(&mut old, 7).expect("schema v7");
        old.execute_batch(
            "INSERT INTO environments (id, name, blueprint, blueprint_source, profile, region, status, on_failure)
               VALUES (1, 'shop', 'app-and-database', '[bp]', 'Sandbox', 'us-east-1', 'ready', 'keep');
             INSERT INTO resources (environment_id, logical_name, kind, aws_id, state, attrs, generation)
               VALUES (1, 's3_bucket.artifacts', 's3_bucket', 'shop-artifacts', 'ready', '{\"arn\":\"arn:aws:s3:::shop-artifacts\"}', 2);",
        )
        .expect("v7 rows");
        let refused = old.execute(
            "UPDATE resources SET state = 'retained' WHERE logical_name = 's3_bucket.artifacts'",
            [],
        );
        assert!(refused.is_err(), "v7 knows no retained state");
    }
    let store = Store::open(&path).expect("open migrates");
    let rows = store.resources(1).expect("rows");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].aws_id.as_deref(), Some("shop-artifacts"));
    assert_eq!(rows[0].attrs.len(), 1);
    store
        .set_resource_state(1, "s3_bucket.artifacts", ResourceState::Retained)
        .expect("retained is a state now");
    assert_eq!(
        store.resources(1).expect("rows")[0].state,
        ResourceState::Retained
    );
    // The generation survived the rebuild: the next attempt's token is not the last one's.
    assert_eq!(
        store
            .record_intent(1, "s3_bucket.artifacts", ResourceKind::S3Bucket)
            .expect("intent"),
        2
    );
}

#[test]
fn what_a_teardown_kept_is_listed_with_its_cost() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join(DB_FILE_NAME)).expect("open");
    let env = store
        .create_environment(&NewEnvironment {
            name: "shop",
            blueprint: "app-and-database",
            blueprint_source: "[bp]",
            parameters: "{}",
            profile: "Sandbox",
            region: "us-east-1",
            on_failure: OnFailure::Keep,
            expires_at: None,
        })
        .expect("env");
    store
        .record_retained(
            env.id,
            RetainedKind::DbSnapshot,
            "shop-db-final-20250117-030405",
            "rds_instance.postgres",
            20.0,
            1.9,
        )
        .expect("snapshot");
    store
        .record_retained(
            env.id,
            RetainedKind::S3Bucket,
            "shop-artifacts",
            "s3_bucket.artifacts",
            0.5,
            0.01,
        )
        .expect("bucket");
    // A retried teardown records the bucket again: one row, the newer size.
    store
        .record_retained(
            env.id,
            RetainedKind::S3Bucket,
            "shop-artifacts",
            "s3_bucket.artifacts",
            1.0,
            0.02,
        )
        .expect("bucket again");
    store
        .set_environment_status(env.id, EnvironmentStatus::Destroyed)
        .expect("destroyed");
    let kept = store.retained(env.id).expect("listed");
    let summary: Vec<(RetainedKind, &str, f64, f64)> = kept
        .iter()
        .map(|r| (r.kind, r.aws_id.as_str(), r.size_gb, r.monthly_cost))
        .collect();
    assert_eq!(
        summary,
        [
            (
                RetainedKind::DbSnapshot,
                "shop-db-final-20250117-030405",
                20.0,
                1.9
            ),
            (RetainedKind::S3Bucket, "shop-artifacts", 1.0, 0.02),
        ]
    );
    assert_eq!(kept[0].source, "rds_instance.postgres");
}

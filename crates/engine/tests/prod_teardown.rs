//! A prod app-and-database in the emulator, through the fault proxy: its database is created
//! with deletion protection and its parameter group; a teardown without the environment's
//! name is refused before anything reaches AWS; with it, protection is lifted, the final
//! snapshot is taken and the artifacts bucket stays with its objects, each recorded as
//! retained with its cost, and the environment is destroyed. What is left is asked of the
//! emulator directly, not of Hangar's own code.

use crate::support;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use hangar_core::cost::RetainedKind;
use hangar_engine::{EngineError, Event, NewEnvironmentRequest, ResourceState, Sink, null_sink};
use hangar_testkit::faults::{self, FaultPlan};
use hangar_testkit::{MotoServer, sdk_config};

const ENV: &str = "shop-prod";
const DB: &str = "coherent-prod-db";

fn recording() -> (Sink, Arc<Mutex<Vec<Event>>>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let kept = events.clone();
    let sink: Sink = Arc::new(move |e| kept.lock().expect("events").push(e));
    (sink, events)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_prod_teardown_needs_the_name_and_keeps_the_snapshot_and_the_bucket() {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(server.addr(), FaultPlan::default()).expect("proxy");
    let sdk = sdk_config(&proxy.endpoint());
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = support::engine(dir.path());
    let created = engine
        .create_environment(&NewEnvironmentRequest {
            name: ENV.into(),
            blueprint_name: "app-and-database".into(),
            blueprint_source: hangar_core::builtin_source("app-and-database")
                .expect("built-in")
                .into(),
            overrides: BTreeMap::from([("environment".to_string(), "prod".to_string())]),
            profile: "Sandbox".into(),
            on_failure: "keep".parse().expect("keep"),
            expires_at: None,
        })
        .expect("valid");
    // Bucket names are global: the default suffix is the environment id's first 8 hex digits.
    let bucket = format!(
        "coherent-artifacts-prod-{}",
        &created.uid.replace('-', "")[..8]
    );
    engine
        .provision(ENV, &sdk, null_sink())
        .await
        .expect("provisioned");

    // What AWS received at create: protection on, the TLS parameter group named.
    let create = proxy.seen("CreateDBInstance");
    assert_eq!(create.len(), 1);
    assert_eq!(create[0].param("DeletionProtection"), Some("true"));
    assert_eq!(
        create[0].param("DBParameterGroupName"),
        Some("coherent-prod-db-params")
    );
    assert_eq!(create[0].param("DBInstanceClass"), Some("db.t3.small"));
    let run = proxy.seen("RunInstances");
    assert_eq!(
        run[0].param("InstanceType"),
        Some("t3.medium"),
        "the seed's prod size"
    );

    // The backups the bucket holds, written straight to the emulator.
    let direct = sdk_config(&server.endpoint());
    let s3 = aws_sdk_s3::Client::new(&direct);
    s3.put_object()
        .bucket(&bucket)
        .key("backups/coherent-2025-01-17.sql.gz")
        .body(b"-- dump".to_vec().into())
        .send()
        .await
        .expect("backup written");

    // No name, or the wrong one: refused before a job or an AWS call.
    for given in [None, Some("shop")] {
        let err = engine
            .teardown_confirmed(ENV, &sdk, null_sink(), given)
            .await
            .expect_err("refused");
        assert!(
            matches!(err, EngineError::ConfirmationRequired { .. }),
            "{err}"
        );
        assert!(err.to_string().contains("typed to confirm"), "{err}");
    }
    let plain = engine.teardown(ENV, &sdk, null_sink()).await;
    assert!(
        matches!(plain, Err(EngineError::ConfirmationRequired { .. })),
        "{plain:?}"
    );
    for action in [
        "ModifyDBInstance",
        "DeleteDBInstance",
        "DeleteBucket",
        "TerminateInstances",
    ] {
        assert!(
            proxy.seen(action).is_empty(),
            "{action} before the confirmation"
        );
    }
    assert_eq!(support::status(&engine, ENV), "ready");
    let env_id = engine
        .store()
        .environment(ENV)
        .expect("read")
        .expect("env")
        .id;
    assert!(
        engine.store().jobs(env_id).expect("jobs").len() == 1,
        "no teardown job was started"
    );

    // Confirmed: protection lifted, then the delete with its final snapshot.
    let (sink, events) = recording();
    engine
        .teardown_confirmed(ENV, &sdk, sink, Some(ENV))
        .await
        .expect("torn down");
    let lifted = proxy.seen("ModifyDBInstance");
    assert_eq!(lifted.len(), 1, "{lifted:#?}");
    assert_eq!(lifted[0].param("DeletionProtection"), Some("false"));
    let delete = proxy.seen("DeleteDBInstance");
    assert_eq!(delete[0].param("SkipFinalSnapshot"), Some("false"));
    let snapshot_id = delete[0]
        .param("FinalDBSnapshotIdentifier")
        .expect("a final snapshot")
        .to_string();
    assert!(
        snapshot_id.starts_with(&format!("{ENV}-{DB}-final-")),
        "{snapshot_id}"
    );

    // The emulator itself holds the snapshot, the bucket and its object.
    let rds = aws_sdk_rds::Client::new(&direct);
    let snapshots = rds
        .describe_db_snapshots()
        .db_snapshot_identifier(&snapshot_id)
        .send()
        .await
        .expect("the final snapshot exists");
    assert_eq!(snapshots.db_snapshots().len(), 1);
    assert_eq!(
        snapshots.db_snapshots()[0].db_instance_identifier(),
        Some(DB)
    );
    let objects = s3
        .list_objects_v2()
        .bucket(&bucket)
        .send()
        .await
        .expect("the bucket is still there");
    let keys: Vec<&str> = objects.contents().iter().filter_map(|o| o.key()).collect();
    assert_eq!(keys, ["backups/coherent-2025-01-17.sql.gz"]);
    assert!(proxy.seen("DeleteBucket").is_empty());
    let databases = rds.describe_db_instances().send().await.expect("instances");
    assert!(
        databases.db_instances().is_empty(),
        "the database itself is gone"
    );
    let group = rds
        .describe_db_parameter_groups()
        .db_parameter_group_name("coherent-prod-db-params")
        .send()
        .await;
    // The emulator answers an empty list where AWS says DBParameterGroupNotFound.
    assert!(
        group.is_ok_and(|g| g.db_parameter_groups().is_empty()),
        "the parameter group went after the database"
    );
    assert_eq!(proxy.seen("DeleteDBParameterGroup").len(), 1);

    // Destroyed, with what it kept in the history and in the job's last event.
    assert_eq!(support::status(&engine, ENV), "destroyed");
    let kept = engine.store().retained(env_id).expect("retained");
    // In the order the deletes finished, which concurrency decides.
    let mut summary: Vec<(RetainedKind, &str)> =
        kept.iter().map(|r| (r.kind, r.aws_id.as_str())).collect();
    summary.sort();
    assert_eq!(
        summary,
        [
            (RetainedKind::S3Bucket, bucket.as_str()),
            (RetainedKind::DbSnapshot, snapshot_id.as_str()),
        ]
    );
    let snapshot = kept
        .iter()
        .find(|r| r.kind == RetainedKind::DbSnapshot)
        .expect("snapshot row");
    assert_eq!(snapshot.size_gb, 20.0);
    assert_eq!(snapshot.monthly_cost, 1.9, "20 GB at $0.095/GB-month");
    assert_eq!(snapshot.source, "rds_instance.postgres");
    let bucket_row = engine
        .store()
        .resources(env_id)
        .expect("journal")
        .into_iter()
        .find(|r| r.logical_name == "s3_bucket.artifacts")
        .expect("bucket row");
    assert_eq!(bucket_row.state, ResourceState::Retained);
    let events = events.lock().expect("events");
    let Some(Event::JobFinished { retained, .. }) = events.last() else {
        panic!("the job ends with JobFinished: {:?}", events.last());
    };
    assert_eq!(retained, &kept);
}

//! RDS through the real emulator: `multi-az-three-tier`'s PostgreSQL (Multi-AZ, encrypted,
//! gp3, 7-day backups, not public, password managed by RDS) and its DB subnet group, on the
//! VPC, database subnets and group they need; found by tag, adopted when created again, and
//! deleted (instance before its subnet group) until nothing tagged is left, with no final
//! snapshot unless the node asks for one.
//!
//! The emulator makes an instance `available` at once and drops a deleted one at once, so the
//! create's and the delete's polls (every 30 s, `poll::steady`) end on their first look here.

use crate::support;

use hangar_core::cost::RetainedKind;
use hangar_core::graph::Attr;
use hangar_core::graph::{NodeSpec, ResourceKind as K};
use hangar_resources::{
    Disposal, ErrorKind, Protection, Refs, Retained, create, delete, find_tagged,
};
use hangar_sandbox::MotoServer;

const ID: &str = "skillancer-dev-postgres";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_multi_az_postgres_is_created_adopted_and_deleted() {
    let server = MotoServer::start().expect("moto");
    let ctx = support::ctx(&server, "rds-test");
    let nodes = support::nodes_for("multi-az-three-tier", &[K::RdsInstance]);
    assert!(nodes.iter().any(|n| n.kind() == K::DbSubnetGroup));
    let made = support::create_all(&ctx, &nodes).await;

    let db = made.get("rds_instance.postgres");
    assert_eq!(db.aws_id, ID);
    assert_eq!(db.attr(Attr::Port), Some("5432"));
    assert!(
        db.attr(Attr::Address).is_some_and(|a| !a.is_empty()),
        "{db:?}"
    );
    assert!(
        db.attr(Attr::Arn)
            .is_some_and(|a| a.ends_with(&format!(":db:{ID}")))
    );
    assert!(
        db.attr(Attr::MasterUserSecretArn).is_some(),
        "RDS keeps the password: {db:?}"
    );
    assert!(
        !format!("{db:?}").to_lowercase().contains("password\""),
        "no password in what the history keeps: {db:?}"
    );

    let out = ctx
        .clients
        .rds
        .describe_db_instances()
        .db_instance_identifier(ID)
        .send()
        .await
        .expect("describe");
    let got = &out.db_instances()[0];
    assert_eq!(got.engine(), Some("postgres"));
    assert_eq!(got.engine_version(), Some("16"));
    assert_eq!(got.db_instance_class(), Some("db.t3.micro"));
    assert_eq!(got.allocated_storage(), Some(20));
    assert_eq!(got.max_allocated_storage(), Some(100));
    assert_eq!(got.storage_type(), Some("gp3"));
    assert_eq!(got.storage_encrypted(), Some(true));
    assert_eq!(got.multi_az(), Some(true));
    assert_eq!(got.backup_retention_period(), Some(7));
    assert_eq!(got.publicly_accessible(), Some(false));
    assert_eq!(got.deletion_protection(), Some(false));
    assert_eq!(got.db_name(), Some("skillancer"));
    assert_eq!(got.master_username(), Some("skillancer"));
    assert!(
        got.master_user_secret().is_some(),
        "managed master password"
    );
    assert_eq!(
        got.db_subnet_group().and_then(|g| g.db_subnet_group_name()),
        Some("skillancer-dev-db-subnets")
    );
    assert_eq!(
        got.vpc_security_groups()
            .iter()
            .filter_map(|g| g.vpc_security_group_id())
            .collect::<Vec<_>>(),
        [made.id("security_group.database")]
    );
    let groups = ctx
        .clients
        .rds
        .describe_db_subnet_groups()
        .db_subnet_group_name("skillancer-dev-db-subnets")
        .send()
        .await
        .expect("subnet group");
    let mut subnets: Vec<String> = groups.db_subnet_groups()[0]
        .subnets()
        .iter()
        .filter_map(|s| s.subnet_identifier().map(str::to_string))
        .collect();
    subnets.sort();
    let mut expected: Vec<String> = [
        "subnet.database-a",
        "subnet.database-b",
        "subnet.database-c",
    ]
    .iter()
    .map(|l| made.id(l))
    .collect();
    expected.sort();
    assert_eq!(subnets, expected);

    for kind in [K::RdsInstance, K::DbSubnetGroup] {
        let found = find_tagged(&ctx, kind).await.expect("find");
        assert_eq!(found.len(), 1, "{kind:?}: {found:?}");
    }
    let again = support::create_all(&ctx, &nodes).await;
    made.assert_same_ids(&again);

    // The identifier is the account's and region's: another environment cannot have it.
    let other = support::ctx(&server, "someone-else");
    let node = nodes
        .iter()
        .find(|n| n.kind() == K::RdsInstance)
        .expect("rds node");
    let mut refs = Refs::default();
    for (n, c) in &made.0 {
        refs.insert(&n.logical, c.clone());
    }
    let err = create(&other, node, &refs, 0).await.expect_err("taken");
    assert_eq!(err.kind, ErrorKind::Invalid);
    assert!(err.message.contains(ID), "{err}");

    made.delete_all(&ctx).await;
    support::assert_nothing_tagged(&ctx, &made.kinds()).await;
    let snapshots = ctx
        .clients
        .rds
        .describe_db_snapshots()
        .send()
        .await
        .expect("snapshots");
    assert!(
        snapshots.db_snapshots().is_empty(),
        "no final snapshot left behind: {:?}",
        snapshots.db_snapshots()
    );
    // Already gone is success.
    made.delete_all(&ctx).await;
}

/// `final_snapshot = true` on the node: the delete takes `<env>-<identifier>-final-<UTC time>`,
/// says so in what it returns, and remembers to through a tag, so a sweep that only finds the
/// instance by tag does too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_final_snapshot_only_when_the_node_asks() {
    let server = MotoServer::start().expect("moto");
    let ctx = support::ctx(&server, "rds-final");
    let mut nodes = support::nodes_for("app-and-database", &[K::RdsInstance]);
    let db = nodes
        .iter_mut()
        .find(|n| n.kind() == K::RdsInstance)
        .expect("rds node");
    let NodeSpec::RdsInstance(spec) = &mut db.spec else {
        panic!("not a database: {}", db.logical);
    };
    spec.final_snapshot = true;
    let id = spec.db_instance_identifier.clone();
    let made = support::create_all(&ctx, &nodes).await;
    let got = ctx
        .clients
        .rds
        .describe_db_instances()
        .db_instance_identifier(&id)
        .send()
        .await
        .expect("describe");
    let got = &got.db_instances()[0];
    assert_eq!(got.preferred_backup_window(), Some("03:00-04:00"));
    assert_eq!(got.multi_az(), Some(false));
    assert_eq!(got.engine_version(), Some("14"));

    let found = find_tagged(&ctx, K::RdsInstance).await.expect("find");
    assert_eq!(found[0].created.attr(Attr::FinalSnapshot), Some("true"));
    let disposal = delete(&ctx, K::RdsInstance, &found[0].created, None)
        .await
        .expect("deleted");
    let snapshots = ctx
        .clients
        .rds
        .describe_db_snapshots()
        .db_instance_identifier(&id)
        .send()
        .await
        .expect("snapshots");
    let names: Vec<&str> = snapshots
        .db_snapshots()
        .iter()
        .filter_map(|s| s.db_snapshot_identifier())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(
        names[0].starts_with(&format!("rds-final-{id}-final-")),
        "{names:?}"
    );
    assert_eq!(
        disposal,
        Disposal::DeletedLeaving(Retained {
            kind: RetainedKind::DbSnapshot,
            aws_id: names[0].to_string(),
            size_gb: 20.0,
        })
    );
    made.delete_all(&ctx).await;
    support::assert_nothing_tagged(&ctx, &made.kinds()).await;
}

/// Deletion protection on: a delete is refused, saying why, and the database stays, until the
/// context carries the user's confirmation; then ModifyDBInstance turns it off and it goes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_protected_database_goes_only_once_confirmed() {
    let server = MotoServer::start().expect("moto");
    let ctx = support::ctx(&server, "rds-protected");
    let mut nodes = support::nodes_for("app-and-database", &[K::RdsInstance]);
    let db = nodes
        .iter_mut()
        .find(|n| n.kind() == K::RdsInstance)
        .expect("rds node");
    let NodeSpec::RdsInstance(spec) = &mut db.spec else {
        panic!("not a database: {}", db.logical);
    };
    spec.deletion_protection = true;
    let id = spec.db_instance_identifier.clone();
    let made = support::create_all(&ctx, &nodes).await;
    let protected =
        |out: &aws_sdk_rds::operation::describe_db_instances::DescribeDbInstancesOutput| {
            out.db_instances()[0].deletion_protection()
        };
    let described = ctx
        .clients
        .rds
        .describe_db_instances()
        .db_instance_identifier(&id)
        .send()
        .await
        .expect("describe");
    assert_eq!(protected(&described), Some(true));

    let err = delete(
        &ctx,
        K::RdsInstance,
        made.get("rds_instance.postgres"),
        None,
    )
    .await
    .expect_err("refused");
    assert!(err.message.contains("deletion protection"), "{err}");
    let still = ctx
        .clients
        .rds
        .describe_db_instances()
        .db_instance_identifier(&id)
        .send()
        .await
        .expect("still there");
    assert_eq!(protected(&still), Some(true));

    let confirmed = ctx.clone().with_protection(Protection::LiftConfirmed);
    made.delete_all(&confirmed).await;
    support::assert_nothing_tagged(&ctx, &made.kinds()).await;
}

/// The parameter group carries its settings in the emulator, is found by its tag, and goes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_parameter_group_holds_force_ssl_and_is_deleted_after_its_database() {
    let server = MotoServer::start().expect("moto");
    let ctx = support::ctx(&server, "rds-params");
    let nodes = support::nodes_for("app-and-database", &[K::RdsInstance]);
    let made = support::create_all(&ctx, &nodes).await;
    let group = made.get("db_parameter_group.postgres").aws_id.clone();
    let params = ctx
        .clients
        .rds
        .describe_db_parameters()
        .db_parameter_group_name(&group)
        .send()
        .await
        .expect("parameters");
    let force_ssl = params
        .parameters()
        .iter()
        .find(|p| p.parameter_name() == Some("rds.force_ssl"))
        .and_then(|p| p.parameter_value());
    assert_eq!(force_ssl, Some("1"));
    let found = find_tagged(&ctx, K::DbParameterGroup).await.expect("find");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].logical.as_deref(),
        Some("db_parameter_group.postgres")
    );
    made.delete_all(&ctx).await;
    support::assert_nothing_tagged(&ctx, &made.kinds()).await;
}

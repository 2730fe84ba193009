//! ElastiCache through the emulator: `multi-az-three-tier`'s Redis replication group (a primary
//! and two replicas across three AZs, automatic failover, Multi-AZ, encrypted at rest and in
//! transit) and its cache subnet group, on the VPC, database subnets and group they need; found
//! by tag, adopted when created again, and deleted in AWS's order.
//!
//! The Sandbox corrects two of moto 5's ElastiCache gaps (crates/sandbox/src/aws_like.py): a
//! deleted group is listed `deleting`, then gone, and DeleteCacheSubnetGroup exists, refusing
//! while a group still uses the subnet group. The second test runs moto as released, to name
//! its limits and show what the resource layer does with them:
//! - DeleteReplicationGroup leaves the group `deleting` forever (AWS removes it in minutes).
//!   `delete` waits for it to vanish only until the context's deadline, then fails with a
//!   `Timeout` naming that state; `find_tagged` keeps reporting the group, in state `deleting`
//!   (AWS still lists it, so "nothing left" would not be true yet).
//! - DeleteCacheSubnetGroup is not implemented: moto answers HTTP 500, `delete` fails (after
//!   the SDK's retries) with no AWS error code, and the group stays listed by `find_tagged`.
//!
//! In both, moto ignores NumCacheClusters for a cluster-mode-disabled group and records the
//! primary alone (AWS makes the primary and two replicas from the same request).

use crate::support;

use std::time::{Duration, Instant};

use hangar_core::graph::Attr;
use hangar_core::graph::ResourceKind as K;
use hangar_resources::{ErrorKind, delete, find_tagged};
use hangar_sandbox::{Flavour, MotoServer};

const ID: &str = "skillancer-dev-redis";

/// Creates the group and its subnet group with the other nodes they need, checks what the
/// emulator recorded, and creates them again to prove adoption.
async fn made_and_checked(ctx: &hangar_resources::Ctx) -> support::Made {
    let nodes = support::nodes_for("multi-az-three-tier", &[K::ElasticacheReplicationGroup]);
    assert!(nodes.iter().any(|n| n.kind() == K::CacheSubnetGroup));
    let made = support::create_all(ctx, &nodes).await;

    let group = made.get("elasticache_replication_group.redis");
    assert_eq!(group.aws_id, ID);
    assert!(
        group
            .attr(Attr::PrimaryEndpoint)
            .is_some_and(|e| e.ends_with(":6379")),
        "{group:?}"
    );
    let cache = &ctx.clients.elasticache;
    let out = cache
        .describe_replication_groups()
        .replication_group_id(ID)
        .send()
        .await
        .expect("describe");
    let got = &out.replication_groups()[0];
    assert_eq!(got.status(), Some("available"));
    assert_eq!(got.cache_node_type(), Some("cache.t3.micro"));
    // Limit 0: moto 5 sizes a cluster-mode-disabled group from ReplicasPerNodeGroup only and
    // drops NumCacheClusters (3 here, which is what AWS takes for this mode), so it records a
    // primary alone.
    assert_eq!(
        got.member_clusters(),
        [format!("{ID}-001")],
        "the emulator's single member; AWS makes {ID}-001..003"
    );
    assert_eq!(
        got.automatic_failover().map(|s| s.as_str()),
        Some("enabled")
    );
    assert_eq!(got.multi_az().map(|s| s.as_str()), Some("enabled"));
    assert_eq!(got.at_rest_encryption_enabled(), Some(true));
    assert_eq!(got.transit_encryption_enabled(), Some(true));
    assert_eq!(
        got.description(),
        Some("Redis primary with a replica in each other AZ")
    );
    let groups = cache
        .describe_cache_subnet_groups()
        .cache_subnet_group_name("skillancer-dev-cache-subnets")
        .send()
        .await
        .expect("subnet group");
    let mut subnets: Vec<String> = groups.cache_subnet_groups()[0]
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

    for kind in [K::ElasticacheReplicationGroup, K::CacheSubnetGroup] {
        let found = find_tagged(ctx, kind).await.expect("find");
        assert_eq!(found.len(), 1, "{kind:?}: {found:?}");
        assert!(found[0].logical.is_some());
    }
    let again = support::create_all(ctx, &nodes).await;
    made.assert_same_ids(&again);

    made
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redis_group_is_created_adopted_and_deleted_in_the_sandbox() {
    let server = MotoServer::start().expect("moto");
    let ctx = support::ctx(&server, "cache-test");
    let made = made_and_checked(&ctx).await;

    // AWS refuses to delete a subnet group a replication group still uses.
    let err = delete(
        &ctx,
        K::CacheSubnetGroup,
        made.get("cache_subnet_group.redis"),
        None,
    )
    .await
    .expect_err("in use");
    assert_eq!(err.kind, ErrorKind::DependencyViolation, "{err}");
    assert_eq!(err.code, "CacheSubnetGroupInUse", "{err:?}");

    made.delete_all(&ctx).await;
    support::assert_nothing_tagged(&ctx, &made.kinds()).await;
    // Deleting what is already gone is done, not an error: a teardown may run again.
    delete(
        &ctx,
        K::CacheSubnetGroup,
        made.get("cache_subnet_group.redis"),
        None,
    )
    .await
    .expect("idempotent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn released_moto_leaves_the_group_deleting_and_the_subnet_group_behind() {
    let server = MotoServer::start_flavour(Flavour::Released).expect("moto");
    let mut ctx = support::ctx(&server, "cache-test");
    let made = made_and_checked(&ctx).await;
    let group = made.get("elasticache_replication_group.redis");

    // Limit 1: the group never leaves `deleting`. A short deadline keeps the test short; the
    // delete gives up at it, saying what state it saw.
    ctx.wait_deadline = Duration::from_secs(2);
    let started = Instant::now();
    let err = delete(&ctx, K::ElasticacheReplicationGroup, group, None)
        .await
        .expect_err("the emulator never finishes the delete");
    assert_eq!(err.kind, ErrorKind::Timeout, "{err}");
    assert!(err.message.contains("'deleting'"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(30), "bounded wait");
    let found = find_tagged(&ctx, K::ElasticacheReplicationGroup)
        .await
        .expect("find");
    assert_eq!(found.len(), 1, "still listed while deleting: {found:?}");
    assert_eq!(found[0].state, "deleting");
    // Asked again (a sweep), it waits again rather than re-issuing the delete, with the same
    // answer.
    let err = delete(
        &ctx,
        K::ElasticacheReplicationGroup,
        &found[0].created,
        None,
    )
    .await
    .expect_err("still deleting");
    assert_eq!(err.kind, ErrorKind::Timeout, "{err}");

    // Limit 2: DeleteCacheSubnetGroup is not implemented by the emulator.
    let subnet_group = made.get("cache_subnet_group.redis");
    let err = delete(&ctx, K::CacheSubnetGroup, subnet_group, None)
        .await
        .expect_err("not implemented by the emulator");
    // moto answers an HTML HTTP 500, which the SDK retries as transient (its standard
    // backoff, some 20 s here) before giving up with no AWS error code.
    assert!(!err.is_not_found(), "an error, not 'already gone': {err}");
    assert_eq!(
        (err.kind, err.code.as_str(), err.operation.as_str()),
        (ErrorKind::Other, "Unknown", "DeleteCacheSubnetGroup"),
        "{err:?}"
    );
    assert_eq!(
        find_tagged(&ctx, K::CacheSubnetGroup)
            .await
            .expect("find")
            .len(),
        1
    );

    // Everything else goes as usual.
    for (node, created) in made.0.iter().rev() {
        if matches!(
            node.kind(),
            K::ElasticacheReplicationGroup | K::CacheSubnetGroup
        ) {
            continue;
        }
        delete(&ctx, node.kind(), created, Some(&node.spec))
            .await
            .unwrap_or_else(|e| panic!("delete {}: {e}", node.logical));
    }
    let others: Vec<K> = made
        .kinds()
        .into_iter()
        .filter(|k| !matches!(k, K::ElasticacheReplicationGroup | K::CacheSubnetGroup))
        .collect();
    support::assert_nothing_tagged(&ctx, &others).await;
}

/// ElastiCache will not list a busy group's tags (`InvalidReplicationGroupState`, enforced by
/// the fault layer: moto always lists them). The look by tag waits it out and finds the group,
/// instead of ending a sweep or a final check on it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_busy_groups_tags_are_waited_for() {
    let server = MotoServer::start().expect("moto");
    let ctx = support::ctx(&server, "cache-busy");
    let nodes = support::nodes_for("multi-az-three-tier", &[K::ElasticacheReplicationGroup]);
    support::create_all(&ctx, &nodes).await;
    let proxy = hangar_testkit::faults::start(
        server.addr(),
        hangar_testkit::faults::FaultPlan {
            busy_cache_tags: 2,
            ..hangar_testkit::faults::FaultPlan::default()
        },
    )
    .expect("proxy");
    let via = support::ctx_via(&proxy.endpoint(), "cache-busy");

    let found = find_tagged(&via, K::ElasticacheReplicationGroup)
        .await
        .expect("a busy group does not end the look");
    assert_eq!(
        found
            .iter()
            .map(|f| f.created.aws_id.as_str())
            .collect::<Vec<_>>(),
        vec![ID]
    );
    assert_eq!(
        hangar_testkit::faults::FaultStats::get(&proxy.stats.busy_tag_reads),
        2,
        "refused twice while busy"
    );
}

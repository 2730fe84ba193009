//! S3's own rules for a bucket's name and a bucket just made, which moto does not keep and the
//! fault layer enforces: a name another account holds (`BucketAlreadyExists`), a name that is
//! a bucket in another region (301 `PermanentRedirect`), a name this account already holds
//! (`BucketAlreadyOwnedByYou`: adopted only when it carries this environment's tags), and
//! NoSuchBucket from each setup call right after CreateBucket (retried, the settings land).
//! Each test shows the rule fired (the proxy counted it) and what Hangar did.

use crate::support;

use hangar_core::graph::spec::NodeSpec;
use hangar_core::graph::{ResourceKind as K, ResourceNode};
use hangar_resources::{ErrorKind, Refs, create};
use hangar_sandbox::MotoServer;
use hangar_testkit::faults::{self, FaultPlan, FaultProxy, FaultStats, TakenBucket};

fn artifacts() -> ResourceNode {
    let nodes = support::nodes_for("app-and-database", &[K::S3Bucket]);
    nodes.into_iter().next().expect("the artifacts bucket")
}

fn name_of(node: &ResourceNode) -> String {
    match &node.spec {
        NodeSpec::S3Bucket(bucket) => bucket.bucket_name.clone(),
        other => panic!("not a bucket: {other:?}"),
    }
}

fn proxy_with(server: &MotoServer, taken: Vec<(String, TakenBucket)>) -> FaultProxy {
    faults::start(
        server.addr(),
        FaultPlan {
            taken_buckets: taken,
            ..FaultPlan::default()
        },
    )
    .expect("proxy")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_another_account_holds_ends_the_create_naming_the_bucket() {
    let server = MotoServer::start().expect("moto");
    let node = artifacts();
    let bucket = name_of(&node);
    let proxy = proxy_with(&server, vec![(bucket.clone(), TakenBucket::OtherAccount)]);
    let ctx = support::ctx_via(&proxy.endpoint(), "s3-taken");
    let err = create(&ctx, &node, &Refs::default(), 0)
        .await
        .expect_err("the name is not free");
    assert_eq!(FaultStats::get(&proxy.stats.bucket_names_refused), 1);
    assert_eq!(err.kind, ErrorKind::Invalid, "{err}");
    assert_eq!(err.code, "BucketAlreadyExists");
    assert!(err.message.contains(&format!("'{bucket}'")), "{err}");
    assert!(err.message.contains("another AWS account"), "{err}");
    assert!(err.message.contains("bucket_suffix"), "{err}");
    assert!(proxy.seen_s3("PUT", "tagging").is_empty(), "nothing set up");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_that_lives_in_another_region_ends_the_create_naming_the_region() {
    let server = MotoServer::start().expect("moto");
    let node = artifacts();
    let bucket = name_of(&node);
    let proxy = proxy_with(
        &server,
        vec![(bucket.clone(), TakenBucket::OtherRegion("eu-west-1".into()))],
    );
    let ctx = support::ctx_via(&proxy.endpoint(), "s3-moved");
    let err = create(&ctx, &node, &Refs::default(), 0)
        .await
        .expect_err("the name is another region's");
    assert_eq!(FaultStats::get(&proxy.stats.bucket_names_refused), 1);
    assert_eq!(err.code, "PermanentRedirect", "{err}");
    assert!(err.message.contains(&format!("'{bucket}'")), "{err}");
    assert!(err.message.contains("region eu-west-1"), "{err}");
    assert!(err.message.contains("bucket_suffix"), "{err}");
}

/// A job made the bucket and lost the answer; the next one's tag read does not see it yet, and
/// its CreateBucket hears `BucketAlreadyOwnedByYou`. Its own tags make it this environment's;
/// another environment of the same account is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_this_account_holds_is_adopted_only_with_this_environments_tags() {
    let server = MotoServer::start().expect("moto");
    let node = artifacts();
    let bucket = name_of(&node);
    let first = create(
        &support::ctx(&server, "s3-mine"),
        &node,
        &Refs::default(),
        0,
    )
    .await
    .expect("made before the answer was lost");

    let proxy = proxy_with(&server, vec![(bucket.clone(), TakenBucket::OwnedByYou)]);
    let ctx = support::ctx_via(&proxy.endpoint(), "s3-mine");
    let again = create(&ctx, &node, &Refs::default(), 0)
        .await
        .expect("adopted");
    assert_eq!(FaultStats::get(&proxy.stats.bucket_names_refused), 1);
    assert!(
        FaultStats::get(&proxy.stats.propagation) >= 1,
        "hidden at first"
    );
    assert_eq!(again.aws_id, first.aws_id);
    assert_eq!(
        proxy.seen_s3("PUT", "versioning").len(),
        1,
        "set up as ours"
    );

    let proxy = proxy_with(&server, vec![(bucket.clone(), TakenBucket::OwnedByYou)]);
    let other = support::ctx_via(&proxy.endpoint(), "s3-someone-else");
    let err = create(&other, &node, &Refs::default(), 0)
        .await
        .expect_err("the account's, not this environment's");
    assert_eq!(FaultStats::get(&proxy.stats.bucket_names_refused), 1);
    assert_eq!(err.kind, ErrorKind::Invalid, "{err}");
    assert!(err.message.contains(&format!("'{bucket}'")), "{err}");
    assert!(err.message.contains("not this environment's"), "{err}");
    assert!(proxy.seen_s3("PUT", "versioning").is_empty(), "left alone");
}

/// AWS tags a bucket in its CreateBucket; moto drops those tags, and the proxy gives them. A
/// job killed as its PutBucketTagging left leaves a bucket that carries this environment's tags
/// all the same (asked of moto directly), and the next job adopts it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bucket_is_tagged_at_birth_so_a_job_killed_before_tagging_it_is_resumed() {
    let server = MotoServer::start().expect("moto");
    let proxy = proxy_with(&server, Vec::new());
    let node = artifacts();
    let bucket = name_of(&node);
    let ctx = support::ctx_via(&proxy.endpoint(), "s3-killed");
    let (tripped, killed) = tokio::sync::oneshot::channel();
    // A look for the bucket, CreateBucket, then the PutBucketTagging the job dies on.
    proxy.trip_at(3, move || {
        let _ = tripped.send(());
    });
    let job = {
        let (ctx, node) = (ctx.clone(), node.clone());
        tokio::spawn(async move { create(&ctx, &node, &Refs::default(), 0).await })
    };
    killed.await.expect("the second call arrived");
    job.abort();
    proxy.quiet();
    assert_eq!(FaultStats::get(&proxy.stats.tagged_at_birth), 1);
    assert_eq!(proxy.seen_s3("PUT", "tagging").len(), 1, "the held one");
    let direct = support::ctx(&server, "s3-killed");
    let tags = direct
        .clients
        .s3
        .get_bucket_tagging()
        .bucket(&bucket)
        .send()
        .await
        .expect("the bucket has tags without its PutBucketTagging");
    assert!(
        tags.tag_set().iter().any(|t| t.value() == "s3-killed"),
        "{tags:?}"
    );

    proxy.reopen();
    let resumed = create(&ctx, &node, &Refs::default(), 0)
        .await
        .expect("adopted by the next job");
    assert_eq!(resumed.aws_id, bucket);
}

/// Every setup call misses the new bucket once; each is retried and what S3 received is the
/// blueprint's: versioning, AES256, the public access block, and seed 003's lifecycle with old
/// versions moved to Glacier after 7 days and deleted after 30.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_setup_call_that_misses_a_new_bucket_is_retried_and_its_setting_lands() {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(
        server.addr(),
        FaultPlan {
            s3_propagation_per_call: true,
            ..FaultPlan::default()
        },
    )
    .expect("proxy");
    let ctx = support::ctx_via(&proxy.endpoint(), "s3-lagging");
    let node = artifacts();
    create(&ctx, &node, &Refs::default(), 0)
        .await
        .expect("created despite the misses");
    // tagging, versioning, encryption, publicAccessBlock, lifecycle
    assert_eq!(FaultStats::get(&proxy.stats.fresh_bucket_misses), 5);
    let last_body = |sub: &str| {
        let sent = proxy.seen_s3("PUT", sub);
        assert_eq!(sent.len(), 2, "{sub}: missed once, then sent again");
        sent.last().map(|r| r.body.clone()).unwrap_or_default()
    };
    assert!(last_body("tagging").contains("s3-lagging"));
    assert!(last_body("versioning").contains("<Status>Enabled</Status>"));
    assert!(last_body("encryption").contains("<SSEAlgorithm>AES256</SSEAlgorithm>"));
    let block = last_body("publicAccessBlock");
    for setting in [
        "BlockPublicAcls",
        "IgnorePublicAcls",
        "BlockPublicPolicy",
        "RestrictPublicBuckets",
    ] {
        assert!(
            block.contains(&format!("<{setting}>true</{setting}>")),
            "{block}"
        );
    }
    let lifecycle = last_body("lifecycle");
    let moved = between(&lifecycle, "<NoncurrentVersionTransition>")
        .unwrap_or_else(|| panic!("no noncurrent transition in {lifecycle}"));
    assert!(
        moved.contains("<NoncurrentDays>7</NoncurrentDays>"),
        "{moved}"
    );
    assert!(
        moved.contains("<StorageClass>GLACIER</StorageClass>"),
        "{moved}"
    );
    let expiry = between(&lifecycle, "<NoncurrentVersionExpiration>")
        .unwrap_or_else(|| panic!("no noncurrent expiry in {lifecycle}"));
    assert!(
        expiry.contains("<NoncurrentDays>30</NoncurrentDays>"),
        "{expiry}"
    );
}

/// The inside of the first `<Tag>…</Tag>` element.
fn between<'a>(xml: &'a str, open: &str) -> Option<&'a str> {
    let close = open.replacen('<', "</", 1);
    let start = xml.find(open)? + open.len();
    let len = xml[start..].find(&close)?;
    Some(&xml[start..start + len])
}

//! The leak check can fail: what is made behind its back, untagged, is named in its diff, and
//! a kind it has no listing for is named too; once removed, the check passes again.

use hangar_testkit::state::{Snapshot, assert_nothing_left, difference};
use hangar_testkit::{MotoServer, sdk_config};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_an_untagged_vpc_and_bucket_until_they_are_gone() {
    let server = MotoServer::start().expect("moto");
    let endpoint = server.endpoint();
    let sdk = sdk_config(&endpoint);
    let ec2 = aws_sdk_ec2::Client::new(&sdk);
    let s3 = aws_sdk_s3::Client::new(&sdk);
    let before = Snapshot::take(&endpoint).await;

    let vpc = ec2
        .create_vpc()
        .cidr_block("10.99.0.0/16")
        .send()
        .await
        .expect("stray VPC")
        .vpc()
        .and_then(|v| v.vpc_id())
        .expect("vpc id")
        .to_string();
    s3.create_bucket()
        .bucket("stray-bucket")
        .send()
        .await
        .expect("stray bucket");
    let after = Snapshot::take(&endpoint).await;
    let diff = difference(&before, &after);
    assert!(diff.contains(&format!("left: ec2 vpc: {vpc}")), "{diff}");
    assert!(diff.contains("left: s3 bucket: stray-bucket"), "{diff}");
    let failed = std::panic::catch_unwind(|| assert_nothing_left(&before, &after));
    assert!(
        failed.is_err(),
        "a stray VPC and bucket must fail the check"
    );

    ec2.delete_vpc()
        .vpc_id(&vpc)
        .send()
        .await
        .expect("delete VPC");
    s3.delete_bucket()
        .bucket("stray-bucket")
        .send()
        .await
        .expect("delete bucket");
    assert_nothing_left(&before, &Snapshot::take(&endpoint).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_a_kind_it_has_no_listing_for() {
    let server = MotoServer::start().expect("moto");
    let endpoint = server.endpoint();
    let ec2 = aws_sdk_ec2::Client::new(&sdk_config(&endpoint));
    let before = Snapshot::take(&endpoint).await;
    assert!(
        before.made.is_ok(),
        "moto's record: {:?}",
        before.made.err()
    );

    ec2.create_key_pair()
        .key_name("stray")
        .send()
        .await
        .expect("stray key pair");
    let diff = difference(&before, &Snapshot::take(&endpoint).await);
    assert!(diff.contains("unjudged: moto made 1 ec2/KeyPair"), "{diff}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_what_was_there_before_and_is_gone() {
    let server = MotoServer::start().expect("moto");
    let endpoint = server.endpoint();
    let s3 = aws_sdk_s3::Client::new(&sdk_config(&endpoint));
    s3.create_bucket()
        .bucket("not-ours")
        .send()
        .await
        .expect("bucket");
    let before = Snapshot::take(&endpoint).await;
    s3.delete_bucket()
        .bucket("not-ours")
        .send()
        .await
        .expect("delete");
    let diff = difference(&before, &Snapshot::take(&endpoint).await);
    assert!(
        diff.contains("gone that existed before: s3 bucket: not-ours"),
        "{diff}"
    );
}

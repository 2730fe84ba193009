//! What AWS holds after `up`, read back from the emulator with plain SDK calls, not from the
//! plan or the request journal: the instance's metadata options and root volume, and each
//! output of app-and-database equal to what the describe calls report for the resource.

use crate::support;

use std::collections::BTreeMap;

use aws_sdk_ec2::types::Filter;
use hangar_engine::null_sink;
use hangar_testkit::{MotoServer, sdk_config};

const ENV: &str = "read-back";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn app_and_database_as_aws_reports_it() {
    let server = MotoServer::start().expect("moto");
    let sdk = sdk_config(&server.endpoint());
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = support::engine(dir.path());
    support::create(&engine, ENV, "app-and-database", "keep");
    engine
        .provision(ENV, &sdk, null_sink())
        .await
        .expect("provisioned");
    let env = engine.store().environment(ENV).expect("read").expect("env");
    let outputs: BTreeMap<String, String> = serde_json::from_str(&env.outputs).expect("outputs");
    let ids: BTreeMap<String, String> = engine
        .store()
        .resources(env.id)
        .expect("history")
        .into_iter()
        .filter_map(|r| Some((r.logical_name, r.aws_id?)))
        .collect();
    let ec2 = aws_sdk_ec2::Client::new(&sdk);

    let instance_id = &ids["instance.app"];
    let described = ec2
        .describe_instances()
        .instance_ids(instance_id)
        .send()
        .await
        .expect("DescribeInstances");
    let instance = &described.reservations()[0].instances()[0];
    let metadata = instance.metadata_options().expect("metadata options");
    assert_eq!(
        metadata.http_tokens().map(|t| t.as_str()),
        Some("required"),
        "IMDSv2 only"
    );
    // The app runs its services in Docker, whose bridge is one hop further from IMDS.
    assert_eq!(metadata.http_put_response_hop_limit(), Some(2));

    let volumes = ec2
        .describe_volumes()
        .filters(
            Filter::builder()
                .name("attachment.instance-id")
                .values(instance_id)
                .build(),
        )
        .send()
        .await
        .expect("DescribeVolumes");
    assert!(!volumes.volumes().is_empty(), "the root volume is attached");
    for volume in volumes.volumes() {
        assert_eq!(volume.encrypted(), Some(true), "{:?}", volume.volume_id());
    }

    let addresses = ec2
        .describe_addresses()
        .filters(
            Filter::builder()
                .name("instance-id")
                .values(instance_id)
                .build(),
        )
        .send()
        .await
        .expect("DescribeAddresses");
    let public_ip = addresses.addresses()[0].public_ip().expect("public ip");
    assert_eq!(outputs["app_public_ip"], public_ip);

    let databases = aws_sdk_rds::Client::new(&sdk)
        .describe_db_instances()
        .db_instance_identifier(&ids["rds_instance.postgres"])
        .send()
        .await
        .expect("DescribeDBInstances");
    let endpoint = databases.db_instances()[0].endpoint().expect("endpoint");
    // The output is what a client connects to: the address with its port.
    let connect = format!(
        "{}:{}",
        endpoint.address().expect("address"),
        endpoint.port().expect("port")
    );
    assert_eq!(outputs["db_endpoint"], connect);

    let buckets = aws_sdk_s3::Client::new(&sdk)
        .list_buckets()
        .send()
        .await
        .expect("ListBuckets");
    let names: Vec<&str> = buckets.buckets().iter().filter_map(|b| b.name()).collect();
    assert_eq!(names, [outputs["artifacts_bucket"].as_str()]);

    engine
        .teardown(ENV, &sdk, null_sink())
        .await
        .expect("torn down");
}

//! An environment lives in the region it was created in, not in its profile's: a profile whose
//! region is us-east-1 and an environment made with `--set region=eu-west-1` must be created,
//! refreshed and torn down in eu-west-1. Runs the real binary, the real keychain (under
//! scripts/with-keyring.sh) and the emulator, and asks the emulator itself where things are.

use crate::common;

use std::path::Path;
use std::process::Output;

use aws_sdk_ec2::config::Region;
use aws_sdk_ec2::types::Filter;
use common::{hangar, output_with_stdin, text};
use hangar_testkit::{MotoServer, sdk_config};

const ENV: &str = "far-away";

fn run(data_dir: &Path, endpoint: &str, args: &[&str], stdin: &str) -> Output {
    output_with_stdin(hangar(data_dir, endpoint).args(args), stdin)
}

/// The VPCs tagged with the environment in `region`, as the emulator holds them.
fn tagged_vpcs(endpoint: &str, region: &'static str) -> usize {
    let config = aws_sdk_ec2::config::Builder::from(&sdk_config(endpoint))
        .region(Region::new(region))
        .build();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        aws_sdk_ec2::Client::from_conf(config)
            .describe_vpcs()
            .filters(Filter::builder().name("tag:hangar:env").values(ENV).build())
            .send()
            .await
            .expect("describe VPCs")
            .vpcs()
            .len()
    })
}

#[test]
fn an_environment_stays_in_its_own_region_whatever_its_profiles_region() {
    let server = MotoServer::start().expect("moto");
    let endpoint = server.endpoint();
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    // The keychain is the machine's: a name of this run's own.
    let profile = format!("regional-{}", std::process::id());

    let add = run(
        d,
        &endpoint,
        &[
            "profile",
            "add",
            &profile,
            "--region",
            "us-east-1",
            "--access-key-id",
            "AKIAHANGARREGION01",
            "--secret-stdin",
            "--endpoint",
            &endpoint,
        ],
        "testing\n",
    );
    assert!(add.status.success(), "{}", text(&add.stderr));

    let up = run(
        d,
        &endpoint,
        &[
            "up",
            "web-and-postgres",
            "--name",
            ENV,
            "--profile",
            &profile,
            "--set",
            "region=eu-west-1",
        ],
        "",
    );
    assert!(up.status.success(), "{}", text(&up.stderr));
    assert_eq!(tagged_vpcs(&endpoint, "eu-west-1"), 1, "made in eu-west-1");
    assert_eq!(
        tagged_vpcs(&endpoint, "us-east-1"),
        0,
        "not in the profile's region"
    );

    // A refresh that looked in us-east-1 would find everything gone and exit 1.
    let refresh = run(d, &endpoint, &["refresh", ENV], "");
    assert!(refresh.status.success(), "{}", text(&refresh.stderr));

    let down = run(d, &endpoint, &["down", ENV], "");
    assert!(down.status.success(), "{}", text(&down.stderr));
    assert_eq!(
        tagged_vpcs(&endpoint, "eu-west-1"),
        0,
        "torn down in eu-west-1"
    );

    let remove = run(d, &endpoint, &["profile", "remove", &profile], "");
    assert!(remove.status.success(), "{}", text(&remove.stderr));
}

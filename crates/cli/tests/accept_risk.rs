//! `hangar up` of a plan with warnings that need a yes: without `--accept-risk` it lists each
//! with its blueprint path and records nothing (the emulator holds no VPC, the history no
//! environment); with it the environment is created. A broad IAM policy asks even in dev. With
//! no profile, `up` refuses rather than act with the shell's AWS variables.

use crate::common;

use std::path::Path;

use common::{text, with_profile};
use hangar_testkit::{MotoServer, sdk_config};

/// The security groups the emulator holds, asked directly, less the default VPC's own (the
/// docker host lives in the default VPC).
fn groups(endpoint: &str) -> usize {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        hangar_resources::Clients::new(&sdk_config(endpoint))
            .ec2
            .describe_security_groups()
            .send()
            .await
            .expect("describe")
            .security_groups()
            .iter()
            .filter(|g| g.group_name() != Some("default"))
            .count()
    })
}

fn environments(dir: &Path, endpoint: &str) -> String {
    let out = with_profile(dir, endpoint)
        .args(["--json", "list"])
        .output()
        .expect("list");
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn a_risky_prod_plan_is_created_only_with_accept_risk() {
    let server = MotoServer::start().expect("moto");
    let endpoint = server.endpoint();
    let dir = tempfile::tempdir().expect("tempdir");
    let up = [
        "up",
        "docker-host",
        "--name",
        "edge",
        "--set",
        "environment=prod",
        "--set",
        "admin_cidr=0.0.0.0/0",
    ];

    let refused = with_profile(dir.path(), &endpoint)
        .args(up)
        .output()
        .expect("run");
    assert!(!refused.status.success());
    let said = text(&refused.stderr);
    assert!(
        said.contains("security_groups[0].ingress[0]: ingress from 0.0.0.0/0 reaches port 22"),
        "{said}"
    );
    assert!(said.contains("--accept-risk"), "{said}");
    assert_eq!(groups(&endpoint), 0, "nothing reached AWS");
    assert!(
        !environments(dir.path(), &endpoint).contains("\"edge\""),
        "nothing recorded"
    );

    let accepted = with_profile(dir.path(), &endpoint)
        .args(up)
        .arg("--accept-risk")
        .output()
        .expect("run");
    assert!(accepted.status.success(), "{}", text(&accepted.stderr));
    assert_eq!(groups(&endpoint), 1, "the host's group");
}

#[test]
fn an_admin_policy_asks_even_in_dev() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("admin-host.toml");
    let source = hangar_core::builtin_source("docker-host")
        .expect("built in")
        .replace("AmazonSSMManagedInstanceCore", "AdministratorAccess");
    std::fs::write(&file, source).expect("write blueprint");
    // Refused before any AWS call: no emulator is needed, and none is reachable here.
    let refused = with_profile(dir.path(), "http://127.0.0.1:9")
        .args(["up", file.to_str().expect("utf-8"), "--name", "admin-dev"])
        .output()
        .expect("run");
    assert!(!refused.status.success());
    let said = text(&refused.stderr);
    assert!(
        said.contains("iam_roles[0].managed_policies[0]: role iam_role.host gets arn:aws:iam::aws:policy/AdministratorAccess"),
        "{said}"
    );
}

#[test]
fn up_without_a_profile_refuses_although_the_shell_holds_aws_keys() {
    let server = MotoServer::start().expect("moto");
    let endpoint = server.endpoint();
    let dir = tempfile::tempdir().expect("tempdir");
    // `hangar` sets AWS_ACCESS_KEY_ID and friends, which the SDK's default chain would take.
    let out = common::hangar(dir.path(), &endpoint)
        .args(["up", "docker-host", "--name", "chain"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    let said = text(&out.stderr);
    assert!(said.contains("no profile to act with"), "{said}");
    assert_eq!(groups(&endpoint), 0, "nothing reached AWS");
}

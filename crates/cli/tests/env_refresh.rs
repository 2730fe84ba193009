//! `hangar refresh ENV` through the real binary and the emulator: exit 0 while AWS holds what
//! the history says, exit 1 with a one-line reason naming what is gone once it does not, and
//! `hangar resume` makes it again.

use crate::common;

use common::{text, with_profile};
use hangar_testkit::{MotoServer, sdk_config};

#[test]
fn refresh_reports_drift_and_resume_repairs_it() {
    let server = MotoServer::start().expect("moto");
    let endpoint = server.endpoint();
    let dir = tempfile::tempdir().expect("tempdir");
    let run = |args: &[&str]| {
        with_profile(dir.path(), &endpoint)
            .args(args)
            .output()
            .expect("run")
    };

    let up = run(&["up", "single-host-dev", "--name", "drifty"]);
    assert_eq!(up.status.code(), Some(0), "{}", text(&up.stderr));
    let fresh = run(&["refresh", "drifty"]);
    assert_eq!(fresh.status.code(), Some(0), "{}", text(&fresh.stderr));

    let show = run(&["--json", "show", "drifty"]);
    let shown: serde_json::Value = serde_json::from_slice(&show.stdout).expect("json");
    let instance = shown["resources"]
        .as_array()
        .expect("resources")
        .iter()
        .find(|r| r["logical"] == "instance.dev-server")
        .and_then(|r| r["awsId"].as_str())
        .expect("the instance")
        .to_string();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        aws_sdk_ec2::Client::new(&sdk_config(&endpoint))
            .terminate_instances()
            .instance_ids(&instance)
            .send()
            .await
            .expect("terminated behind Hangar's back");
    });

    let drifted = run(&["--json", "refresh", "drifty"]);
    assert_eq!(drifted.status.code(), Some(1));
    let err = text(&drifted.stderr);
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(
        err.contains("drifty drifted: 1 gone from AWS (instance.dev-server)"),
        "{err}"
    );

    let resume = run(&["resume", "drifty"]);
    assert_eq!(resume.status.code(), Some(0), "{}", text(&resume.stderr));
    let again = run(&["refresh", "drifty"]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    let down = run(&["down", "drifty"]);
    assert_eq!(down.status.code(), Some(0), "{}", text(&down.stderr));
}

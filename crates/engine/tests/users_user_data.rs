//! The accepted users in the servers: docker-host provisioned against the emulator with a users
//! list, its instance's user data read back with DescribeInstanceAttribute, decoded (and
//! gunzipped when it had to be) and held against the clean CSV of exactly those users. A list
//! too long for AWS's 16 KB limit is refused before any AWS call, with how many users fit.

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::Arc;

use aws_sdk_ec2::types::Filter;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hangar_core::graph::ResourceKind;
use hangar_core::users::{UserRow, clean_users_csv};
use hangar_engine::{Engine, EngineError, NewEnvironmentRequest, UsersImport, null_sink};
use hangar_resources::{Clients, Ctx, find_tagged};
use hangar_store::{NewImport, OnFailure, Store};
use hangar_testkit::{MotoServer, REGION, sdk_config};

fn request(name: &str) -> NewEnvironmentRequest {
    NewEnvironmentRequest {
        name: name.into(),
        blueprint_name: "docker-host".into(),
        blueprint_source: include_str!("../../../blueprints/docker-host.toml").into(),
        overrides: BTreeMap::new(),
        profile: "Sandbox".into(),
        on_failure: OnFailure::Keep,
        expires_at: None,
    }
}

fn users(n: usize) -> Vec<UserRow> {
    (0..n)
        .map(|i| UserRow {
            username: format!("user{i}"),
            email: format!("user{i}@example.com"),
            name: (i % 2 == 0).then(|| format!("User {i}, O'Brien")),
            role: ["admin", "developer", "viewer"][i % 3].into(),
        })
        .collect()
}

fn import(users: Vec<UserRow>) -> UsersImport {
    UsersImport {
        file: NewImport::from_bytes("team.csv", b"the file as read", 0),
        users,
    }
}

/// Provisions `env` with `rows` and returns the instance's user data as AWS holds it, decoded,
/// and whether it was gzipped.
async fn provisioned_user_data(server: &MotoServer, env: &str, rows: &[UserRow]) -> (String, bool) {
    let sdk = sdk_config(&server.endpoint());
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::new(
        Arc::new(Store::open_in(dir.path()).expect("store")),
        dir.path(),
    );
    engine
        .create_environment_with_users(&request(env), &import(rows.to_vec()))
        .expect("fits");
    engine
        .provision(env, &sdk, null_sink())
        .await
        .expect("provisioned");

    let ctx = Ctx::new(
        Clients::new(&sdk),
        env,
        engine
            .store()
            .environment(env)
            .expect("read")
            .expect("env")
            .uid,
        REGION,
    );
    let instance = find_tagged(&ctx, ResourceKind::Instance)
        .await
        .expect("find")
        .pop()
        .expect("one instance");
    let attr = ctx
        .clients
        .ec2
        .describe_instance_attribute()
        .instance_id(&instance.created.aws_id)
        .attribute(aws_sdk_ec2::types::InstanceAttributeName::UserData)
        .send()
        .await
        .expect("DescribeInstanceAttribute");
    let b64 = attr.user_data().and_then(|v| v.value()).expect("user data");
    let bytes = STANDARD.decode(b64).expect("base64");
    assert!(bytes.len() <= 16 * 1024, "{} bytes", bytes.len());
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut script = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut script)
            .expect("gunzip");
        (script, true)
    } else {
        (String::from_utf8(bytes).expect("utf-8"), false)
    }
}

/// Runs the lines of the script that write files under `/opt/app` (not the installs) in
/// bash, with `/opt/app` moved under a temporary directory, and returns that directory: what
/// the host would hold after cloud-init ran them.
fn run_file_lines(script: &str) -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("tempdir");
    let app = root.path().join("opt/app");
    let lines: String = script
        .lines()
        .filter(|l| {
            l.contains("/opt/app")
                && ["put_file ", "env_from_file "]
                    .iter()
                    .any(|p| l.starts_with(p))
        })
        .map(|l| l.replace("/opt/app", &app.display().to_string()) + "\n")
        .collect();
    let lines = format!("{}{lines}", hangar_core::userdata::SCRIPT_HEADER);
    let out = std::process::Command::new("bash")
        .args(["-euo", "pipefail", "-c", &lines])
        .output()
        .expect("bash");
    assert!(
        out.status.success(),
        "{}\n{lines}",
        String::from_utf8_lossy(&out.stderr)
    );
    root
}

fn assert_carries(script: &str, rows: &[UserRow]) {
    assert!(script.starts_with("#!/bin/bash\n"));
    let csv = clean_users_csv(rows);
    let host = run_file_lines(script);
    let read = |p: &str| std::fs::read_to_string(host.path().join(p)).expect("written");
    assert_eq!(read("opt/app/users.csv"), csv);
    assert_eq!(
        read("opt/app/.env"),
        format!("APP_USERS_B64={}\n", STANDARD.encode(&csv))
    );
    assert_eq!(
        script.matches(&STANDARD.encode(&csv)).count(),
        1,
        "the CSV is carried once: the host makes the variable from the file"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_users_go_into_the_instance_as_plain_user_data() {
    let server = MotoServer::start().expect("moto");
    let rows = users(3);
    let (script, gzipped) = provisioned_user_data(&server, "three", &rows).await;
    assert!(!gzipped);
    assert_carries(&script, &rows);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn six_hundred_users_are_gzipped_and_still_round_trip() {
    // Gzipped, docker-host's user data holds a couple of thousand of these users (the CSV
    // goes in once, as base64; the host makes APP_USERS_B64 from the file).
    let server = MotoServer::start().expect("moto");
    let rows = users(600);
    let (script, gzipped) = provisioned_user_data(&server, "many", &rows).await;
    assert!(gzipped, "{} bytes of script must be gzipped", script.len());
    assert!(script.len() > 16 * 1024);
    assert_carries(&script, &rows);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_many_users_fail_before_any_aws_call_saying_how_many_fit() {
    let server = MotoServer::start().expect("moto");
    let sdk = sdk_config(&server.endpoint());
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = Engine::new(
        Arc::new(Store::open_in(dir.path()).expect("store")),
        dir.path(),
    );
    let err = engine
        .create_environment_with_users(&request("crowd"), &import(users(100_000)))
        .expect_err("too many users");
    assert!(matches!(err, EngineError::UsersTooLarge(_)), "{err}");
    let EngineError::UsersTooLarge(bake) = &err else {
        panic!("{err}");
    };
    let fit = bake.users_that_fit().expect("a count");
    assert!(fit > 600 && fit < 100_000, "{fit}");
    let message = err.to_string();
    assert!(
        message.contains(&format!("{fit} of the 100000 users fit")),
        "{message}"
    );
    assert!(message.contains("instance.host"), "{message}");
    // Nothing recorded, nothing made.
    assert!(engine.store().environment("crowd").expect("read").is_none());
    let named = aws_sdk_ec2::Client::new(&sdk)
        .describe_tags()
        .filters(Filter::builder().name("value").values("crowd").build())
        .send()
        .await
        .expect("DescribeTags");
    assert!(named.tags().is_empty(), "{:?}", named.tags());

    // A live environment refuses the same list and keeps its users.
    engine
        .create_environment_with_users(&request("small"), &import(users(3)))
        .expect("fits");
    let err = engine
        .import_users("small", &import(users(100_000)))
        .expect_err("too many");
    assert!(matches!(err, EngineError::UsersTooLarge(_)), "{err}");
    assert_eq!(engine.users("small").expect("users"), users(3));
    // A list that fits is recorded, and names the instance that takes it.
    let imported = engine
        .import_users("small", &import(users(5)))
        .expect("fits");
    assert_eq!(imported.instances, ["instance.host"]);
    assert!(imported.to_replace.is_empty(), "nothing exists yet");
    assert_eq!(engine.users("small").expect("users"), users(5));
}

//! The accepted users baked into the docker-host plan: the instance's user data carries the
//! clean CSV as a file, from which the host makes `APP_USERS_B64`, plain while it fits, gzip when it must, and a
//! list too long for either says how many users fit.

use std::io::Read;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hangar_core::graph::NodeSpec;
use hangar_core::graph::spec::{InstanceSpec, UserData};
use hangar_core::users::{UserRow, bake_users, clean_users_csv, instances_taking_users};
use hangar_core::{Overrides, Plan, load_builtin, plan};

fn docker_host() -> (hangar_core::blueprint::Spec, Plan) {
    let bp = load_builtin("docker-host").expect("builtin");
    let (_, spec) = bp.resolve(&Overrides::new()).expect("resolves");
    let plan = plan(&bp, &Overrides::new()).expect("plans");
    (spec, plan)
}

fn users(n: usize) -> Vec<UserRow> {
    (0..n)
        .map(|i| UserRow {
            username: format!("user{i}"),
            email: format!("user{i}@example.com"),
            name: (i % 3 == 0).then(|| format!("User {i}, \"the {i}th\"")),
            role: ["admin", "developer", "viewer"][i % 3].into(),
        })
        .collect()
}

/// The user data the instance will be sent, once users are baked in.
fn baked_data(plan: &Plan, logical: &str) -> (String, bool, i64) {
    let node = plan.graph.get(logical).expect("node");
    match &node.spec {
        NodeSpec::Instance(InstanceSpec {
            user_data:
                Some(UserData::Baked {
                    base64,
                    gzip,
                    users,
                }),
            ..
        }) => (base64.clone(), *gzip, *users),
        _ => panic!("{logical} has no baked user data"),
    }
}

/// The script the instance will run, from its baked user data.
fn script(plan: &Plan, logical: &str) -> String {
    let (b64, gz, _) = baked_data(plan, logical);
    let bytes = STANDARD.decode(b64).expect("base64");
    assert_eq!(gz, bytes.starts_with(&[0x1f, 0x8b]));
    if gz {
        let mut out = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut out)
            .expect("gunzip");
        out
    } else {
        String::from_utf8(bytes).expect("utf-8")
    }
}

/// The file a script writes at `path`, decoded from its `put_file 'path' mode '...'` line.
fn written(script: &str, path: &str) -> Vec<u8> {
    let line = script
        .lines()
        .find(|l| l.starts_with(&format!("put_file '{path}' ")))
        .unwrap_or_else(|| panic!("no write to {path} in\n{script}"));
    let b64 = line.split('\'').nth(3).expect("quoted base64");
    STANDARD.decode(b64).expect("base64")
}

#[test]
fn the_instance_carries_the_clean_csv_as_file_and_variable() {
    let (spec, mut plan) = docker_host();
    assert_eq!(instances_taking_users(&plan.graph), ["instance.host"]);
    let rows = users(3);
    let baked = bake_users(&spec, &mut plan, &rows).expect("fits");
    assert_eq!(baked.len(), 1);
    assert!(!baked[0].payload.gzipped);
    let node = plan.graph.get("instance.host").expect("node");
    assert_eq!(baked_data(&plan, "instance.host").2, 3);
    let step = plan.steps.iter().find(|s| s.logical == "instance.host");
    assert_eq!(step.map(|s| &s.spec), Some(&node.spec));

    let script = script(&plan, "instance.host");
    let csv = clean_users_csv(&rows);
    assert_eq!(written(&script, "/opt/app/users.csv"), csv.as_bytes());
    // The variable is made on the host from the file (crates/engine/tests/users_user_data.rs
    // runs these lines in bash): the CSV is carried once.
    assert!(written(&script, "/opt/app/.env").is_empty());
    assert!(
        script.contains("env_from_file 'APP_USERS_B64' '/opt/app/users.csv' '/opt/app/.env'"),
        "{script}"
    );
    assert!(
        !script.contains("user0@example.com"),
        "only base64 payloads"
    );
}

#[test]
fn a_long_list_is_gzipped_and_a_too_long_one_says_how_many_fit() {
    let (spec, mut plan) = docker_host();
    let rows = users(600);
    let baked = bake_users(&spec, &mut plan, &rows).expect("fits gzipped");
    assert!(baked[0].payload.gzipped);
    assert!(baked[0].payload.raw_len > 16 * 1024);
    let script = script(&plan, "instance.host");
    assert_eq!(
        written(&script, "/opt/app/users.csv"),
        clean_users_csv(&rows).as_bytes()
    );

    let (spec, mut plan) = docker_host();
    let before = plan.clone();
    let err = bake_users(&spec, &mut plan, &users(20_000)).expect_err("too many");
    let fit = err.users_that_fit().expect("a count");
    assert!(fit > 600 && fit < 20_000, "{fit}");
    assert!(
        err.to_string()
            .contains(&format!("{fit} of the 20000 users fit")),
        "{err}"
    );
    assert_eq!(plan, before, "nothing changed");
}

#[test]
fn instances_without_users_keep_their_script() {
    let bp = load_builtin("web-and-postgres").expect("builtin");
    let (_, spec) = bp.resolve(&Overrides::new()).expect("resolves");
    let mut plan = plan(&bp, &Overrides::new()).expect("plans");
    let before = plan.clone();
    assert!(instances_taking_users(&plan.graph).is_empty());
    assert!(
        bake_users(&spec, &mut plan, &users(3))
            .expect("ok")
            .is_empty()
    );
    assert_eq!(plan, before);
}

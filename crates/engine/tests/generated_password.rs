//! Seed 000's database password, end to end against the emulator behind the proxy and the real
//! keychain: generated at the first provision (32 letters and digits, never `postgres`), the
//! same value in the keychain and in the user data RunInstances carried, another for another
//! environment, absent from the SQLite file and the job log, and gone from the keychain with
//! the environment.

use crate::support;

use std::sync::{Arc, Mutex};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hangar_engine::{Event, Sink, null_sink};
use hangar_keychain::Keychain;
use hangar_testkit::faults::{self, FaultPlan, FaultStats};
use hangar_testkit::{MotoServer, sdk_config};

fn recording_sink() -> (Sink, Arc<Mutex<Vec<Event>>>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let seen = events.clone();
    (
        Arc::new(move |e| seen.lock().expect("events").push(e)),
        events,
    )
}

/// The password a launched script writes to `.env`: `env_line 'POSTGRES_PASSWORD' '<pw>' …`.
fn password_in(script: &str) -> String {
    let line = script
        .lines()
        .find(|l| l.starts_with("env_line 'POSTGRES_PASSWORD' "))
        .unwrap_or_else(|| panic!("no password line:\n{script}"));
    line.split('\'').nth(3).expect("quoted value").to_string()
}

fn compose_in(script: &str) -> String {
    let line = script
        .lines()
        .find(|l| l.starts_with("put_file ") && l.contains("docker-compose.yml"))
        .expect("compose file");
    let b64 = line.split('\'').nth(3).expect("base64");
    String::from_utf8(STANDARD.decode(b64).expect("base64")).expect("utf8")
}

/// Every file of the history (the database, its WAL and shared memory), as bytes.
fn history_bytes(dir: &std::path::Path) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            all.extend(std::fs::read(&path).expect("read"));
        }
    }
    all
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_environment_gets_its_own_password_kept_only_in_the_keychain() {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(server.addr(), FaultPlan::default()).expect("proxy");
    let sdk = sdk_config(&proxy.endpoint());
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = support::engine(dir.path());
    let keychain = Keychain::os().expect("the test keyring (scripts/with-keyring.sh)");

    support::create(&engine, "pw-one", "single-host-dev", "keep");
    let (sink, events) = recording_sink();
    let job = engine.provision("pw-one", &sdk, sink).await.expect("up");
    assert!(
        events
            .lock()
            .expect("events")
            .contains(&Event::PasswordGenerated)
    );

    let runs = proxy.seen("RunInstances");
    assert_eq!(runs.len(), 1);
    let script = String::from_utf8(
        STANDARD
            .decode(runs[0].param("UserData").expect("user data"))
            .expect("base64"),
    )
    .expect("utf8");
    let sent = password_in(&script);
    assert_eq!(sent.len(), 32, "{sent:?}");
    assert!(sent.chars().all(|c| c.is_ascii_alphanumeric()));
    assert_ne!(sent, "postgres");
    let one = engine
        .store()
        .environment("pw-one")
        .expect("read")
        .expect("env");
    let kept = keychain
        .environment_password(&one.uid)
        .expect("keychain")
        .expect("kept");
    assert_eq!(kept.expose(), sent);
    // Compose reads it from .env: every use is `${POSTGRES_PASSWORD:?}`, no default.
    let compose = compose_in(&script);
    assert!(compose.contains("\"POSTGRES_PASSWORD\": \"${POSTGRES_PASSWORD:?}\""));
    assert!(!compose.contains("postgres}") && !compose.contains(":-postgres"));
    assert!(compose.contains("\"NEXT_PUBLIC_API_URL\": \"http://${HANGAR_PUBLIC_HOST}:8000\""));

    // Neither the history's files nor the job log nor the plan hold it.
    let logs = engine.store().logs(job.id, 0, 10_000).expect("log");
    assert!(!logs.is_empty());
    assert!(logs.iter().all(|l| !l.message.contains(&sent)));
    let plan = serde_json::to_string(&hangar_engine::plan_for(&one).expect("plan")).expect("json");
    assert!(!plan.contains(&sent));
    assert!(plan.contains(hangar_core::userdata::GENERATED_PASSWORD_PLACEHOLDER));
    let history = history_bytes(dir.path());
    assert!(!history.is_empty());
    assert!(
        !contains(&history, &sent),
        "the password is in the SQLite files"
    );

    // Provisioning again reuses it and announces nothing.
    let (sink, events) = recording_sink();
    engine.provision("pw-one", &sdk, sink).await.expect("again");
    assert!(
        !events
            .lock()
            .expect("events")
            .contains(&Event::PasswordGenerated)
    );
    assert_eq!(
        keychain
            .environment_password(&one.uid)
            .expect("keychain")
            .map(|s| s.expose().to_string()),
        Some(sent.clone())
    );

    // Another environment (its own group name), another password.
    engine
        .create_environment(&hangar_engine::NewEnvironmentRequest {
            name: "pw-two".into(),
            blueprint_name: "single-host-dev".into(),
            blueprint_source: hangar_core::builtin_source("single-host-dev")
                .expect("built-in")
                .into(),
            overrides: [("project".to_string(), "second".to_string())].into(),
            profile: "Sandbox".into(),
            on_failure: hangar_store::OnFailure::Keep,
            expires_at: None,
        })
        .expect("valid");
    engine
        .provision("pw-two", &sdk, hangar_engine::null_sink())
        .await
        .expect("up");
    let runs = proxy.seen("RunInstances");
    let second = String::from_utf8(
        STANDARD
            .decode(
                runs.last()
                    .expect("run")
                    .param("UserData")
                    .expect("user data"),
            )
            .expect("base64"),
    )
    .expect("utf8");
    let other = password_in(&second);
    assert_eq!(other.len(), 32);
    assert_ne!(other, sent);

    // Teardown takes the keychain entry with the environment.
    for env in ["pw-one", "pw-two"] {
        engine
            .teardown(env, &sdk, hangar_engine::null_sink())
            .await
            .expect("down");
        let uid = engine
            .store()
            .environment(env)
            .expect("read")
            .expect("env")
            .uid;
        assert_eq!(
            keychain.environment_password(&uid).expect("keychain"),
            None,
            "{env}"
        );
    }
}

fn kept_password(engine: &hangar_engine::Engine, keychain: &Keychain, env: &str) -> Option<String> {
    let uid = engine
        .store()
        .environment(env)
        .expect("read")
        .expect("env")
        .uid;
    keychain
        .environment_password(&uid)
        .expect("keychain")
        .map(|s| s.expose().to_string())
}

fn refusing_instances() -> FaultPlan {
    FaultPlan {
        refuse_ec2: Some(("RunInstances".into(), "InsufficientInstanceCapacity".into())),
        ..FaultPlan::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_the_preflight_refuses_generates_no_password() {
    let server = MotoServer::start().expect("moto");
    // The host's t3.large offered in no zone of the region: the preflight refuses the job.
    let plan = FaultPlan {
        hidden_offerings: ["a", "b", "c", "d", "e", "f"]
            .map(|z| (format!("us-east-1{z}"), "t3.large".to_string()))
            .to_vec(),
        ..FaultPlan::default()
    };
    let proxy = faults::start(server.addr(), plan).expect("proxy");
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = support::engine(dir.path());
    let keychain = Keychain::os().expect("the test keyring (scripts/with-keyring.sh)");
    support::create(&engine, "pw-refused", "single-host-dev", "keep");

    let (sink, events) = recording_sink();
    let err = engine
        .provision("pw-refused", &sdk_config(&proxy.endpoint()), sink)
        .await
        .expect_err("t3.large is offered nowhere");
    assert!(
        matches!(err, hangar_engine::EngineError::Blueprint(_)),
        "{err}"
    );
    assert!(FaultStats::get(&proxy.stats.offerings_hidden) > 0);
    assert!(
        !events
            .lock()
            .expect("events")
            .contains(&Event::PasswordGenerated)
    );
    assert_eq!(kept_password(&engine, &keychain, "pw-refused"), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rolled_back_first_provision_takes_its_password_with_it() {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(server.addr(), refusing_instances()).expect("proxy");
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = support::engine(dir.path());
    let keychain = Keychain::os().expect("the test keyring (scripts/with-keyring.sh)");
    support::create(&engine, "pw-rolled", "single-host-dev", "rollback");

    let (sink, events) = recording_sink();
    engine
        .provision("pw-rolled", &sdk_config(&proxy.endpoint()), sink)
        .await
        .expect_err("AWS refused the instance");
    // It was made for this job (the refused RunInstances carried it), then rolled back.
    assert!(
        events
            .lock()
            .expect("events")
            .contains(&Event::PasswordGenerated)
    );
    assert!(!proxy.seen("RunInstances").is_empty());
    assert_eq!(support::status(&engine, "pw-rolled"), "destroyed");
    assert_eq!(kept_password(&engine, &keychain, "pw-rolled"), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_provision_keeps_its_password_for_the_retry_and_teardown_removes_it() {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(server.addr(), refusing_instances()).expect("proxy");
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = support::engine(dir.path());
    let keychain = Keychain::os().expect("the test keyring (scripts/with-keyring.sh)");
    support::create(&engine, "pw-retried", "single-host-dev", "keep");

    engine
        .provision("pw-retried", &sdk_config(&proxy.endpoint()), null_sink())
        .await
        .expect_err("AWS refused the instance");
    assert_eq!(support::status(&engine, "pw-retried"), "failed");
    let first = kept_password(&engine, &keychain, "pw-retried").expect("kept for the retry");

    // AWS has capacity again: the retry reuses the password and announces none.
    let direct = sdk_config(&server.endpoint());
    let (sink, events) = recording_sink();
    engine
        .resume("pw-retried", &direct, sink)
        .await
        .expect("retried");
    assert!(
        !events
            .lock()
            .expect("events")
            .contains(&Event::PasswordGenerated)
    );
    assert_eq!(kept_password(&engine, &keychain, "pw-retried"), Some(first));

    engine
        .teardown("pw-retried", &direct, null_sink())
        .await
        .expect("down");
    assert_eq!(kept_password(&engine, &keychain, "pw-retried"), None);
}

/// The account's copy of a password, read with plain SSM calls: what another machine finds.
async fn in_account(endpoint: &str, uid: &str) -> Option<String> {
    aws_sdk_ssm::Client::new(&sdk_config(endpoint))
        .get_parameter()
        .name(format!("/hangar/{uid}/generated-password"))
        .with_decryption(true)
        .send()
        .await
        .ok()
        .and_then(|o| o.parameter?.value)
}

fn launched_password(run: &faults::SeenRequest) -> String {
    let script = STANDARD
        .decode(run.param("UserData").expect("user data"))
        .expect("base64");
    password_in(&String::from_utf8(script).expect("utf8"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_team_mode_the_password_lives_in_the_account_and_another_machine_launches_with_it() {
    let server = MotoServer::start().expect("moto");
    // The first machine's launch is refused after the password was made; the second machine
    // reaches the same account through a proxy that lets it through.
    let first = faults::start(server.addr(), refusing_instances()).expect("proxy");
    let second = faults::start(server.addr(), FaultPlan::default()).expect("proxy");
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = support::engine(dir.path());
    engine
        .store()
        .save_profile(&hangar_store::ProfileRecord::new(
            "Sandbox",
            hangar_core::profile::ProfileKind::Sandbox,
            "us-east-1",
        ))
        .expect("profile");
    engine
        .store()
        .set_team_state("Sandbox", Some(&hangar_store::TeamState::default()))
        .expect("team mode");
    let keychain = Keychain::os().expect("the test keyring (scripts/with-keyring.sh)");
    support::create(&engine, "pw-team", "single-host-dev", "keep");
    let uid = engine
        .store()
        .environment("pw-team")
        .expect("read")
        .expect("env")
        .uid;

    engine
        .provision("pw-team", &sdk_config(&first.endpoint()), null_sink())
        .await
        .expect_err("AWS refused the instance");
    let made = launched_password(&first.seen("RunInstances")[0]);
    // It went to the account as a SecureString, before the launch, never overwriting.
    let puts = first.seen("PutParameter");
    assert_eq!(puts.len(), 1, "{puts:?}");
    let put: serde_json::Value =
        serde_json::from_str(puts[0].json_body.as_deref().expect("JSON body")).expect("JSON");
    assert_eq!(put["Type"], "SecureString");
    assert_eq!(put["Overwrite"], false);
    assert_eq!(put["Name"], format!("/hangar/{uid}/generated-password"));
    assert_eq!(
        in_account(&server.endpoint(), &uid).await,
        Some(made.clone())
    );

    // Another machine: its keychain has no copy. Its retry launches with the account's password
    // and announces no new one; its keychain holds it afterwards.
    keychain
        .delete_environment_password(&uid)
        .expect("forget here");
    let (sink, events) = recording_sink();
    engine
        .resume("pw-team", &sdk_config(&second.endpoint()), sink)
        .await
        .expect("retried");
    let runs = second.seen("RunInstances");
    assert_eq!(runs.len(), 1);
    assert_eq!(launched_password(&runs[0]), made);
    assert!(
        !events
            .lock()
            .expect("events")
            .contains(&Event::PasswordGenerated)
    );
    assert!(
        second.seen("PutParameter").is_empty(),
        "the account's copy stays as it was"
    );
    assert_eq!(
        kept_password(&engine, &keychain, "pw-team"),
        Some(made.clone())
    );

    // The teardown deletes both copies.
    engine
        .teardown("pw-team", &sdk_config(&second.endpoint()), null_sink())
        .await
        .expect("down");
    assert_eq!(second.seen("DeleteParameter").len(), 1);
    assert_eq!(in_account(&server.endpoint(), &uid).await, None);
    assert_eq!(kept_password(&engine, &keychain, "pw-team"), None);
}

//! Team mode between two histories (two data directories: two machines) over one emulator
//! behind the fault proxy. The first makes an environment; the second sees it in the account
//! (and a third machine's, made without team mode, by its tags, which it adopts for teardown
//! only and tears down), adopts it, is refused while another machine holds its lease, breaks
//! the lease once it has expired, and tears the environment down. What is in S3 is read with
//! plain SDK calls, and what reached S3 from the proxy's record, not from Hangar's history.

use crate::common;

use aws_sdk_s3::primitives::ByteStream;
use common::power::states;
use common::{PROFILE, must, text, with_profile};
use hangar_testkit::faults::{self, FaultPlan};
use hangar_testkit::{MotoServer, sdk_config};
use jiff::{SignedDuration, Timestamp};

const ENV: &str = "shared-dev";
/// The account moto answers for any credentials, and so the default bucket's name.
const BUCKET: &str = "hangar-state-123456789012-us-east-1";

fn s3(endpoint: &str) -> aws_sdk_s3::Client {
    let config = aws_sdk_s3::config::Builder::from(&sdk_config(endpoint))
        .force_path_style(true)
        .build();
    aws_sdk_s3::Client::from_conf(config)
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Runtime::new()
        .expect("runtime")
        .block_on(future)
}

fn get(endpoint: &str, key: &str) -> Option<serde_json::Value> {
    block_on(async {
        let out = s3(endpoint)
            .get_object()
            .bucket(BUCKET)
            .key(key)
            .send()
            .await
            .ok()?;
        let body = out.body.collect().await.expect("body").into_bytes();
        Some(serde_json::from_slice(&body).expect("JSON"))
    })
}

fn put_lease(endpoint: &str, env_uid: &str, host: &str, expires_at: Timestamp) {
    let lease = serde_json::json!({
        "holder": "arn:aws:iam::123456789012:user/colleague",
        "host": host,
        "job": "provision",
        "environment": ENV,
        "acquiredAt": (expires_at - SignedDuration::from_secs(120)).to_string(),
        "expiresAt": expires_at.to_string(),
    });
    block_on(async {
        s3(endpoint)
            .put_object()
            .bucket(BUCKET)
            .key(format!("hangar/leases/{env_uid}.json"))
            .body(ByteStream::from(lease.to_string().into_bytes()))
            .send()
            .await
            .expect("put lease");
    });
}

fn rows(out: &std::process::Output) -> Vec<serde_json::Value> {
    serde_json::from_slice(&out.stdout).expect("JSON rows")
}

/// One emulator behind the fault proxy, and two data directories: two machines of a team.
struct TwoMachines {
    _moto: MotoServer,
    /// The emulator itself, for reads that share no code with Hangar.
    truth: String,
    proxy: faults::FaultProxy,
    /// The proxy, where Hangar is pointed.
    endpoint: String,
    first: tempfile::TempDir,
    second: tempfile::TempDir,
}

impl TwoMachines {
    fn new() -> Self {
        let moto = MotoServer::start().expect("moto");
        let proxy = faults::start(moto.addr(), FaultPlan::default()).expect("proxy");
        Self {
            truth: moto.endpoint(),
            endpoint: proxy.endpoint(),
            proxy,
            _moto: moto,
            first: tempfile::tempdir().expect("first machine"),
            second: tempfile::tempdir().expect("second machine"),
        }
    }
}

#[test]
fn a_second_machine_sees_adopts_waits_for_the_lease_and_tears_down() {
    let lab = TwoMachines::new();
    let (truth, endpoint, proxy) = (lab.truth.clone(), lab.endpoint.clone(), &lab.proxy);
    let (a, b) = (lab.first.path(), lab.second.path());

    // Machine A, in team mode, makes the environment.
    with_profile(a, &endpoint);
    must(a, &endpoint, &["profile", "team", PROFILE, "on"]);
    must(a, &endpoint, &["up", "single-host-dev", "--name", ENV]);

    // The bucket as S3 was asked to make it: versioned, encrypted, closed to the public.
    let sent = |subresource: &str| -> String {
        let seen = proxy.seen_s3("PUT", subresource);
        let on_bucket: Vec<_> = seen
            .iter()
            .filter(|r| r.path.starts_with(&format!("/{BUCKET}/?")))
            .collect();
        assert_eq!(
            on_bucket.len(),
            1,
            "one PUT ?{subresource} on the state bucket: {seen:?}"
        );
        on_bucket[0].body.clone()
    };
    assert!(sent("versioning").contains("<Status>Enabled</Status>"));
    assert!(sent("encryption").contains("<SSEAlgorithm>AES256</SSEAlgorithm>"));
    let block = sent("publicAccessBlock");
    for setting in [
        "BlockPublicAcls",
        "IgnorePublicAcls",
        "BlockPublicPolicy",
        "RestrictPublicBuckets",
    ] {
        assert!(
            block.contains(&format!("<{setting}>true</{setting}>")),
            "{setting}: {block}"
        );
    }
    // The lease was taken with a conditional create, and freed after the job.
    let leases: Vec<_> = proxy
        .requests()
        .into_iter()
        .filter(|r| r.service == "s3" && r.path.contains("/hangar/leases/"))
        .collect();
    assert!(
        leases
            .iter()
            .any(|r| r.action.starts_with("PUT") && r.condition("if-none-match") == Some("*")),
        "no lease was created with If-None-Match: *: {leases:?}"
    );
    assert!(
        leases.iter().any(|r| r.action.starts_with("DELETE")),
        "the lease was not freed after the job: {leases:?}"
    );

    // Machine C, not in team mode, makes one of its own: only its tags show it.
    let third = tempfile::tempdir().expect("third machine");
    must(
        third.path(),
        &endpoint,
        &[
            "up",
            "single-host-dev",
            "--name",
            "solo-dev",
            "--set",
            "project=solo",
        ],
    );

    // Machine B, in team mode for the same account, sees both: A's not here and nobody's job
    // on it, C's without a record.
    with_profile(b, &endpoint);
    must(b, &endpoint, &["profile", "team", PROFILE, "on"]);
    let listed = rows(&must(b, &endpoint, &["--json", "list", "--account"]));
    let names: Vec<_> = listed
        .iter()
        .map(|r| (r["name"].as_str(), r["status"].as_str()))
        .collect();
    assert_eq!(
        names,
        vec![
            (Some(ENV), Some("ready")),
            (Some("solo-dev"), Some("unrecorded"))
        ]
    );
    // C's environment comes into B's history for teardown only: nothing says what it was made
    // from, so every other job is refused, and the teardown finds everything by its tags.
    let adopted = text(&must(b, &endpoint, &["adopt", "solo-dev"]).stdout);
    assert!(adopted.contains("for teardown only"), "{adopted}");
    for job in ["resume", "refresh"] {
        let refused = with_profile(b, &endpoint)
            .args([job, "solo-dev"])
            .output()
            .expect("run");
        assert!(!refused.status.success(), "{job} ran");
        assert!(
            text(&refused.stderr).contains("for teardown only"),
            "{job}: {}",
            text(&refused.stderr)
        );
    }
    assert_eq!(states(&truth, "solo-dev").0, vec!["running".to_string()]);
    assert_eq!(security_groups(&truth, "solo-dev").len(), 1);
    must(b, &endpoint, &["down", "solo-dev"]);
    assert_eq!(
        states(&truth, "solo-dev").0,
        vec!["terminated".to_string()],
        "the teardown found the instance by its tags"
    );
    assert_eq!(
        security_groups(&truth, "solo-dev"),
        Vec::<String>::new(),
        "and its security group"
    );
    let solo_uid = listed[1]["id"].as_str().expect("id");
    let solo = get(&truth, &format!("hangar/environments/{solo_uid}.json"))
        .expect("B's teardown recorded it in the account");
    assert_eq!(
        (solo["teardownOnly"].as_bool(), solo["status"].as_str()),
        (Some(true), Some("destroyed"))
    );
    let row = &listed[0];
    assert_eq!(
        (
            row["name"].as_str(),
            row["status"].as_str(),
            row["here"].as_bool()
        ),
        (Some(ENV), Some("ready"), Some(false))
    );
    assert!(row["lease"].is_null(), "the job's lease was freed: {row}");
    // What it costs and when it was made, as A's own history says.
    let at_a = rows(&must(a, &endpoint, &["--json", "list"]));
    let monthly = at_a[0]["monthlyCost"].as_f64().expect("A's estimate");
    let per_hour = row["costPerHour"].as_f64().expect("the account's estimate");
    assert!(
        (per_hour * 730.0 - monthly).abs() < 1e-9,
        "{per_hour}/h against {monthly}/month"
    );
    assert_eq!(row["createdAt"], at_a[0]["createdAt"]);
    let uid = row["id"].as_str().expect("id").to_string();
    let record = get(&truth, &format!("hangar/environments/{uid}.json")).expect("the record");
    let instance = record["resources"]
        .as_array()
        .expect("resources")
        .iter()
        .find(|r| r["kind"] == "instance")
        .and_then(|r| r["awsId"].as_str())
        .expect("the record names the instance")
        .to_string();
    assert!(
        row["owner"]
            .as_str()
            .is_some_and(|o| o.starts_with("arn:aws:")),
        "{row}"
    );

    // A kept the generated password in the account; B's keychain has none (the test's
    // machines share one keychain, so A's copy goes first). B adopts it: the same id, in B's
    // history, ready, and the password with it.
    let password = block_on(async {
        aws_sdk_ssm::Client::new(&sdk_config(&truth))
            .get_parameter()
            .name(format!("/hangar/{uid}/generated-password"))
            .with_decryption(true)
            .send()
            .await
            .expect("the account keeps the password")
            .parameter
            .and_then(|p| p.value)
            .expect("a value")
    });
    assert_eq!(
        text(&must(a, &endpoint, &["secret", ENV]).stdout).trim(),
        password
    );
    hangar_keychain::Keychain::os()
        .expect("the test keyring")
        .delete_environment_password(&uid)
        .expect("forget A's copy");
    must(b, &endpoint, &["adopt", ENV]);
    assert_eq!(
        text(&must(b, &endpoint, &["secret", ENV]).stdout).trim(),
        password
    );
    let here = rows(&must(b, &endpoint, &["--json", "list"]));
    assert_eq!(
        (here[0]["name"].as_str(), here[0]["status"].as_str()),
        (Some(ENV), Some("ready"))
    );

    // A colleague's machine holds the lease: B's teardown is refused, naming it, and touches nothing.
    put_lease(
        &truth,
        &uid,
        "colleague-laptop (pid 7)",
        Timestamp::now() + SignedDuration::from_secs(120),
    );
    let refused = with_profile(b, &endpoint)
        .args(["down", ENV])
        .output()
        .expect("run");
    assert!(!refused.status.success());
    let said = text(&refused.stderr);
    assert!(
        said.contains("busy on another machine") && said.contains("colleague-laptop (pid 7)"),
        "{said}"
    );
    assert_eq!(
        states(&truth, ENV).0,
        vec!["running".to_string()],
        "a refused teardown stopped nothing"
    );

    // The colleague's machine stopped renewing long ago: B breaks the lease, says so, tears down.
    put_lease(
        &truth,
        &uid,
        "colleague-laptop (pid 7)",
        Timestamp::now() - SignedDuration::from_secs(60),
    );
    must(b, &endpoint, &["down", ENV]);
    let logs = text(&must(b, &endpoint, &["logs", ENV]).stdout);
    assert!(
        logs.contains("broke the expired team lease") && logs.contains("colleague-laptop (pid 7)"),
        "{logs}"
    );
    block_on(async {
        let gone = aws_sdk_ec2::Client::new(&sdk_config(&truth))
            .describe_instances()
            .instance_ids(&instance)
            .send()
            .await
            .expect("describe");
        let state = gone.reservations()[0].instances()[0]
            .state()
            .and_then(|s| s.name())
            .map(|n| n.as_str().to_string());
        assert_eq!(state.as_deref(), Some("terminated"));
    });

    // A sees the teardown in the account; the lease is gone and the bucket stays.
    let listed = rows(&must(a, &endpoint, &["--json", "list", "--account"]));
    assert_eq!(
        (listed[0]["status"].as_str(), listed[0]["here"].as_bool()),
        (Some("destroyed"), Some(true))
    );
    assert!(listed[0]["lease"].is_null(), "{listed:?}");
    assert!(get(&truth, &format!("hangar/leases/{uid}.json")).is_none());
    block_on(async {
        s3(&truth)
            .head_bucket()
            .bucket(BUCKET)
            .send()
            .await
            .expect("the state bucket is kept")
    });
}

/// A lease the test stands over: the killed holder's, read until its expiry has passed. Its
/// TTL is the `HANGAR_LEASE_TTL` the holder ran with, so this is seconds, not minutes.
fn wait_until_expired(endpoint: &str, key: &str) -> serde_json::Value {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let lease = get(endpoint, key).expect("the killed holder's lease stays");
        let expires: Timestamp = lease["expiresAt"]
            .as_str()
            .expect("expiresAt")
            .parse()
            .expect("timestamp");
        if Timestamp::now() >= expires {
            return lease;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the lease never expired: {lease}"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

fn security_groups(endpoint: &str, env: &str) -> Vec<String> {
    block_on(async {
        let out = aws_sdk_ec2::Client::new(&sdk_config(endpoint))
            .describe_security_groups()
            .filters(
                aws_sdk_ec2::types::Filter::builder()
                    .name("tag:hangar:env")
                    .values(env)
                    .build(),
            )
            .send()
            .await
            .expect("describe security groups");
        out.security_groups()
            .iter()
            .filter_map(|g| g.group_id().map(str::to_string))
            .collect()
    })
}

#[test]
fn a_holder_killed_mid_job_leaves_a_record_another_machine_adopts_and_resumes() {
    use std::sync::{Arc, Mutex, PoisonError};

    let lab = TwoMachines::new();
    let (truth, endpoint, proxy) = (lab.truth.clone(), lab.endpoint.clone(), &lab.proxy);
    let (a, b) = (lab.first.path(), lab.second.path());
    for dir in [a, b] {
        with_profile(dir, &endpoint);
        must(dir, &endpoint, &["profile", "team", PROFILE, "on"]);
    }

    // A's `up` is SIGKILLed as its RunInstances arrives: the security group is made, the
    // instance is not, and the job's lease is left behind.
    let child: Arc<Mutex<Option<std::process::Child>>> = Arc::default();
    let mut held = child.lock().unwrap_or_else(PoisonError::into_inner);
    let hook = Arc::clone(&child);
    proxy.trip_on("RunInstances", move || {
        if let Some(up) = hook.lock().unwrap_or_else(PoisonError::into_inner).as_mut() {
            up.kill().expect("SIGKILL hangar");
        }
    });
    let mut up = with_profile(a, &endpoint)
        .env("HANGAR_LEASE_TTL", "2")
        .args(["up", "single-host-dev", "--name", ENV])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start hangar up");
    let pid = up.id();
    let mut stderr = up.stderr.take().expect("stderr");
    *held = Some(up);
    drop(held);
    // The pipe closes when the process is gone: no polling, no timer.
    std::io::copy(&mut stderr, &mut std::io::sink()).expect("stderr");
    let status = child
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .as_mut()
        .expect("the child")
        .wait()
        .expect("reap hangar");
    proxy.quiet();
    proxy.reopen();
    assert!(!status.success(), "up was killed");
    let made = security_groups(&truth, ENV);
    assert_eq!(
        made.len(),
        1,
        "the killed job made its security group: {made:?}"
    );

    // What the dead job left in the bucket: its record, and its lease naming its process.
    let listed = rows(&must(b, &endpoint, &["--json", "list", "--account"]));
    assert_eq!(
        (listed[0]["name"].as_str(), listed[0]["status"].as_str()),
        (Some(ENV), Some("creating"))
    );
    let uid = listed[0]["id"].as_str().expect("id").to_string();
    let lease_key = format!("hangar/leases/{uid}.json");
    let lease = wait_until_expired(&truth, &lease_key);
    assert!(
        lease["host"]
            .as_str()
            .is_some_and(|h| h.ends_with(&format!("(pid {pid})"))),
        "{lease}"
    );

    // B adopts the record and resumes: it breaks the dead job's lease, says so, and finishes
    // the environment on the security group A made, without a second one.
    must(b, &endpoint, &["adopt", ENV]);
    must(b, &endpoint, &["resume", ENV]);
    let logs = text(&must(b, &endpoint, &["logs", ENV]).stdout);
    assert!(
        logs.contains("broke the expired team lease") && logs.contains(&format!("(pid {pid})")),
        "{logs}"
    );
    assert_eq!(
        security_groups(&truth, ENV),
        made,
        "the resume reused A's security group"
    );
    assert_eq!(states(&truth, ENV).0, vec!["running".to_string()]);
    let record = get(&truth, &format!("hangar/environments/{uid}.json")).expect("record");
    assert_eq!(record["status"], "ready", "{record}");
    assert!(get(&truth, &lease_key).is_none(), "B's job freed the lease");

    must(b, &endpoint, &["down", ENV]);
    assert_eq!(states(&truth, ENV).0, vec!["terminated".to_string()]);
}

#[test]
fn team_mode_keeps_state_in_the_bucket_and_prefix_it_is_given_and_refuses_a_bad_name() {
    let lab = TwoMachines::new();
    let (truth, endpoint) = (lab.truth.clone(), lab.endpoint.clone());
    let a = lab.first.path();
    with_profile(a, &endpoint);

    let refused = with_profile(a, &endpoint)
        .args(["profile", "team", PROFILE, "on", "--bucket", "Team.State"])
        .output()
        .expect("run");
    assert!(!refused.status.success());
    let said = text(&refused.stderr);
    assert!(said.contains("bucket: 'Team.State'"), "{said}");
    let refused = with_profile(a, &endpoint)
        .args(["profile", "team", PROFILE, "on", "--prefix", "../up"])
        .output()
        .expect("run");
    assert!(text(&refused.stderr).contains("prefix: '../up'"));

    must(
        a,
        &endpoint,
        &[
            "profile",
            "team",
            PROFILE,
            "on",
            "--bucket",
            "platform-state",
            "--prefix",
            "/teams/web",
        ],
    );
    must(a, &endpoint, &["up", "single-host-dev", "--name", ENV]);
    let listed = rows(&must(a, &endpoint, &["--json", "list", "--account"]));
    let uid = listed[0]["id"].as_str().expect("id");
    let record = block_on(async {
        let out = s3(&truth)
            .get_object()
            .bucket("platform-state")
            .key(format!("teams/web/environments/{uid}.json"))
            .send()
            .await
            .expect("the record is where the profile said");
        out.body.collect().await.expect("body").into_bytes()
    });
    let record: serde_json::Value = serde_json::from_slice(&record).expect("JSON");
    assert_eq!(record["name"], ENV);
    assert!(
        get(&truth, &format!("hangar/environments/{uid}.json")).is_none(),
        "nothing went to the default bucket"
    );
    must(a, &endpoint, &["down", ENV]);
}

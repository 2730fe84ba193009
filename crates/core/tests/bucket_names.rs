//! Bucket names are global across all of AWS: the `app-and-database` artifacts bucket ends in
//! the environment's short id unless the user sets a suffix, and a preview says the id is not
//! known yet. Its lifecycle: old versions go to Glacier before they expire, checked with paths.

mod bad_support;

use bad_support::{BASE, assert_error, errors};
use hangar_core::blueprint::{Overrides, PlanFor, load_builtin, parse_blueprint};
use hangar_core::graph::NodeSpec;
use hangar_core::plan::{Plan, plan, plan_in};

const UID: &str = "3f2a9c1e-77b0-4c1e-9d2a-0123456789ab";

fn bucket_name(p: &Plan) -> String {
    match &p.graph.get("s3_bucket.artifacts").expect("the bucket").spec {
        NodeSpec::S3Bucket(b) => b.bucket_name.clone(),
        other => panic!("not a bucket: {other:?}"),
    }
}

#[test]
fn the_artifacts_bucket_ends_in_the_environments_short_id() {
    let bp = load_builtin("app-and-database").expect("built-in");
    let env = plan_in(&bp, &Overrides::new(), PlanFor::Environment(UID)).expect("valid");
    assert_eq!(bucket_name(&env), "coherent-artifacts-dev-3f2a9c1e");
    assert_eq!(env.env_short_id.as_deref(), Some("3f2a9c1e"));
    assert_eq!(env.parameters["bucket_suffix"], "3f2a9c1e");
    assert!(!env.awaits_env_id());
    let other = plan_in(
        &bp,
        &Overrides::new(),
        PlanFor::Environment("0a1b2c3d-0000-4000-8000-000000000000"),
    )
    .expect("valid");
    assert_eq!(bucket_name(&other), "coherent-artifacts-dev-0a1b2c3d");
    // The IAM policy names the same bucket.
    let policy = serde_json::to_string(&env.graph.get("iam_role.ec2").expect("role").spec)
        .expect("serialises");
    assert!(
        policy.contains("arn:aws:s3:::coherent-artifacts-dev-3f2a9c1e/*"),
        "{policy}"
    );
}

#[test]
fn a_preview_says_the_id_is_not_known_yet() {
    let bp = load_builtin("app-and-database").expect("built-in");
    let preview = plan(&bp, &Overrides::new()).expect("valid");
    assert_eq!(bucket_name(&preview), "coherent-artifacts-dev-xxxxxxxx");
    assert_eq!(preview.env_short_id, None);
    assert!(preview.awaits_env_id());
    let named = plan(&bp, &Overrides::new().set("bucket_suffix", "team-a")).expect("valid");
    assert!(!named.awaits_env_id(), "no name waits for the id");
}

#[test]
fn a_suffix_the_user_gives_wins() {
    let bp = load_builtin("app-and-database").expect("built-in");
    let given = Overrides::new().set("bucket_suffix", "team-a");
    let env = plan_in(&bp, &given, PlanFor::Environment(UID)).expect("valid");
    assert_eq!(bucket_name(&env), "coherent-artifacts-dev-team-a");
    let long = Overrides::new().set("bucket_suffix", "x".repeat(50));
    let e = plan_in(&bp, &long, PlanFor::Environment(UID)).expect_err("too long");
    assert!(
        e.0.iter().any(|err| err.path == "buckets[0].bucket_name"),
        "{e}"
    );
    let upper = Overrides::new().set("bucket_suffix", "Team_A");
    let e = plan_in(&bp, &upper, PlanFor::Environment(UID)).expect_err("bad charset");
    assert_error(
        &e,
        "buckets[0].bucket_name",
        "a bucket name may contain only lowercase letters, digits, dots and hyphens",
    );
}

#[test]
fn the_short_id_cannot_be_declared_as_a_parameter() {
    let text = r#"
region = "us-east-1"
[blueprint]
name = "t"
title = "T"
[[params]]
name = "env_short_id"
type = "string"
default = "mine"
[[buckets]]
name = "b"
bucket_name = "files-${env_short_id}"
"#;
    let e = parse_blueprint(text).expect_err("reserved");
    assert_error(
        &e,
        "params[0].name",
        "'env_short_id' is built in (the environment's short id); give the parameter another name",
    );
}

#[test]
fn old_versions_move_to_glacier_before_they_expire() {
    let bp = load_builtin("app-and-database").expect("built-in");
    let p = plan(&bp, &Overrides::new()).expect("valid");
    let NodeSpec::S3Bucket(b) = &p.graph.get("s3_bucket.artifacts").expect("bucket").spec else {
        panic!("not a bucket");
    };
    assert_eq!(b.noncurrent_transitions.len(), 1);
    assert_eq!(b.noncurrent_transitions[0].noncurrent_days, 7);
    assert_eq!(b.noncurrent_transitions[0].storage_class, "GLACIER");
    assert_eq!(b.noncurrent_expiration_days, Some(30));
}

#[test]
fn lifecycle_days_are_positive_and_moves_come_before_expiry() {
    let bucket = r#"
[[buckets]]
name = "files"
bucket_name = "files-bucket"
noncurrent_expiration_days = 30
noncurrent_transitions = [
  { days = 0, storage_class = "GLACIER" },
  { days = 30, storage_class = "DEEP_ARCHIVE" },
  { days = 10, storage_class = "FROZEN" },
]
lifecycle = [{ days = 400, storage_class = "GLACIER" }, { days = 365, expire = true }]
"#;
    let e = errors(&format!("{BASE}{bucket}"));
    assert_error(
        &e,
        "buckets[0].noncurrent_transitions[0].days",
        "days must be at least 1",
    );
    assert_error(
        &e,
        "buckets[0].noncurrent_transitions[1].days",
        "old versions move to DEEP_ARCHIVE after 30 days, at or after they expire \
         (noncurrent_expiration_days = 30): move them earlier or keep them longer",
    );
    assert_error(
        &e,
        "buckets[0].noncurrent_transitions[2].storage_class",
        "unknown storage class 'FROZEN'",
    );
    assert_error(
        &e,
        "buckets[0].lifecycle[0].days",
        "the move to GLACIER after 400 days comes at or after the expiry at 365 days",
    );
    let zero = "\n[[buckets]]\nname = \"files\"\nbucket_name = \"files-bucket\"\nnoncurrent_expiration_days = 0\n";
    assert_error(
        &errors(&format!("{BASE}{zero}")),
        "buckets[0].noncurrent_expiration_days",
        "days must be at least 1",
    );
}

//! `hangar plan --profile`: with a profile chosen, the plan asks AWS which zones and instance
//! types the region offers that account, and a type its zone does not offer is an error at the
//! blueprint path that chose it, before any job. The fault proxy hides one offering (moto
//! offers what its snapshot of AWS did). Run under scripts/with-keyring.sh: the keys live in
//! the real keychain.

use crate::common;

use common::signed::{self, SECRET};
use hangar_testkit::MotoServer;
use hangar_testkit::faults::{self, FaultPlan, FaultStats};

#[test]
fn a_type_its_zone_does_not_offer_is_an_error_at_its_path() {
    let moto = MotoServer::start().expect("moto");
    // web-and-postgres puts its t3.small host in the first zone's public subnet.
    let proxy = faults::start(
        moto.addr(),
        FaultPlan {
            verify_signatures: Some(signed::stored_key()),
            hidden_offerings: vec![("us-east-1a".into(), "t3.small".into())],
            ..FaultPlan::default()
        },
    )
    .expect("proxy");
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let profile = format!("offerings-{}", std::process::id());
    signed::add_keys_profile(d, &profile, SECRET, &proxy.endpoint(), false);

    let out = signed::run(d, &["plan", "web-and-postgres", "--profile", &profile]);
    let stderr = common::text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("instances[0].instance_type: t3.small is not offered in us-east-1a"),
        "{stderr}"
    );
    assert_eq!(FaultStats::get(&proxy.stats.offerings_hidden), 1);
    let asked = proxy.seen("DescribeInstanceTypeOfferings");
    assert_eq!(asked.len(), 1, "{asked:#?}");
    assert_eq!(asked[0].signed_by.as_deref(), Some(signed::KEY_ID));
    assert!(
        proxy.seen("DescribeAddresses").is_empty() && proxy.seen("DescribeVpcs").is_empty(),
        "quotas are left to the job"
    );

    let json = signed::run(
        d,
        &["--json", "plan", "web-and-postgres", "--profile", &profile],
    );
    assert_eq!(json.status.code(), Some(1));
    let body: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(body["errors"][0]["path"], "instances[0].instance_type");

    // Offered elsewhere: the same plan in a zone that has t3.small is a plan.
    let fine = signed::run(d, &["plan", "single-host-dev", "--profile", &profile]);
    assert!(fine.status.success(), "{}", common::text(&fine.stderr));
    assert!(common::text(&fine.stdout).contains("Steps ("));

    let unknown = signed::run(d, &["plan", "web-and-postgres", "--profile", "nobody-here"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(common::text(&unknown.stderr).contains("nobody-here"));
    signed::remove_profile(d, &profile);
}

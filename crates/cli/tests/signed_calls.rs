//! What signs the CLI's calls: moto accepts any credentials, so the fault proxy recomputes
//! every SigV4 signature with the secret stored in the keychain (run under
//! scripts/with-keyring.sh) and refuses any other, as AWS would. A role profile's calls must
//! be signed with the session its AssumeRole obtained, and that AssumeRole with the stored
//! keys and the profile's external id and duration.

use crate::common;

use common::signed::{self, KEY_ID, SECRET};
use hangar_testkit::MotoServer;
use hangar_testkit::faults::FaultStats;

fn unique(name: &str) -> String {
    format!("{name}-{}", std::process::id())
}

#[test]
fn a_wrong_secret_is_refused_and_the_stored_one_is_not() {
    let moto = MotoServer::start().expect("moto");
    let proxy = signed::verifying_proxy(&moto);
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let (wrong, right) = (unique("sig-wrong"), unique("sig-right"));
    signed::add_keys_profile(d, &wrong, "not-the-secret", &proxy.endpoint(), false);
    signed::add_keys_profile(d, &right, SECRET, &proxy.endpoint(), false);
    let stats = &proxy.stats;

    let refused = signed::run(d, &["profile", "test", &wrong]);
    assert!(
        !refused.status.success(),
        "a call signed with another secret must fail"
    );
    assert!(FaultStats::get(&stats.signatures_rejected) > 0);
    assert_eq!(FaultStats::get(&stats.signed_with_expected), 0);

    let rejected = FaultStats::get(&stats.signatures_rejected);
    let mark = proxy.mark();
    let accepted = signed::run(d, &["profile", "test", &right]);
    assert!(
        accepted.status.success(),
        "{}",
        common::text(&accepted.stderr)
    );
    assert_eq!(FaultStats::get(&stats.signatures_rejected), rejected);
    assert!(FaultStats::get(&stats.signed_with_expected) > 0);
    assert!(
        proxy
            .actions_since(mark)
            .contains(&"GetCallerIdentity".to_string())
    );

    for name in [&wrong, &right] {
        signed::remove_profile(d, name);
    }
}

#[test]
fn a_role_profile_signs_with_the_session_its_stored_keys_obtained() {
    let moto = MotoServer::start().expect("moto");
    let proxy = signed::verifying_proxy(&moto);
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let (base, deploy) = (unique("sig-base"), unique("sig-deploy"));
    signed::add_keys_profile(d, &base, SECRET, &proxy.endpoint(), false);
    let role_arn = "arn:aws:iam::123456789012:role/Deploy";
    let added = signed::run(
        d,
        &[
            "profile",
            "add",
            &deploy,
            "--region",
            hangar_testkit::REGION,
            "--role-arn",
            role_arn,
            "--source-profile",
            &base,
            "--external-id",
            "client-4711",
            "--duration",
            "3600",
        ],
    );
    assert!(added.status.success(), "{}", common::text(&added.stderr));

    let up = signed::run(
        d,
        &[
            "up",
            "single-host-dev",
            "--name",
            "by-role",
            "--profile",
            &deploy,
        ],
    );
    assert!(up.status.success(), "{}", common::text(&up.stderr));
    let down = signed::run(d, &["down", "by-role"]);
    assert!(down.status.success(), "{}", common::text(&down.stderr));

    let assumed = proxy.assumed_roles();
    assert!(!assumed.is_empty(), "the role was assumed");
    for role in &assumed {
        assert_eq!(role.role_arn, role_arn);
        assert_eq!(role.external_id.as_deref(), Some("client-4711"));
        assert_eq!(role.duration_seconds, Some(3600));
        assert_eq!(role.serial_number, None);
        assert_eq!(
            role.signed_by.as_deref(),
            Some(KEY_ID),
            "AssumeRole is signed with the stored keys"
        );
    }

    let stats = &proxy.stats;
    assert_eq!(FaultStats::get(&stats.signatures_rejected), 0);
    assert_eq!(
        FaultStats::get(&stats.signed_with_expected),
        assumed.len() as u64,
        "the stored keys sign the AssumeRoles and nothing else"
    );
    let requests = FaultStats::get(&stats.requests);
    assert_eq!(
        FaultStats::get(&stats.signed_with_session),
        requests - assumed.len() as u64,
        "every other call is signed with the session those AssumeRoles returned"
    );
    assert!(
        proxy
            .seen("RunInstances")
            .iter()
            .all(|r| r.signed_by.as_deref().is_some_and(|k| k != KEY_ID)),
        "the instance was made by the role's session"
    );

    for name in [&deploy, &base] {
        signed::remove_profile(d, name);
    }
}

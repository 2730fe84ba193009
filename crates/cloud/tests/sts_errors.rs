//! The failures moto never produces, from a fake STS that answers with AWS's own error
//! documents, and from an endpoint where nothing listens: each is its own kind, worded for a
//! person, and none echoes the secret.

mod support;

use hangar_cloud::credentials::CredentialPlan;
use hangar_cloud::{CredentialsCache, ErrorKind, test_profile};
use support::{KNOWN_SECRET, World, closed_endpoint, fake_sts};

async fn test_against(endpoint: &str, profile: &str) -> hangar_cloud::CloudError {
    let world = World::new();
    world.keys("base", endpoint);
    world.role("Deploy", "base", |p| {
        p.external_id = Some("wrong-id".into());
        p.mfa_serial = (profile == "mfa").then(|| "arn:aws:iam::123456789012:mfa/alice".into());
    });
    let name = if profile == "base" { "base" } else { "Deploy" };
    let plan = CredentialPlan::resolve(&world.source(), name).expect("plan");
    let err = test_profile(&plan, &CredentialsCache::new(), Some("000000"))
        .await
        .expect_err("fails");
    assert!(!err.message.contains(KNOWN_SECRET), "{err}");
    err
}

#[tokio::test]
async fn bad_keys() {
    let endpoint = fake_sts(
        403,
        "InvalidClientTokenId",
        "The security token included in the request is invalid.",
    );
    let err = test_against(&endpoint, "base").await;
    assert_eq!(err.kind, ErrorKind::BadCredentials, "{err}");
    assert!(err.message.contains("\"base\""), "{err}");
}

#[tokio::test]
async fn access_denied_on_assume_role_points_at_external_id_and_trust_policy() {
    let endpoint = fake_sts(
        403,
        "AccessDenied",
        "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/Deploy",
    );
    let err = test_against(&endpoint, "role").await;
    assert_eq!(err.kind, ErrorKind::AccessDenied, "{err}");
    assert!(err.message.contains("external ID"), "{err}");
    assert!(err.message.contains("trust policy"), "{err}");
}

#[tokio::test]
async fn a_wrong_mfa_code() {
    let endpoint = fake_sts(
        403,
        "AccessDenied",
        "MultiFactorAuthentication failed with invalid MFA one time pass code.",
    );
    let err = test_against(&endpoint, "mfa").await;
    assert_eq!(err.kind, ErrorKind::MfaInvalid, "{err}");
    assert!(err.message.contains("mfa/alice"), "{err}");
}

#[tokio::test]
async fn an_expired_session() {
    let endpoint = fake_sts(
        400,
        "ExpiredToken",
        "The security token included in the request is expired",
    );
    let err = test_against(&endpoint, "base").await;
    assert_eq!(err.kind, ErrorKind::Expired, "{err}");
}

#[tokio::test]
async fn an_unreachable_endpoint() {
    let endpoint = closed_endpoint();
    let err = test_against(&endpoint, "base").await;
    assert_eq!(err.kind, ErrorKind::Unreachable, "{err}");
    assert!(err.message.contains(&endpoint), "{err}");
}

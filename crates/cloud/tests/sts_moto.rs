//! Credentials and "who am I" against moto's STS: keys, the Sandbox, AssumeRole with an
//! external ID, role chaining, MFA, the cache, and an SdkConfig that refreshes itself.

mod support;

use std::sync::Arc;

use hangar_cloud::credentials::{self, CredentialPlan};
use hangar_cloud::{CredentialsCache, ErrorKind, test_profile};
use hangar_sandbox::MotoServer;
use hangar_store::{ProfileKind, ProfileRecord};
use support::{KNOWN_SECRET, World};

#[tokio::test]
async fn keys_and_the_sandbox_are_the_moto_account() {
    let moto = MotoServer::start().expect("moto");
    let world = World::new();
    world.keys("base", &moto.endpoint());
    let mut sandbox = ProfileRecord::new("Sandbox", ProfileKind::Sandbox, "us-east-1");
    sandbox.endpoint = Some(moto.endpoint());
    world.store.save_profile(&sandbox).expect("sandbox");
    let cache = CredentialsCache::new();

    for name in ["base", "Sandbox"] {
        let plan = CredentialPlan::resolve(&world.source(), name).expect("plan");
        let who = test_profile(&plan, &cache, None).await.expect("identity");
        assert_eq!(who.account, "123456789012");
        assert!(who.arn.starts_with("arn:aws:"), "{}", who.arn);
        assert!(who.chain.is_empty());
        assert_eq!(who.endpoint.as_deref(), Some(moto.endpoint().as_str()));
    }
}

#[tokio::test]
async fn assume_role_with_external_id_is_cached_until_near_expiry() {
    let moto = MotoServer::start().expect("moto");
    let world = World::new();
    world.keys("base", &moto.endpoint());
    world.role("Deploy", "base", |p| {
        p.external_id = Some("client-4711".into());
        p.session_name = Some("hangar-test".into());
        p.duration_secs = Some(43_200);
    });
    let cache = CredentialsCache::new();
    let plan = CredentialPlan::resolve(&world.source(), "Deploy").expect("plan");
    assert!(plan.warnings.is_empty(), "a role from keys may last 12 h");

    let who = test_profile(&plan, &cache, None).await.expect("identity");
    assert_eq!(
        who.arn,
        "arn:aws:sts::123456789012:assumed-role/Deploy/hangar-test"
    );
    assert_eq!(who.principal, "Deploy/hangar-test");
    assert_eq!(who.chain.len(), 1);
    let link = &who.chain[0];
    assert_eq!(link.role_arn, "arn:aws:iam::123456789012:role/Deploy");
    assert_eq!(link.duration_secs, 43_200);
    assert!(!link.cached);
    assert!(link.expires_at.is_some());

    let again = test_profile(&plan, &cache, None).await.expect("again");
    assert!(again.chain[0].cached, "the session is reused from memory");
    assert_eq!(again.chain[0].expires_at, link.expires_at);
    assert_eq!(cache.len(), 1);
}

#[tokio::test]
async fn a_chained_role_is_capped_at_one_hour_and_says_so() {
    let moto = MotoServer::start().expect("moto");
    let world = World::new();
    world.keys("base", &moto.endpoint());
    world.role("Hub", "base", |_| {});
    world.role("Spoke", "Hub", |p| p.duration_secs = Some(7_200));
    let plan = CredentialPlan::resolve(&world.source(), "Spoke").expect("plan");
    assert_eq!(plan.warnings.len(), 1);
    assert!(plan.warnings[0].contains("one hour"), "{:?}", plan.warnings);

    let who = test_profile(&plan, &CredentialsCache::new(), None)
        .await
        .expect("identity");
    let roles: Vec<&str> = who.chain.iter().map(|l| l.profile.as_str()).collect();
    assert_eq!(roles, ["Hub", "Spoke"]);
    assert_eq!(who.chain[1].duration_secs, 3_600);
    assert_eq!(who.warnings, plan.warnings);
    assert!(who.arn.contains("assumed-role/Spoke/"), "{}", who.arn);
}

#[tokio::test]
async fn an_mfa_role_asks_for_the_code() {
    let moto = MotoServer::start().expect("moto");
    let world = World::new();
    world.keys("base", &moto.endpoint());
    world.role("Admin", "base", |p| {
        p.mfa_serial = Some("arn:aws:iam::123456789012:mfa/alice".into());
    });
    let plan = CredentialPlan::resolve(&world.source(), "Admin").expect("plan");
    assert_eq!(
        plan.mfa_serial(),
        Some("arn:aws:iam::123456789012:mfa/alice")
    );
    let cache = CredentialsCache::new();
    let err = test_profile(&plan, &cache, None)
        .await
        .expect_err("needs a code");
    assert_eq!(err.kind, ErrorKind::MfaRequired);
    assert!(err.message.contains("mfa/alice"), "{err}");
    let who = test_profile(&plan, &cache, Some("123456"))
        .await
        .expect("with a code");
    assert!(who.arn.contains("assumed-role/Admin/"), "{}", who.arn);
    // The session is cached, so no new code is needed until it nears its end.
    test_profile(&plan, &cache, None).await.expect("cached");
}

#[tokio::test]
async fn an_sdk_config_from_a_profile_calls_aws_with_the_chain() {
    let moto = MotoServer::start().expect("moto");
    let world = World::new();
    world.keys("base", &moto.endpoint());
    world.role("Deploy", "base", |_| {});
    let plan = Arc::new(CredentialPlan::resolve(&world.source(), "Deploy").expect("plan"));
    let cache = Arc::new(CredentialsCache::new());
    let config = credentials::sdk_config(plan, Arc::clone(&cache)).await;
    let out = aws_sdk_sts::Client::new(&config)
        .get_caller_identity()
        .send()
        .await
        .expect("identity");
    assert!(
        out.arn()
            .unwrap_or_default()
            .contains("assumed-role/Deploy/")
    );
    assert_eq!(cache.len(), 1, "the provider filled the cache");
}

#[tokio::test]
async fn a_profile_of_the_users_aws_files_goes_through_the_sdk_chain() {
    let moto = MotoServer::start().expect("moto");
    let world = World::new();
    std::fs::write(
        world.dir.path().join("credentials"),
        format!("[work]\naws_access_key_id = AKIAFILE\naws_secret_access_key = {KNOWN_SECRET}\n"),
    )
    .expect("write credentials");
    std::fs::write(
        world.dir.path().join("config"),
        "[profile work]\nregion = eu-west-1\n",
    )
    .expect("write config");
    let mut p = ProfileRecord::new("work", ProfileKind::AwsConfig, "eu-west-1");
    p.aws_profile = Some("work".into());
    p.endpoint = Some(moto.endpoint());
    world.store.save_profile(&p).expect("save");
    let plan = CredentialPlan::resolve(&world.source(), "work").expect("plan");
    let who = test_profile(&plan, &CredentialsCache::new(), None)
        .await
        .expect("identity");
    assert_eq!(who.account, "123456789012");
}

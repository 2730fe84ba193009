//! Role chaining recognised from the first hop: keys that are themselves a role session
//! (`ASIA…` with a session token) make the first AssumeRole a chained one, which AWS caps at
//! one hour. The fault proxy refuses a chained AssumeRole asking for more, as AWS does (moto
//! grants it); Hangar asks for an hour and says so at the profile's field when it is saved.
//! The keys live in the real keychain (run under scripts/with-keyring.sh).

mod support;

use aws_credential_types::Credentials;
use aws_sdk_sts::error::ProvideErrorMetadata;
use hangar_cloud::{NewCredentials, NewProfile};
use hangar_engine::Service;
use hangar_keychain::{Keychain, ProfileSecret, Secret};
use hangar_testkit::faults::{self, FaultPlan, FaultStats, SigningKey};
use hangar_testkit::{MotoServer, REGION};

const KEY_ID: &str = "ASIAHANGARCHAINED001";
const SECRET: &str = "hangar-chained-secret-3e7a1f";
const TOKEN: &str = "hangar-chained-session-token-8c4d";
const ROLE: &str = "arn:aws:iam::123456789012:role/Deploy";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_role_from_session_keys_asks_for_an_hour_and_aws_refuses_more() {
    let moto = MotoServer::start().expect("moto");
    let proxy = faults::start(
        moto.addr(),
        FaultPlan {
            verify_signatures: Some(SigningKey {
                access_key_id: KEY_ID.into(),
                secret_access_key: SECRET.into(),
            }),
            enforce_role_chaining: true,
            ..FaultPlan::default()
        },
    )
    .expect("proxy");
    let dir = tempfile::tempdir().expect("tempdir");
    let service = Service::new(support::engine(dir.path()), Keychain::os());
    let profiles = service.profiles().expect("profiles");
    let pid = std::process::id();
    let (keys, role) = (format!("chain-keys-{pid}"), format!("chain-role-{pid}"));
    let mut session = ProfileSecret::new(KEY_ID, Secret::new(SECRET));
    session.session_token = Some(Secret::new(TOKEN));
    profiles
        .save(NewProfile {
            name: keys.clone(),
            region: REGION.into(),
            endpoint: Some(proxy.endpoint()),
            is_default: false,
            credentials: NewCredentials::AccessKeys {
                secret: Some(session),
            },
        })
        .expect("session keys stored");

    let saved = profiles
        .save(NewProfile {
            name: role.clone(),
            region: REGION.into(),
            endpoint: Some(proxy.endpoint()),
            is_default: false,
            credentials: NewCredentials::AssumeRole {
                source_profile: keys.clone(),
                role_arn: ROLE.into(),
                external_id: None,
                mfa_serial: None,
                session_name: None,
                duration_secs: Some(7_200),
            },
        })
        .expect("role stored");
    assert_eq!(saved.warnings.len(), 1, "{:?}", saved.warnings);
    assert!(
        saved.warnings[0].starts_with("durationSecs: ") && saved.warnings[0].contains("one hour"),
        "told at the field: {:?}",
        saved.warnings
    );

    // Tested, the first hop asks for the hour AWS allows, and AWS has nothing to refuse.
    let identity = profiles.test(&role, None).await.expect("tested");
    assert!(
        identity
            .warnings
            .iter()
            .any(|w| w.starts_with("durationSecs: "))
    );
    let assumed = proxy.assumed_roles();
    assert_eq!(assumed.len(), 1);
    assert_eq!(assumed[0].duration_seconds, Some(3_600));
    assert_eq!(assumed[0].signed_by.as_deref(), Some(KEY_ID));
    assert_eq!(FaultStats::get(&proxy.stats.chain_refusals), 0);

    // The check bypassed: the same session asking STS for two hours is refused as AWS does.
    let config = aws_sdk_sts::Config::builder()
        .behavior_version(aws_sdk_sts::config::BehaviorVersion::latest())
        .region(aws_sdk_sts::config::Region::new(REGION))
        .endpoint_url(proxy.endpoint())
        .credentials_provider(Credentials::new(
            KEY_ID,
            SECRET,
            Some(TOKEN.into()),
            None,
            "test",
        ))
        .build();
    let err = aws_sdk_sts::Client::from_conf(config)
        .assume_role()
        .role_arn(ROLE)
        .role_session_name("bypassed")
        .duration_seconds(7_200)
        .send()
        .await
        .expect_err("a chained session of two hours");
    assert_eq!(err.code(), Some("ValidationError"));
    assert_eq!(
        err.message(),
        Some(
            "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."
        )
    );
    assert_eq!(FaultStats::get(&proxy.stats.chain_refusals), 1);

    for name in [&role, &keys] {
        profiles.remove(name).expect("removed");
    }
}

//! Role chaining told by STS, not by the key's prefix: temporary keys (`ASIA…` with a session
//! token) are a role's session or an IAM user's GetSessionToken session. Only a role's session
//! makes the first AssumeRole chained, which AWS caps at one hour; Hangar asks STS
//! GetCallerIdentity which it is. The fault proxy refuses a chained AssumeRole asking for more
//! (moto grants it) and gives GetSessionToken keys an `ASIA…` id as AWS does (moto's are AKIA).
//! The keys live in the real keychain (run under scripts/with-keyring.sh).

use crate::support;

use aws_credential_types::Credentials;
use aws_sdk_sts::error::ProvideErrorMetadata;
use hangar_cloud::{NewCredentials, NewProfile};
use hangar_engine::Service;
use hangar_keychain::{Keychain, ProfileSecret, Secret};
use hangar_testkit::faults::{self, FaultPlan, FaultProxy, FaultStats, SigningKey};
use hangar_testkit::{MotoServer, REGION};

const KEY_ID: &str = "AKIAHANGARLONGTERM01";
const SECRET: &str = "hangar-long-term-secret-3e7a1f";
const ROLE: &str = "arn:aws:iam::123456789012:role/Deploy";
const FIRST: &str = "arn:aws:iam::123456789012:role/First";

fn sts(proxy: &FaultProxy, key: &str, secret: &str, token: Option<&str>) -> aws_sdk_sts::Client {
    let config = aws_sdk_sts::Config::builder()
        .behavior_version(aws_sdk_sts::config::BehaviorVersion::latest())
        .region(aws_sdk_sts::config::Region::new(REGION))
        .endpoint_url(proxy.endpoint())
        .credentials_provider(Credentials::new(
            key,
            secret,
            token.map(str::to_string),
            None,
            "test",
        ))
        .build();
    aws_sdk_sts::Client::from_conf(config)
}

fn proxy(moto: &MotoServer) -> FaultProxy {
    faults::start(
        moto.addr(),
        FaultPlan {
            verify_signatures: Some(SigningKey {
                access_key_id: KEY_ID.into(),
                secret_access_key: SECRET.into(),
            }),
            enforce_role_chaining: true,
            temporary_session_tokens: true,
            ..FaultPlan::default()
        },
    )
    .expect("proxy")
}

/// Saves `keys` as an access-key profile and a role profile on it asking for two hours.
fn save_pair(
    service: &Service,
    proxy: &FaultProxy,
    tag: &str,
    keys: ProfileSecret,
) -> (String, String) {
    let profiles = service.profiles().expect("profiles");
    let pid = std::process::id();
    let (base, role) = (format!("{tag}-keys-{pid}"), format!("{tag}-role-{pid}"));
    profiles
        .save(NewProfile {
            name: base.clone(),
            region: REGION.into(),
            endpoint: Some(proxy.endpoint()),
            is_default: false,
            default_lifetime: None,
            credentials: NewCredentials::AccessKeys { secret: Some(keys) },
        })
        .expect("keys stored");
    let saved = profiles
        .save(NewProfile {
            name: role.clone(),
            region: REGION.into(),
            endpoint: Some(proxy.endpoint()),
            is_default: false,
            default_lifetime: None,
            credentials: NewCredentials::AssumeRole {
                source_profile: base.clone(),
                role_arn: ROLE.into(),
                external_id: None,
                mfa_serial: None,
                session_name: None,
                duration_secs: Some(7_200),
            },
        })
        .expect("role stored");
    assert!(
        saved.warnings.is_empty(),
        "temporary keys are not judged before STS is asked: {:?}",
        saved.warnings
    );
    (base, role)
}

fn remove(service: &Service, names: [&str; 2]) {
    let profiles = service.profiles().expect("profiles");
    for name in names.iter().rev() {
        profiles.remove(name).expect("removed");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_that_are_a_role_session_ask_for_an_hour_and_aws_refuses_more() {
    let moto = MotoServer::start().expect("moto");
    let proxy = proxy(&moto);
    let first = sts(&proxy, KEY_ID, SECRET, None)
        .assume_role()
        .role_arn(FIRST)
        .role_session_name("first")
        .send()
        .await
        .expect("a role's session");
    let creds = first.credentials.expect("credentials");
    assert!(
        creds.access_key_id.starts_with("ASIA"),
        "{}",
        creds.access_key_id
    );
    let mut keys = ProfileSecret::new(&creds.access_key_id, Secret::new(&creds.secret_access_key));
    keys.session_token = Some(Secret::new(&creds.session_token));

    let dir = tempfile::tempdir().expect("tempdir");
    let service = Service::new(support::engine(dir.path()), Keychain::os());
    let (base, role) = save_pair(&service, &proxy, "rolekeys", keys);

    let identity = service
        .profiles()
        .expect("profiles")
        .test(&role, None)
        .await
        .expect("tested");
    assert!(
        identity
            .warnings
            .iter()
            .any(|w| w.starts_with("durationSecs: ") && w.contains("one hour")),
        "told at the field: {:?}",
        identity.warnings
    );
    let asked = proxy.seen("GetCallerIdentity");
    assert_eq!(
        asked[0].signed_by.as_deref(),
        Some(creds.access_key_id.as_str())
    );
    let assumed = proxy.assumed_roles();
    assert_eq!(assumed.len(), 2, "{assumed:?}");
    assert_eq!(assumed[1].role_arn, ROLE);
    assert_eq!(assumed[1].duration_seconds, Some(3_600));
    assert_eq!(
        assumed[1].signed_by.as_deref(),
        Some(creds.access_key_id.as_str())
    );
    assert_eq!(FaultStats::get(&proxy.stats.chain_refusals), 0);

    // The check bypassed: the same session asking STS for two hours is refused as AWS does.
    let err = sts(
        &proxy,
        &creds.access_key_id,
        &creds.secret_access_key,
        Some(&creds.session_token),
    )
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
    remove(&service, [&base, &role]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_iam_user_s_session_token_keys_keep_the_long_session() {
    let moto = MotoServer::start().expect("moto");
    let proxy = proxy(&moto);
    let token = sts(&proxy, KEY_ID, SECRET, None)
        .get_session_token()
        .duration_seconds(3_600)
        .send()
        .await
        .expect("an IAM user's session");
    let creds = token.credentials.expect("credentials");
    assert!(
        creds.access_key_id.starts_with("ASIA"),
        "as AWS: {}",
        creds.access_key_id
    );
    assert_eq!(FaultStats::get(&proxy.stats.session_tokens_issued), 1);
    let mut keys = ProfileSecret::new(&creds.access_key_id, Secret::new(&creds.secret_access_key));
    keys.session_token = Some(Secret::new(&creds.session_token));

    let dir = tempfile::tempdir().expect("tempdir");
    let service = Service::new(support::engine(dir.path()), Keychain::os());
    let (base, role) = save_pair(&service, &proxy, "userkeys", keys);

    let identity = service
        .profiles()
        .expect("profiles")
        .test(&role, None)
        .await
        .expect("tested");
    assert!(identity.warnings.is_empty(), "{:?}", identity.warnings);
    assert!(
        identity.arn.contains("assumed-role/Deploy/"),
        "{}",
        identity.arn
    );
    let asked = proxy.seen("GetCallerIdentity");
    assert_eq!(
        asked[0].signed_by.as_deref(),
        Some(creds.access_key_id.as_str())
    );
    let assumed = proxy.assumed_roles();
    assert_eq!(assumed.len(), 1, "{assumed:?}");
    assert_eq!(
        assumed[0].duration_seconds,
        Some(7_200),
        "not chained: two hours asked"
    );
    assert_eq!(
        assumed[0].signed_by.as_deref(),
        Some(creds.access_key_id.as_str())
    );
    assert_eq!(
        FaultStats::get(&proxy.stats.chain_refusals),
        0,
        "AWS grants it"
    );
    assert_eq!(identity.chain[0].duration_secs, 7_200);
    remove(&service, [&base, &role]);
}

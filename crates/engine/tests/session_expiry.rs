//! A job that outlives its role's session: the fault proxy ends every session an AssumeRole
//! hands out after a fixed number of signed requests and answers later ones as AWS answers an
//! expired session (moto's sessions never end). The job's credentials must forget the ended
//! session, assume the role again (asking for a new MFA code when the role needs one) and go
//! on. The role profile is stored in the real keychain (run under scripts/with-keyring.sh),
//! and the proxy checks every signature.

use crate::support;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use hangar_cloud::credentials::{MfaAnswer, MfaAsk, MfaPrompt};
use hangar_cloud::{ErrorKind, NewCredentials, NewProfile};
use hangar_core::{Overrides, load_builtin, plan};
use hangar_engine::{Consent, Service, ServiceError, null_sink};
use hangar_engine::{JobKind, JobStatus};
use hangar_keychain::{Keychain, ProfileSecret, Secret};
use hangar_resources::find_tagged;
use hangar_testkit::faults::{self, FaultPlan, FaultProxy, FaultStats, SigningKey};
use hangar_testkit::{MotoServer, REGION, sdk_config};

const KEY_ID: &str = "AKIAHANGAREXPIRY0001";
const SECRET: &str = "hangar-expiry-secret-9b2f4c";
const ROLE: &str = "arn:aws:iam::123456789012:role/Deploy";
const SERIAL: &str = "arn:aws:iam::123456789012:mfa/alice";
const BLUEPRINT: &str = "single-host-dev";
/// A session signs this many requests, then AWS calls it expired: a few times per job.
const SESSION_REQUESTS: u64 = 12;

fn proxy(moto: &MotoServer, mfa_codes: &[&str]) -> FaultProxy {
    faults::start(
        moto.addr(),
        FaultPlan {
            verify_signatures: Some(SigningKey {
                access_key_id: KEY_ID.into(),
                secret_access_key: SECRET.into(),
            }),
            end_sessions_after: SESSION_REQUESTS,
            mfa_codes: mfa_codes
                .iter()
                .map(|c| (SERIAL.to_string(), c.to_string()))
                .collect(),
            enforce_role_chaining: true,
            ..FaultPlan::default()
        },
    )
    .expect("proxy")
}

/// Keys in the keychain, and a role assumed from them (with MFA when `mfa`); its name.
fn store_role(service: &Service, endpoint: &str, mfa: bool) -> String {
    let pid = std::process::id();
    let (keys, role) = (format!("expiry-keys-{pid}"), format!("expiry-role-{pid}"));
    let profiles = service.profiles().expect("profiles");
    profiles
        .save(NewProfile {
            name: keys.clone(),
            region: REGION.into(),
            endpoint: Some(endpoint.into()),
            is_default: false,
            default_lifetime: None,
            credentials: NewCredentials::AccessKeys {
                secret: Some(ProfileSecret::new(KEY_ID, Secret::new(SECRET))),
            },
        })
        .expect("keys stored");
    profiles
        .save(NewProfile {
            name: role.clone(),
            region: REGION.into(),
            endpoint: Some(endpoint.into()),
            is_default: false,
            default_lifetime: None,
            credentials: NewCredentials::AssumeRole {
                source_profile: keys,
                role_arn: ROLE.into(),
                external_id: None,
                mfa_serial: mfa.then(|| SERIAL.to_string()),
                session_name: None,
                // AWS's shortest session: the one most likely to end mid-job.
                duration_secs: Some(900),
            },
        })
        .expect("role stored");
    role
}

/// A person at the prompt: gives the next of its codes, and notes how many sessions had been
/// called expired when asked.
struct Scripted {
    codes: Mutex<VecDeque<String>>,
    stats: Arc<FaultStats>,
    asked_after_expiries: Mutex<Vec<u64>>,
}

impl Scripted {
    fn new(stats: Arc<FaultStats>, codes: &[&str]) -> Arc<Self> {
        Arc::new(Self {
            codes: Mutex::new(codes.iter().map(|c| c.to_string()).collect()),
            stats,
            asked_after_expiries: Mutex::default(),
        })
    }

    fn asks(&self) -> Vec<u64> {
        self.asked_after_expiries.lock().expect("asks").clone()
    }
}

impl MfaPrompt for Scripted {
    fn code(&self, ask: MfaAsk) -> MfaAnswer<'_> {
        assert_eq!(ask.serial, SERIAL);
        assert_eq!(ask.role_arn, ROLE);
        self.asked_after_expiries
            .lock()
            .expect("asks")
            .push(FaultStats::get(&self.stats.sessions_expired));
        let code = self.codes.lock().expect("codes").pop_front();
        Box::pin(async move { code.map(Secret::new) })
    }
}

/// Every kind of the blueprint's plan is there exactly as often as the plan says, looked at
/// past the proxy.
async fn made_once(service: &Service, moto: &MotoServer, env: &str) {
    let direct = support::ctx(service.engine(), env, &sdk_config(&moto.endpoint()), REGION);
    let plan = plan(
        &load_builtin(BLUEPRINT).expect("built-in"),
        &Overrides::new(),
    )
    .expect("plan");
    for kind in support::tagged_kinds() {
        let found = find_tagged(&direct, kind).await.expect("find").len();
        assert_eq!(found, plan.graph.count(kind), "{kind:?}");
    }
}

async fn run(
    service: &Service,
    kind: JobKind,
    env: &str,
    role: &str,
) -> Result<JobStatus, ServiceError> {
    service
        .run_job(kind, env, Some(role), &Consent::default(), null_sink())
        .await
        .map(|job| job.status)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_longer_than_its_session_assumes_the_role_again_and_succeeds() {
    let moto = MotoServer::start().expect("moto");
    let proxy = proxy(&moto, &[]);
    let dir = tempfile::tempdir().expect("tempdir");
    let service = Service::new(support::engine(dir.path()), Keychain::os());
    let role = store_role(&service, &proxy.endpoint(), false);
    support::create(service.engine(), "outlives", BLUEPRINT, "keep");

    let status = run(&service, JobKind::Provision, "outlives", &role)
        .await
        .expect("the job ran");
    assert_eq!(status, JobStatus::Succeeded);

    let stats = &proxy.stats;
    let expired = FaultStats::get(&stats.sessions_expired);
    let assumed = proxy.assumed_roles();
    assert!(expired > 0, "a session ended mid-job");
    assert!(
        assumed.len() >= 2,
        "the role was assumed again: {assumed:?}"
    );
    // Calls refused together on one ended session share one new AssumeRole.
    let requests = FaultStats::get(&stats.requests);
    assert!(
        (assumed.len() as u64) <= requests / SESSION_REQUESTS + 1,
        "{} AssumeRoles for {requests} requests",
        assumed.len()
    );
    for role in &assumed {
        assert_eq!(role.role_arn, ROLE);
        assert_eq!(role.duration_seconds, Some(900));
        assert_eq!(role.signed_by.as_deref(), Some(KEY_ID));
    }
    assert_eq!(FaultStats::get(&stats.signatures_rejected), 0);
    made_once(&service, &moto, "outlives").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_role_that_needs_mfa_asks_for_a_new_code_each_time_its_session_ends() {
    let moto = MotoServer::start().expect("moto");
    let codes = [
        "100001", "100002", "100003", "100004", "100005", "100006", "100007", "100008",
    ];
    let proxy = proxy(&moto, &codes);
    let dir = tempfile::tempdir().expect("tempdir");
    let prompt = Scripted::new(proxy.stats.clone(), &codes);
    let service =
        Service::new(support::engine(dir.path()), Keychain::os()).with_mfa_prompt(prompt.clone());
    let role = store_role(&service, &proxy.endpoint(), true);
    support::create(service.engine(), "mfa-again", BLUEPRINT, "keep");

    let status = run(&service, JobKind::Provision, "mfa-again", &role)
        .await
        .expect("the job ran");
    assert_eq!(status, JobStatus::Succeeded);

    let asks = prompt.asks();
    let assumed = proxy.assumed_roles();
    assert!(asks.len() >= 2, "asked again mid-job: {asks:?}");
    assert_eq!(asks.len(), assumed.len(), "one code per AssumeRole");
    // Asked once to start, then exactly when a session had ended, never twice for one end.
    assert_eq!(asks[0], 0);
    for pair in asks.windows(2) {
        assert!(
            pair[1] > pair[0],
            "asked without a session ending: {asks:?}"
        );
    }
    for (role, code) in assumed.iter().zip(codes) {
        assert_eq!(role.serial_number.as_deref(), Some(SERIAL));
        assert_eq!(role.token_code.as_deref(), Some(code));
    }
    assert_eq!(FaultStats::get(&proxy.stats.mfa_refusals), 0);
    made_once(&service, &moto, "mfa-again").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_code_stops_the_job_as_mfa_invalid_and_a_resume_finishes_it() {
    let moto = MotoServer::start().expect("moto");
    let good = [
        "200001", "200002", "200003", "200004", "200005", "200006", "200007",
    ];
    let proxy = proxy(&moto, &good);
    let dir = tempfile::tempdir().expect("tempdir");
    // The first session's code is right; the one asked when it ends is not.
    let prompt = Scripted::new(proxy.stats.clone(), &[good[0], "999999"]);
    let service =
        Service::new(support::engine(dir.path()), Keychain::os()).with_mfa_prompt(prompt.clone());
    let role = store_role(&service, &proxy.endpoint(), true);
    support::create(service.engine(), "mfa-wrong", BLUEPRINT, "keep");

    let err = run(&service, JobKind::Provision, "mfa-wrong", &role)
        .await
        .expect_err("a wrong code stops the job");
    let ServiceError::Cloud(err) = err else {
        panic!("not a credentials error: {err}");
    };
    assert_eq!(err.kind, ErrorKind::MfaInvalid, "{err}");
    assert!(err.message.contains("resume"), "{err}");
    assert!(
        !err.message.contains("999999"),
        "the code is never echoed: {err}"
    );
    assert_eq!(
        prompt.asks().len(),
        2,
        "asked once per session, not per failed call"
    );
    assert_eq!(FaultStats::get(&proxy.stats.mfa_refusals), 1);
    assert_eq!(support::status(service.engine(), "mfa-wrong"), "failed");

    // A resume asks again and, with right codes, finishes what the first job began.
    prompt
        .codes
        .lock()
        .expect("codes")
        .extend(good[1..].iter().map(|c| c.to_string()));
    let status = run(&service, JobKind::Resume, "mfa-wrong", &role)
        .await
        .expect("the resume ran");
    assert_eq!(status, JobStatus::Succeeded);
    made_once(&service, &moto, "mfa-wrong").await;
}

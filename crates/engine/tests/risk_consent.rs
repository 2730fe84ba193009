//! A create whose plan carries a warning that needs a yes: refused before any job row or AWS
//! request without it (the fault proxy saw nothing), created with it; the ingress AWS received
//! is the risky one the person accepted.

use crate::support;

use std::collections::BTreeMap;

use hangar_core::PlanWarningKind;
use hangar_engine::{Consent, EngineError, JobKind, NewEnvironmentRequest, null_sink};
use hangar_testkit::faults::{self, FaultPlan};
use hangar_testkit::{MotoServer, sdk_config};

const ENV: &str = "edge-prod";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_risky_prod_plan_needs_the_yes_before_anything_reaches_aws() {
    let server = MotoServer::start().expect("moto");
    let proxy = faults::start(server.addr(), FaultPlan::default()).expect("proxy");
    let sdk = sdk_config(&proxy.endpoint());
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = support::engine(dir.path());
    let env = engine
        .create_environment(&NewEnvironmentRequest {
            name: ENV.into(),
            blueprint_name: "docker-host".into(),
            blueprint_source: hangar_core::builtin_source("docker-host")
                .expect("built-in")
                .into(),
            overrides: BTreeMap::from([
                ("environment".to_string(), "prod".to_string()),
                ("admin_cidr".to_string(), "0.0.0.0/0".to_string()),
            ]),
            profile: "Sandbox".into(),
            on_failure: "keep".parse().expect("keep"),
            expires_at: None,
        })
        .expect("valid: a warning never stops a plan");

    for kind in [JobKind::Provision, JobKind::Resume] {
        let before = proxy.mark();
        let err = engine
            .run_job(kind, ENV, &sdk, null_sink(), &Consent::default())
            .await
            .expect_err("refused without the yes");
        let EngineError::RiskNotAccepted {
            env: named,
            warnings,
        } = &err
        else {
            panic!("{kind:?}: expected a refusal for risk, got {err}");
        };
        assert_eq!(named, ENV);
        assert_eq!(
            warnings
                .iter()
                .map(|w| (w.kind, w.path.as_str()))
                .collect::<Vec<_>>(),
            vec![(
                PlanWarningKind::OpenAdminPort,
                "security_groups[0].ingress[0]"
            )]
        );
        assert!(err.to_string().contains("port 22"), "{err}");
        assert_eq!(
            proxy.actions_since(before),
            Vec::<String>::new(),
            "{kind:?}"
        );
    }
    assert!(
        engine.store().jobs(env.id).expect("jobs").is_empty(),
        "a refusal records no job"
    );

    engine
        .run_job(
            JobKind::Provision,
            ENV,
            &sdk,
            null_sink(),
            &Consent::accepting_risk(),
        )
        .await
        .expect("created once accepted");
    let ingress = proxy.seen("AuthorizeSecurityGroupIngress");
    let has = |r: &hangar_testkit::faults::SeenRequest, suffix: &str, value: &str| {
        r.params
            .iter()
            .any(|(k, v)| k.ends_with(suffix) && v == value)
    };
    assert!(
        ingress
            .iter()
            .any(|r| has(r, "FromPort", "22") && has(r, "CidrIp", "0.0.0.0/0")),
        "AWS received the accepted rule: {:?}",
        ingress.iter().map(|r| &r.params).collect::<Vec<_>>()
    );
}

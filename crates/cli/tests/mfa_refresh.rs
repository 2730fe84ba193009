//! `hangar up` with a role that needs MFA, longer than its session: the fault proxy ends each
//! session after a few signed requests (as AWS ends one after its DurationSeconds) and checks
//! each code once. From a script, the CLI reads each new code from the next line of standard
//! input; every AssumeRole carries the next code, and no code is ever printed. Run under
//! scripts/with-keyring.sh: the keys live in the real keychain.

use crate::common;

use common::signed::{self, KEY_ID, SECRET};
use hangar_testkit::MotoServer;
use hangar_testkit::faults::{self, FaultPlan, FaultStats};

const SERIAL: &str = "arn:aws:iam::123456789012:mfa/ci";

#[test]
fn each_new_session_takes_the_next_code_from_stdin() {
    let moto = MotoServer::start().expect("moto");
    let codes = [
        "310001", "310002", "310003", "310004", "310005", "310006", "310007", "310008",
    ];
    let proxy = faults::start(
        moto.addr(),
        FaultPlan {
            verify_signatures: Some(signed::stored_key()),
            end_sessions_after: 12,
            mfa_codes: codes
                .iter()
                .map(|c| (SERIAL.to_string(), c.to_string()))
                .collect(),
            ..FaultPlan::default()
        },
    )
    .expect("proxy");
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let pid = std::process::id();
    let (base, role) = (format!("mfa-base-{pid}"), format!("mfa-role-{pid}"));
    signed::add_keys_profile(d, &base, SECRET, &proxy.endpoint(), false);
    let added = signed::run(
        d,
        &[
            "profile",
            "add",
            &role,
            "--region",
            hangar_testkit::REGION,
            "--role-arn",
            "arn:aws:iam::123456789012:role/Deploy",
            "--source-profile",
            &base,
            "--mfa-serial",
            SERIAL,
            "--duration",
            "900",
        ],
    );
    assert!(added.status.success(), "{}", common::text(&added.stderr));

    let mut up = signed::hangar(d);
    up.args([
        "up",
        "single-host-dev",
        "--name",
        "mfa-cli",
        "--profile",
        &role,
    ]);
    let out = common::output_with_stdin(&mut up, &format!("{}\n", codes.join("\n")));
    let (stdout, stderr) = (common::text(&out.stdout), common::text(&out.stderr));
    assert!(out.status.success(), "{stderr}");

    let assumed = proxy.assumed_roles();
    assert!(
        FaultStats::get(&proxy.stats.sessions_expired) > 0,
        "a session ended mid-job"
    );
    assert!(
        assumed.len() >= 2,
        "the role was assumed again: {assumed:?}"
    );
    for (role, code) in assumed.iter().zip(codes) {
        assert_eq!(role.serial_number.as_deref(), Some(SERIAL));
        assert_eq!(role.token_code.as_deref(), Some(code), "codes in order");
        assert_eq!(role.signed_by.as_deref(), Some(KEY_ID));
    }
    assert_eq!(FaultStats::get(&proxy.stats.mfa_refusals), 0);
    assert_eq!(
        stderr.matches("reading it from standard input").count(),
        assumed.len(),
        "asked once per AssumeRole: {stderr}"
    );
    for code in &codes {
        assert!(
            !stdout.contains(code) && !stderr.contains(code),
            "a code was printed"
        );
    }

    let down = signed::run_with_stdin(d, &["down", "mfa-cli"], &codes[assumed.len()..].join("\n"));
    assert!(down.status.success(), "{}", common::text(&down.stderr));
    for name in [&role, &base] {
        signed::remove_profile(d, name);
    }
}

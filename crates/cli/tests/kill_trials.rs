//! Crash safety, through the real binary and the real emulator: `hangar up` is killed with
//! SIGKILL at a different moment in each trial (after the k-th progress event, k drawn from a
//! seeded generator), then after `hangar down` the emulator must be as it was before `up`
//! (`hangar_testkit::state`, which does not rely on tags or Hangar's look-ups), and the history
//! must open and hold every job: the interrupted provision and the teardown.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use common::with_profile;
use hangar_store::{EnvironmentStatus, JobKind, Store};
use hangar_testkit::MotoServer;
use hangar_testkit::state::{Snapshot, difference};

const TRIALS: u64 = 20;
const BLUEPRINT: &str = "web-and-postgres";

/// xorshift64*: a fixed seed gives the same kill points on every run, different per trial.
fn kill_point(trial: u64, events: u64) -> u64 {
    let mut x = 0x9E37_79B9_7F4A_7C15_u64 ^ (trial + 1).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    1 + x.wrapping_mul(0x2545_F491_4F6C_DD1D) % events
}

#[test]
fn killed_at_any_moment_then_torn_down_leaves_nothing() {
    let server = MotoServer::start().expect("moto");
    let endpoint = server.endpoint();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("tempdir");
    let events_per_run = 3 * 24; // about three events per resource, fewer than that on purpose.

    for trial in 0..TRIALS {
        let env = format!("kill-{trial}");
        let k = kill_point(trial, events_per_run);
        let before = runtime.block_on(Snapshot::take(&endpoint));
        let mut up = with_profile(dir.path(), &endpoint)
            .args(["--json", "up", BLUEPRINT, "--name", &env])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start hangar up");
        let stdout = up.stdout.take().expect("stdout");
        let seen = BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .take(usize::try_from(k).expect("small"))
            .count();
        up.kill().expect("SIGKILL hangar up");
        up.wait().expect("reap");

        let down = with_profile(dir.path(), &endpoint)
            .args(["down", &env])
            .output()
            .expect("run hangar down");
        assert!(
            down.status.success(),
            "trial {trial} (killed after {seen} events): down failed: {}",
            String::from_utf8_lossy(&down.stderr)
        );

        let store = Store::open_in(dir.path()).expect("the history opens");
        let record = store.environment(&env).expect("read").expect("recorded");
        let after = runtime.block_on(Snapshot::take(&endpoint));
        let diff = difference(&before, &after);
        assert!(
            diff.is_empty(),
            "trial {trial} (killed after {seen} events): the emulator differs:\n{diff}"
        );

        assert_eq!(record.status, EnvironmentStatus::Destroyed, "trial {trial}");
        let jobs = store.jobs(record.id).expect("jobs");
        let kinds: Vec<(&str, &str)> = jobs
            .iter()
            .map(|j| (j.kind.as_str(), j.status.as_str()))
            .collect();
        assert_eq!(
            kinds.first(),
            Some(&("teardown", "succeeded")),
            "trial {trial}: {kinds:?}"
        );
        let provision = jobs
            .iter()
            .find(|j| j.kind == JobKind::Provision)
            .expect("the provision job is kept");
        assert!(
            matches!(
                provision.status.as_str(),
                "interrupted" | "succeeded" | "failed"
            ),
            "trial {trial}: a killed job must not stay running: {kinds:?}"
        );
    }
}

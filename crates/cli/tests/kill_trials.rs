//! Crash safety through the real binary, a profile stored in the real keychain, and the emulator
//! behind the fault proxy. An unkilled run of each blueprint counts its AWS calls; then each
//! trial SIGKILLs `hangar up` as the n-th call arrives, n spread over the whole job (seeded,
//! so the same points every run). Half the trials `hangar resume` and must end with exactly
//! what the plan holds, no duplicates, then lose their `hangar down` to a kill too and run it
//! again; the other half go straight to `down`. Either way the emulator ends as it began (by
//! listings that share no code with Hangar, `hangar_testkit::state`), every job
//! is in the history, and the proxy verified every call with the stored secret.

mod kill_lab;

use kill_lab::{Lab, kill_points};

/// Trials per blueprint: enough that each sixth of a job is hit once.
const TRIALS: usize = 6;

fn trials(blueprint: &'static str, seed: u64) {
    let lab = Lab::new(blueprint);
    let dry = lab.dry_run();
    let points = kill_points(seed, dry.first_create + 2, dry.up_calls, TRIALS);
    let down_points = kill_points(seed ^ 0xD0D0, 1, dry.down_calls, TRIALS);

    for (trial, &n) in points.iter().enumerate() {
        let env = format!("k{trial}");
        let killed = lab.up_killed_at(&env, n);
        killed.assert_killed(&format!(
            "{blueprint} trial {trial}: up at call {n}/{}",
            dry.up_calls
        ));
        assert!(
            killed.before.iter().any(|a| kill_lab::is_create(a)),
            "{blueprint} trial {trial}: a create went through before call {n}: {:?}",
            killed.before
        );
        assert!(
            !lab.made_since_baseline().is_empty(),
            "{blueprint} trial {trial}: something existed when up died at call {n}"
        );

        if trial % 2 == 0 {
            lab.must(
                &["resume", &env],
                &format!("{blueprint} trial {trial}: resume"),
            );
            lab.assert_exactly_the_plan(&env, &format!("{blueprint} trial {trial} resumed"));
            let m = down_points[trial];
            let down = lab.down_killed_at(&env, m);
            down.assert_killed(&format!("{blueprint} trial {trial}: down at call {m}"));
        }
        lab.must(&["down", &env], &format!("{blueprint} trial {trial}: down"));
        lab.assert_nothing_left(&format!("{blueprint} trial {trial}"));
        lab.assert_history(&env, trial % 2 == 0, &format!("{blueprint} trial {trial}"));
    }
    lab.assert_every_call_signed_with_the_stored_secret();
}

#[test]
fn web_and_postgres_killed_anywhere_resumes_or_tears_down() {
    trials("web-and-postgres", 0x5EED_0001);
}

#[test]
fn multi_az_three_tier_killed_anywhere_resumes_or_tears_down() {
    trials("multi-az-three-tier", 0x5EED_0002);
}

#[test]
fn app_and_database_killed_anywhere_resumes_or_tears_down() {
    trials("app-and-database", 0x5EED_0003);
}

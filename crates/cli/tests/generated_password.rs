//! The password single-host-dev's user data generates: `hangar up` prints it once on stdout
//! (and says so on stderr), `hangar secret ENV` reads it again from the keychain, the job's log
//! never holds it, and the teardown takes it out of the keychain.

use crate::common;

use common::{text, with_profile};
use hangar_testkit::MotoServer;

const ENV: &str = "pw-dev";

fn is_password(line: &str) -> bool {
    line.len() == 32 && line.chars().all(|c| c.is_ascii_alphanumeric())
}

#[test]
fn up_shows_the_password_once_secret_shows_it_again_and_down_forgets_it() {
    let server = MotoServer::start().expect("moto");
    let endpoint = server.endpoint();
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let run = |args: &[&str]| with_profile(d, &endpoint).args(args).output().expect("run");

    let up = run(&["up", "single-host-dev", "--name", ENV]);
    assert!(up.status.success(), "{}", text(&up.stderr));
    let said = text(&up.stdout);
    let shown: Vec<&str> = said.lines().filter(|l| is_password(l)).collect();
    assert_eq!(shown.len(), 1, "shown once on stdout: {said}");
    let password = shown[0].to_string();
    assert!(
        text(&up.stderr).contains(&format!("`hangar secret {ENV}` shows it again")),
        "{}",
        text(&up.stderr)
    );
    assert!(!text(&up.stderr).contains(&password), "not on stderr");

    let again = run(&["secret", ENV]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert_eq!(text(&again.stdout).trim(), password);

    let logs = run(&["logs", ENV]);
    assert!(logs.status.success());
    assert!(
        !text(&logs.stdout).contains(&password),
        "the log holds no password"
    );

    let down = run(&["down", ENV]);
    assert!(down.status.success(), "{}", text(&down.stderr));
    assert!(!text(&down.stdout).contains(&password));
    let gone = run(&["secret", ENV]);
    assert!(!gone.status.success(), "forgotten with the environment");
    assert!(!text(&gone.stderr).contains(&password));
}

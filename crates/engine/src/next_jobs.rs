//! What the user may start next on an environment, decided here once for the window and the
//! CLI alike: the window draws a button for each, and never works it out from the status.

use hangar_store::{EnvironmentRecord, EnvironmentStatus, JobKind, JobStatus};
use serde::Serialize;

/// A button: what it is called on screen, which says why it is offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum NextAction {
    /// The first provision of a new environment.
    Provision,
    /// Compare the history with what AWS holds now.
    Refresh,
    /// Continue a job the app's process stopped in the middle of.
    Resume,
    /// Run the failed job again from where it stopped.
    Retry,
    /// Make again what a refresh found gone from AWS.
    Repair,
    /// Stop its instances and databases until a wake (office hours, or by hand).
    Pause,
    /// Start what a pause stopped.
    Wake,
    Teardown,
}

/// One job the user may start: the button, and the job it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NextJob {
    pub action: NextAction,
    pub kind: JobKind,
}

impl NextJob {
    const fn new(action: NextAction, kind: JobKind) -> Self {
        Self { action, kind }
    }
}

/// The jobs that may start now on `env`, in the order the buttons go: [`next_jobs`], and only
/// the teardowns for an environment adopted from its tags alone (the engine refuses the rest).
pub fn next_jobs_of(env: &EnvironmentRecord, latest: Option<(JobKind, JobStatus)>) -> Vec<NextJob> {
    let mut jobs = next_jobs(env.status, latest);
    if env.teardown_only {
        jobs.retain(|j| j.kind == JobKind::Teardown);
    }
    jobs
}

/// The jobs that may start now, in the order the buttons go. `latest` is the environment's
/// newest job (kind and status): while one runs nothing else may start (the environment's lock
/// would refuse it; a refresh runs without changing the status, so the status alone cannot
/// tell), and a retry repeats the kind that failed.
pub(crate) fn next_jobs(
    status: EnvironmentStatus,
    latest: Option<(JobKind, JobStatus)>,
) -> Vec<NextJob> {
    use NextAction as A;
    let running = latest.is_some_and(|(_, s)| s == JobStatus::Running);
    if running {
        return Vec::new();
    }
    let teardown = NextJob::new(A::Teardown, JobKind::Teardown);
    match status {
        EnvironmentStatus::New => vec![NextJob::new(A::Provision, JobKind::Provision)],
        EnvironmentStatus::Ready => vec![
            NextJob::new(A::Refresh, JobKind::Refresh),
            NextJob::new(A::Pause, JobKind::Pause),
            teardown,
        ],
        EnvironmentStatus::Paused => vec![
            NextJob::new(A::Wake, JobKind::Wake),
            NextJob::new(A::Refresh, JobKind::Refresh),
            teardown,
        ],
        EnvironmentStatus::Drifted => vec![
            NextJob::new(A::Refresh, JobKind::Refresh),
            NextJob::new(A::Repair, JobKind::Resume),
            teardown,
        ],
        EnvironmentStatus::Interrupted => match latest.map(|(kind, _)| kind) {
            // A pause or wake whose process stopped is run again as it was.
            Some(kind @ (JobKind::Pause | JobKind::Wake)) => {
                vec![NextJob::new(A::Retry, kind), teardown]
            }
            Some(JobKind::Provision | JobKind::Resume | JobKind::Refresh | JobKind::Teardown)
            | None => vec![NextJob::new(A::Resume, JobKind::Resume), teardown],
        },
        EnvironmentStatus::Failed => {
            // A failed teardown is retried as a teardown; a failed provision (or resume, or a
            // rollback that did not finish) continues as a resume.
            let retry = match latest.map(|(kind, _)| kind) {
                Some(JobKind::Teardown) => JobKind::Teardown,
                Some(kind @ (JobKind::Pause | JobKind::Wake)) => kind,
                Some(JobKind::Provision | JobKind::Resume | JobKind::Refresh) | None => {
                    JobKind::Resume
                }
            };
            vec![NextJob::new(A::Retry, retry), teardown]
        }
        // A job runs (or its process died and the next start marks it interrupted), or nothing
        // is left to act on.
        EnvironmentStatus::Creating
        | EnvironmentStatus::Destroying
        | EnvironmentStatus::Destroyed => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EnvironmentStatus as S;
    use strum::IntoEnumIterator;

    fn actions(status: S, latest: Option<(JobKind, JobStatus)>) -> Vec<(NextAction, JobKind)> {
        next_jobs(status, latest)
            .into_iter()
            .map(|j| (j.action, j.kind))
            .collect()
    }

    const DONE: Option<(JobKind, JobStatus)> = Some((JobKind::Provision, JobStatus::Succeeded));

    #[test]
    fn an_environment_adopted_from_its_tags_is_offered_its_teardown_alone() {
        let env = |status, teardown_only| EnvironmentRecord {
            id: 1,
            uid: "7d4c2a4e-0000-4000-8000-000000000001".into(),
            name: "solo".into(),
            blueprint: String::new(),
            blueprint_source: String::new(),
            parameters: "{}".into(),
            profile: "work".into(),
            region: "eu-west-1".into(),
            account_id: None,
            status,
            on_failure: hangar_store::OnFailure::Keep,
            outputs: "{}".into(),
            created_at: String::new(),
            updated_at: String::new(),
            expires_at: None,
            office_hours: None,
            teardown_only,
        };
        let kinds = |e: &EnvironmentRecord, latest| {
            next_jobs_of(e, latest)
                .into_iter()
                .map(|j| (j.action, j.kind))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            kinds(&env(S::Ready, true), None),
            [(NextAction::Teardown, JobKind::Teardown)]
        );
        assert_eq!(
            kinds(
                &env(S::Failed, true),
                Some((JobKind::Teardown, JobStatus::Failed))
            ),
            [
                (NextAction::Retry, JobKind::Teardown),
                (NextAction::Teardown, JobKind::Teardown)
            ]
        );
        assert_eq!(kinds(&env(S::Ready, false), DONE).len(), 3);
    }

    #[test]
    fn the_table() {
        use JobKind as K;
        use NextAction as A;
        assert_eq!(actions(S::New, None), [(A::Provision, K::Provision)]);
        assert_eq!(
            actions(S::Ready, DONE),
            [
                (A::Refresh, K::Refresh),
                (A::Pause, K::Pause),
                (A::Teardown, K::Teardown)
            ]
        );
        assert_eq!(
            actions(S::Paused, Some((K::Pause, JobStatus::Succeeded))),
            [
                (A::Wake, K::Wake),
                (A::Refresh, K::Refresh),
                (A::Teardown, K::Teardown)
            ]
        );
        assert_eq!(
            actions(S::Interrupted, Some((K::Pause, JobStatus::Interrupted))),
            [(A::Retry, K::Pause), (A::Teardown, K::Teardown)]
        );
        assert_eq!(
            actions(S::Drifted, Some((K::Refresh, JobStatus::Succeeded))),
            [
                (A::Refresh, K::Refresh),
                (A::Repair, K::Resume),
                (A::Teardown, K::Teardown)
            ]
        );
        assert_eq!(
            actions(S::Interrupted, Some((K::Provision, JobStatus::Interrupted))),
            [(A::Resume, K::Resume), (A::Teardown, K::Teardown)]
        );
        assert_eq!(
            actions(S::Failed, Some((K::Provision, JobStatus::Failed))),
            [(A::Retry, K::Resume), (A::Teardown, K::Teardown)]
        );
        assert_eq!(
            actions(S::Failed, Some((K::Teardown, JobStatus::Failed))),
            [(A::Retry, K::Teardown), (A::Teardown, K::Teardown)]
        );
        for busy_or_gone in [S::Creating, S::Destroying, S::Destroyed] {
            assert_eq!(actions(busy_or_gone, DONE), [], "{busy_or_gone}");
        }
    }

    #[test]
    fn nothing_starts_while_a_job_runs_whatever_the_status() {
        // A refresh runs without changing the status: the job, not the status, says so.
        for status in S::iter() {
            for kind in JobKind::iter() {
                assert_eq!(
                    actions(status, Some((kind, JobStatus::Running))),
                    [],
                    "{status} during a {kind}"
                );
            }
        }
    }

    #[test]
    fn teardown_is_offered_wherever_something_may_exist() {
        for status in S::iter() {
            let offered = actions(status, DONE)
                .iter()
                .any(|(a, _)| *a == NextAction::Teardown);
            let may_exist = match status {
                S::Ready | S::Failed | S::Interrupted | S::Drifted | S::Paused => true,
                S::New | S::Creating | S::Destroying | S::Destroyed => false,
            };
            assert_eq!(offered, may_exist, "{status}");
        }
    }
}

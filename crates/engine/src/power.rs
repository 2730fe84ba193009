//! Pause and wake (office hours): a pause stops every EC2 and RDS instance the history has made
//! and records each `stopped` once AWS says so; a wake starts them and records each `ready`
//! again, with what AWS describes then (an instance comes back with a new public address,
//! so the outputs are resolved again). Each verb is idempotent in AWS, so a job killed midway
//! is run again as is; the journal says only what AWS confirmed.

use hangar_core::Plan;
use hangar_core::graph::ResourceKind;
use hangar_resources::{Created, Ctx, Refs, ResourceError, Stoppable};
use hangar_store::{EnvironmentRecord, EnvironmentStatus, JobFailure, JobKind, LogLevel};
use hangar_store::{ResourceState, Store};
use tokio::task::JoinSet;

use crate::failures::{history_failure, node_failure};
use crate::recorder::Recorder;
use crate::{EngineError, NodeState, outputs};

/// Which way a power job goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Power {
    Pause,
    Wake,
}

impl Power {
    pub fn of(kind: JobKind) -> Option<Self> {
        match kind {
            JobKind::Pause => Some(Self::Pause),
            JobKind::Wake => Some(Self::Wake),
            JobKind::Provision | JobKind::Resume | JobKind::Refresh | JobKind::Teardown => None,
        }
    }

    /// The environment's status once every resource got there.
    pub fn reached(self) -> EnvironmentStatus {
        match self {
            Self::Pause => EnvironmentStatus::Paused,
            Self::Wake => EnvironmentStatus::Ready,
        }
    }

    fn verb(self) -> &'static str {
        match self {
            Self::Pause => "stopping",
            Self::Wake => "starting",
        }
    }
}

/// Whether `kind` may start on an environment in `status` whose newest job was `latest`:
/// a pause or wake acts on a standing environment (or one whose pause or wake was
/// interrupted, to run it again), and a provision or resume waits for a wake, since it would
/// wait for stopped instances to run. Refused before any job row or AWS call.
pub(crate) fn check_allowed(
    kind: JobKind,
    env: &EnvironmentRecord,
    latest: Option<JobKind>,
) -> Result<(), EngineError> {
    use EnvironmentStatus as S;
    let power_interrupted =
        env.status == S::Interrupted && latest.is_some_and(|k| Power::of(k).is_some());
    let allowed = match kind {
        JobKind::Pause => {
            power_interrupted || matches!(env.status, S::Ready | S::Drifted | S::Paused)
        }
        JobKind::Wake => power_interrupted || matches!(env.status, S::Paused | S::Ready),
        JobKind::Provision | JobKind::Resume => env.status != S::Paused,
        JobKind::Refresh | JobKind::Teardown => true,
    };
    if allowed {
        Ok(())
    } else {
        Err(EngineError::Invalid(match kind {
            JobKind::Provision | JobKind::Resume => format!(
                "'{}' is paused: wake it first (hangar wake {})",
                env.name, env.name
            ),
            JobKind::Pause | JobKind::Wake | JobKind::Refresh | JobKind::Teardown => format!(
                "cannot {} '{}': it is {}",
                kind.as_str(),
                env.name,
                env.status.as_str()
            ),
        }))
    }
}

/// An environment adopted from its tags alone runs nothing but its teardown: every other job
/// needs the blueprint it was made from, which no one recorded.
pub(crate) fn check_teardown_only(
    kind: JobKind,
    env: &EnvironmentRecord,
) -> Result<(), EngineError> {
    match kind {
        JobKind::Teardown => Ok(()),
        JobKind::Provision
        | JobKind::Resume
        | JobKind::Refresh
        | JobKind::Pause
        | JobKind::Wake
            if env.teardown_only =>
        {
            Err(EngineError::Invalid(format!(
                "'{}' was adopted from its tags alone, for teardown only: its blueprint was never recorded, so the only job it can run is `hangar down {}`",
                env.name, env.name
            )))
        }
        JobKind::Provision
        | JobKind::Resume
        | JobKind::Refresh
        | JobKind::Pause
        | JobKind::Wake => Ok(()),
    }
}

/// One resource a power job acts on.
struct Target {
    logical: String,
    kind: ResourceKind,
    what: Stoppable,
    aws_id: String,
}

/// Stops or starts every stoppable resource the history holds as standing, at most
/// `concurrency` at once; on success the environment's status becomes [`Power::reached`].
pub(crate) async fn run(
    rec: &Recorder,
    ctx: &Ctx,
    plan: &Plan,
    power: Power,
    concurrency: usize,
) -> Result<(), Vec<JobFailure>> {
    let rows = rec
        .store
        .resources(rec.env_id)
        .map_err(|e| vec![history_failure(&e)])?;
    // Both states, both ways: a stopped one is stopped again (AWS restarted a database left
    // stopped for seven days), a ready one is started again (a wake killed after the call).
    let mut pending: Vec<Target> = rows
        .iter()
        .filter(|r| matches!(r.state, ResourceState::Ready | ResourceState::Stopped))
        .filter_map(|r| {
            Some(Target {
                logical: r.logical_name.clone(),
                kind: r.kind,
                what: Stoppable::of(r.kind)?,
                aws_id: r.aws_id.clone()?,
            })
        })
        .collect();
    let total = pending.len();
    rec.log(
        LogLevel::Info,
        "engine",
        format!("{} {total} instances and databases", power.verb()),
    );
    rec.progress(0, total);
    let mut running: JoinSet<(Target, Result<Option<Created>, ResourceError>)> = JoinSet::new();
    let mut failures = Vec::new();
    let mut done = 0;
    loop {
        while running.len() < concurrency
            && let Some(target) = pending.pop()
        {
            rec.log(
                LogLevel::Info,
                &target.logical,
                format!("{} {} {}", power.verb(), target.kind.label(), target.aws_id),
            );
            let ctx = ctx.clone();
            running.spawn(async move {
                let result = match power {
                    Power::Pause => hangar_resources::stop(&ctx, target.what, &target.aws_id)
                        .await
                        .map(|()| None),
                    Power::Wake => hangar_resources::start(&ctx, target.what, &target.aws_id)
                        .await
                        .map(Some),
                };
                (target, result)
            });
        }
        let Some(joined) = running.join_next().await else {
            break;
        };
        let (target, result) = match joined {
            Ok(pair) => pair,
            Err(panic) => {
                failures.push(JobFailure::job(format!(
                    "a {} task stopped: {panic}",
                    power.verb()
                )));
                continue;
            }
        };
        match result.map(|created| record(&rec.store, rec.env_id, &target, created)) {
            Ok(Ok(state)) => {
                rec.node(
                    &target.logical,
                    target.kind.as_str(),
                    state,
                    Some(&target.aws_id),
                    None,
                );
                done += 1;
                rec.progress(done, total);
            }
            Ok(Err(e)) => failures.push(JobFailure::node(
                &target.logical,
                Some(target.kind),
                format!("cannot write the history: {e}"),
            )),
            Err(err) => {
                rec.log(LogLevel::Error, &target.logical, err.to_string());
                rec.node(
                    &target.logical,
                    target.kind.as_str(),
                    NodeState::Failed,
                    Some(&target.aws_id),
                    Some(&err.to_string()),
                );
                failures.push(node_failure(&target.logical, Some(target.kind), &err));
            }
        }
    }
    if !failures.is_empty() {
        return Err(failures);
    }
    if power == Power::Wake {
        resolve_outputs(rec, plan).map_err(|e| vec![e])?;
    }
    rec.store
        .set_environment_status(rec.env_id, power.reached())
        .map_err(|e| vec![JobFailure::job(format!("cannot write the history: {e}"))])?;
    Ok(())
}

/// Written only after AWS confirmed it: stopped, or ready with what a start describes.
fn record(
    store: &Store,
    env_id: i64,
    target: &Target,
    created: Option<Created>,
) -> Result<NodeState, hangar_store::StoreError> {
    match created {
        None => {
            store.set_resource_state(env_id, &target.logical, ResourceState::Stopped)?;
            Ok(NodeState::Stopped)
        }
        Some(created) => {
            store.record_created(env_id, &target.logical, &created.aws_id, &created.attrs)?;
            Ok(NodeState::Ready)
        }
    }
}

/// The outputs again from the journal: a woken instance may have a new public address.
fn resolve_outputs(rec: &Recorder, plan: &Plan) -> Result<(), JobFailure> {
    let rows = rec
        .store
        .resources(rec.env_id)
        .map_err(|e| history_failure(&e))?;
    let mut refs = Refs::default();
    for row in rows.into_iter().filter(|r| r.state == ResourceState::Ready) {
        if let Some(aws_id) = row.aws_id {
            let created = Created {
                aws_id,
                attrs: row.attrs,
            };
            refs.insert(row.logical_name, created);
        }
    }
    let outputs = outputs::resolve(plan, &refs);
    let json = serde_json::to_string(&outputs).unwrap_or_else(|_| "{}".into());
    rec.store
        .set_environment_outputs(rec.env_id, &json)
        .map_err(|e| JobFailure::job(format!("cannot write the history: {e}")))
}

//! Teardown: the graph in reverse (a resource goes only after everything that uses it), then a
//! sweep by the environment's tag for whatever the history missed (a create that returned after
//! a crash), then the proof: a last look by tag must find nothing but what was kept on purpose.
//! Only the kinds the plan or the history holds are looked for: a service the environment
//! never used (and the credentials may not be allowed to list) cannot stop its teardown. What
//! a teardown keeps (a prod backup bucket) or leaves (a prod database's final snapshot) is
//! recorded as retained, with its monthly estimate; no sweep deletes it and no leak check
//! counts it.

use std::collections::{BTreeMap, BTreeSet};

use hangar_core::Plan;
use hangar_core::cost::retained_monthly;
use hangar_core::graph::NodeSpec;
use hangar_core::graph::ResourceKind;
use hangar_resources::{Created, Ctx, Disposal, ResourceError, Retained, find_tagged};
use hangar_store::{EnvironmentRecord, JobFailure, LogLevel, ResourceState};
use tokio::task::JoinSet;

use crate::NodeState;
use crate::failures::{history_failure, node_failure};
use crate::recorder::Recorder;

struct Target {
    kind: ResourceKind,
    created: Created,
    /// What the plan says of it, when the plan still has it: decides what its delete keeps.
    spec: Option<NodeSpec>,
}

/// What a teardown looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// The kinds the plan or the history holds, walked in the plan's reverse order first.
    Known,
    /// Every kind AWS lists by tag, swept in teardown rank order: an environment adopted from
    /// its tags alone has neither a plan nor a history to order its deletes by.
    EveryKind,
}

impl Scope {
    pub(crate) fn of(env: &EnvironmentRecord) -> Self {
        if env.teardown_only {
            Scope::EveryKind
        } else {
            Scope::Known
        }
    }
}

pub(crate) async fn run(
    rec: &Recorder,
    ctx: &Ctx,
    plan: &Plan,
    scope: Scope,
    concurrency: usize,
) -> Result<(), Vec<JobFailure>> {
    let (kinds, mut failures) = match scope {
        Scope::Known => {
            let kinds = kinds_in_play(rec, plan).map_err(|f| vec![f])?;
            let failures = reverse_walk(rec, ctx, plan, &kinds, concurrency)
                .await
                .map_err(|f| vec![f])?;
            (kinds, failures)
        }
        Scope::EveryKind => {
            let mut kinds: Vec<ResourceKind> =
                ResourceKind::all().filter(|k| k.found_by_tag()).collect();
            kinds.sort_by_key(|k| k.teardown_rank());
            (kinds, Vec::new())
        }
    };
    let kept = kept_ids(rec).map_err(|f| vec![f])?;
    failures.extend(sweep(rec, ctx, &kinds, concurrency, &kept).await);
    let left = leftovers(ctx, &kinds, &kept).await.map_err(|f| vec![f])?;
    if left.is_empty() {
        rec.log(
            LogLevel::Info,
            "engine",
            if kept.is_empty() {
                "nothing tagged with this environment is left".to_string()
            } else {
                format!(
                    "nothing tagged with this environment is left but what it keeps on purpose: {}",
                    kept.iter().cloned().collect::<Vec<_>>().join(", ")
                )
            },
        );
        return Ok(());
    }
    // What AWS refused comes first: it is why the leftovers are there.
    failures.push(JobFailure::job(format!(
        "{} resources are still there: {}",
        left.len(),
        left.join(", ")
    )));
    Err(failures)
}

/// The kinds the plan holds and the kinds the history recorded (a plan edited since may have
/// dropped one that still stands), in teardown order.
fn kinds_in_play(rec: &Recorder, plan: &Plan) -> Result<Vec<ResourceKind>, JobFailure> {
    let recorded = rec
        .store
        .resources(rec.env_id)
        .map_err(|e| history_failure(&e))?;
    let mut kinds: BTreeSet<ResourceKind> = plan.graph.nodes.iter().map(|n| n.kind()).collect();
    kinds.extend(recorded.iter().map(|r| r.kind));
    let mut kinds: Vec<ResourceKind> = kinds.into_iter().collect();
    kinds.sort_by_key(|k| k.teardown_rank());
    Ok(kinds)
}

async fn reverse_walk(
    rec: &Recorder,
    ctx: &Ctx,
    plan: &Plan,
    kinds: &[ResourceKind],
    concurrency: usize,
) -> Result<Vec<JobFailure>, JobFailure> {
    let rows = rec
        .store
        .resources(rec.env_id)
        .map_err(|e| history_failure(&e))?;
    let mut targets: BTreeMap<String, Target> = BTreeMap::new();
    // A retained resource stays out of every later teardown of the environment.
    for row in rows
        .into_iter()
        .filter(|r| !matches!(r.state, ResourceState::Deleted | ResourceState::Retained))
    {
        let Some(aws_id) = row.aws_id else {
            continue;
        };
        let kind = row.kind;
        let attrs = row.attrs;
        let spec = plan.graph.get(&row.logical_name).map(|n| n.spec.clone());
        targets.insert(
            row.logical_name,
            Target {
                kind,
                created: Created { aws_id, attrs },
                spec,
            },
        );
    }
    // What a killed job made but never recorded (its create returned after the crash) still
    // carries its tags: adopt it into the walk, so it goes in the right order rather than
    // blocking its dependencies until the sweep.
    for &kind in kinds {
        // Not fatal here: the sweep looks again, and the final check decides.
        let found = match find_tagged(ctx, kind).await {
            Ok(found) => found,
            Err(e) => {
                rec.log(
                    LogLevel::Warn,
                    "engine",
                    format!("could not look for {} by tag: {e}", kind.label()),
                );
                continue;
            }
        };
        for item in found {
            let Some(logical) = item.logical else {
                continue;
            };
            targets.entry(logical.clone()).or_insert_with(|| {
                rec.log(
                    LogLevel::Info,
                    &logical,
                    format!("found by tag: {}", item.created.aws_id),
                );
                Target {
                    kind,
                    created: item.created,
                    spec: plan.graph.get(&logical).map(|n| n.spec.clone()),
                }
            });
        }
    }
    // Who uses whom, among what exists.
    let mut users: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for node in &plan.graph.nodes {
        if !targets.contains_key(&node.logical) {
            continue;
        }
        for dep in &node.depends_on {
            users
                .entry(dep.clone())
                .or_default()
                .insert(node.logical.clone());
        }
    }
    let total = targets.len();
    let mut gone: BTreeSet<String> = BTreeSet::new();
    let mut blocked: BTreeSet<String> = BTreeSet::new();
    let mut failures = Vec::new();
    let mut running: JoinSet<(String, Result<Disposal, ResourceError>)> = JoinSet::new();
    let mut started: BTreeSet<String> = BTreeSet::new();
    rec.progress(0, total);
    loop {
        let ready: Vec<String> = targets
            .keys()
            .filter(|l| !started.contains(*l))
            .filter(|l| {
                users.get(*l).is_none_or(|u| {
                    u.iter()
                        .all(|user| gone.contains(user) || !targets.contains_key(user))
                })
            })
            .filter(|l| {
                !users
                    .get(*l)
                    .is_some_and(|u| u.iter().any(|user| blocked.contains(user)))
            })
            .cloned()
            .collect();
        for logical in ready {
            if running.len() >= concurrency {
                break;
            }
            let Some(target) = targets.get(&logical) else {
                continue;
            };
            started.insert(logical.clone());
            rec.node(
                &logical,
                target.kind.as_str(),
                NodeState::Deleting,
                Some(&target.created.aws_id),
                None,
            );
            rec.log(
                LogLevel::Info,
                &logical,
                format!("deleting {} {}", target.kind.label(), target.created.aws_id),
            );
            let _ = rec
                .store
                .set_resource_state(rec.env_id, &logical, ResourceState::Deleting);
            let (rec, ctx, kind, created, spec) = (
                rec.clone(),
                ctx.clone(),
                target.kind,
                target.created.clone(),
                target.spec.clone(),
            );
            running.spawn(async move {
                let result =
                    delete_patiently(&rec, &logical, &ctx, kind, &created, spec.as_ref()).await;
                (logical, result)
            });
        }
        let Some(joined) = running.join_next().await else {
            break;
        };
        let Ok((logical, result)) = joined else {
            failures.push(JobFailure::job("a delete task stopped"));
            continue;
        };
        let target_kind = targets.get(&logical).map(|t| t.kind);
        let kind = target_kind.map(|k| k.as_str()).unwrap_or_default();
        match result {
            Ok(disposal) => {
                let (state, node_state, said) = match &disposal {
                    Disposal::Deleted | Disposal::DeletedLeaving(_) => {
                        (ResourceState::Deleted, NodeState::Deleted, "deleted")
                    }
                    Disposal::Kept(_) => (
                        ResourceState::Retained,
                        NodeState::Retained,
                        "kept: it holds the environment's backups",
                    ),
                };
                let _ = rec.store.set_resource_state(rec.env_id, &logical, state);
                if let Some(item) = disposal.retained() {
                    record_retained(rec, &logical, item);
                }
                rec.node(&logical, kind, node_state, None, None);
                rec.log(LogLevel::Info, &logical, said);
                // Kept counts as done: what used it may go.
                gone.insert(logical);
                rec.progress(gone.len(), total);
            }
            Err(err) => {
                let _ = rec
                    .store
                    .set_resource_state(rec.env_id, &logical, ResourceState::Failed);
                rec.node(
                    &logical,
                    kind,
                    NodeState::Failed,
                    None,
                    Some(&err.to_string()),
                );
                rec.log(LogLevel::Error, &logical, err.to_string());
                failures.push(node_failure(&logical, target_kind, &err));
                blocked.insert(logical);
            }
        }
    }
    Ok(failures)
}

/// Writes what outlives the environment to the history, with its monthly estimate, and says so.
fn record_retained(rec: &Recorder, logical: &str, item: &Retained) {
    let monthly = retained_monthly(item.kind, item.size_gb);
    let _ = rec.store.record_retained(
        rec.env_id,
        item.kind,
        &item.aws_id,
        logical,
        item.size_gb,
        monthly,
    );
    rec.log(
        LogLevel::Warn,
        logical,
        format!(
            "retained {} {} ({:.2} GB): about ${monthly:.2} a month (an estimate) until you delete it",
            item.kind.label(),
            item.aws_id,
            item.size_gb
        ),
    );
}

/// The AWS ids of resources the history holds as retained: the sweep leaves them and the
/// final check does not count them.
fn kept_ids(rec: &Recorder) -> Result<BTreeSet<String>, JobFailure> {
    Ok(rec
        .store
        .resources(rec.env_id)
        .map_err(|e| history_failure(&e))?
        .into_iter()
        .filter(|r| r.state == ResourceState::Retained)
        .filter_map(|r| r.aws_id)
        .collect())
}

/// Deletes whatever still carries the tag, kind by kind in teardown order, but what is kept.
async fn sweep(
    rec: &Recorder,
    ctx: &Ctx,
    kinds: &[ResourceKind],
    concurrency: usize,
    kept: &BTreeSet<String>,
) -> Vec<JobFailure> {
    let mut failures = Vec::new();
    let mut ranks: Vec<u8> = kinds.iter().map(|k| k.teardown_rank()).collect();
    ranks.dedup();
    for rank in ranks {
        let mut running: JoinSet<(String, Result<Disposal, ResourceError>)> = JoinSet::new();
        for kind in kinds.iter().copied().filter(|k| k.teardown_rank() == rank) {
            let found = match find_tagged(ctx, kind).await {
                Ok(found) => found,
                Err(err) => {
                    failures.push(crate::failures::call_failure(
                        format!("looking for {}: {err}", kind.label()),
                        &err,
                    ));
                    continue;
                }
            };
            for item in found
                .into_iter()
                .filter(|f| !kept.contains(&f.created.aws_id))
            {
                let name = item
                    .logical
                    .clone()
                    .unwrap_or_else(|| item.created.aws_id.clone());
                rec.log(
                    LogLevel::Warn,
                    &name,
                    format!(
                        "sweeping {} {} that the history did not account for",
                        kind.label(),
                        item.created.aws_id
                    ),
                );
                rec.node(
                    &name,
                    kind.as_str(),
                    NodeState::Deleting,
                    Some(&item.created.aws_id),
                    None,
                );
                while running.len() >= concurrency {
                    collect(rec, &mut running, &mut failures).await;
                }
                let (rec, ctx) = (rec.clone(), ctx.clone());
                // Swept with no plan entry to say what it may lose: its delete keeps data.
                running.spawn(async move {
                    let result =
                        delete_patiently(&rec, &name, &ctx, kind, &item.created, None).await;
                    (name, result)
                });
            }
        }
        while !running.is_empty() {
            collect(rec, &mut running, &mut failures).await;
        }
    }
    failures
}

async fn collect(
    rec: &Recorder,
    running: &mut JoinSet<(String, Result<Disposal, ResourceError>)>,
    failures: &mut Vec<JobFailure>,
) {
    match running.join_next().await {
        Some(Ok((name, Ok(disposal)))) => {
            let _ = rec
                .store
                .set_resource_state(rec.env_id, &name, ResourceState::Deleted);
            // A swept database that asked for a final snapshot (its tag says so) leaves one.
            if let Some(item) = disposal.retained() {
                record_retained(rec, &name, item);
            }
            rec.node(&name, "", NodeState::Deleted, None, None);
            rec.log(LogLevel::Info, &name, "deleted");
        }
        Some(Ok((name, Err(err)))) => {
            rec.log(LogLevel::Error, &name, err.to_string());
            failures.push(node_failure(&name, None, &err));
        }
        Some(Err(_)) => failures.push(JobFailure::job("a delete task stopped")),
        None => {}
    }
}

/// Every kind's tagged survivors but what is kept on purpose, as `kind id` strings.
async fn leftovers(
    ctx: &Ctx,
    kinds: &[ResourceKind],
    kept: &BTreeSet<String>,
) -> Result<Vec<String>, JobFailure> {
    let mut left = Vec::new();
    for &kind in kinds {
        let found = find_tagged(ctx, kind).await.map_err(|e| {
            crate::failures::call_failure(
                format!("the final check could not look for {}: {e}", kind.label()),
                &e,
            )
        })?;
        left.extend(
            found
                .into_iter()
                .filter(|f| !kept.contains(&f.created.aws_id))
                .map(|f| format!("{} {}", kind.as_str(), f.created.aws_id)),
        );
    }
    Ok(left)
}

/// [`hangar_resources::delete_patiently`], telling the job's log which network interfaces a
/// subnet or group waits for.
async fn delete_patiently(
    rec: &Recorder,
    name: &str,
    ctx: &Ctx,
    kind: ResourceKind,
    created: &Created,
    spec: Option<&NodeSpec>,
) -> Result<Disposal, ResourceError> {
    hangar_resources::delete_patiently(ctx, kind, created, spec, |holders| {
        rec.log(
            LogLevel::Info,
            name,
            format!(
                "waiting for {} to let go of {}",
                holders.join(", "),
                created.aws_id
            ),
        )
    })
    .await
}

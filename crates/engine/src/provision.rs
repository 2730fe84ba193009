//! The provisioning walk: every node whose dependencies are done starts at once, up to the
//! concurrency bound, in creation order (slow kinds first among the ready, so RDS and NAT
//! gateways start their minutes-long wait as early as the graph allows).

use std::collections::{BTreeMap, BTreeSet};

use hangar_core::Plan;
use hangar_core::graph::ResourceNode;
use hangar_resources::{Created, Ctx, Refs, ResourceError};
use hangar_store::{JobFailure, LogLevel, ResourceState};
use tokio::task::JoinSet;

use crate::NodeState;
use crate::failures::{history_failure, node_failure};
use crate::recorder::Recorder;

/// Ok with every resource's ids, or the failures, each naming its node and AWS's reason.
pub(crate) async fn run(
    rec: &Recorder,
    ctx: &Ctx,
    plan: &Plan,
    concurrency: usize,
) -> Result<Refs, Vec<JobFailure>> {
    let order = plan.graph.creation_order();
    let total = order.len();
    let mut refs = Refs::default();
    let mut done = BTreeSet::new();

    // What an earlier job finished is kept; what it only meant to make is adopted by tag.
    let journal = journal(rec)?;
    for node in &order {
        if let Some(created) = journal.get(&node.logical) {
            refs.insert(&node.logical, created.clone());
            done.insert(node.logical.clone());
            rec.node(
                &node.logical,
                node.kind().as_str(),
                NodeState::Ready,
                Some(&created.aws_id),
                None,
            );
        } else {
            rec.node(
                &node.logical,
                node.kind().as_str(),
                NodeState::Pending,
                None,
                None,
            );
        }
    }
    if !done.is_empty() {
        rec.log(
            LogLevel::Info,
            "engine",
            format!("{} of {total} resources already exist", done.len()),
        );
    }
    rec.progress(done.len(), total);

    let mut pending: Vec<&ResourceNode> = order
        .iter()
        .copied()
        .filter(|n| !done.contains(&n.logical))
        .collect();
    let mut running: JoinSet<(String, Result<Created, ResourceError>)> = JoinSet::new();
    let mut failures: Vec<JobFailure> = Vec::new();
    loop {
        if failures.is_empty() {
            while running.len() < concurrency {
                let Some(index) = pending
                    .iter()
                    .position(|n| n.depends_on.iter().all(|d| done.contains(d)))
                else {
                    break;
                };
                let node = pending.remove(index).clone();
                let generation =
                    match rec
                        .store
                        .record_intent(rec.env_id, &node.logical, node.kind())
                    {
                        Ok(generation) => generation,
                        Err(e) => {
                            failures.push(JobFailure::node(
                                &node.logical,
                                Some(node.kind()),
                                format!("the history refused the intent: {e}"),
                            ));
                            break;
                        }
                    };
                rec.node(
                    &node.logical,
                    node.kind().as_str(),
                    NodeState::Creating,
                    None,
                    None,
                );
                rec.log(
                    LogLevel::Info,
                    &node.logical,
                    format!("creating {}", node.kind().label()),
                );
                let ctx = ctx.clone();
                let snapshot = refs.clone();
                running.spawn(async move {
                    let result = hangar_resources::create(&ctx, &node, &snapshot, generation).await;
                    (node.logical, result)
                });
            }
        }
        let Some(joined) = running.join_next().await else {
            break;
        };
        let (logical, result) = match joined {
            Ok(pair) => pair,
            Err(panic) => {
                failures.push(JobFailure::job(format!("a create task stopped: {panic}")));
                continue;
            }
        };
        let node_kind = plan.graph.get(&logical).map(|n| n.kind());
        let kind = node_kind.map(|k| k.as_str()).unwrap_or_default();
        match result {
            Ok(created) => {
                if let Err(e) =
                    rec.store
                        .record_created(rec.env_id, &logical, &created.aws_id, &created.attrs)
                {
                    failures.push(JobFailure::node(
                        &logical,
                        node_kind,
                        format!("created {} but the history refused it: {e}", created.aws_id),
                    ));
                }
                rec.log(
                    LogLevel::Info,
                    &logical,
                    format!("ready: {}", created.aws_id),
                );
                rec.node(
                    &logical,
                    kind,
                    NodeState::Ready,
                    Some(&created.aws_id),
                    None,
                );
                refs.insert(&logical, created);
                done.insert(logical);
                rec.progress(done.len(), total);
            }
            Err(err) => {
                let _ = rec
                    .store
                    .set_resource_state(rec.env_id, &logical, ResourceState::Failed);
                rec.log(LogLevel::Error, &logical, err.to_string());
                rec.node(
                    &logical,
                    kind,
                    NodeState::Failed,
                    None,
                    Some(&err.to_string()),
                );
                failures.push(node_failure(&logical, node_kind, &err));
            }
        }
    }
    if failures.is_empty() && pending.is_empty() {
        Ok(refs)
    } else if failures.is_empty() {
        Err(vec![JobFailure::job(format!(
            "{} resources could not start: their dependencies never finished",
            pending.len()
        ))])
    } else {
        Err(failures)
    }
}

/// The resources an earlier job of this environment finished, with their ids and attributes.
fn journal(rec: &Recorder) -> Result<BTreeMap<String, Created>, Vec<JobFailure>> {
    let rows = rec
        .store
        .resources(rec.env_id)
        .map_err(|e| vec![history_failure(&e)])?;
    Ok(rows
        .into_iter()
        .filter(|r| r.state == ResourceState::Ready)
        .filter_map(|r| {
            let aws_id = r.aws_id?;
            Some((
                r.logical_name,
                Created {
                    aws_id,
                    attrs: r.attrs,
                },
            ))
        })
        .collect())
}

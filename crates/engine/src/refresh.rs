//! Refresh: what AWS holds now, held against the history. Every kind the plan makes is listed by
//! the environment's tag; a resource the history has as made that AWS no longer lists is marked
//! `missing` (a later resume makes it again, adopting what is still there), and one AWS lists
//! that the history does not name is reported (teardown's sweep removes it). Kinds AWS cannot
//! tag (routes, associations, rules, listeners) live and die with their tagged parents, so they
//! follow their parent's verdict rather than being looked up on their own. A resource a pause
//! stopped is there all the same: it stays `stopped`, which is not drift. A resource that is
//! there is read back and its settings compared with its plan (`crate::drift`).

use std::collections::{BTreeMap, BTreeSet};

use hangar_core::Plan;
use hangar_core::drift::SettingDrift;
use hangar_core::graph::ResourceKind;
use hangar_resources::{Ctx, find_tagged};
use hangar_store::{JobFailure, LogLevel, ResourceState};

use crate::NodeState;
use crate::recorder::Recorder;

/// What a refresh found.
#[derive(Debug, Default)]
pub(crate) struct Drift {
    /// Made according to the history, gone from AWS: logical names.
    pub missing: Vec<String>,
    /// Tagged with the environment in AWS, unknown to the history: `kind id`.
    pub unknown: Vec<String>,
    /// Standing, with settings changed behind Hangar's back: logical name and what changed.
    pub changed: Vec<(String, Vec<SettingDrift>)>,
}

impl Drift {
    /// Whether the environment differs from its history at all.
    pub fn any(&self) -> bool {
        !self.missing.is_empty() || !self.changed.is_empty()
    }
}

pub(crate) async fn run(rec: &Recorder, ctx: &Ctx, plan: &Plan) -> Result<Drift, JobFailure> {
    let rows = rec
        .store
        .resources(rec.env_id)
        .map_err(|e| crate::failures::history_failure(&e))?;
    let made: BTreeMap<&str, &str> = rows
        .iter()
        .filter(|r| {
            matches!(
                r.state,
                ResourceState::Ready | ResourceState::Missing | ResourceState::Stopped
            )
        })
        .filter_map(|r| Some((r.logical_name.as_str(), r.aws_id.as_deref()?)))
        .collect();
    let stopped: BTreeSet<&str> = rows
        .iter()
        .filter(|r| r.state == ResourceState::Stopped)
        .map(|r| r.logical_name.as_str())
        .collect();

    let kinds: BTreeSet<ResourceKind> = plan
        .graph
        .nodes
        .iter()
        .map(|n| n.kind())
        .filter(|k| k.found_by_tag())
        .collect();
    let mut live: BTreeSet<String> = BTreeSet::new();
    let mut drift = Drift::default();
    for kind in kinds {
        for found in find_tagged(ctx, kind).await.map_err(|e| {
            crate::failures::call_failure(format!("listing {}: {e}", kind.as_str()), &e)
        })? {
            let known = found
                .logical
                .as_deref()
                .is_some_and(|l| made.get(l) == Some(&found.created.aws_id.as_str()));
            if known {
                live.insert(found.logical.unwrap_or_default());
            } else {
                drift
                    .unknown
                    .push(format!("{} {}", kind.as_str(), found.created.aws_id));
            }
        }
    }

    let mut done = 0;
    for node in &plan.graph.nodes {
        let Some(aws_id) = made.get(node.logical.as_str()) else {
            continue;
        };
        // An untagged resource stands or falls with the tagged node it hangs off.
        let present = if !node.kind().found_by_tag() {
            node.depends_on
                .iter()
                .filter(|d| made.contains_key(d.as_str()))
                .all(|d| live.contains(d))
        } else {
            live.contains(&node.logical)
        };
        let (state, shown) = match (present, stopped.contains(node.logical.as_str())) {
            (true, true) => (ResourceState::Stopped, NodeState::Stopped),
            (true, false) => (ResourceState::Ready, NodeState::Ready),
            (false, _) => (ResourceState::Missing, NodeState::Failed),
        };
        rec.store
            .set_resource_state(rec.env_id, &node.logical, state)
            .map_err(|e| JobFailure::job(format!("cannot write the history: {e}")))?;
        if present {
            let paused = stopped.contains(node.logical.as_str());
            let changed = crate::drift::observe_changes(rec, ctx, node, aws_id, paused).await?;
            let detail = changed.first().map(|c| format!("changed: {c}"));
            rec.node(
                &node.logical,
                node.kind().as_str(),
                shown,
                Some(aws_id),
                detail.as_deref(),
            );
            if !changed.is_empty() {
                drift.changed.push((node.logical.clone(), changed));
            }
        } else {
            rec.log(
                LogLevel::Warn,
                &node.logical,
                format!("{} {aws_id} is gone from AWS", node.kind().as_str()),
            );
            rec.node(
                &node.logical,
                node.kind().as_str(),
                shown,
                Some(aws_id),
                Some("gone from AWS"),
            );
            drift.missing.push(node.logical.clone());
        }
        done += 1;
        rec.progress(done, plan.graph.nodes.len());
    }
    for unknown in &drift.unknown {
        rec.log(
            LogLevel::Warn,
            "engine",
            format!("{unknown} carries this environment's tag but is not in its history"),
        );
    }
    Ok(drift)
}

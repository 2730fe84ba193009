//! Drift of settings in a job: a refresh reads back each resource whose settings are compared
//! and records what changed (the core decides what differs, `hangar_core::drift`); a repair (a
//! resume of a drifted environment) puts back what AWS lets it change in place and records what
//! is left, each call's outcome in the job's log.

use hangar_core::drift::{Repair, SettingDrift, compare};
use hangar_core::graph::ResourceNode;
use hangar_resources::{Ctx, Observable, observe, repair, standard_tags};
use hangar_store::{JobFailure, LogLevel, ResourceState};

use crate::failures::{call_failure, history_failure};
use crate::recorder::Recorder;

/// What AWS holds of `node` (made as `aws_id`) that differs from its plan, recorded in the
/// history (an empty list clears what an earlier refresh found).
pub(crate) async fn observe_changes(
    rec: &Recorder,
    ctx: &Ctx,
    node: &ResourceNode,
    aws_id: &str,
    paused: bool,
) -> Result<Vec<SettingDrift>, JobFailure> {
    let Some(what) = Observable::of(node.kind()) else {
        return Ok(Vec::new());
    };
    let seen = observe(ctx, what, aws_id)
        .await
        .map_err(|e| call_failure(format!("{}: reading it back: {e}", node.logical), &e))?;
    let changed = seen.map_or_else(Vec::new, |seen| {
        compare(
            &node.spec,
            &seen,
            &standard_tags(ctx, &node.logical),
            paused,
        )
    });
    rec.store
        .set_resource_drift(rec.env_id, &node.logical, &changed)
        .map_err(|e| history_failure(&e))?;
    for change in &changed {
        rec.log(
            LogLevel::Warn,
            &node.logical,
            format!("changed in AWS: {change}"),
        );
    }
    Ok(changed)
}

/// Puts back every drifted setting a refresh recorded that AWS changes in place, then reads
/// each such resource back again. Returns whether anything is still drifted (a setting only a
/// new resource could put back).
pub(crate) async fn repair_recorded(
    rec: &Recorder,
    ctx: &Ctx,
    nodes: &[ResourceNode],
) -> Result<bool, Vec<JobFailure>> {
    let rows = rec
        .store
        .resources(rec.env_id)
        .map_err(|e| vec![history_failure(&e)])?;
    let mut failures = Vec::new();
    let mut left = false;
    for row in rows.iter().filter(|r| !r.drift.is_empty()) {
        let (Some(node), Some(aws_id), Some(what)) = (
            nodes.iter().find(|n| n.logical == row.logical_name),
            row.aws_id.as_deref(),
            Observable::of(row.kind),
        ) else {
            continue;
        };
        for change in &row.drift {
            match change.setting.repair() {
                Repair::InPlace => match repair(ctx, what, aws_id, change).await {
                    Ok(()) => rec.log(
                        LogLevel::Info,
                        &row.logical_name,
                        format!("put back the {}: {}", change.setting.label(), change.want),
                    ),
                    Err(e) => failures.push(call_failure(
                        format!("{}: putting back {change}: {e}", row.logical_name),
                        &e,
                    )),
                },
                Repair::NotInPlace(why) => rec.log(
                    LogLevel::Warn,
                    &row.logical_name,
                    format!("left as it is: {change} ({why})"),
                ),
            }
        }
        let paused = row.state == ResourceState::Stopped;
        match observe_changes(rec, ctx, node, aws_id, paused).await {
            Ok(still) => left |= !still.is_empty(),
            Err(failure) => failures.push(failure),
        }
    }
    if failures.is_empty() {
        Ok(left)
    } else {
        Err(failures)
    }
}

//! Two environments that would take the same account-unique name (an RDS identifier, an IAM
//! role, a bucket, ...) cannot both exist: AWS refuses the second create half-way through its
//! provisioning. This finds the clash when the environment is created, before any AWS call,
//! and says which environment holds the name and what to change.

use hangar_core::Plan;
use hangar_core::graph::{ClaimedName, NameScope};
use hangar_store::{EnvironmentRecord, EnvironmentStatus, Store};

use crate::{EngineError, plan_for};

/// The first name `plan` would take that a live environment of the same profile already
/// holds, as a sentence; environments whose plan no longer builds are skipped.
pub(crate) fn clash(
    store: &Store,
    plan: &Plan,
    profile: &str,
) -> Result<Option<String>, EngineError> {
    let wanted = plan.graph.claimed_names();
    if wanted.is_empty() {
        return Ok(None);
    }
    for other in store.list_environments()? {
        if other.status == EnvironmentStatus::Destroyed || other.profile != profile {
            continue;
        }
        let Ok(theirs) = plan_for(&other) else {
            continue;
        };
        for held in theirs.graph.claimed_names() {
            if let Some(mine) = wanted.iter().find(|w| same(w, &held, &plan.region, &other)) {
                return Ok(Some(format!(
                    "{} '{}' ({}) is already taken by environment '{}' ({}, {}); give this copy other names, e.g. --set project=… or environment=…",
                    mine.kind.label(),
                    mine.name,
                    mine.logical,
                    other.name,
                    other.status,
                    other.region
                )));
            }
        }
    }
    Ok(None)
}

fn same(mine: &ClaimedName, held: &ClaimedName, region: &str, other: &EnvironmentRecord) -> bool {
    mine.kind == held.kind
        && mine.name == held.name
        && (mine.scope != NameScope::Region || other.region == region)
}

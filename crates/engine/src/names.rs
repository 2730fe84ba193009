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

/// Environment names become tag values and parts of AWS names (`Name` = `env-logical`).
pub(crate) fn valid_env_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('a'..='z'))
        && name.len() <= 32
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !name.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::valid_env_name;

    #[test]
    fn environment_names() {
        for ok in ["demo", "class-7", "a"] {
            assert!(valid_env_name(ok), "{ok}");
        }
        for bad in ["", "7up", "Demo", "demo-", "has space", &"x".repeat(33)] {
            assert!(!valid_env_name(bad), "{bad}");
        }
    }
}

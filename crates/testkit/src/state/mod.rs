//! An independent leak check: the emulator's whole state before `up` and after `down`, which
//! must be equal. Two views, neither of them Hangar's code:
//!
//! - `live`: every id alive now, by kind, from plain describe/list calls (no tag filter);
//! - `recorded`: moto's own record (`/moto-api/data.json`) of how many objects of each model
//!   class it has ever made. It cannot tell alive from deleted, but it names every kind that
//!   was made, so a kind that `live` does not list fails the check instead of passing unseen.
//!   moto cannot produce it once an RDS DB instance exists (see `recorded.rs`); the listings
//!   then judge alone.
//!
//! What AWS keeps or makes on its own is excused in `excused.rs`, one line each.

mod excused;
mod live;
mod recorded;

use std::collections::BTreeSet;
use std::fmt::Write as _;

pub use live::Live;
pub use recorded::Made;

use crate::sdk_config;

/// The emulator's state at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub live: Live,
    /// moto's record, or why it could not be read (see `recorded.rs`).
    pub made: Result<Made, String>,
}

impl Snapshot {
    /// Reads the state of the moto server at `endpoint` (the server itself, not a fault proxy,
    /// so no injected fault can hide anything).
    pub async fn take(endpoint: &str) -> Snapshot {
        let live = live::live(&sdk_config(endpoint)).await;
        // After the listings: a describe can make moto create a region's defaults, which then
        // count as existing before.
        let made = recorded::made(endpoint).await;
        Snapshot { live, made }
    }
}

/// What differs between two snapshots, readable: empty when nothing was left or lost.
pub fn difference(before: &Snapshot, after: &Snapshot) -> String {
    let mut out = String::new();
    let empty = BTreeSet::new();
    let kinds: BTreeSet<&str> = before
        .live
        .keys()
        .chain(after.live.keys())
        .copied()
        .collect();
    for kind in kinds {
        let was = before.live.get(kind).unwrap_or(&empty);
        let is = after.live.get(kind).unwrap_or(&empty);
        let left: Vec<&String> = is.difference(was).collect();
        let lost: Vec<&String> = was.difference(is).collect();
        if !left.is_empty() {
            let _ = writeln!(out, "  left: {kind}: {}", join(&left));
        }
        if !lost.is_empty() {
            let _ = writeln!(out, "  gone that existed before: {kind}: {}", join(&lost));
        }
    }
    let (Ok(made_before), Ok(made_after)) = (&before.made, &after.made) else {
        return out;
    };
    for (class, count) in made_after {
        let grew = count.saturating_sub(made_before.get(class).copied().unwrap_or(0));
        if grew > 0
            && !excused::LISTED.contains(&class.as_str())
            && !excused::PARTS.contains(&class.as_str())
        {
            let _ = writeln!(
                out,
                "  unjudged: moto made {grew} {class}, a kind no listing checks \
                 (list it in crates/testkit/src/state/live.rs, or name it a part)"
            );
        }
    }
    out
}

fn join(ids: &[&String]) -> String {
    ids.iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Panics, naming each leftover by service, kind and id, unless `after` is `before`.
pub fn assert_nothing_left(before: &Snapshot, after: &Snapshot) {
    let diff = difference(before, after);
    assert!(
        diff.is_empty(),
        "the emulator after teardown differs from before provisioning:\n{diff}"
    );
}

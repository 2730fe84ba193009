//! The plan held to a region's catalogue as AWS answered it: more zones than the account has,
//! a zone it cannot use, a type a zone does not offer; each an error at the path that asked.

use std::collections::{BTreeMap, BTreeSet};

use hangar_core::catalogue::{RegionCatalogue, check, instance_types};
use hangar_core::{Overrides, load_builtin, plan, plan_in_region};

fn offering(zones: &[&str], types: &[&str]) -> RegionCatalogue {
    let set: BTreeSet<String> = types.iter().map(|t| t.to_string()).collect();
    RegionCatalogue {
        region: "us-east-1".into(),
        zones: zones.iter().map(|z| z.to_string()).collect(),
        offerings: zones
            .iter()
            .map(|z| (z.to_string(), set.clone()))
            .collect::<BTreeMap<_, _>>(),
    }
}

#[test]
fn a_blueprint_needing_more_zones_than_the_region_has_is_refused() {
    let bp = load_builtin("multi-az-three-tier").expect("built-in");
    let e = plan_in_region(
        &bp,
        &Overrides::new(),
        &offering(
            &["us-east-1a", "us-east-1b"],
            &["t3.micro", "t3.small", "t3.medium", "t3.large"],
        ),
    )
    .expect_err("3 zones needed");
    assert!(
        e.contains(
            "network.az_count",
            "this blueprint needs 3 availability zones; us-east-1 has 2 available to this account (us-east-1a, us-east-1b)"
        ),
        "{e}"
    );
}

#[test]
fn a_zone_the_account_cannot_use_and_a_type_not_offered_are_named() {
    let p = plan(
        &load_builtin("web-and-postgres").expect("built-in"),
        &Overrides::new(),
    )
    .expect("plan");
    assert_eq!(
        instance_types(&p.graph),
        BTreeSet::from(["t3.small".to_string()])
    );
    let e = check(
        &p.graph,
        &offering(&["us-east-1a", "us-east-1c", "us-east-1d"], &["t3.small"]),
    );
    assert!(
        e.contains(
            "network.az_count",
            "us-east-1b not available to this account in us-east-1 (available: us-east-1a, us-east-1c, us-east-1d)"
        ),
        "{e}"
    );
    let e = check(
        &p.graph,
        &offering(&["us-east-1a", "us-east-1b"], &["t3.micro"]),
    );
    assert!(
        e.contains(
            "instances[0].instance_type",
            "t3.small is not offered in us-east-1a"
        ),
        "{e}"
    );
    assert!(
        check(
            &p.graph,
            &offering(&["us-east-1a", "us-east-1b"], &["t3.small"])
        )
        .is_empty()
    );
}

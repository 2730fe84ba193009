//! The built-ins' cost estimates: positive, higher in prod, lines that add up, and each line
//! following the price table.

mod common;

use common::*;
use hangar_core::blueprint::builtin_names;

#[test]
fn dev_and_prod_costs_differ_and_are_positive() {
    for name in builtin_names() {
        let dev = plan_of(name, &[("environment", "dev")]).cost;
        let prod = plan_of(name, &[("environment", "prod")]).cost;
        assert!(dev.monthly_total > 0.0, "{name}: {dev:?}");
        assert!(
            prod.monthly_total > dev.monthly_total,
            "{name}: dev {} prod {}",
            dev.monthly_total,
            prod.monthly_total
        );
        let sum: f64 = dev.lines.iter().map(|l| l.monthly).sum();
        assert!(
            (sum - dev.monthly_total).abs() < 0.05,
            "{name}: lines add up"
        );
    }
}

#[test]
fn cost_lines_follow_the_price_table() {
    let p = plan_of("multi-az-three-tier", &[("nat_mode", "per_az")]);
    let nat: Vec<_> = p
        .cost
        .lines
        .iter()
        .filter(|l| l.item == "NAT gateway hours")
        .collect();
    assert_eq!(nat.len(), 3);
    assert!((nat[0].monthly - 32.85).abs() < 0.01, "0.045 * 730");
    let rds = p
        .cost
        .lines
        .iter()
        .find(|l| l.item.starts_with("db.t3.micro"))
        .expect("rds line");
    assert!(
        (rds.monthly - 0.018 * 730.0 * 2.0).abs() < 0.01,
        "Multi-AZ doubles"
    );
    let ep = p
        .cost
        .lines
        .iter()
        .find(|l| l.item.contains("ecr.api"))
        .expect("endpoint line");
    assert!(
        (ep.monthly - 0.01 * 730.0 * 3.0).abs() < 0.01,
        "per AZ-hour"
    );
    assert!(p.cost.notes.iter().any(|n| n.contains("data processed")));
    assert!(p.cost.source.contains("us-east-1"));
}

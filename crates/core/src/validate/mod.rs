//! Checks on a resolved blueprint, before any AWS call. Every check pushes onto one list so the
//! user sees all problems at once, each with the TOML path it is about.

pub mod ami;
pub mod cidr;
mod data;
mod ecs;
pub mod host;
pub mod limits;
pub mod names;
mod network;
mod resources;
mod routes;
mod security;
mod user_data;

use std::collections::BTreeMap;

use crate::blueprint::schema::{Spec, TierKind};
use crate::error::ValidationErrors;

/// What the checks look names up in: only enabled entries count as existing.
pub(crate) struct Ctx<'a> {
    pub spec: &'a Spec,
    pub az_count: usize,
    pub tiers: BTreeMap<&'a str, TierKind>,
    pub groups: Vec<&'a str>,
}

impl<'a> Ctx<'a> {
    fn new(spec: &'a Spec) -> Self {
        let (az_count, tiers) = match &spec.network {
            Some(n) => (
                usize::try_from(n.az_count).unwrap_or(0),
                n.tiers.iter().map(|t| (t.name.as_str(), t.kind)).collect(),
            ),
            None => (0, BTreeMap::new()),
        };
        Ctx {
            spec,
            az_count,
            tiers,
            groups: spec
                .security_groups
                .iter()
                .filter(|g| g.enabled)
                .map(|g| g.name.as_str())
                .collect(),
        }
    }

    /// A tier reference: it must exist, and resources need a network to have tiers at all.
    pub fn check_tier(&self, tier: &str, path: &str, errors: &mut ValidationErrors) -> bool {
        if self.spec.network.is_none() {
            errors.push(path, "tiers need a [network] section");
            return false;
        }
        if !self.tiers.contains_key(tier) {
            let known: Vec<&str> = self.tiers.keys().copied().collect();
            errors.push(
                path,
                format!("no tier named '{tier}' (tiers: {})", known.join(", ")),
            );
            return false;
        }
        true
    }

    pub fn check_groups(&self, groups: &[String], path: &str, errors: &mut ValidationErrors) {
        if groups.is_empty() {
            errors.push(path, "at least one security group is needed");
        }
        if groups.len() > 5 {
            errors.push(path, "AWS allows at most 5 security groups per interface");
        }
        for (i, g) in groups.iter().enumerate() {
            if !self.groups.contains(&g.as_str()) {
                errors.push(
                    format!("{path}[{i}]"),
                    format!("no security group named '{g}'"),
                );
            }
        }
    }
}

pub(crate) fn check(result: Result<(), String>, path: &str, errors: &mut ValidationErrors) {
    if let Err(msg) = result {
        errors.push(path, msg);
    }
}

pub(crate) fn check_port(port: i64, path: &str, errors: &mut ValidationErrors) {
    if !(0..=65535).contains(&port) {
        errors.push(path, format!("port {port} is outside 0-65535"));
    }
}

/// Runs every check on a resolved blueprint.
pub fn validate(spec: &Spec) -> ValidationErrors {
    let mut errors = ValidationErrors::default();
    let known: Vec<&str> = limits::REGIONS.iter().map(|(r, _)| *r).collect();
    if limits::az_letters(&spec.region).is_none() {
        errors.push(
            "region",
            format!(
                "unknown region '{}'; known: {}",
                spec.region,
                known.join(", ")
            ),
        );
    }
    let ctx = Ctx::new(spec);
    network::check_network(&ctx, &mut errors);
    security::check_groups(&ctx, &mut errors);
    resources::check_resources(&ctx, &mut errors);
    errors
}

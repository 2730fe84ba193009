use std::collections::BTreeSet;

use super::{Ctx, check, limits, names};
use crate::blueprint::schema::TierKind;
use crate::error::ValidationErrors;
use crate::graph::{Attr, Section};
use crate::userdata;

pub(super) fn check_resources(ctx: &Ctx, errors: &mut ValidationErrors) {
    check_roles(ctx, errors);
    check_instances(ctx, errors);
    super::data::check_data(ctx, errors);
    check_buckets(ctx, errors);
    check_outputs(ctx, errors);
    check_ssm_parameters(ctx, errors);
    super::ecs::check_ecs(ctx, errors);
}

pub(super) fn unique<'a>(
    seen: &mut BTreeSet<&'a str>,
    name: &'a str,
    what: &str,
    p: &str,
    errors: &mut ValidationErrors,
) {
    check(names::logical_name(name), p, errors);
    if !seen.insert(name) {
        errors.push(p, format!("duplicate {what} '{name}'"));
    }
}

fn check_roles(ctx: &Ctx, errors: &mut ValidationErrors) {
    let mut seen = BTreeSet::new();
    for (i, r) in ctx.spec.iam_roles.iter().enumerate() {
        let p = format!("iam_roles[{i}]");
        unique(&mut seen, &r.name, "IAM role", &format!("{p}.name"), errors);
        check(
            names::iam_name(&r.role_name, 64, "an IAM role name"),
            &format!("{p}.role_name"),
            errors,
        );
        if let Some(ip) = &r.instance_profile {
            check(
                names::iam_name(ip, 128, "an instance profile name"),
                &format!("{p}.instance_profile"),
                errors,
            );
        }
        if !r.trust_service.ends_with(".amazonaws.com") {
            errors.push(
                format!("{p}.trust_service"),
                "trust_service must be a service principal like ec2.amazonaws.com",
            );
        }
        for (j, arn) in r.managed_policies.iter().enumerate() {
            if !arn.starts_with("arn:aws:iam::") {
                errors.push(
                    format!("{p}.managed_policies[{j}]"),
                    format!("'{arn}' is not an IAM policy ARN"),
                );
            }
        }
        for (j, pol) in r.inline_policies.iter().enumerate() {
            for (k, b) in pol.buckets.iter().enumerate() {
                if !ctx.spec.buckets.iter().any(|x| x.enabled && &x.name == b) {
                    errors.push(
                        format!("{p}.inline_policies[{j}].buckets[{k}]"),
                        format!("no bucket named '{b}'"),
                    );
                }
            }
            if pol.actions.is_empty() {
                errors.push(
                    format!("{p}.inline_policies[{j}].actions"),
                    "a policy needs actions",
                );
            }
        }
    }
}

fn check_instances(ctx: &Ctx, errors: &mut ValidationErrors) {
    let mut seen = BTreeSet::new();
    for (i, inst) in ctx
        .spec
        .instances
        .iter()
        .enumerate()
        .filter(|(_, x)| x.enabled)
    {
        let p = format!("instances[{i}]");
        unique(
            &mut seen,
            &inst.name,
            "instance",
            &format!("{p}.name"),
            errors,
        );
        if !(1..=20).contains(&inst.count) {
            errors.push(
                format!("{p}.count"),
                format!("count must be 1-20, got {}", inst.count),
            );
        }
        match (&inst.tier, &ctx.spec.network) {
            (Some(t), _) => {
                let tp = format!("{p}.tier");
                if ctx.check_tier(t, &tp, errors)
                    && (inst.elastic_ip || inst.public_ip)
                    && ctx.tiers.get(t.as_str()) != Some(&TierKind::Public)
                {
                    errors.push(
                        tp,
                        format!("a public IP needs a public tier; '{t}' is not one"),
                    );
                }
            }
            (None, Some(_)) => {
                errors.push(format!("{p}.tier"), "an instance in a network needs a tier")
            }
            (None, None) => {}
        }
        if !limits::INSTANCE_TYPES.contains(&inst.instance_type.as_str()) {
            errors.push(
                format!("{p}.instance_type"),
                format!(
                    "unknown or unsupported instance type '{}'",
                    inst.instance_type
                ),
            );
        }
        super::ami::check_ami(&inst.ami, &p, errors);
        ctx.check_groups(
            &inst.security_groups,
            &format!("{p}.security_groups"),
            errors,
        );
        if let Some(role) = &inst.iam_role {
            match ctx.spec.iam_roles.iter().find(|r| &r.name == role) {
                None => errors.push(
                    format!("{p}.iam_role"),
                    format!("no IAM role named '{role}'"),
                ),
                Some(r) if r.instance_profile.is_none() => errors.push(
                    format!("{p}.iam_role"),
                    format!("IAM role '{role}' has no instance_profile"),
                ),
                Some(_) => {}
            }
        }
        let v = &inst.root_volume;
        if !limits::VOLUME_TYPES.contains(&v.volume_type.as_str()) {
            errors.push(
                format!("{p}.root_volume.type"),
                format!("'{}' cannot be a root volume type", v.volume_type),
            );
        }
        if !(8..=16384).contains(&v.size_gb) {
            errors.push(
                format!("{p}.root_volume.size_gb"),
                format!("root volume must be 8-16384 GiB, got {}", v.size_gb),
            );
        }
        if let Some(ud) = &inst.user_data {
            super::user_data::check_user_data(ud, &p, errors);
            let script = userdata::render_user_data(ud, inst.ami.os, &userdata::Extras::default());
            if script.len() > limits::USER_DATA_MAX_BYTES {
                errors.push(
                    format!("{p}.user_data"),
                    format!(
                        "rendered user data is {} bytes; AWS allows {} before base64",
                        script.len(),
                        limits::USER_DATA_MAX_BYTES
                    ),
                );
            }
        }
        check_depends_on(ctx, &inst.depends_on, &format!("{p}.depends_on"), errors);
    }
}

/// `section.name` references used by `depends_on`.
pub(super) fn check_depends_on(ctx: &Ctx, deps: &[String], p: &str, errors: &mut ValidationErrors) {
    for (i, d) in deps.iter().enumerate() {
        if !reference_exists(ctx, d) {
            errors.push(
                format!("{p}[{i}]"),
                format!("'{d}' names nothing (write section.name, e.g. databases.db)"),
            );
        }
    }
}

fn reference_exists(ctx: &Ctx, r: &str) -> bool {
    let Some((section, name)) = r.split_once('.') else {
        return false;
    };
    let s = ctx.spec;
    match Section::parse(section) {
        Some(Section::Instances) => s.instances.iter().any(|x| x.enabled && x.name == name),
        Some(Section::Databases) => s.databases.iter().any(|x| x.enabled && x.name == name),
        Some(Section::Caches) => s.caches.iter().any(|x| x.enabled && x.name == name),
        Some(Section::LoadBalancers) => {
            s.load_balancers.iter().any(|x| x.enabled && x.name == name)
        }
        Some(Section::Buckets) => s.buckets.iter().any(|x| x.enabled && x.name == name),
        Some(Section::SecurityGroups) => ctx.groups.contains(&name),
        Some(Section::IamRoles) => s.iam_roles.iter().any(|x| x.name == name),
        Some(Section::Network) => s.network.is_some() && name == "vpc",
        Some(Section::SsmParameters) => {
            s.ssm_parameters.iter().any(|x| x.enabled && x.name == name)
        }
        Some(Section::EcsClusters) => s.ecs_clusters.iter().any(|x| x.name == name),
        Some(Section::Services) => s.services.iter().any(|x| x.enabled && x.name == name),
        None => false,
    }
}

fn check_buckets(ctx: &Ctx, errors: &mut ValidationErrors) {
    let mut seen = BTreeSet::new();
    for (i, b) in ctx
        .spec
        .buckets
        .iter()
        .enumerate()
        .filter(|(_, b)| b.enabled)
    {
        let p = format!("buckets[{i}]");
        unique(&mut seen, &b.name, "bucket", &format!("{p}.name"), errors);
        check(
            names::bucket_name(&b.bucket_name),
            &format!("{p}.bucket_name"),
            errors,
        );
        if !["AES256", "aws:kms"].contains(&b.encryption.as_str()) {
            errors.push(
                format!("{p}.encryption"),
                "encryption must be AES256 or aws:kms",
            );
        }
        for (j, rule) in b.lifecycle.iter().enumerate() {
            let rp = format!("{p}.lifecycle[{j}]");
            if rule.days < 1 {
                errors.push(format!("{rp}.days"), "days must be at least 1");
            }
            match (&rule.storage_class, rule.expire) {
                (Some(_), true) | (None, false) => errors.push(
                    &rp,
                    "a lifecycle rule either moves to a storage_class or expires",
                ),
                (Some(c), false) => {
                    if !limits::S3_STORAGE_CLASSES.contains(&c.as_str()) {
                        errors.push(
                            format!("{rp}.storage_class"),
                            format!("unknown storage class '{c}'"),
                        );
                    } else if c.ends_with("_IA") && rule.days < 30 {
                        errors.push(
                            format!("{rp}.days"),
                            format!("S3 needs at least 30 days before a transition to {c}"),
                        );
                    }
                }
                (None, true) => {}
            }
        }
        let expire_at = b
            .lifecycle
            .iter()
            .filter(|r| r.expire && r.storage_class.is_none())
            .map(|r| r.days)
            .min();
        for (j, rule) in b.lifecycle.iter().enumerate() {
            if let (Some(class), Some(expiry)) = (&rule.storage_class, expire_at)
                && rule.days >= expiry
            {
                errors.push(
                    format!("{p}.lifecycle[{j}].days"),
                    format!(
                        "the move to {class} after {} days comes at or after the expiry at {expiry} days",
                        rule.days
                    ),
                );
            }
        }
        check_noncurrent(b, &p, errors);
    }
}

/// Old versions: days positive, a known storage class, each move before their expiry.
fn check_noncurrent(b: &crate::blueprint::schema::Bucket, p: &str, errors: &mut ValidationErrors) {
    if let Some(days) = b.noncurrent_expiration_days
        && days < 1
    {
        errors.push(
            format!("{p}.noncurrent_expiration_days"),
            "days must be at least 1",
        );
    }
    for (j, t) in b.noncurrent_transitions.iter().enumerate() {
        let tp = format!("{p}.noncurrent_transitions[{j}]");
        if t.days < 1 {
            errors.push(format!("{tp}.days"), "days must be at least 1");
        }
        let class = t.storage_class.as_str();
        if !limits::S3_STORAGE_CLASSES.contains(&class) {
            errors.push(
                format!("{tp}.storage_class"),
                format!("unknown storage class '{class}'"),
            );
        } else if class.ends_with("_IA") && t.days < 30 {
            errors.push(
                format!("{tp}.days"),
                format!("S3 needs at least 30 days before a transition to {class}"),
            );
        }
        if let Some(expiry) = b.noncurrent_expiration_days
            && t.days >= expiry
        {
            errors.push(
                format!("{tp}.days"),
                format!(
                    "old versions move to {class} after {} days, at or after they expire \
                     (noncurrent_expiration_days = {expiry}): move them earlier or keep them longer",
                    t.days
                ),
            );
        }
    }
}

fn check_outputs(ctx: &Ctx, errors: &mut ValidationErrors) {
    let mut seen = BTreeSet::new();
    for (i, o) in ctx.spec.outputs.iter().enumerate() {
        let p = format!("outputs[{i}]");
        if !seen.insert(o.name.as_str()) {
            errors.push(
                format!("{p}.name"),
                format!("duplicate output '{}'", o.name),
            );
        }
        let target = o.value.rsplit_once('.').map(|(t, _)| t).unwrap_or("");
        if !reference_exists(ctx, target) {
            errors.push(
                format!("{p}.value"),
                format!("'{}' names nothing (write section.name.attribute)", o.value),
            );
        } else if crate::graph::output_source(ctx.spec, &o.value).is_none() {
            let known: Vec<&str> = <Attr as strum::VariantArray>::VARIANTS
                .iter()
                .map(|a| a.as_str())
                .collect();
            errors.push(
                format!("{p}.value"),
                format!(
                    "'{}' names no attribute Hangar records (id, elastic_ip, {})",
                    o.value,
                    known.join(", ")
                ),
            );
        }
    }
}

fn check_ssm_parameters(ctx: &Ctx, errors: &mut ValidationErrors) {
    let mut seen = BTreeSet::new();
    for (i, p) in ctx.spec.ssm_parameters.iter().enumerate() {
        let path = format!("ssm_parameters[{i}]");
        unique(
            &mut seen,
            &p.name,
            "parameter",
            &format!("{path}.name"),
            errors,
        );
        // AWS: 1-2048 characters of letters, digits and . - _ /, and a path starts with '/'.
        let name = &p.parameter_name;
        let valid = !name.is_empty()
            && name.len() <= 2048
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-/".contains(c))
            && (!name.contains('/') || name.starts_with('/'));
        if !valid {
            errors.push(
                format!("{path}.parameter_name"),
                format!("'{name}' is not an SSM parameter name (letters, digits, . - _ /; a path starts with /)"),
            );
        }
        if p.enabled && ctx.spec.outputs.is_empty() {
            errors.push(
                path.clone(),
                "holds the blueprint's outputs, and it declares none".to_string(),
            );
        }
    }
}

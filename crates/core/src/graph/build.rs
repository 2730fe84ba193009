//! Resolved blueprint -> resource graph. Assumes `validate` passed; anything it could not
//! resolve here is skipped rather than panicking, and `ResourceGraph::from_nodes` still checks
//! that every dependency exists.

use super::build_net::{NetInfo, VPC, build_network};
use super::{Prop, ResourceGraph, ResourceKind as K, ResourceNode as N};
use crate::blueprint::schema::{Rule, Spec};
use crate::error::ValidationErrors;
use crate::userdata;

pub fn build(spec: &Spec) -> Result<ResourceGraph, ValidationErrors> {
    let mut nodes = Vec::new();
    let net = build_network(spec, &mut nodes);
    security_groups(spec, &net, &mut nodes);
    iam(spec, &mut nodes);
    buckets(spec, &mut nodes);
    instances(spec, &net, &mut nodes);
    super::build_data::databases(spec, &net, &mut nodes);
    super::build_data::caches(spec, &net, &mut nodes);
    super::build_data::load_balancers(spec, &net, &mut nodes);
    ResourceGraph::from_nodes(nodes)
}

pub(super) fn sg(name: &str) -> String {
    format!("security_group.{name}")
}

/// `depends_on` entries (`section.name`) -> node logical names.
pub(super) fn dependency_targets(spec: &Spec, dep: &str) -> Vec<String> {
    let Some((section, name)) = dep.split_once('.') else {
        return Vec::new();
    };
    let one = |kind: K| vec![format!("{}.{name}", kind.as_str())];
    match section {
        "instances" => spec
            .instances
            .iter()
            .filter(|i| i.enabled && i.name == name)
            .flat_map(|i| instance_names(&i.name, i.count))
            .collect(),
        "databases" => one(K::RdsInstance),
        "caches" => one(K::ElasticacheReplicationGroup),
        "load_balancers" => one(K::LoadBalancer),
        "buckets" => one(K::S3Bucket),
        "security_groups" => one(K::SecurityGroup),
        "iam_roles" => one(K::IamRole),
        "network" => vec![VPC.to_string()],
        _ => Vec::new(),
    }
}

pub(super) fn instance_names(name: &str, count: i64) -> Vec<String> {
    if count <= 1 {
        vec![format!("instance.{name}")]
    } else {
        (1..=count)
            .map(|k| format!("instance.{name}-{k}"))
            .collect()
    }
}

fn rule_prop(rule: &Rule) -> Prop {
    let (from, to) = rule.port_range();
    let mut m = vec![
        (
            "protocol",
            Prop::from(if rule.protocol == "all" {
                "-1"
            } else {
                rule.protocol.as_str()
            }),
        ),
        ("from_port", Prop::from(from)),
        ("to_port", Prop::from(to)),
        ("description", Prop::from(&rule.description)),
    ];
    if let Some(c) = &rule.cidr {
        m.push(("cidr", Prop::from(c)));
    }
    if rule.self_ref {
        m.push(("self", Prop::from(true)));
    }
    Prop::map(m)
}

fn security_groups(spec: &Spec, net: &NetInfo, nodes: &mut Vec<N>) {
    for (gi, g) in spec
        .security_groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.enabled)
    {
        let src = format!("security_groups[{gi}]");
        let mut cross = Vec::new();
        let mut rule_nodes = Vec::new();
        for (dir, rules) in [("ingress", &g.ingress), ("egress", &g.egress)] {
            for (ri, rule) in rules.iter().enumerate().filter(|(_, r)| r.enabled) {
                let Some(peer) = &rule.group else { continue };
                let (from, to) = rule.port_range();
                let short = if dir == "ingress" { "in" } else { "out" };
                let n = N::new(
                    K::SecurityGroupRule,
                    &format!("{}-{short}-{ri}", g.name),
                    format!("{src}.{dir}[{ri}]"),
                )
                .prop("group", sg(&g.name))
                .prop("peer_group", sg(peer))
                .prop("direction", dir)
                .prop(
                    "protocol",
                    if rule.protocol == "all" {
                        "-1"
                    } else {
                        rule.protocol.as_str()
                    },
                )
                .prop("from_port", from)
                .prop("to_port", to)
                .prop("description", &rule.description)
                .dep(sg(&g.name))
                .dep(sg(peer));
                cross.push(n.logical.clone());
                rule_nodes.push(n);
            }
        }
        let inline = |rules: &Vec<Rule>| -> Vec<Prop> {
            rules
                .iter()
                .filter(|r| r.enabled && r.group.is_none())
                .map(rule_prop)
                .collect()
        };
        let mut n = N::new(K::SecurityGroup, &g.name, &src)
            .prop("group_name", g.aws_name())
            .prop("description", &g.description)
            .prop("vpc", net.vpc_ref())
            .prop("ingress", inline(&g.ingress))
            .prop("egress", inline(&g.egress))
            // Teardown revokes these rules (their own nodes) before deleting any group.
            .prop("cross_group_rules", cross);
        if net.present {
            n = n.dep(VPC);
        }
        nodes.push(n);
        nodes.extend(rule_nodes);
    }
}

fn iam(spec: &Spec, nodes: &mut Vec<N>) {
    for (i, r) in spec.iam_roles.iter().enumerate() {
        let src = format!("iam_roles[{i}]");
        let policies: Vec<Prop> = r
            .inline_policies
            .iter()
            .map(|p| {
                let mut resources: Vec<String> = p.resources.clone();
                for b in &p.buckets {
                    if let Some(bucket) = spec.buckets.iter().find(|x| &x.name == b) {
                        resources.push(format!("arn:aws:s3:::{}", bucket.bucket_name));
                        resources.push(format!("arn:aws:s3:::{}/*", bucket.bucket_name));
                    }
                }
                Prop::map([
                    ("name", Prop::from(&p.name)),
                    ("actions", Prop::from(p.actions.clone())),
                    ("resources", Prop::from(resources)),
                ])
            })
            .collect();
        let role = N::new(K::IamRole, &r.name, &src)
            .prop("role_name", &r.role_name)
            .prop("trust_service", &r.trust_service)
            .prop("managed_policies", r.managed_policies.clone())
            .prop("inline_policies", policies);
        let role_logical = role.logical.clone();
        nodes.push(role);
        if let Some(profile) = &r.instance_profile {
            nodes.push(
                N::new(K::InstanceProfile, &r.name, &src)
                    .prop("instance_profile_name", profile)
                    .prop("role", &role_logical)
                    .dep(role_logical.clone()),
            );
        }
    }
}

fn buckets(spec: &Spec, nodes: &mut Vec<N>) {
    for (i, b) in spec.buckets.iter().enumerate() {
        let lifecycle: Vec<Prop> = b
            .lifecycle
            .iter()
            .map(|r| match &r.storage_class {
                Some(c) => Prop::map([
                    ("days", Prop::from(r.days)),
                    ("transition_to", Prop::from(c)),
                ]),
                None => Prop::map([("days", Prop::from(r.days)), ("expire", Prop::from(true))]),
            })
            .collect();
        let mut n = N::new(K::S3Bucket, &b.name, format!("buckets[{i}]"))
            .prop("bucket_name", &b.bucket_name)
            .prop("region", &spec.region)
            .prop("versioning", b.versioning)
            .prop("encryption", &b.encryption)
            .prop("block_public_access", b.block_public_access)
            .prop("force_destroy", b.force_destroy)
            .prop("lifecycle", lifecycle);
        if let Some(d) = b.noncurrent_expiration_days {
            n = n.prop("noncurrent_expiration_days", d);
        }
        nodes.push(n);
    }
}

fn instances(spec: &Spec, net: &NetInfo, nodes: &mut Vec<N>) {
    for (ii, inst) in spec.instances.iter().enumerate().filter(|(_, x)| x.enabled) {
        let src = format!("instances[{ii}]");
        let groups: Vec<String> = inst.security_groups.iter().map(|g| sg(g)).collect();
        let profile = inst
            .iam_role
            .as_ref()
            .map(|r| format!("instance_profile.{r}"));
        let user_data = inst
            .user_data
            .as_ref()
            .map(|ud| userdata::render_user_data(ud, inst.ami.os, &userdata::Extras::default()));
        let tier = inst.tier.as_deref().and_then(|t| net.tier(t));
        let docker = inst.user_data.as_ref().is_some_and(|u| u.docker);
        let extra: Vec<String> = inst
            .depends_on
            .iter()
            .flat_map(|d| dependency_targets(spec, d))
            .collect();
        for (k, logical) in instance_names(&inst.name, inst.count).iter().enumerate() {
            let name = logical.trim_start_matches("instance.");
            let volume = Prop::map([
                ("size_gb", Prop::from(inst.root_volume.size_gb)),
                ("type", Prop::from(&inst.root_volume.volume_type)),
                ("encrypted", Prop::from(inst.root_volume.encrypted)),
            ]);
            let mut n = N::new(K::Instance, name, &src)
                .prop("instance_type", &inst.instance_type)
                .prop("ami_name_pattern", &inst.ami.name)
                .prop("ami_owner", &inst.ami.owner)
                .prop("ami_architecture", &inst.ami.architecture)
                .prop("security_groups", groups.clone())
                .prop(
                    "http_tokens",
                    if inst.imdsv2 { "required" } else { "optional" },
                )
                // Containers on Docker's bridge are one hop further from IMDS; with IMDSv2 and
                // the default limit of 1 their SDKs cannot get a token.
                .prop("http_put_response_hop_limit", if docker { 2 } else { 1 })
                .prop("root_volume", volume)
                .prop("associate_public_ip", inst.public_ip)
                .prop("detailed_monitoring", inst.detailed_monitoring)
                .deps(groups.clone())
                .deps(profile.clone())
                .deps(extra.clone());
            if let Some(p) = &profile {
                n = n.prop("iam_instance_profile", p);
            }
            if let Some(key) = &inst.key_name {
                n = n.prop("key_name", key);
            }
            if let Some(ud) = &user_data {
                n = n.prop("user_data", ud);
            }
            if let Some(ud) = &inst.user_data {
                if let Some(p) = &ud.users_csv_path {
                    n = n.prop("users_csv_path", p);
                }
                if let Some(e) = &ud.users_env {
                    n = n.prop("users_env", e);
                }
            }
            match tier.filter(|t| !t.subnets.is_empty()) {
                Some(t) => {
                    let az = k % t.subnets.len();
                    let subnet = t.subnets[az].clone();
                    // User data downloads Docker at boot, so the instance waits for its way out.
                    let route = t.routes.get(az).cloned().flatten();
                    n = n.prop("subnet", &subnet).dep(subnet.clone()).deps(route);
                    n.az = net.azs.get(az).cloned();
                    n.subnet = Some(subnet);
                }
                None => n = n.prop("subnet", "default"),
            }
            let logical = n.logical.clone();
            nodes.push(n);
            if inst.elastic_ip {
                nodes.push(
                    N::new(K::Eip, name, &src)
                        .prop("domain", "vpc")
                        .prop("instance", &logical)
                        .dep(logical)
                        .deps(net.igw.clone()),
                );
            }
        }
    }
}

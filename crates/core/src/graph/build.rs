//! Resolved blueprint -> resource graph. Assumes `validate` passed; anything it could not
//! resolve here is skipped rather than panicking, and `ResourceGraph::from_nodes` still checks
//! that every dependency exists.

use super::build_net::{NetInfo, VPC, build_network};
use super::spec::{
    AmiSource, Direction, HttpTokens, IamRoleSpec, InlinePeer, InlinePolicy, InlineRule,
    InstanceProfileSpec, InstanceSpec, LifecycleAction, LifecycleRule, NoncurrentTransition,
    RootVolume, S3BucketSpec, SecurityGroupRuleSpec, SecurityGroupSpec, UserData, i32_of,
};
use super::{ResourceGraph, ResourceNode as N, Section, Stage};
use crate::blueprint::schema::{self, Rule, Spec};
use crate::error::ValidationErrors;
use crate::userdata;

/// `stage` is where prod's rules enter the specs: nothing below the graph asks the
/// environment's name or parameters what to keep.
pub fn build(spec: &Spec, stage: Stage) -> Result<ResourceGraph, ValidationErrors> {
    let mut nodes = Vec::new();
    let net = build_network(spec, &mut nodes);
    security_groups(spec, &net, &mut nodes);
    iam(spec, &mut nodes);
    buckets(spec, stage, &mut nodes);
    instances(spec, &net, &mut nodes);
    super::build_data::databases(spec, &net, stage, &mut nodes);
    super::build_data::caches(spec, &net, &mut nodes);
    super::build_data::load_balancers(spec, &net, &mut nodes);
    super::build_ecs::ecs(spec, &net, &mut nodes);
    super::build_data::ssm_parameters(spec, &mut nodes);
    ResourceGraph::from_nodes(nodes)
}

pub(crate) fn sg(name: &str) -> String {
    format!("security_group.{name}")
}

/// `depends_on` entries (`section.name`) -> node logical names.
pub(super) fn dependency_targets(spec: &Spec, dep: &str) -> Vec<String> {
    let Some((section, name)) = dep.split_once('.') else {
        return Vec::new();
    };
    match Section::parse(section) {
        Some(Section::Instances) => spec
            .instances
            .iter()
            .filter(|i| i.enabled && i.name == name)
            .flat_map(|i| instance_names(&i.name, i.count))
            .collect(),
        Some(Section::Network) => vec![VPC.to_string()],
        Some(section) => vec![format!("{}.{name}", section.kind().as_str())],
        None => Vec::new(),
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

fn protocol(rule: &Rule) -> String {
    if rule.protocol == "all" {
        "-1".to_string()
    } else {
        rule.protocol.clone()
    }
}

fn inline_rule(rule: &Rule) -> Option<InlineRule> {
    let peer = match (&rule.cidr, rule.self_ref) {
        (Some(cidr), _) => InlinePeer::Cidr(cidr.clone()),
        (None, true) => InlinePeer::SelfGroup,
        (None, false) => return None,
    };
    let (from, to) = rule.port_range();
    Some(InlineRule {
        protocol: protocol(rule),
        from_port: i32_of(from),
        to_port: i32_of(to),
        description: rule.description.clone(),
        peer,
    })
}

/// The rules a group carries inline (a CIDR or the group itself as the peer), each with its
/// index in the blueprint's list, so a plan warning can name `security_groups[0].ingress[1]`.
pub(crate) fn inline_rules(rules: &[Rule]) -> Vec<(usize, InlineRule)> {
    rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.enabled && r.group.is_none())
        .filter_map(|(i, r)| inline_rule(r).map(|x| (i, x)))
        .collect()
}

fn security_groups(spec: &Spec, net: &NetInfo, nodes: &mut Vec<N>) {
    for (gi, g) in spec
        .security_groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.enabled)
    {
        let src = format!("security_groups[{gi}]");
        let mut rule_nodes = Vec::new();
        for (direction, rules) in [
            (Direction::Ingress, &g.ingress),
            (Direction::Egress, &g.egress),
        ] {
            let (dir, short) = match direction {
                Direction::Ingress => ("ingress", "in"),
                Direction::Egress => ("egress", "out"),
            };
            for (ri, rule) in rules.iter().enumerate().filter(|(_, r)| r.enabled) {
                let Some(peer) = &rule.group else { continue };
                let (from, to) = rule.port_range();
                let n = N::new(
                    &format!("{}-{short}-{ri}", g.name),
                    SecurityGroupRuleSpec {
                        group: sg(&g.name),
                        peer_group: sg(peer),
                        direction,
                        protocol: protocol(rule),
                        from_port: i32_of(from),
                        to_port: i32_of(to),
                        description: rule.description.clone(),
                    },
                    format!("{src}.{dir}[{ri}]"),
                )
                .dep(sg(&g.name))
                .dep(sg(peer));
                rule_nodes.push(n);
            }
        }
        let inline = |rules: &Vec<Rule>| -> Vec<InlineRule> {
            inline_rules(rules).into_iter().map(|(_, r)| r).collect()
        };
        let mut n = N::new(
            &g.name,
            SecurityGroupSpec {
                group_name: g.aws_name().to_string(),
                description: g.description.clone(),
                vpc: net.vpc_ref(),
                ingress: inline(&g.ingress),
                egress: inline(&g.egress),
            },
            &src,
        );
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
        let inline_policies = r
            .inline_policies
            .iter()
            .map(|p| {
                let mut resources: Vec<String> = p.resources.clone();
                for b in &p.buckets {
                    if let Some(bucket) = spec.buckets.iter().find(|x| x.enabled && &x.name == b) {
                        resources.push(format!("arn:aws:s3:::{}", bucket.bucket_name));
                        resources.push(format!("arn:aws:s3:::{}/*", bucket.bucket_name));
                    }
                }
                InlinePolicy {
                    name: p.name.clone(),
                    actions: p.actions.clone(),
                    resources,
                }
            })
            .collect();
        let role = N::new(
            &r.name,
            IamRoleSpec {
                role_name: r.role_name.clone(),
                trust_service: r.trust_service.clone(),
                managed_policies: r.managed_policies.clone(),
                inline_policies,
            },
            &src,
        );
        let role_logical = role.logical.clone();
        nodes.push(role);
        if let Some(profile) = &r.instance_profile {
            nodes.push(
                N::new(
                    &r.name,
                    InstanceProfileSpec {
                        instance_profile_name: profile.clone(),
                        role: role_logical.clone(),
                    },
                    &src,
                )
                .dep(role_logical.clone()),
            );
        }
    }
}

fn buckets(spec: &Spec, stage: Stage, nodes: &mut Vec<N>) {
    for (i, b) in spec.buckets.iter().enumerate().filter(|(_, b)| b.enabled) {
        let lifecycle = b
            .lifecycle
            .iter()
            .map(|r| LifecycleRule {
                days: i32_of(r.days),
                action: match &r.storage_class {
                    Some(c) => LifecycleAction::TransitionTo(c.clone()),
                    None => LifecycleAction::Expire,
                },
            })
            .collect();
        nodes.push(N::new(
            &b.name,
            S3BucketSpec {
                bucket_name: b.bucket_name.clone(),
                versioning: b.versioning,
                encryption: b.encryption.clone(),
                block_public_access: b.block_public_access,
                force_destroy: b.force_destroy,
                // A prod bucket that keeps versions holds backups: teardown leaves it unless
                // the blueprint says otherwise.
                retain: b
                    .keep_on_teardown
                    .unwrap_or(stage.is_prod() && b.versioning),
                lifecycle,
                noncurrent_expiration_days: b.noncurrent_expiration_days.map(i32_of),
                noncurrent_transitions: b
                    .noncurrent_transitions
                    .iter()
                    .map(|t| NoncurrentTransition {
                        noncurrent_days: i32_of(t.days),
                        storage_class: t.storage_class.clone(),
                    })
                    .collect(),
            },
            format!("buckets[{i}]"),
        ));
    }
}

/// Validation has made sure exactly one source is given.
fn ami_source(ami: &schema::AmiSource) -> AmiSource {
    match (&ami.parameter, &ami.id) {
        (_, Some(id)) => AmiSource::Id(id.clone()),
        (parameter, None) => AmiSource::Parameter(parameter.clone().unwrap_or_default()),
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
            let placed = tier.filter(|t| !t.subnets.is_empty()).map(|t| {
                let az = k % t.subnets.len();
                // User data downloads Docker at boot, so the instance waits for its way out.
                let route = t.routes.get(az).cloned().flatten();
                (t.subnets[az].clone(), net.azs.get(az).cloned(), route)
            });
            let mut n = N::new(
                name,
                InstanceSpec {
                    instance_type: inst.instance_type.clone(),
                    ami: ami_source(&inst.ami),
                    subnet: placed.as_ref().map(|p| p.0.clone()),
                    security_groups: groups.clone(),
                    http_tokens: if inst.imdsv2 {
                        HttpTokens::Required
                    } else {
                        HttpTokens::Optional
                    },
                    http_put_response_hop_limit: if docker { 2 } else { 1 },
                    root_volume: RootVolume {
                        size_gb: i32_of(inst.root_volume.size_gb),
                        volume_type: inst.root_volume.volume_type.clone(),
                        encrypted: inst.root_volume.encrypted,
                    },
                    // An Elastic IP attaches only once the instance exists, after its user
                    // data has started: without a public address from launch, a host in a
                    // public subnet has no internet while it installs. AWS releases the
                    // launch address when the Elastic IP takes its place.
                    associate_public_ip: inst.public_ip || inst.elastic_ip,
                    detailed_monitoring: inst.detailed_monitoring,
                    iam_instance_profile: profile.clone(),
                    key_name: inst.key_name.clone(),
                    user_data: user_data.clone().map(UserData::Script),
                    users_csv_path: inst
                        .user_data
                        .as_ref()
                        .and_then(|u| u.users_csv_path.clone()),
                    users_env: inst.user_data.as_ref().and_then(|u| u.users_env.clone()),
                    generated_password_env: inst
                        .user_data
                        .as_ref()
                        .and_then(|u| u.generated_password_env.clone()),
                },
                &src,
            )
            .deps(groups.clone())
            .deps(profile.clone())
            .deps(extra.clone());
            if let Some((subnet, az, route)) = placed {
                n = n.dep(subnet.clone()).deps(route);
                n.az = az;
                n.subnet = Some(subnet);
            }
            let logical = n.logical.clone();
            nodes.push(n);
            if inst.elastic_ip {
                nodes.push(
                    N::new(
                        name,
                        super::spec::EipSpec {
                            instance: Some(logical.clone()),
                        },
                        &src,
                    )
                    .dep(logical)
                    .deps(net.igw.clone()),
                );
            }
        }
    }
}

//! Security groups with their CIDR and self rules inline, and rules between two groups as
//! separate nodes: two groups may name each other, and AWS refuses to delete a group that
//! another group's rule still references, so those rules are revoked first.

use aws_sdk_ec2::types::{
    Filter, IpPermission, IpRange, ResourceType, SecurityGroupRule, UserIdGroupPair,
};
use hangar_core::graph::Attr;
use hangar_core::graph::spec::{
    Direction, InlinePeer, InlineRule, SecurityGroupRuleSpec, SecurityGroupSpec,
};

use super::ec2util::{as_found, no_id, vpc_id};
use crate::error::{ErrorKind, sdk};
use crate::tags::{ec2_filters, ec2_tag_spec};
use crate::{Created, Ctx, Found, Refs, ResourceError, retry_while_not_found};

pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &SecurityGroupSpec,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    let ec2 = &ctx.clients.ec2;
    let id = match find_tagged(ctx, Some(logical)).await?.pop() {
        Some(found) => found.created.aws_id,
        None => {
            let vpc = vpc_id(ctx, refs, spec.vpc.as_deref()).await?;
            retry_while_not_found(|| async {
                ec2.create_security_group()
                    .group_name(&spec.group_name)
                    .description(&spec.description)
                    .vpc_id(&vpc)
                    .tag_specifications(ec2_tag_spec(ResourceType::SecurityGroup, ctx, logical))
                    .send()
                    .await
                    .map_err(sdk("CreateSecurityGroup"))
            })
            .await?
            .group_id()
            .ok_or_else(|| no_id("CreateSecurityGroup"))?
            .to_string()
        }
    };
    let ingress: Vec<IpPermission> = spec
        .ingress
        .iter()
        .map(|rule| permission(rule, &id))
        .collect();
    if !ingress.is_empty() {
        let result = retry_while_not_found(|| async {
            ec2.authorize_security_group_ingress()
                .group_id(&id)
                .set_ip_permissions(Some(ingress.clone()))
                .send()
                .await
                .map_err(sdk("AuthorizeSecurityGroupIngress"))
        })
        .await;
        ignore_duplicate(result)?;
    }
    let egress: Vec<IpPermission> = spec
        .egress
        .iter()
        .map(|rule| permission(rule, &id))
        .collect();
    if !egress.is_empty() {
        // A new group allows all egress; a blueprint that lists egress rules means only those.
        let all = IpPermission::builder()
            .ip_protocol("-1")
            .ip_ranges(IpRange::builder().cidr_ip("0.0.0.0/0").build())
            .build();
        // A fresh group can be unknown for a moment (InvalidGroup.NotFound: retried); the
        // allow-all rule already gone (InvalidPermission.NotFound: a re-run) is what we want.
        retry_while_not_found(|| async {
            match ec2
                .revoke_security_group_egress()
                .group_id(&id)
                .ip_permissions(all.clone())
                .send()
                .await
                .map_err(sdk("RevokeSecurityGroupEgress"))
            {
                Err(err) if err.code == "InvalidPermission.NotFound" => Ok(()),
                other => other.map(drop),
            }
        })
        .await?;
        let result = retry_while_not_found(|| async {
            ec2.authorize_security_group_egress()
                .group_id(&id)
                .set_ip_permissions(Some(egress.clone()))
                .send()
                .await
                .map_err(sdk("AuthorizeSecurityGroupEgress"))
        })
        .await;
        ignore_duplicate(result)?;
    }
    Ok(Created::new(id))
}

/// Revokes every rule that names another group before deleting: a sweep has no rule nodes to
/// walk, and AWS refuses to delete a group that another group's rule references.
pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    for rule in cross_group_rules(ctx, &created.aws_id).await? {
        let (Some(id), egress) = (
            rule.security_group_rule_id(),
            rule.is_egress().unwrap_or(false),
        ) else {
            continue;
        };
        ok_if_gone(revoke_by_id(ctx, &created.aws_id, id, egress).await)?;
    }
    match delete_group(ctx, &created.aws_id).await {
        // Another of this environment's groups still names this one in a rule the history
        // does not hold (a crash between the rule's create and its record, or a sweep that
        // works from tags alone): revoke those, as Terraform's `revoke_rules_on_delete` does,
        // then try again. Without this, a sweep deleting one group at a time would wait on a
        // reference only the other group's own delete removes.
        Err(err) if err.kind == ErrorKind::DependencyViolation => {
            let revoked = revoke_references(ctx, &created.aws_id).await?;
            if revoked == 0 {
                return Err(err);
            }
            delete_group(ctx, &created.aws_id).await
        }
        other => other,
    }
}

async fn delete_group(ctx: &Ctx, group: &str) -> Result<(), ResourceError> {
    ctx.clients
        .ec2
        .delete_security_group()
        .group_id(group)
        .send()
        .await
        .map_err(sdk("DeleteSecurityGroup"))?;
    Ok(())
}

/// Revokes the rules of this environment's other groups (by its id tag, never another
/// environment's) that name `group` as their peer; how many it revoked.
async fn revoke_references(ctx: &Ctx, group: &str) -> Result<usize, ResourceError> {
    let ours: Vec<String> = find_tagged(ctx, None)
        .await?
        .into_iter()
        .map(|f| f.created.aws_id)
        .filter(|id| id != group)
        .collect();
    let mut revoked = 0;
    for owner in ours {
        for rule in cross_group_rules(ctx, &owner).await? {
            let names_group = rule
                .referenced_group_info()
                .and_then(|r| r.group_id())
                .is_some_and(|peer| peer == group);
            let (true, Some(id)) = (names_group, rule.security_group_rule_id()) else {
                continue;
            };
            ok_if_gone(revoke_by_id(ctx, &owner, id, rule.is_egress().unwrap_or(false)).await)?;
            revoked += 1;
        }
    }
    Ok(revoked)
}

async fn cross_group_rules(
    ctx: &Ctx,
    group: &str,
) -> Result<Vec<SecurityGroupRule>, ResourceError> {
    let out = ctx
        .clients
        .ec2
        .describe_security_group_rules()
        .filters(Filter::builder().name("group-id").values(group).build())
        .send()
        .await
        .map_err(sdk("DescribeSecurityGroupRules"))?;
    Ok(out
        .security_group_rules()
        .iter()
        .filter(|r| r.referenced_group_info().is_some())
        .cloned()
        .collect())
}

async fn revoke_by_id(
    ctx: &Ctx,
    group: &str,
    rule: &str,
    egress: bool,
) -> Result<(), ResourceError> {
    let ec2 = &ctx.clients.ec2;
    if egress {
        ec2.revoke_security_group_egress()
            .group_id(group)
            .security_group_rule_ids(rule)
            .send()
            .await
            .map_err(sdk("RevokeSecurityGroupEgress"))?;
    } else {
        ec2.revoke_security_group_ingress()
            .group_id(group)
            .security_group_rule_ids(rule)
            .send()
            .await
            .map_err(sdk("RevokeSecurityGroupIngress"))?;
    }
    Ok(())
}

fn ok_if_gone(result: Result<(), ResourceError>) -> Result<(), ResourceError> {
    match result {
        Err(err) if err.is_not_found() => Ok(()),
        other => other,
    }
}

pub(crate) async fn create_rule(
    ctx: &Ctx,
    spec: &SecurityGroupRuleSpec,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    let group = refs.id(&spec.group)?.to_string();
    let peer = refs.id(&spec.peer_group)?.to_string();
    let (from, to) = (spec.from_port, spec.to_port);
    let perm = pair_permission(&spec.protocol, from, to, &peer, &spec.description);
    let ec2 = &ctx.clients.ec2;
    let egress = spec.direction == Direction::Egress;
    let result = retry_while_not_found(|| async {
        let rules = if egress {
            ec2.authorize_security_group_egress()
                .group_id(&group)
                .ip_permissions(perm.clone())
                .send()
                .await
                .map_err(sdk("AuthorizeSecurityGroupEgress"))?
                .security_group_rules
        } else {
            ec2.authorize_security_group_ingress()
                .group_id(&group)
                .ip_permissions(perm.clone())
                .send()
                .await
                .map_err(sdk("AuthorizeSecurityGroupIngress"))?
                .security_group_rules
        };
        Ok(rules.unwrap_or_default())
    })
    .await;
    let rules = match result {
        // A resumed job finds its rule already there: look its id up instead.
        Err(err) if err.code == "InvalidPermission.Duplicate" => {
            cross_group_rules(ctx, &group).await?
        }
        other => other?,
    };
    let rule_id = rules
        .iter()
        .find(|r| {
            r.is_egress() == Some(egress)
                && r.from_port() == Some(from)
                && r.to_port() == Some(to)
                && r.referenced_group_info().and_then(|g| g.group_id()) == Some(peer.as_str())
        })
        .and_then(|r| r.security_group_rule_id())
        .ok_or_else(|| no_id("AuthorizeSecurityGroupIngress"))?;
    Ok(Created::new(rule_id)
        .with(Attr::GroupId, group)
        .with(Attr::PeerGroupId, peer)
        .with(Attr::Direction, if egress { "egress" } else { "ingress" }))
}

/// Revoked by the rule's own id: matching by protocol, ports and peer is ambiguous, and the
/// emulator also compares descriptions.
pub(crate) async fn delete_rule(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    let group = created
        .attr(Attr::GroupId)
        .ok_or_else(|| ResourceError::missing("RevokeSecurityGroupRule", "no group_id"))?;
    revoke_by_id(
        ctx,
        group,
        &created.aws_id,
        created.attr(Attr::Direction) == Some("egress"),
    )
    .await
}

pub(crate) async fn find_tagged(
    ctx: &Ctx,
    logical: Option<&str>,
) -> Result<Vec<Found>, ResourceError> {
    let out = ctx
        .clients
        .ec2
        .describe_security_groups()
        .set_filters(Some(ec2_filters(ctx, logical)))
        .send()
        .await
        .map_err(sdk("DescribeSecurityGroups"))?;
    Ok(as_found(
        out.security_groups(),
        |g| g.tags(),
        |g| Some((Created::new(g.group_id()?), "available".into())),
    ))
}

/// An inline rule: a CIDR or the group itself as the peer.
fn permission(rule: &InlineRule, own_group: &str) -> IpPermission {
    let perm = IpPermission::builder()
        .ip_protocol(&rule.protocol)
        .from_port(rule.from_port)
        .to_port(rule.to_port);
    let perm = match &rule.peer {
        InlinePeer::Cidr(cidr) => perm.ip_ranges(
            IpRange::builder()
                .cidr_ip(cidr)
                .description(&rule.description)
                .build(),
        ),
        InlinePeer::SelfGroup => perm.user_id_group_pairs(
            UserIdGroupPair::builder()
                .group_id(own_group)
                .description(&rule.description)
                .build(),
        ),
    };
    perm.build()
}

fn pair_permission(
    protocol: &str,
    from: i32,
    to: i32,
    peer: &str,
    description: &str,
) -> IpPermission {
    let mut pair = UserIdGroupPair::builder().group_id(peer);
    if !description.is_empty() {
        pair = pair.description(description);
    }
    IpPermission::builder()
        .ip_protocol(protocol)
        .from_port(from)
        .to_port(to)
        .user_id_group_pairs(pair.build())
        .build()
}

/// A resumed job re-authorises rules that are already there; AWS says so with this code.
fn ignore_duplicate<T>(result: Result<T, ResourceError>) -> Result<(), ResourceError> {
    match result {
        Err(err) if err.code == "InvalidPermission.Duplicate" => Ok(()),
        other => other.map(drop),
    }
}

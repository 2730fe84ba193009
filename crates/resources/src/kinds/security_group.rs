//! Security groups with their CIDR and self rules inline, and rules between two groups as
//! separate nodes: two groups may name each other, and AWS refuses to delete a group that
//! another group's rule still references, so those rules are revoked first.

use aws_sdk_ec2::types::{
    Filter, IpPermission, IpRange, ResourceType, SecurityGroupRule, UserIdGroupPair,
};
use hangar_core::graph::{Prop, ResourceNode};

use super::ec2util::{as_found, no_id, vpc_id};
use super::props;
use crate::error::sdk;
use crate::tags::{ec2_filters, ec2_tag_spec};
use crate::{Created, Ctx, Found, Refs, ResourceError, retry_while_not_found};

pub(crate) async fn create(
    ctx: &Ctx,
    node: &ResourceNode,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    let ec2 = &ctx.clients.ec2;
    let id = match find_tagged(ctx, Some(&node.logical)).await?.pop() {
        Some(found) => found.created.aws_id,
        None => {
            let vpc = vpc_id(ctx, refs, props::str(node, "vpc")?).await?;
            retry_while_not_found(|| async {
                ec2.create_security_group()
                    .group_name(props::str(node, "group_name")?)
                    .description(props::str(node, "description")?)
                    .vpc_id(&vpc)
                    .tag_specifications(ec2_tag_spec(
                        ResourceType::SecurityGroup,
                        &ctx.env,
                        &node.logical,
                    ))
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
    let ingress: Vec<IpPermission> = props::list(node, "ingress")
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
    let egress: Vec<IpPermission> = props::list(node, "egress")
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
    let ec2 = &ctx.clients.ec2;
    for rule in cross_group_rules(ctx, &created.aws_id).await? {
        let (Some(id), egress) = (
            rule.security_group_rule_id(),
            rule.is_egress().unwrap_or(false),
        ) else {
            continue;
        };
        ok_if_gone(revoke_by_id(ctx, &created.aws_id, id, egress).await)?;
    }
    ec2.delete_security_group()
        .group_id(&created.aws_id)
        .send()
        .await
        .map_err(sdk("DeleteSecurityGroup"))?;
    Ok(())
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
    node: &ResourceNode,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    let group = refs.id(props::str(node, "group")?)?.to_string();
    let peer = refs.id(props::str(node, "peer_group")?)?.to_string();
    let direction = props::str(node, "direction")?.to_string();
    let protocol = props::str(node, "protocol")?.to_string();
    let from = props::int32(node, "from_port")?;
    let to = props::int32(node, "to_port")?;
    let description = props::opt_str(node, "description").unwrap_or_default();
    let perm = pair_permission(&protocol, from, to, &peer, description);
    let ec2 = &ctx.clients.ec2;
    let egress = direction == "egress";
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
        .with("group_id", group)
        .with("peer_group_id", peer)
        .with("direction", direction))
}

/// Revoked by the rule's own id: matching by protocol, ports and peer is ambiguous, and the
/// emulator also compares descriptions.
pub(crate) async fn delete_rule(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    let group = created
        .attr("group_id")
        .ok_or_else(|| ResourceError::missing("RevokeSecurityGroupRule", "no group_id"))?;
    revoke_by_id(
        ctx,
        group,
        &created.aws_id,
        created.attr("direction") == Some("egress"),
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
        .set_filters(Some(ec2_filters(&ctx.env, logical)))
        .send()
        .await
        .map_err(sdk("DescribeSecurityGroups"))?;
    Ok(as_found(
        out.security_groups(),
        |g| g.tags(),
        |g| Some((Created::new(g.group_id()?), "available".into())),
    ))
}

/// A rule as the blueprint states it: `{protocol, from_port, to_port, cidr | self, description}`.
fn permission(rule: &Prop, own_group: &str) -> IpPermission {
    let text = |key: &str| {
        props::field(rule, key)
            .and_then(Prop::as_str)
            .unwrap_or_default()
    };
    let port = |key: &str| {
        props::field(rule, key)
            .and_then(Prop::as_int)
            .and_then(|p| i32::try_from(p).ok())
    };
    let mut perm = IpPermission::builder()
        .ip_protocol(text("protocol"))
        .set_from_port(port("from_port"))
        .set_to_port(port("to_port"));
    if let Some(cidr) = props::field(rule, "cidr").and_then(Prop::as_str) {
        perm = perm.ip_ranges(
            IpRange::builder()
                .cidr_ip(cidr)
                .description(text("description"))
                .build(),
        );
    }
    if props::field(rule, "self").and_then(Prop::as_bool) == Some(true) {
        perm = perm.user_id_group_pairs(
            UserIdGroupPair::builder()
                .group_id(own_group)
                .description(text("description"))
                .build(),
        );
    }
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

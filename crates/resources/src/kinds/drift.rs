//! Drift of settings: reading back what a refresh compares ([`observe`]) and putting a
//! blueprint's value back where AWS allows it in place ([`repair`]). What differs is decided in
//! the core (`hangar_core::drift`); this only knows the calls.

use std::collections::BTreeMap;

use aws_sdk_ec2::types::{IpPermission, IpRange, Tag};
use hangar_core::drift::{CidrRule, Observation, Observed, Setting, SettingDrift, parse_cidr_rule};
use hangar_core::graph::ResourceKind as K;

use crate::error::sdk;
use crate::{Ctx, ErrorKind, ResourceError};

/// A kind whose settings a refresh compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Observable {
    Instance,
    RdsInstance,
    Subnet,
    SecurityGroup,
}

impl Observable {
    pub fn of(kind: K) -> Option<Self> {
        match kind {
            K::Instance => Some(Self::Instance),
            K::RdsInstance => Some(Self::RdsInstance),
            K::Subnet => Some(Self::Subnet),
            K::SecurityGroup => Some(Self::SecurityGroup),
            K::Vpc
            | K::InternetGateway
            | K::RouteTable
            | K::Route
            | K::RouteTableAssociation
            | K::Eip
            | K::NatGateway
            | K::SecurityGroupRule
            | K::IamRole
            | K::InstanceProfile
            | K::DbSubnetGroup
            | K::DbParameterGroup
            | K::CacheSubnetGroup
            | K::ElasticacheReplicationGroup
            | K::LoadBalancer
            | K::TargetGroup
            | K::Listener
            | K::VpcEndpoint
            | K::LogGroup
            | K::FlowLog
            | K::S3Bucket
            | K::SsmParameter
            | K::EcsCluster
            | K::EcsTaskDefinition
            | K::EcsService => None,
        }
    }
}

fn tag_map<'a>(
    tags: impl IntoIterator<Item = (Option<&'a str>, Option<&'a str>)>,
) -> BTreeMap<String, String> {
    tags.into_iter()
        .filter_map(|(k, v)| Some((k?.to_string(), v.unwrap_or_default().to_string())))
        .collect()
}

fn ec2_tags(tags: &[Tag]) -> BTreeMap<String, String> {
    tag_map(tags.iter().map(|t| (t.key(), t.value())))
}

/// What AWS holds now of the settings compared for `what`; `None` when it is gone (a refresh
/// reports that on its own).
pub async fn observe(
    ctx: &Ctx,
    what: Observable,
    aws_id: &str,
) -> Result<Option<Observation>, ResourceError> {
    match what {
        Observable::Instance => {
            let out = ctx
                .clients
                .ec2
                .describe_instances()
                .instance_ids(aws_id)
                .send()
                .await
                .map_err(sdk("DescribeInstances"))?;
            let Some(i) = out.reservations().iter().flat_map(|r| r.instances()).next() else {
                return Ok(None);
            };
            Ok(Some(Observation {
                settings: Observed::Instance {
                    instance_type: i
                        .instance_type()
                        .map(|t| t.as_str().to_string())
                        .unwrap_or_default(),
                    state: i
                        .state()
                        .and_then(|s| s.name())
                        .map(|n| n.as_str().to_string())
                        .unwrap_or_default(),
                },
                tags: ec2_tags(i.tags()),
            }))
        }
        Observable::RdsInstance => {
            let Some(db) = super::rds_instance::describe(ctx, aws_id).await? else {
                return Ok(None);
            };
            // A modification on its way (a repair's, applied over minutes) counts as made.
            let pending = db.pending_modified_values();
            Ok(Some(Observation {
                settings: Observed::RdsInstance {
                    class: pending
                        .and_then(|p| p.db_instance_class())
                        .or(db.db_instance_class())
                        .unwrap_or_default()
                        .to_string(),
                    multi_az: pending
                        .and_then(|p| p.multi_az())
                        .or(db.multi_az())
                        .unwrap_or(false),
                },
                tags: tag_map(db.tag_list().iter().map(|t| (t.key(), t.value()))),
            }))
        }
        Observable::Subnet => {
            let out = ctx
                .clients
                .ec2
                .describe_subnets()
                .subnet_ids(aws_id)
                .send()
                .await
                .map_err(sdk("DescribeSubnets"))?;
            Ok(out.subnets().first().map(|s| Observation {
                settings: Observed::Subnet {
                    cidr: s.cidr_block().unwrap_or_default().to_string(),
                },
                tags: ec2_tags(s.tags()),
            }))
        }
        Observable::SecurityGroup => {
            let out = ctx
                .clients
                .ec2
                .describe_security_groups()
                .group_ids(aws_id)
                .send()
                .await
                .map_err(sdk("DescribeSecurityGroups"))?;
            Ok(out.security_groups().first().map(|g| Observation {
                settings: Observed::SecurityGroup {
                    ingress: cidr_rules(g.ip_permissions()),
                },
                tags: ec2_tags(g.tags()),
            }))
        }
    }
}

fn cidr_rules(permissions: &[IpPermission]) -> Vec<CidrRule> {
    let mut rules: Vec<CidrRule> = permissions
        .iter()
        .flat_map(|p| {
            p.ip_ranges().iter().filter_map(move |r| {
                Some(CidrRule {
                    protocol: p.ip_protocol().unwrap_or("-1").to_string(),
                    from_port: p.from_port().unwrap_or(-1),
                    to_port: p.to_port().unwrap_or(-1),
                    cidr: r.cidr_ip()?.to_string(),
                })
            })
        })
        .collect();
    rules.sort();
    rules
}

/// Puts the blueprint's value back for one drifted setting where AWS allows it in place.
/// Settings that are not repairable in place ([`Setting::repair`]) are refused here too.
pub async fn repair(
    ctx: &Ctx,
    what: Observable,
    aws_id: &str,
    drift: &SettingDrift,
) -> Result<(), ResourceError> {
    let not_in_place = || {
        ResourceError::new(
            ErrorKind::Invalid,
            "Repair",
            "NotInPlace",
            format!(
                "the {} of {aws_id} cannot be put back in place",
                drift.setting.label()
            ),
        )
    };
    match (drift.setting, what) {
        (Setting::Tag, Observable::RdsInstance) => {
            let (key, value) = tag_pair(&drift.want).ok_or_else(not_in_place)?;
            let arn = super::rds_instance::describe(ctx, aws_id)
                .await?
                .and_then(|db| db.db_instance_arn().map(str::to_string))
                .ok_or_else(|| {
                    ResourceError::missing(
                        "DescribeDBInstances",
                        format!("database {aws_id} is gone"),
                    )
                })?;
            ctx.clients
                .rds
                .add_tags_to_resource()
                .resource_name(arn)
                .tags(
                    aws_sdk_rds::types::Tag::builder()
                        .key(key)
                        .value(value)
                        .build(),
                )
                .send()
                .await
                .map_err(sdk("AddTagsToResource"))?;
        }
        (Setting::Tag, Observable::Instance | Observable::Subnet | Observable::SecurityGroup) => {
            let (key, value) = tag_pair(&drift.want).ok_or_else(not_in_place)?;
            ctx.clients
                .ec2
                .create_tags()
                .resources(aws_id)
                .tags(Tag::builder().key(key).value(value).build())
                .send()
                .await
                .map_err(sdk("CreateTags"))?;
        }
        (Setting::InstanceState, Observable::Instance) => {
            super::instance_power::start(ctx, aws_id).await?;
        }
        (Setting::DbInstanceClass, Observable::RdsInstance) => {
            modify_db(ctx, aws_id)
                .db_instance_class(&drift.want)
                .send()
                .await
                .map_err(sdk("ModifyDBInstance"))?;
        }
        (Setting::MultiAz, Observable::RdsInstance) => {
            modify_db(ctx, aws_id)
                .multi_az(drift.want == "true")
                .send()
                .await
                .map_err(sdk("ModifyDBInstance"))?;
        }
        (Setting::IngressRule, Observable::SecurityGroup) => {
            let (rule, add) = match (parse_cidr_rule(&drift.want), parse_cidr_rule(&drift.have)) {
                (Some(rule), None) => (rule, true),
                (None, Some(rule)) => (rule, false),
                (Some(_), Some(_)) | (None, None) => return Err(not_in_place()),
            };
            let permission = IpPermission::builder()
                .ip_protocol(rule.protocol)
                .from_port(rule.from_port)
                .to_port(rule.to_port)
                .ip_ranges(IpRange::builder().cidr_ip(rule.cidr).build())
                .build();
            if add {
                ctx.clients
                    .ec2
                    .authorize_security_group_ingress()
                    .group_id(aws_id)
                    .ip_permissions(permission)
                    .send()
                    .await
                    .map_err(sdk("AuthorizeSecurityGroupIngress"))?;
            } else {
                ctx.clients
                    .ec2
                    .revoke_security_group_ingress()
                    .group_id(aws_id)
                    .ip_permissions(permission)
                    .send()
                    .await
                    .map_err(sdk("RevokeSecurityGroupIngress"))?;
            }
        }
        // Not in place, or a setting the kind does not have (the core never names one).
        (
            Setting::InstanceType
            | Setting::SubnetCidr
            | Setting::InstanceState
            | Setting::DbInstanceClass
            | Setting::MultiAz
            | Setting::IngressRule,
            _,
        ) => return Err(not_in_place()),
    }
    Ok(())
}

/// A modification applied now, not in the next maintenance window: a repair is asked for now.
fn modify_db(
    ctx: &Ctx,
    aws_id: &str,
) -> aws_sdk_rds::operation::modify_db_instance::builders::ModifyDBInstanceFluentBuilder {
    ctx.clients
        .rds
        .modify_db_instance()
        .db_instance_identifier(aws_id)
        .apply_immediately(true)
}

/// `key=value` as a drift names a tag.
fn tag_pair(text: &str) -> Option<(&str, &str)> {
    text.split_once('=')
}

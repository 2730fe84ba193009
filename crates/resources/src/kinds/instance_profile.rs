//! IAM instance profiles: the role an EC2 instance wears. Global names, like roles: one of that
//! name that is not this environment's is an error.

use hangar_core::graph::Attr;
use hangar_core::graph::spec::InstanceProfileSpec;

use super::iam_role::{foreign, is_ours, owner, tags};
use super::poll::gone_is_fine;
use crate::error::sdk;
use crate::{Created, Ctx, Found, Refs, ResourceError, retry_while_propagating};

pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &InstanceProfileSpec,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    let iam = &ctx.clients.iam;
    let name = &spec.instance_profile_name;
    let role = refs.id(&spec.role)?.to_string();
    let profile = match iam
        .get_instance_profile()
        .instance_profile_name(name)
        .send()
        .await
    {
        Ok(out) => {
            let profile = out
                .instance_profile()
                .ok_or_else(|| ResourceError::missing("GetInstanceProfile", "no profile"))?
                .clone();
            if !is_ours(ctx, logical, profile.tags()) {
                return Err(foreign("instance profile", name));
            }
            profile
        }
        Err(err) => {
            let err = ResourceError::from_sdk("GetInstanceProfile", err);
            if !err.is_not_found() {
                return Err(err);
            }
            iam.create_instance_profile()
                .instance_profile_name(name)
                .set_tags(Some(tags(ctx, logical)))
                .send()
                .await
                .map_err(sdk("CreateInstanceProfile"))?
                .instance_profile()
                .ok_or_else(|| ResourceError::missing("CreateInstanceProfile", "no profile"))?
                .clone()
        }
    };
    // A profile holds at most one role; an adopted one may already hold ours.
    if !profile.roles().iter().any(|r| r.role_name() == role) {
        retry_while_propagating(|| async {
            iam.add_role_to_instance_profile()
                .instance_profile_name(name)
                .role_name(&role)
                .send()
                .await
                .map_err(sdk("AddRoleToInstanceProfile"))
        })
        .await?;
    }
    Ok(Created::new(name)
        .with(Attr::Arn, profile.arn())
        .with(Attr::Name, name))
}

/// Roles come out first (AWS refuses otherwise); a role already removed is that step done.
pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    let iam = &ctx.clients.iam;
    let name = created.aws_id.as_str();
    let profile = iam
        .get_instance_profile()
        .instance_profile_name(name)
        .send()
        .await
        .map_err(sdk("GetInstanceProfile"))?;
    let roles: Vec<String> = profile
        .instance_profile()
        .map(|p| {
            p.roles()
                .iter()
                .map(|r| r.role_name().to_string())
                .collect()
        })
        .unwrap_or_default();
    for role in roles {
        gone_is_fine(
            iam.remove_role_from_instance_profile()
                .instance_profile_name(name)
                .role_name(role)
                .send()
                .await
                .map_err(sdk("RemoveRoleFromInstanceProfile")),
        )?;
    }
    iam.delete_instance_profile()
        .instance_profile_name(name)
        .send()
        .await
        .map_err(sdk("DeleteInstanceProfile"))?;
    Ok(())
}

/// ListInstanceProfiles has no tags in its answer; GetInstanceProfile carries them (the
/// emulator has no ListInstanceProfileTags). One deleted in between is skipped.
pub(crate) async fn find_tagged(ctx: &Ctx) -> Result<Vec<Found>, ResourceError> {
    let iam = &ctx.clients.iam;
    let mut found = Vec::new();
    let mut pages = iam.list_instance_profiles().into_paginator().send();
    while let Some(page) = pages.next().await {
        for listed in page
            .map_err(sdk("ListInstanceProfiles"))?
            .instance_profiles()
        {
            let name = listed.instance_profile_name();
            let one = match iam
                .get_instance_profile()
                .instance_profile_name(name)
                .send()
                .await
            {
                Ok(one) => one,
                Err(err) => {
                    let err = ResourceError::from_sdk("GetInstanceProfile", err);
                    if err.is_not_found() {
                        continue;
                    }
                    return Err(err);
                }
            };
            let tags = one.instance_profile().map(|p| p.tags()).unwrap_or_default();
            let (env, logical) = owner(tags);
            if env == Some(ctx.env_id.as_str()) {
                found.push(Found {
                    logical: logical.map(str::to_string),
                    created: Created::new(name)
                        .with(Attr::Arn, listed.arn())
                        .with(Attr::Name, name),
                    state: "available".into(),
                });
            }
        }
    }
    Ok(found)
}

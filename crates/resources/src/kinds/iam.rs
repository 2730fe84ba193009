//! IAM roles (trust policy, managed and inline policies) and instance profiles. IAM names are
//! global to the account and IAM cannot be filtered by tag, so "is it ours" is answered by the
//! tags on the one name the blueprint asks for.

use aws_sdk_iam::types::Tag;
use hangar_core::graph::{Prop, ResourceNode};

use super::props;
use crate::error::sdk;
use crate::tags::{ENV_TAG, LOGICAL_TAG, standard};
use crate::{Created, Ctx, ErrorKind, Found, Refs, ResourceError};

fn tags(ctx: &Ctx, logical: &str) -> Vec<Tag> {
    standard(&ctx.env, logical)
        .into_iter()
        .filter_map(|(k, v)| Tag::builder().key(k).value(v).build().ok())
        .collect()
}

fn owner(tags: &[Tag]) -> (Option<&str>, Option<&str>) {
    let get = |key: &str| tags.iter().find(|t| t.key() == key).map(|t| t.value());
    (get(ENV_TAG), get(LOGICAL_TAG))
}

fn trust_policy(service: &str) -> String {
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": { "Service": service },
            "Action": "sts:AssumeRole"
        }]
    })
    .to_string()
}

fn inline_document(policy: &Prop) -> Option<(String, String)> {
    let name = props::field(policy, "name")?.as_str()?.to_string();
    let strings = |key: &str| -> Vec<String> {
        props::field(policy, key)
            .map(|p| {
                p.as_list()
                    .iter()
                    .filter_map(Prop::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    let document = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Action": strings("actions"),
            "Resource": strings("resources"),
        }]
    });
    Some((name, document.to_string()))
}

fn foreign(kind: &str, name: &str) -> ResourceError {
    ResourceError::new(
        ErrorKind::Invalid,
        "iam",
        "EntityAlreadyExists",
        format!(
            "an IAM {kind} named '{name}' already exists and is not this environment's: rename it in the blueprint"
        ),
    )
}

pub(crate) async fn create_role(ctx: &Ctx, node: &ResourceNode) -> Result<Created, ResourceError> {
    let iam = &ctx.clients.iam;
    let name = props::str(node, "role_name")?;
    let existing = iam.get_role().role_name(name).send().await;
    let arn = match existing {
        Ok(out) => {
            let role = out
                .role()
                .ok_or_else(|| ResourceError::missing("GetRole", "no role"))?;
            if owner(role.tags()) != (Some(ctx.env.as_str()), Some(node.logical.as_str())) {
                // GetRole may omit tags; ask for them before refusing.
                let listed = iam
                    .list_role_tags()
                    .role_name(name)
                    .send()
                    .await
                    .map_err(sdk("ListRoleTags"))?;
                if owner(listed.tags()) != (Some(ctx.env.as_str()), Some(node.logical.as_str())) {
                    return Err(foreign("role", name));
                }
            }
            role.arn().to_string()
        }
        Err(err) => {
            let err = ResourceError::from_sdk("GetRole", err);
            if !err.is_not_found() {
                return Err(err);
            }
            iam.create_role()
                .role_name(name)
                .assume_role_policy_document(trust_policy(props::str(node, "trust_service")?))
                .set_tags(Some(tags(ctx, &node.logical)))
                .send()
                .await
                .map_err(sdk("CreateRole"))?
                .role()
                .map(|r| r.arn().to_string())
                .ok_or_else(|| ResourceError::missing("CreateRole", "no role"))?
        }
    };
    for policy in props::strs(node, "managed_policies") {
        iam.attach_role_policy()
            .role_name(name)
            .policy_arn(policy)
            .send()
            .await
            .map_err(sdk("AttachRolePolicy"))?;
    }
    for policy in props::list(node, "inline_policies") {
        if let Some((policy_name, document)) = inline_document(policy) {
            iam.put_role_policy()
                .role_name(name)
                .policy_name(policy_name)
                .policy_document(document)
                .send()
                .await
                .map_err(sdk("PutRolePolicy"))?;
        }
    }
    Ok(Created::new(name).with("arn", arn).with("name", name))
}

/// AWS refuses to delete a role with policies or in a profile: take those off first.
pub(crate) async fn delete_role(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    let iam = &ctx.clients.iam;
    let name = created.aws_id.as_str();
    let attached = iam
        .list_attached_role_policies()
        .role_name(name)
        .send()
        .await
        .map_err(sdk("ListAttachedRolePolicies"))?;
    for policy in attached.attached_policies() {
        if let Some(arn) = policy.policy_arn() {
            iam.detach_role_policy()
                .role_name(name)
                .policy_arn(arn)
                .send()
                .await
                .map_err(sdk("DetachRolePolicy"))?;
        }
    }
    let inline = iam
        .list_role_policies()
        .role_name(name)
        .send()
        .await
        .map_err(sdk("ListRolePolicies"))?;
    for policy in inline.policy_names() {
        iam.delete_role_policy()
            .role_name(name)
            .policy_name(policy)
            .send()
            .await
            .map_err(sdk("DeleteRolePolicy"))?;
    }
    let profiles = iam
        .list_instance_profiles_for_role()
        .role_name(name)
        .send()
        .await
        .map_err(sdk("ListInstanceProfilesForRole"))?;
    for profile in profiles.instance_profiles() {
        iam.remove_role_from_instance_profile()
            .instance_profile_name(profile.instance_profile_name())
            .role_name(name)
            .send()
            .await
            .map_err(sdk("RemoveRoleFromInstanceProfile"))?;
    }
    iam.delete_role()
        .role_name(name)
        .send()
        .await
        .map_err(sdk("DeleteRole"))?;
    Ok(())
}

pub(crate) async fn create_profile(
    ctx: &Ctx,
    node: &ResourceNode,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    let iam = &ctx.clients.iam;
    let name = props::str(node, "instance_profile_name")?;
    let role = refs.id(props::str(node, "role")?)?.to_string();
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
            if owner(profile.tags()) != (Some(ctx.env.as_str()), Some(node.logical.as_str())) {
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
                .set_tags(Some(tags(ctx, &node.logical)))
                .send()
                .await
                .map_err(sdk("CreateInstanceProfile"))?
                .instance_profile()
                .ok_or_else(|| ResourceError::missing("CreateInstanceProfile", "no profile"))?
                .clone()
        }
    };
    if !profile.roles().iter().any(|r| r.role_name() == role) {
        iam.add_role_to_instance_profile()
            .instance_profile_name(name)
            .role_name(&role)
            .send()
            .await
            .map_err(sdk("AddRoleToInstanceProfile"))?;
    }
    Ok(Created::new(name)
        .with("arn", profile.arn())
        .with("name", name))
}

pub(crate) async fn delete_profile(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    let iam = &ctx.clients.iam;
    let name = created.aws_id.as_str();
    let profile = iam
        .get_instance_profile()
        .instance_profile_name(name)
        .send()
        .await
        .map_err(sdk("GetInstanceProfile"))?;
    for role in profile
        .instance_profile()
        .map(|p| p.roles())
        .unwrap_or_default()
    {
        iam.remove_role_from_instance_profile()
            .instance_profile_name(name)
            .role_name(role.role_name())
            .send()
            .await
            .map_err(sdk("RemoveRoleFromInstanceProfile"))?;
    }
    iam.delete_instance_profile()
        .instance_profile_name(name)
        .send()
        .await
        .map_err(sdk("DeleteInstanceProfile"))?;
    Ok(())
}

pub(crate) async fn find_roles(ctx: &Ctx) -> Result<Vec<Found>, ResourceError> {
    let iam = &ctx.clients.iam;
    let mut found = Vec::new();
    let mut pages = iam.list_roles().into_paginator().send();
    while let Some(page) = pages.next().await {
        for role in page.map_err(sdk("ListRoles"))?.roles() {
            let listed = iam
                .list_role_tags()
                .role_name(role.role_name())
                .send()
                .await
                .map_err(sdk("ListRoleTags"))?;
            let (env, logical) = owner(listed.tags());
            if env == Some(ctx.env.as_str()) {
                found.push(Found {
                    logical: logical.map(str::to_string),
                    created: Created::new(role.role_name()).with("arn", role.arn()),
                    state: "available".into(),
                });
            }
        }
    }
    Ok(found)
}

pub(crate) async fn find_profiles(ctx: &Ctx) -> Result<Vec<Found>, ResourceError> {
    let mut found = Vec::new();
    let mut pages = ctx
        .clients
        .iam
        .list_instance_profiles()
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        for profile in page
            .map_err(sdk("ListInstanceProfiles"))?
            .instance_profiles()
        {
            // AWS leaves tags out of list answers; GetInstanceProfile carries them (and the
            // emulator has no ListInstanceProfileTags).
            let one = ctx
                .clients
                .iam
                .get_instance_profile()
                .instance_profile_name(profile.instance_profile_name())
                .send()
                .await
                .map_err(sdk("GetInstanceProfile"))?;
            let tags = one.instance_profile().map(|p| p.tags()).unwrap_or_default();
            let (env, logical) = owner(tags);
            if env == Some(ctx.env.as_str()) {
                found.push(Found {
                    logical: logical.map(str::to_string),
                    created: Created::new(profile.instance_profile_name()),
                    state: "available".into(),
                });
            }
        }
    }
    Ok(found)
}

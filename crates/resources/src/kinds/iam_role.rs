//! IAM roles: the trust policy for one service, managed policies attached, inline policies put
//! as JSON documents. IAM names are global to the account and IAM cannot be listed by tag, so
//! "is it ours" is answered by the tags on the one name the blueprint asks for, and a role of
//! that name that is not this environment's is an error, never adopted.

use aws_sdk_iam::types::Tag;
use hangar_core::graph::Attr;
use hangar_core::graph::spec::{IamRoleSpec, InlinePolicy};

use super::poll::gone_is_fine;
use crate::error::sdk;
use crate::tags::{ENV_ID_TAG, LOGICAL_TAG, standard};
use crate::{Created, Ctx, ErrorKind, Found, ResourceError, retry_while_propagating};

pub(super) fn tags(ctx: &Ctx, logical: &str) -> Vec<Tag> {
    standard(ctx, logical)
        .into_iter()
        .filter_map(|(k, v)| Tag::builder().key(k).value(v).build().ok())
        .collect()
}

/// The `(hangar:env, hangar:logical)` tags of an IAM entity.
pub(super) fn owner(tags: &[Tag]) -> (Option<&str>, Option<&str>) {
    let get = |key: &str| tags.iter().find(|t| t.key() == key).map(|t| t.value());
    (get(ENV_ID_TAG), get(LOGICAL_TAG))
}

pub(super) fn is_ours(ctx: &Ctx, logical: &str, tags: &[Tag]) -> bool {
    owner(tags) == (Some(ctx.env_id.as_str()), Some(logical))
}

pub(super) fn foreign(kind: &str, name: &str) -> ResourceError {
    ResourceError::new(
        ErrorKind::Invalid,
        "iam",
        "EntityAlreadyExists",
        format!(
            "an IAM {kind} named '{name}' already exists and is not this environment's \
             (IAM names are global to the account): rename it in the blueprint"
        ),
    )
}

pub(crate) fn trust_policy(service: &str) -> String {
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

/// An inline policy as `(name, JSON document)`. A policy with nothing in it is refused
/// before IAM sees it, naming the role.
pub(crate) fn inline_document(
    logical: &str,
    policy: &InlinePolicy,
) -> Result<(String, String), ResourceError> {
    if policy.actions.is_empty() || policy.resources.is_empty() {
        return Err(ResourceError::missing(
            "read",
            format!(
                "{logical}: inline policy '{}' needs actions and resources",
                policy.name
            ),
        ));
    }
    let document = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Action": policy.actions,
            "Resource": policy.resources,
        }]
    });
    Ok((policy.name.clone(), document.to_string()))
}

pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &IamRoleSpec,
) -> Result<Created, ResourceError> {
    let iam = &ctx.clients.iam;
    let name = &spec.role_name;
    let arn = match iam.get_role().role_name(name).send().await {
        Ok(out) => {
            let role = out
                .role()
                .ok_or_else(|| ResourceError::missing("GetRole", "no role"))?;
            // GetRole carries tags on AWS; ask ListRoleTags before refusing, in case it did not.
            if !is_ours(ctx, logical, role.tags()) {
                let listed = iam
                    .list_role_tags()
                    .role_name(name)
                    .send()
                    .await
                    .map_err(sdk("ListRoleTags"))?;
                if !is_ours(ctx, logical, listed.tags()) {
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
                .description(format!("Hangar environment {}", ctx.env))
                .assume_role_policy_document(trust_policy(&spec.trust_service))
                .set_tags(Some(tags(ctx, logical)))
                .send()
                .await
                .map_err(sdk("CreateRole"))?
                .role()
                .map(|r| r.arn().to_string())
                .ok_or_else(|| ResourceError::missing("CreateRole", "no role"))?
        }
    };
    // Both calls are idempotent, so an adopted role gets whatever a killed job had not put yet.
    // A role just made can be unknown to IAM's next call for a while.
    for policy in &spec.managed_policies {
        retry_while_propagating(|| async {
            iam.attach_role_policy()
                .role_name(name)
                .policy_arn(policy)
                .send()
                .await
                .map_err(sdk("AttachRolePolicy"))
        })
        .await?;
    }
    for policy in &spec.inline_policies {
        let (policy_name, document) = inline_document(logical, policy)?;
        retry_while_propagating(|| async {
            iam.put_role_policy()
                .role_name(name)
                .policy_name(&policy_name)
                .policy_document(&document)
                .send()
                .await
                .map_err(sdk("PutRolePolicy"))
        })
        .await?;
    }
    Ok(Created::new(name)
        .with(Attr::Arn, arn)
        .with(Attr::Name, name))
}

/// AWS refuses to delete a role that has policies or sits in an instance profile: those come
/// off first. A NotFound from one of those steps (a policy already detached, a profile already
/// gone) is that step done, not the role gone; a missing role shows at `DeleteRole`.
pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    let iam = &ctx.clients.iam;
    let name = created.aws_id.as_str();
    let mut attached = Vec::new();
    let mut pages = iam
        .list_attached_role_policies()
        .role_name(name)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(sdk("ListAttachedRolePolicies"))?;
        attached.extend(
            page.attached_policies()
                .iter()
                .filter_map(|p| p.policy_arn().map(str::to_string)),
        );
    }
    for arn in attached {
        gone_is_fine(
            iam.detach_role_policy()
                .role_name(name)
                .policy_arn(arn)
                .send()
                .await
                .map_err(sdk("DetachRolePolicy")),
        )?;
    }
    let mut inline = Vec::new();
    let mut pages = iam
        .list_role_policies()
        .role_name(name)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        inline.extend(
            page.map_err(sdk("ListRolePolicies"))?
                .policy_names()
                .to_vec(),
        );
    }
    for policy in inline {
        gone_is_fine(
            iam.delete_role_policy()
                .role_name(name)
                .policy_name(policy)
                .send()
                .await
                .map_err(sdk("DeleteRolePolicy")),
        )?;
    }
    let mut profiles = Vec::new();
    let mut pages = iam
        .list_instance_profiles_for_role()
        .role_name(name)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(sdk("ListInstanceProfilesForRole"))?;
        profiles.extend(
            page.instance_profiles()
                .iter()
                .map(|p| p.instance_profile_name().to_string()),
        );
    }
    for profile in profiles {
        gone_is_fine(
            iam.remove_role_from_instance_profile()
                .instance_profile_name(profile)
                .role_name(name)
                .send()
                .await
                .map_err(sdk("RemoveRoleFromInstanceProfile")),
        )?;
    }
    iam.delete_role()
        .role_name(name)
        .send()
        .await
        .map_err(sdk("DeleteRole"))?;
    Ok(())
}

/// ListRoles has no tag filter (and no tags in its answer): every role's tags are asked for.
/// A role deleted between the list and the tag call is skipped.
pub(crate) async fn find_tagged(ctx: &Ctx) -> Result<Vec<Found>, ResourceError> {
    let iam = &ctx.clients.iam;
    let mut found = Vec::new();
    let mut pages = iam.list_roles().into_paginator().send();
    while let Some(page) = pages.next().await {
        for role in page.map_err(sdk("ListRoles"))?.roles() {
            // Service-linked and AWS-reserved roles are never ours; skip their tag calls.
            if role.path().starts_with("/aws-service-role/") {
                continue;
            }
            let listed = match iam
                .list_role_tags()
                .role_name(role.role_name())
                .send()
                .await
            {
                Ok(listed) => listed,
                Err(err) => {
                    let err = ResourceError::from_sdk("ListRoleTags", err);
                    if err.is_not_found() {
                        continue;
                    }
                    return Err(err);
                }
            };
            let (env, logical) = owner(listed.tags());
            if env == Some(ctx.env_id.as_str()) {
                found.push(Found {
                    logical: logical.map(str::to_string),
                    created: Created::new(role.role_name())
                        .with(Attr::Arn, role.arn())
                        .with(Attr::Name, role.role_name()),
                    state: "available".into(),
                });
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trust_policy_names_the_service() {
        let doc: serde_json::Value =
            serde_json::from_str(&trust_policy("vpc-flow-logs.amazonaws.com")).expect("json");
        assert_eq!(
            doc["Statement"][0]["Principal"]["Service"],
            "vpc-flow-logs.amazonaws.com"
        );
        assert_eq!(doc["Statement"][0]["Action"], "sts:AssumeRole");
    }

    #[test]
    fn inline_policies_become_documents_and_empty_ones_are_refused() {
        let policy = InlinePolicy {
            name: "p".into(),
            actions: vec!["s3:GetObject".into()],
            resources: vec!["arn:aws:s3:::b/*".into()],
        };
        let (name, doc) = inline_document("iam_role.r", &policy).expect("valid");
        assert_eq!(name, "p");
        let doc: serde_json::Value = serde_json::from_str(&doc).expect("json");
        assert_eq!(doc["Statement"][0]["Action"][0], "s3:GetObject");
        assert_eq!(doc["Statement"][0]["Resource"][0], "arn:aws:s3:::b/*");
        let no_resources = InlinePolicy {
            resources: Vec::new(),
            ..policy
        };
        let err = inline_document("iam_role.r", &no_resources).expect_err("empty");
        assert!(err.message.contains("iam_role.r"), "{err}");
    }
}

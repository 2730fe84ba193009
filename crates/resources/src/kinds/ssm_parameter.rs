//! SSM parameters holding an environment's outputs as one JSON object, so the app on its
//! servers (or another stack) reads them at run time instead of having them pasted in. Names
//! are unique per account and region: one of that name that is not this environment's is an
//! error, never overwritten.

use std::collections::BTreeMap;

use aws_sdk_ssm::types::{ParameterStringFilter, ParameterType, ResourceTypeForTagging, Tag};
use hangar_core::graph::spec::{OutputSource, SsmParameterSpec};

use crate::error::{not_ours, sdk};
use crate::tags::{ENV_ID_TAG, LOGICAL_TAG, standard};
use crate::{Created, Ctx, Found, Refs, ResourceError};

pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &SsmParameterSpec,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    let ssm = &ctx.clients.ssm;
    let name = &spec.parameter_name;
    let value = serde_json::to_string(&values(spec, refs)?)
        .map_err(|e| ResourceError::missing("PutParameter", e.to_string()))?;
    let exists = match ssm.get_parameter().name(name).send().await {
        Ok(_) => true,
        Err(err) => {
            let err = ResourceError::from_sdk("GetParameter", err);
            if !err.is_not_found() {
                return Err(err);
            }
            false
        }
    };
    if exists && owner(ctx, name).await? != (Some(ctx.env_id.clone()), Some(logical.to_string())) {
        return Err(not_ours("ssm", "an SSM parameter", name));
    }
    // A new parameter takes its tags in the same call; tags and Overwrite do not go together,
    // so a resumed job (the parameter already ours) only rewrites the value.
    let call = ssm
        .put_parameter()
        .name(name)
        .description(&spec.description)
        .value(value)
        .r#type(ParameterType::String);
    let call = if exists {
        call.overwrite(true)
    } else {
        call.set_tags(Some(tags(ctx, logical)?))
    };
    let out = call.send().await.map_err(sdk("PutParameter"))?;
    Ok(Created::new(name).with(hangar_core::graph::Attr::Version, out.version().to_string()))
}

/// Output name -> value, from what the nodes it names returned.
fn values(spec: &SsmParameterSpec, refs: &Refs) -> Result<BTreeMap<String, String>, ResourceError> {
    spec.values
        .iter()
        .map(|(name, source)| {
            let value = match source {
                OutputSource::Id { node } => refs.id(node)?,
                OutputSource::Attr { node, attr } => refs.attr(node, *attr)?,
            };
            Ok((name.clone(), value.to_string()))
        })
        .collect()
}

fn tags(ctx: &Ctx, logical: &str) -> Result<Vec<Tag>, ResourceError> {
    standard(ctx, logical)
        .into_iter()
        .map(|(k, v)| {
            Tag::builder()
                .key(k)
                .value(v)
                .build()
                .map_err(|e| ResourceError::missing("ssm", e.to_string()))
        })
        .collect()
}

/// `(hangar:env, hangar:logical)` of the named parameter.
async fn owner(ctx: &Ctx, name: &str) -> Result<(Option<String>, Option<String>), ResourceError> {
    let out = ctx
        .clients
        .ssm
        .list_tags_for_resource()
        .resource_type(ResourceTypeForTagging::Parameter)
        .resource_id(name)
        .send()
        .await
        .map_err(sdk("ListTagsForResource"))?;
    let get = |key: &str| {
        out.tag_list()
            .iter()
            .find(|t| t.key() == key)
            .map(|t| t.value().to_string())
    };
    Ok((get(ENV_ID_TAG), get(LOGICAL_TAG)))
}

pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    ctx.clients
        .ssm
        .delete_parameter()
        .name(&created.aws_id)
        .send()
        .await
        .map_err(sdk("DeleteParameter"))?;
    Ok(())
}

/// DescribeParameters filters by tag on the server.
pub(crate) async fn find_tagged(ctx: &Ctx) -> Result<Vec<Found>, ResourceError> {
    let filter = ParameterStringFilter::builder()
        .key(format!("tag:{ENV_ID_TAG}"))
        .values(&ctx.env_id)
        .build()
        .map_err(|e| ResourceError::missing("ssm", e.to_string()))?;
    let mut found = Vec::new();
    let mut pages = ctx
        .clients
        .ssm
        .describe_parameters()
        .parameter_filters(filter)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        for p in page.map_err(sdk("DescribeParameters"))?.parameters() {
            let Some(name) = p.name() else { continue };
            let (_, logical) = match owner(ctx, name).await {
                Ok(tags) => tags,
                Err(err) if err.is_not_found() => continue,
                Err(err) => return Err(err),
            };
            found.push(Found {
                logical,
                created: Created::new(name),
                state: "available".into(),
            });
        }
    }
    Ok(found)
}

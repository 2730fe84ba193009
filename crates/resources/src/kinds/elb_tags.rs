//! ELBv2 tags: set at creation, read back twenty ARNs at a time (DescribeTags' limit), since
//! no describe call filters by tag.

use std::collections::BTreeMap;

use aws_sdk_elasticloadbalancingv2::types::Tag;

use crate::error::{not_ours, sdk};
use crate::tags::{ENV_ID_TAG, LOGICAL_TAG, standard};
use crate::{Created, Ctx, Found, ResourceError};

pub(super) fn tags(ctx: &Ctx, logical: &str) -> Vec<Tag> {
    standard(ctx, logical)
        .into_iter()
        .map(|(k, v)| Tag::builder().key(k).value(v).build())
        .collect()
}

/// `(hangar:env, hangar:logical)` per ARN, for the ARNs that carry any tags.
pub(super) async fn owners(
    ctx: &Ctx,
    arns: &[String],
) -> Result<BTreeMap<String, (Option<String>, Option<String>)>, ResourceError> {
    let mut out = BTreeMap::new();
    for chunk in arns.chunks(20) {
        let described = ctx
            .clients
            .elbv2
            .describe_tags()
            .set_resource_arns(Some(chunk.to_vec()))
            .send()
            .await
            .map_err(sdk("DescribeTags"))?;
        for d in described.tag_descriptions() {
            let get = |key: &str| {
                d.tags()
                    .iter()
                    .find(|t| t.key() == Some(key))
                    .and_then(|t| t.value())
                    .map(str::to_string)
            };
            if let Some(arn) = d.resource_arn() {
                out.insert(arn.to_string(), (get(ENV_ID_TAG), get(LOGICAL_TAG)));
            }
        }
    }
    Ok(out)
}

/// Fails unless the one ARN carries this environment's and this node's tags.
pub(super) async fn check_ours(
    ctx: &Ctx,
    logical: &str,
    what: &str,
    name: &str,
    arn: &str,
) -> Result<(), ResourceError> {
    let owners = owners(ctx, &[arn.to_string()]).await?;
    let (env, node) = owners.get(arn).cloned().unwrap_or_default();
    if env.as_deref() == Some(ctx.env_id.as_str()) && node.as_deref() == Some(logical) {
        return Ok(());
    }
    Err(not_ours("elbv2", &format!("a {what}"), name))
}

/// Of `items`, those whose ARN carries this environment's tag, as [`Found`]s: `made` gives
/// each one's id (with its attributes) and state, its `hangar:logical` tag its logical name.
pub(super) async fn found_ours<T>(
    ctx: &Ctx,
    items: &[T],
    arn: impl Fn(&T) -> Option<&str>,
    made: impl Fn(&T) -> (Created, String),
) -> Result<Vec<Found>, ResourceError> {
    let arns: Vec<String> = items
        .iter()
        .filter_map(|item| arn(item).map(str::to_string))
        .collect();
    let owners = owners(ctx, &arns).await?;
    Ok(items
        .iter()
        .filter_map(|item| {
            let (env, logical) = owners.get(arn(item)?)?;
            (env.as_deref() == Some(ctx.env_id.as_str())).then(|| {
                let (created, state) = made(item);
                Found {
                    logical: logical.clone(),
                    created,
                    state,
                }
            })
        })
        .collect())
}

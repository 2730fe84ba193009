//! ECS tags: sent with every create (clusters, task definitions and services all take them),
//! read back with the describe calls' `include = TAGS`.

use aws_sdk_ecs::types::Tag;

use crate::error::not_ours;
use crate::tags::{ENV_ID_TAG, LOGICAL_TAG, standard};
use crate::{Ctx, ResourceError};

pub(super) fn tags(ctx: &Ctx, logical: &str) -> Vec<Tag> {
    standard(ctx, logical)
        .into_iter()
        .map(|(k, v)| Tag::builder().key(k).value(v).build())
        .collect()
}

/// `(hangar:env-id, hangar:logical)` of a tag list.
pub(super) fn owner(tags: &[Tag]) -> (Option<&str>, Option<&str>) {
    let get = |key: &str| {
        tags.iter()
            .find(|t| t.key() == Some(key))
            .and_then(|t| t.value())
    };
    (get(ENV_ID_TAG), get(LOGICAL_TAG))
}

pub(super) fn is_ours(ctx: &Ctx, tags: &[Tag]) -> bool {
    owner(tags).0 == Some(ctx.env_id.as_str())
}

/// Fails unless `tags` are this environment's and this node's.
pub(super) fn check_ours(
    ctx: &Ctx,
    logical: &str,
    what: &str,
    name: &str,
    tags: &[Tag],
) -> Result<(), ResourceError> {
    if owner(tags) == (Some(ctx.env_id.as_str()), Some(logical)) {
        Ok(())
    } else {
        Err(not_ours("ecs", what, name))
    }
}

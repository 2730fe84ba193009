//! The kinds outside EC2's network core: IAM, RDS, ElastiCache, load balancing, VPC endpoints,
//! flow logs and their log group, S3.

use hangar_core::graph::{ResourceKind as K, ResourceNode};

use crate::{Created, Ctx, ErrorKind, Found, Refs, ResourceError};

pub(crate) async fn create(
    _ctx: &Ctx,
    kind: K,
    node: &ResourceNode,
    _refs: &Refs,
) -> Result<Created, ResourceError> {
    Err(unsupported(kind, &node.logical))
}

pub(crate) async fn delete(_ctx: &Ctx, kind: K, created: &Created) -> Result<(), ResourceError> {
    Err(unsupported(kind, &created.aws_id))
}

pub(crate) async fn find_tagged(_ctx: &Ctx, _kind: K) -> Result<Vec<Found>, ResourceError> {
    Ok(Vec::new())
}

fn unsupported(kind: K, what: &str) -> ResourceError {
    ResourceError::new(
        ErrorKind::Other,
        "dispatch",
        "Unsupported",
        format!("{what}: {} is not provisioned by this build", kind.label()),
    )
}

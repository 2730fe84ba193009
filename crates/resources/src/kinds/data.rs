//! The kinds outside EC2's network core, dispatched to their modules. Kinds this build does not
//! provision yet fail at create with a clear error naming the kind, before anything is made
//! for that node.

use hangar_core::graph::{ResourceKind as K, ResourceNode};

use super::{iam, rds, s3};
use crate::{Created, Ctx, ErrorKind, Found, Refs, ResourceError};

pub(crate) async fn create(
    ctx: &Ctx,
    kind: K,
    node: &ResourceNode,
    refs: &Refs,
) -> Result<Created, ResourceError> {
    match kind {
        K::IamRole => iam::create_role(ctx, node).await,
        K::InstanceProfile => iam::create_profile(ctx, node, refs).await,
        K::DbSubnetGroup => rds::create_subnet_group(ctx, node, refs).await,
        K::RdsInstance => rds::create_instance(ctx, node, refs).await,
        K::S3Bucket => s3::create(ctx, node).await,
        other => Err(unsupported(other, &node.logical)),
    }
}

pub(crate) async fn delete(ctx: &Ctx, kind: K, created: &Created) -> Result<(), ResourceError> {
    match kind {
        K::IamRole => iam::delete_role(ctx, created).await,
        K::InstanceProfile => iam::delete_profile(ctx, created).await,
        K::DbSubnetGroup => rds::delete_subnet_group(ctx, created).await,
        K::RdsInstance => rds::delete_instance(ctx, created).await,
        K::S3Bucket => s3::delete(ctx, created).await,
        other => Err(unsupported(other, &created.aws_id)),
    }
}

pub(crate) async fn find_tagged(ctx: &Ctx, kind: K) -> Result<Vec<Found>, ResourceError> {
    match kind {
        K::IamRole => iam::find_roles(ctx).await,
        K::InstanceProfile => iam::find_profiles(ctx).await,
        K::DbSubnetGroup => rds::find_subnet_groups(ctx).await,
        K::RdsInstance => rds::find_instances(ctx).await,
        K::S3Bucket => s3::find_tagged(ctx).await,
        _ => Ok(Vec::new()),
    }
}

fn unsupported(kind: K, what: &str) -> ResourceError {
    ResourceError::new(
        ErrorKind::Other,
        "dispatch",
        "Unsupported",
        format!("{what}: {} is not provisioned by this build", kind.label()),
    )
}

//! S3 buckets: versioning, default encryption, public access block, lifecycle. A bucket is
//! emptied (every version and delete marker) before it is deleted, as AWS requires.

use aws_sdk_s3::types::{
    BucketLifecycleConfiguration, BucketLocationConstraint, BucketVersioningStatus,
    CreateBucketConfiguration, ExpirationStatus, LifecycleExpiration, LifecycleRule,
    LifecycleRuleFilter, NoncurrentVersionExpiration, ObjectIdentifier,
    PublicAccessBlockConfiguration, ServerSideEncryption, ServerSideEncryptionByDefault,
    ServerSideEncryptionConfiguration, ServerSideEncryptionRule, Tag, Tagging, Transition,
    TransitionStorageClass, VersioningConfiguration,
};
use hangar_core::graph::{Prop, ResourceNode};

use super::props;
use crate::error::sdk;
use crate::tags::{ENV_TAG, LOGICAL_TAG, standard};
use crate::{Created, Ctx, ErrorKind, Found, ResourceError};

pub(crate) async fn create(ctx: &Ctx, node: &ResourceNode) -> Result<Created, ResourceError> {
    let s3 = &ctx.clients.s3;
    let name = props::str(node, "bucket_name")?;
    match tags_of(ctx, name).await? {
        Some((env, logical)) if env == ctx.env && logical == node.logical => {}
        Some(_) => {
            return Err(ResourceError::new(
                ErrorKind::Invalid,
                "CreateBucket",
                "BucketAlreadyExists",
                format!(
                    "a bucket named '{name}' exists and is not this environment's: bucket names are global, rename it in the blueprint"
                ),
            ));
        }
        None => {
            let mut call = s3.create_bucket().bucket(name);
            if ctx.region != "us-east-1" {
                call = call.create_bucket_configuration(
                    CreateBucketConfiguration::builder()
                        .location_constraint(BucketLocationConstraint::from(ctx.region.as_str()))
                        .build(),
                );
            }
            call.send().await.map_err(sdk("CreateBucket"))?;
            let tag_set: Vec<Tag> = standard(&ctx.env, &node.logical)
                .into_iter()
                .filter_map(|(k, v)| Tag::builder().key(k).value(v).build().ok())
                .collect();
            s3.put_bucket_tagging()
                .bucket(name)
                .tagging(
                    Tagging::builder()
                        .set_tag_set(Some(tag_set))
                        .build()
                        .map_err(build)?,
                )
                .send()
                .await
                .map_err(sdk("PutBucketTagging"))?;
        }
    }
    if props::flag(node, "versioning") {
        s3.put_bucket_versioning()
            .bucket(name)
            .versioning_configuration(
                VersioningConfiguration::builder()
                    .status(BucketVersioningStatus::Enabled)
                    .build(),
            )
            .send()
            .await
            .map_err(sdk("PutBucketVersioning"))?;
    }
    let algorithm = match props::opt_str(node, "encryption") {
        Some("aws:kms") => ServerSideEncryption::AwsKms,
        _ => ServerSideEncryption::Aes256,
    };
    let default = ServerSideEncryptionByDefault::builder()
        .sse_algorithm(algorithm)
        .build()
        .map_err(build)?;
    s3.put_bucket_encryption()
        .bucket(name)
        .server_side_encryption_configuration(
            ServerSideEncryptionConfiguration::builder()
                .rules(
                    ServerSideEncryptionRule::builder()
                        .apply_server_side_encryption_by_default(default)
                        .build(),
                )
                .build()
                .map_err(build)?,
        )
        .send()
        .await
        .map_err(sdk("PutBucketEncryption"))?;
    if props::flag(node, "block_public_access") {
        s3.put_public_access_block()
            .bucket(name)
            .public_access_block_configuration(
                PublicAccessBlockConfiguration::builder()
                    .block_public_acls(true)
                    .ignore_public_acls(true)
                    .block_public_policy(true)
                    .restrict_public_buckets(true)
                    .build(),
            )
            .send()
            .await
            .map_err(sdk("PutPublicAccessBlock"))?;
    }
    let rules = lifecycle_rules(node)?;
    if !rules.is_empty() {
        s3.put_bucket_lifecycle_configuration()
            .bucket(name)
            .lifecycle_configuration(
                BucketLifecycleConfiguration::builder()
                    .set_rules(Some(rules))
                    .build()
                    .map_err(build)?,
            )
            .send()
            .await
            .map_err(sdk("PutBucketLifecycleConfiguration"))?;
    }
    Ok(Created::new(name)
        .with("name", name)
        .with("arn", format!("arn:aws:s3:::{name}")))
}

fn lifecycle_rules(node: &ResourceNode) -> Result<Vec<LifecycleRule>, ResourceError> {
    let mut rules = Vec::new();
    for (i, rule) in props::list(node, "lifecycle").iter().enumerate() {
        let days = props::field(rule, "days")
            .and_then(Prop::as_int)
            .and_then(|d| i32::try_from(d).ok())
            .unwrap_or(30);
        let mut builder = LifecycleRule::builder()
            .id(format!("hangar-{i}"))
            .status(ExpirationStatus::Enabled)
            .filter(LifecycleRuleFilter::builder().prefix("").build());
        builder = match props::field(rule, "transition_to").and_then(Prop::as_str) {
            Some(class) => builder.transitions(
                Transition::builder()
                    .days(days)
                    .storage_class(TransitionStorageClass::from(class))
                    .build(),
            ),
            None => builder.expiration(LifecycleExpiration::builder().days(days).build()),
        };
        rules.push(builder.build().map_err(build)?);
    }
    if let Some(days) = props::opt_int(node, "noncurrent_expiration_days") {
        rules.push(
            LifecycleRule::builder()
                .id("hangar-noncurrent")
                .status(ExpirationStatus::Enabled)
                .filter(LifecycleRuleFilter::builder().prefix("").build())
                .noncurrent_version_expiration(
                    NoncurrentVersionExpiration::builder()
                        .noncurrent_days(i32::try_from(days).unwrap_or(90))
                        .build(),
                )
                .build()
                .map_err(build)?,
        );
    }
    Ok(rules)
}

pub(crate) async fn delete(ctx: &Ctx, created: &Created) -> Result<(), ResourceError> {
    let s3 = &ctx.clients.s3;
    let bucket = created.aws_id.as_str();
    loop {
        let page = s3
            .list_object_versions()
            .bucket(bucket)
            .send()
            .await
            .map_err(sdk("ListObjectVersions"))?;
        let mut objects: Vec<ObjectIdentifier> = Vec::new();
        for (key, version) in page
            .versions()
            .iter()
            .map(|v| (v.key(), v.version_id()))
            .chain(
                page.delete_markers()
                    .iter()
                    .map(|m| (m.key(), m.version_id())),
            )
        {
            if let Some(key) = key {
                objects.push(
                    ObjectIdentifier::builder()
                        .key(key)
                        .set_version_id(version.map(str::to_string))
                        .build()
                        .map_err(build)?,
                );
            }
        }
        if objects.is_empty() {
            break;
        }
        s3.delete_objects()
            .bucket(bucket)
            .delete(
                aws_sdk_s3::types::Delete::builder()
                    .set_objects(Some(objects))
                    .quiet(true)
                    .build()
                    .map_err(build)?,
            )
            .send()
            .await
            .map_err(sdk("DeleteObjects"))?;
    }
    s3.delete_bucket()
        .bucket(bucket)
        .send()
        .await
        .map_err(sdk("DeleteBucket"))?;
    Ok(())
}

pub(crate) async fn find_tagged(ctx: &Ctx) -> Result<Vec<Found>, ResourceError> {
    let out = ctx
        .clients
        .s3
        .list_buckets()
        .send()
        .await
        .map_err(sdk("ListBuckets"))?;
    let mut found = Vec::new();
    for bucket in out.buckets() {
        let Some(name) = bucket.name() else { continue };
        if let Some((env, logical)) = tags_of(ctx, name).await?
            && env == ctx.env
        {
            found.push(Found {
                logical: Some(logical),
                created: Created::new(name),
                state: "available".into(),
            });
        }
    }
    Ok(found)
}

/// The bucket's (env, logical) tags; `None` when it does not exist or carries none of ours.
async fn tags_of(ctx: &Ctx, bucket: &str) -> Result<Option<(String, String)>, ResourceError> {
    match ctx
        .clients
        .s3
        .get_bucket_tagging()
        .bucket(bucket)
        .send()
        .await
    {
        Ok(out) => {
            let get = |key: &str| {
                out.tag_set()
                    .iter()
                    .find(|t| t.key() == key)
                    .map(|t| t.value().to_string())
            };
            Ok(Some((
                get(ENV_TAG).unwrap_or_default(),
                get(LOGICAL_TAG).unwrap_or_default(),
            )))
        }
        Err(err) => {
            let err = ResourceError::from_sdk("GetBucketTagging", err);
            match err.code.as_str() {
                // The bucket exists but carries no tags: someone else's.
                "NoSuchTagSet" => Ok(Some((String::new(), String::new()))),
                _ if err.is_not_found() => Ok(None),
                _ => Err(err),
            }
        }
    }
}

fn build(err: aws_sdk_s3::error::BuildError) -> ResourceError {
    ResourceError::missing("s3", err.to_string())
}

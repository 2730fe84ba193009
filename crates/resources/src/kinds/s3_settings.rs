//! The bucket settings both a blueprint's bucket and the team state bucket carry. Each is a
//! whole-document PUT, idempotent, and may reach a part of S3 that has not yet heard of a bucket
//! just made: NoSuchBucket is retried.

use aws_sdk_s3::Client;
use aws_sdk_s3::types::{
    BucketVersioningStatus, PublicAccessBlockConfiguration, ServerSideEncryption,
    ServerSideEncryptionByDefault, ServerSideEncryptionConfiguration, ServerSideEncryptionRule,
    VersioningConfiguration,
};

use crate::error::sdk;
use crate::{ErrorKind, ResourceError, retry_while_not_found};

pub(crate) async fn enable_versioning(s3: &Client, bucket: &str) -> Result<(), ResourceError> {
    let versioning = VersioningConfiguration::builder()
        .status(BucketVersioningStatus::Enabled)
        .build();
    retry_while_not_found(|| async {
        s3.put_bucket_versioning()
            .bucket(bucket)
            .versioning_configuration(versioning.clone())
            .send()
            .await
            .map_err(sdk("PutBucketVersioning"))
    })
    .await?;
    Ok(())
}

/// Default encryption with `algorithm`; with KMS, an S3 bucket key, which cuts KMS calls.
pub(crate) async fn encrypt_by_default(
    s3: &Client,
    bucket: &str,
    algorithm: ServerSideEncryption,
) -> Result<(), ResourceError> {
    let rule = ServerSideEncryptionRule::builder()
        .apply_server_side_encryption_by_default(
            ServerSideEncryptionByDefault::builder()
                .sse_algorithm(algorithm.clone())
                .build()
                .map_err(build)?,
        )
        .bucket_key_enabled(algorithm == ServerSideEncryption::AwsKms)
        .build();
    let encryption = ServerSideEncryptionConfiguration::builder()
        .rules(rule)
        .build()
        .map_err(build)?;
    retry_while_not_found(|| async {
        s3.put_bucket_encryption()
            .bucket(bucket)
            .server_side_encryption_configuration(encryption.clone())
            .send()
            .await
            .map_err(sdk("PutBucketEncryption"))
    })
    .await?;
    Ok(())
}

/// All four public access blocks on.
pub(crate) async fn block_public_access(s3: &Client, bucket: &str) -> Result<(), ResourceError> {
    let block = PublicAccessBlockConfiguration::builder()
        .block_public_acls(true)
        .ignore_public_acls(true)
        .block_public_policy(true)
        .restrict_public_buckets(true)
        .build();
    retry_while_not_found(|| async {
        s3.put_public_access_block()
            .bucket(bucket)
            .public_access_block_configuration(block.clone())
            .send()
            .await
            .map_err(sdk("PutPublicAccessBlock"))
    })
    .await?;
    Ok(())
}

fn build(err: aws_sdk_s3::error::BuildError) -> ResourceError {
    ResourceError::new(ErrorKind::Invalid, "S3", "Build", err.to_string())
}

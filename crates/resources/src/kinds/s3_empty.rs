//! Deleting a bucket: AWS refuses a bucket with anything in it, and in a versioned bucket
//! "anything" includes every old version and every delete marker. With `force_destroy` the
//! bucket is emptied page by page, then deleted; without it, only an empty bucket goes and a
//! bucket that still holds something stays, with an error that says why. A retained bucket
//! (a prod environment's backups) is not deleted at all: it is measured and kept.

use aws_sdk_s3::client::Waiters;
use aws_sdk_s3::types::{Delete, ObjectIdentifier};

use super::nat::waited;
use super::s3::build;
use crate::error::sdk;
use hangar_core::cost::RetainedKind;

use crate::{Created, Ctx, Disposal, ErrorKind, ResourceError, Retained};

/// Empties the bucket first when the blueprint says `force_destroy`; otherwise a bucket that
/// still holds something is refused by AWS and kept, with an error that says why.
pub(crate) async fn delete(
    ctx: &Ctx,
    created: &Created,
    force_destroy: bool,
) -> Result<(), ResourceError> {
    let s3 = &ctx.clients.s3;
    let bucket = created.aws_id.as_str();
    if force_destroy {
        empty(ctx, bucket).await?;
    }
    let deleted = s3
        .delete_bucket()
        .bucket(bucket)
        .send()
        .await
        .map_err(sdk("DeleteBucket"));
    match deleted {
        Err(err) if err.code == "BucketNotEmpty" => {
            return Err(ResourceError::new(
                ErrorKind::Invalid,
                "DeleteBucket",
                "BucketNotEmpty",
                format!(
                    "bucket {bucket} still holds objects and its blueprint keeps them \
                     (force_destroy = false): empty it yourself, or set force_destroy = true \
                     and tear down again"
                ),
            ));
        }
        other => {
            other?;
        }
    }
    s3.wait_until_bucket_not_exists()
        .bucket(bucket)
        .wait(ctx.wait_deadline)
        .await
        .map_err(|e| waited("BucketNotExists", bucket, e))?;
    Ok(())
}

/// Leaves the bucket as it is, tags and all, and says how big it is (every version counts:
/// S3 bills them all), for the monthly estimate of keeping it.
pub(crate) async fn keep(ctx: &Ctx, created: &Created) -> Result<Disposal, ResourceError> {
    let bucket = created.aws_id.as_str();
    let mut bytes: i64 = 0;
    let (mut key, mut version) = (None, None);
    loop {
        let page = ctx
            .clients
            .s3
            .list_object_versions()
            .bucket(bucket)
            .set_key_marker(key)
            .set_version_id_marker(version)
            .send()
            .await
            .map_err(sdk("ListObjectVersions"))?;
        bytes += page
            .versions()
            .iter()
            .map(|v| v.size().unwrap_or_default())
            .sum::<i64>();
        if page.is_truncated() != Some(true) {
            break;
        }
        key = page.next_key_marker().map(str::to_string);
        version = page.next_version_id_marker().map(str::to_string);
    }
    #[allow(clippy::cast_precision_loss)] // bytes to GB for an estimate
    let size_gb = bytes as f64 / 1_000_000_000.0;
    Ok(Disposal::Kept(Retained {
        kind: RetainedKind::S3Bucket,
        aws_id: bucket.to_string(),
        size_gb,
    }))
}

/// Lists up to 1,000 versions and delete markers (one page, DeleteObjects' own limit), deletes
/// them, and lists again from the start, until a listing comes back empty: each round consumes
/// the page it read, so no continuation marker can point past something written meanwhile.
/// A key DeleteObjects reports as failed fails the delete (rather than looping on it).
async fn empty(ctx: &Ctx, bucket: &str) -> Result<(), ResourceError> {
    let s3 = &ctx.clients.s3;
    loop {
        let page = s3
            .list_object_versions()
            .bucket(bucket)
            .max_keys(1000)
            .send()
            .await
            .map_err(sdk("ListObjectVersions"))?;
        let versions = page.versions().iter().map(|v| (v.key(), v.version_id()));
        let markers = page
            .delete_markers()
            .iter()
            .map(|m| (m.key(), m.version_id()));
        let objects: Vec<ObjectIdentifier> = versions
            .chain(markers)
            .filter_map(|(key, version)| {
                Some(
                    ObjectIdentifier::builder()
                        .key(key?)
                        .set_version_id(version.map(str::to_string))
                        .build()
                        .map_err(build),
                )
            })
            .collect::<Result<_, _>>()?;
        if objects.is_empty() {
            break;
        }
        let out = s3
            .delete_objects()
            .bucket(bucket)
            .delete(
                Delete::builder()
                    .set_objects(Some(objects))
                    .quiet(true)
                    .build()
                    .map_err(build)?,
            )
            .send()
            .await
            .map_err(sdk("DeleteObjects"))?;
        if let Some(failed) = out.errors().first() {
            return Err(ResourceError::new(
                ErrorKind::Other,
                "DeleteObjects",
                failed.code().unwrap_or("Unknown"),
                format!(
                    "{bucket}: {} object(s) could not be deleted, first {}: {}",
                    out.errors().len(),
                    failed.key().unwrap_or_default(),
                    failed.message().unwrap_or_default()
                ),
            ));
        }
    }
    Ok(())
}

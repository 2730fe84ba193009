//! The S3 side of team mode (`hangar_core::team`): the state bucket, each environment's record,
//! and the lease on its jobs, taken with S3's conditional writes. None of it carries an
//! environment's tags, so no teardown's sweep ever sees, let alone deletes, the bucket.

use aws_sdk_s3::Client;
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{
    BucketLocationConstraint, CreateBucketConfiguration, ServerSideEncryption,
};
use hangar_core::team::{Lease, StateLocation};

use crate::error::{none_if_not_found, sdk};
use crate::kinds::s3_settings::{block_public_access, enable_versioning, encrypt_by_default};
use crate::{ErrorKind, ResourceError};

/// What taking a lease found.
#[derive(Debug)]
pub enum Taken {
    /// Ours; its ETag, which a renewal must match.
    Ours(String),
    /// Someone holds it: what their lease says, and its ETag (to break it once expired).
    Held(Lease, String),
}

/// Makes the state bucket on first use: versioned (every record's history is kept), encrypted,
/// public access blocked. A bucket this account already has is kept as it is.
pub async fn ensure_bucket(
    s3: &Client,
    loc: &StateLocation,
    region: &str,
) -> Result<(), ResourceError> {
    let bucket = &loc.bucket;
    match s3.head_bucket().bucket(bucket).send().await {
        Ok(_) => return Ok(()),
        Err(err) => {
            let err = ResourceError::from_sdk("HeadBucket", err);
            // HeadBucket has no body: a missing bucket is a bare 404.
            if !(err.is_not_found() || err.code == "NotFound") {
                return Err(err.context(format!("state bucket {bucket}")));
            }
        }
    }
    let mut config = CreateBucketConfiguration::builder();
    if region != "us-east-1" {
        config = config.location_constraint(BucketLocationConstraint::from(region));
    }
    let made = s3
        .create_bucket()
        .bucket(bucket)
        .create_bucket_configuration(config.build())
        .send()
        .await
        .map_err(sdk("CreateBucket"));
    match made {
        Ok(_) => {}
        // Another machine of the team made it a moment ago.
        Err(err) if err.code == "BucketAlreadyOwnedByYou" => {}
        Err(err) if err.code == "BucketAlreadyExists" => {
            return Err(ResourceError::new(
                ErrorKind::Invalid,
                "CreateBucket",
                &err.code,
                format!(
                    "the state bucket name '{bucket}' belongs to another account; name one with `hangar profile team PROFILE on --bucket NAME`"
                ),
            ));
        }
        Err(err) => return Err(err.context(format!("state bucket {bucket}"))),
    }
    enable_versioning(s3, bucket).await?;
    encrypt_by_default(s3, bucket, ServerSideEncryption::Aes256).await?;
    block_public_access(s3, bucket).await?;
    Ok(())
}

/// Creates the lease object only if there is none (`If-None-Match: *`): of two machines that
/// try at once, S3 lets exactly one through.
pub async fn take_lease(
    s3: &Client,
    loc: &StateLocation,
    env_uid: &str,
    lease: &Lease,
) -> Result<Taken, ResourceError> {
    let key = loc.lease_key(env_uid);
    let put = s3
        .put_object()
        .bucket(&loc.bucket)
        .key(&key)
        .if_none_match("*")
        .content_type("application/json")
        .body(ByteStream::from(json_of(lease)?))
        .send()
        .await;
    match put {
        Ok(out) => Ok(Taken::Ours(out.e_tag().unwrap_or_default().to_string())),
        Err(err) => {
            let err = ResourceError::from_sdk("PutObject", err);
            if !is_precondition_failed(&err) {
                return Err(err.context(format!("lease {key}")));
            }
            match read_lease(s3, loc, env_uid).await? {
                Some((held, etag)) => Ok(Taken::Held(held, etag)),
                // Released between our put and our read: try again once.
                None => Box::pin(take_lease(s3, loc, env_uid, lease)).await,
            }
        }
    }
}

/// Rewrites the lease only if it is still the one with `etag` (`If-Match`): a renewal by its
/// holder, or the break of an expired one. `Ok(None)` when it changed in the meantime.
pub async fn replace_lease(
    s3: &Client,
    loc: &StateLocation,
    env_uid: &str,
    lease: &Lease,
    etag: &str,
) -> Result<Option<String>, ResourceError> {
    let put = s3
        .put_object()
        .bucket(&loc.bucket)
        .key(loc.lease_key(env_uid))
        .if_match(etag)
        .content_type("application/json")
        .body(ByteStream::from(json_of(lease)?))
        .send()
        .await;
    match put {
        Ok(out) => Ok(Some(out.e_tag().unwrap_or_default().to_string())),
        Err(err) => {
            let err = ResourceError::from_sdk("PutObject", err);
            if is_precondition_failed(&err) || err.is_not_found() {
                Ok(None)
            } else {
                Err(err)
            }
        }
    }
}

pub async fn release_lease(
    s3: &Client,
    loc: &StateLocation,
    env_uid: &str,
) -> Result<(), ResourceError> {
    s3.delete_object()
        .bucket(&loc.bucket)
        .key(loc.lease_key(env_uid))
        .send()
        .await
        .map_err(sdk("DeleteObject"))?;
    Ok(())
}

/// The lease on the environment's jobs and its ETag, if anyone holds one.
pub async fn read_lease(
    s3: &Client,
    loc: &StateLocation,
    env_uid: &str,
) -> Result<Option<(Lease, String)>, ResourceError> {
    let Some((body, etag)) = get(s3, &loc.bucket, &loc.lease_key(env_uid)).await? else {
        return Ok(None);
    };
    let lease = serde_json::from_slice(&body).map_err(|e| {
        ResourceError::new(
            ErrorKind::Invalid,
            "GetObject",
            "BadLease",
            format!(
                "the lease {} is not a Hangar lease: {e}",
                loc.lease_key(env_uid)
            ),
        )
    })?;
    Ok(Some((lease, etag)))
}

/// Writes an environment's record (JSON); the bucket's versioning keeps the earlier ones.
pub async fn put_record(
    s3: &Client,
    loc: &StateLocation,
    env_uid: &str,
    json: Vec<u8>,
) -> Result<(), ResourceError> {
    s3.put_object()
        .bucket(&loc.bucket)
        .key(loc.record_key(env_uid))
        .content_type("application/json")
        .body(ByteStream::from(json))
        .send()
        .await
        .map_err(sdk("PutObject"))?;
    Ok(())
}

/// The record of one environment, if the bucket holds one.
pub async fn get_record(
    s3: &Client,
    loc: &StateLocation,
    env_uid: &str,
) -> Result<Option<Vec<u8>>, ResourceError> {
    Ok(get(s3, &loc.bucket, &loc.record_key(env_uid))
        .await?
        .map(|(body, _)| body))
}

/// Every environment record in the bucket, as JSON bodies; none when the bucket does not exist
/// yet (no machine of the team has used it).
pub async fn list_records(s3: &Client, loc: &StateLocation) -> Result<Vec<Vec<u8>>, ResourceError> {
    let mut keys = Vec::new();
    let mut pages = s3
        .list_objects_v2()
        .bucket(&loc.bucket)
        .prefix(loc.records_prefix())
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = match page.map_err(sdk("ListObjectsV2")) {
            Ok(page) => page,
            Err(err) if err.is_not_found() => return Ok(Vec::new()),
            Err(err) => return Err(err),
        };
        keys.extend(
            page.contents()
                .iter()
                .filter_map(|o| o.key().map(str::to_string)),
        );
    }
    let mut records = Vec::with_capacity(keys.len());
    for key in keys {
        // A record deleted between the list and the read is simply not there.
        if let Some((body, _)) = get(s3, &loc.bucket, &key).await? {
            records.push(body);
        }
    }
    Ok(records)
}

async fn get(
    s3: &Client,
    bucket: &str,
    key: &str,
) -> Result<Option<(Vec<u8>, String)>, ResourceError> {
    let out = none_if_not_found(
        s3.get_object()
            .bucket(bucket)
            .key(key)
            .send()
            .await
            .map_err(sdk("GetObject")),
    )?;
    let Some(out) = out else { return Ok(None) };
    let etag = out.e_tag().unwrap_or_default().to_string();
    let body = out.body.collect().await.map_err(|e| {
        ResourceError::new(
            ErrorKind::Other,
            "GetObject",
            "ReadBody",
            format!("{key}: {e}"),
        )
    })?;
    Ok(Some((body.into_bytes().to_vec(), etag)))
}

fn is_precondition_failed(err: &ResourceError) -> bool {
    err.code == "PreconditionFailed" || err.code == "ConditionalRequestConflict"
}

fn json_of(lease: &Lease) -> Result<Vec<u8>, ResourceError> {
    serde_json::to_vec(lease)
        .map_err(|e| ResourceError::new(ErrorKind::Other, "PutObject", "Serialize", e.to_string()))
}

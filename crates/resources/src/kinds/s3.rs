//! S3 buckets: tags, versioning, default encryption, public access block, lifecycle. Bucket
//! names are global across all accounts: one of that name that is not this environment's is
//! an error, never adopted.

use aws_sdk_s3::types::{
    BucketLifecycleConfiguration, BucketLocationConstraint, CreateBucketConfiguration,
    ExpirationStatus, LifecycleExpiration, LifecycleRule, LifecycleRuleFilter,
    NoncurrentVersionExpiration, NoncurrentVersionTransition, ServerSideEncryption, Tag, Tagging,
    Transition, TransitionStorageClass,
};
use hangar_core::graph::Attr;
use hangar_core::graph::spec::{LifecycleAction, S3BucketSpec};

use crate::error::sdk;
use crate::tags::{ENV_ID_TAG, LOGICAL_TAG, standard};
use crate::{Created, Ctx, ErrorKind, Found, ResourceError, retry_while_not_found};
use Ownership::{Foreign, Missing, Ours};

pub(crate) use super::s3_empty::delete;
use super::s3_settings::{block_public_access, enable_versioning, encrypt_by_default};

pub(crate) async fn create(
    ctx: &Ctx,
    logical: &str,
    spec: &S3BucketSpec,
) -> Result<Created, ResourceError> {
    let name = &spec.bucket_name;
    let ownership = match tags_of(ctx, name).await {
        // Another account's bucket answers 403 to us.
        Err(err) if err.kind == ErrorKind::AccessDenied => Foreign,
        Err(err) if err.code == PERMANENT_REDIRECT => return Err(elsewhere(name, logical, None)),
        other => other?,
    };
    match ownership {
        Ours(tagged) if tagged == logical => {}
        Missing => make(ctx, logical, name).await?,
        Ours(_) | Foreign => return Err(not_this_environments(name, logical)),
    }
    configure(ctx, logical, spec).await?;
    Ok(Created::new(name)
        .with(Attr::Name, name)
        .with(Attr::Arn, format!("arn:aws:s3:::{name}")))
}

const PERMANENT_REDIRECT: &str = "PermanentRedirect";

/// CreateBucket, then its tags. A name S3 will not give is an error that says what to do; one
/// this account already holds (a job whose answer was lost made it) is adopted only when it
/// carries this environment's tags.
async fn make(ctx: &Ctx, logical: &str, name: &str) -> Result<(), ResourceError> {
    let s3 = &ctx.clients.s3;
    let tag_set = tag_set(ctx, logical)?;
    // Tags in the create call tag the bucket at birth on AWS (the emulator ignores them,
    // hence PutBucketTagging right after, which AWS takes as a no-op rewrite).
    let mut config = CreateBucketConfiguration::builder().set_tags(Some(tag_set.clone()));
    if ctx.region != "us-east-1" {
        config = config.location_constraint(BucketLocationConstraint::from(ctx.region.as_str()));
    }
    let made = s3
        .create_bucket()
        .bucket(name)
        .create_bucket_configuration(config.build())
        .send()
        .await;
    if let Err(err) = made {
        let region = err
            .raw_response()
            .and_then(|raw| raw.headers().get("x-amz-bucket-region"))
            .map(str::to_string);
        let err = ResourceError::from_sdk("CreateBucket", err);
        return match err.code.as_str() {
            "BucketAlreadyOwnedByYou" => adopt_own(ctx, logical, name).await,
            "BucketAlreadyExists" => Err(taken(name, logical)),
            PERMANENT_REDIRECT => Err(elsewhere(name, logical, region.as_deref())),
            _ => Err(err),
        };
    }
    let tagging = Tagging::builder()
        .set_tag_set(Some(tag_set))
        .build()
        .map_err(build)?;
    // A bucket just made can be unknown to the next request (NoSuchBucket): S3 is
    // eventually consistent for bucket creation.
    retry_while_not_found(|| async {
        s3.put_bucket_tagging()
            .bucket(name)
            .tagging(tagging.clone())
            .send()
            .await
            .map_err(sdk("PutBucketTagging"))
    })
    .await?;
    Ok(())
}

/// `BucketAlreadyOwnedByYou`: this account holds the name. Its tags, once S3 shows the bucket
/// to a read, say whether it is this environment's.
async fn adopt_own(ctx: &Ctx, logical: &str, name: &str) -> Result<(), ResourceError> {
    let owner = retry_while_not_found(|| async {
        match tags_of(ctx, name).await? {
            Missing => Err(ResourceError::new(
                ErrorKind::NotFound,
                "GetBucketTagging",
                "NoSuchBucket",
                format!("bucket '{name}' is not visible yet"),
            )),
            known => Ok(known),
        }
    })
    .await?;
    match owner {
        Ours(tagged) if tagged == logical => Ok(()),
        Ours(_) | Foreign | Missing => Err(not_this_environments(name, logical)),
    }
}

/// Each setting is a whole-document PUT: idempotent, so an adopted bucket gets them all.
async fn configure(ctx: &Ctx, logical: &str, spec: &S3BucketSpec) -> Result<(), ResourceError> {
    let s3 = &ctx.clients.s3;
    let name = &spec.bucket_name;
    if spec.versioning {
        enable_versioning(s3, name).await?;
    }
    let algorithm = match spec.encryption.as_str() {
        "AES256" => ServerSideEncryption::Aes256,
        "aws:kms" => ServerSideEncryption::AwsKms,
        other => {
            return Err(ResourceError::new(
                ErrorKind::Invalid,
                "PutBucketEncryption",
                "InvalidEncryption",
                format!("{logical}: encryption '{other}' is not AES256 or aws:kms"),
            ));
        }
    };
    encrypt_by_default(s3, name, algorithm).await?;
    if spec.block_public_access {
        block_public_access(s3, name).await?;
    }
    let rules = lifecycle_rules(spec)?;
    if !rules.is_empty() {
        let lifecycle = BucketLifecycleConfiguration::builder()
            .set_rules(Some(rules))
            .build()
            .map_err(build)?;
        retry_while_not_found(|| async {
            s3.put_bucket_lifecycle_configuration()
                .bucket(name)
                .lifecycle_configuration(lifecycle.clone())
                .send()
                .await
                .map_err(sdk("PutBucketLifecycleConfiguration"))
        })
        .await?;
    }
    Ok(())
}

/// The name is a bucket here that is untagged, another environment's, or another account's.
fn not_this_environments(name: &str, logical: &str) -> ResourceError {
    ResourceError::new(
        ErrorKind::Invalid,
        "CreateBucket",
        "BucketAlreadyExists",
        format!(
            "{logical}: a bucket named '{name}' exists and is not this environment's \
             (bucket names are global): choose another name, e.g. another bucket_suffix"
        ),
    )
}

/// `BucketAlreadyExists`: another AWS account, anywhere in the world, holds the name.
fn taken(name: &str, logical: &str) -> ResourceError {
    ResourceError::new(
        ErrorKind::Invalid,
        "CreateBucket",
        "BucketAlreadyExists",
        format!(
            "{logical}: the bucket name '{name}' is taken by another AWS account (bucket names \
             are global across all of AWS): choose another name, e.g. another bucket_suffix"
        ),
    )
}

/// A 301 `PermanentRedirect`: the name is a bucket in another region.
fn elsewhere(name: &str, logical: &str, region: Option<&str>) -> ResourceError {
    let region = region.map_or_else(|| "another region".to_string(), |r| format!("region {r}"));
    ResourceError::new(
        ErrorKind::Invalid,
        "CreateBucket",
        PERMANENT_REDIRECT,
        format!(
            "{logical}: a bucket named '{name}' already exists in {region} (bucket names are \
             global): choose another name, e.g. another bucket_suffix"
        ),
    )
}

fn tag_set(ctx: &Ctx, logical: &str) -> Result<Vec<Tag>, ResourceError> {
    standard(ctx, logical)
        .into_iter()
        .map(|(k, v)| Tag::builder().key(k).value(v).build().map_err(build))
        .collect()
}

/// One rule per `lifecycle` entry (after `days`, a transition to a storage class, or
/// expiry), plus one for old versions (`noncurrent_transitions`, then
/// `noncurrent_expiration_days`); all apply to the whole bucket.
pub(crate) fn lifecycle_rules(spec: &S3BucketSpec) -> Result<Vec<LifecycleRule>, ResourceError> {
    let whole_bucket = || LifecycleRuleFilter::builder().prefix("").build();
    let mut rules = Vec::new();
    for (i, rule) in spec.lifecycle.iter().enumerate() {
        let builder = LifecycleRule::builder()
            .id(format!("hangar-{i}"))
            .status(ExpirationStatus::Enabled)
            .filter(whole_bucket());
        let builder = match &rule.action {
            LifecycleAction::TransitionTo(class) => builder.transitions(
                Transition::builder()
                    .days(rule.days)
                    .storage_class(TransitionStorageClass::from(class.as_str()))
                    .build(),
            ),
            LifecycleAction::Expire => {
                builder.expiration(LifecycleExpiration::builder().days(rule.days).build())
            }
        };
        rules.push(builder.build().map_err(build)?);
    }
    if spec.noncurrent_expiration_days.is_some() || !spec.noncurrent_transitions.is_empty() {
        let mut old_versions = LifecycleRule::builder()
            .id("hangar-noncurrent")
            .status(ExpirationStatus::Enabled)
            .filter(whole_bucket());
        for t in &spec.noncurrent_transitions {
            old_versions = old_versions.noncurrent_version_transitions(
                NoncurrentVersionTransition::builder()
                    .noncurrent_days(t.noncurrent_days)
                    .storage_class(TransitionStorageClass::from(t.storage_class.as_str()))
                    .build(),
            );
        }
        if let Some(days) = spec.noncurrent_expiration_days {
            old_versions = old_versions.noncurrent_version_expiration(
                NoncurrentVersionExpiration::builder()
                    .noncurrent_days(days)
                    .build(),
            );
        }
        rules.push(old_versions.build().map_err(build)?);
    }
    Ok(rules)
}

/// Buckets of this region (ListBuckets lists every region's; the others' tags would answer
/// with a redirect), each asked for its tags.
pub(crate) async fn find_tagged(ctx: &Ctx) -> Result<Vec<Found>, ResourceError> {
    let mut found = Vec::new();
    let mut pages = ctx
        .clients
        .s3
        .list_buckets()
        .bucket_region(&ctx.region)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        for bucket in page.map_err(sdk("ListBuckets"))?.buckets() {
            let Some(name) = bucket.name() else { continue };
            let ownership = match tags_of(ctx, name).await {
                // A bucket whose policy denies reading its tags to these credentials is not
                // one Hangar made (it tags and reads its own with them): another team's, in a
                // shared account. One such bucket must not end a sweep or a final check.
                Err(err) if err.kind == ErrorKind::AccessDenied => Foreign,
                other => other?,
            };
            if let Ownership::Ours(logical) = ownership {
                found.push(Found {
                    logical: Some(logical).filter(|l| !l.is_empty()),
                    created: Created::new(name)
                        .with(Attr::Name, name)
                        .with(Attr::Arn, format!("arn:aws:s3:::{name}")),
                    state: "available".into(),
                });
            }
        }
    }
    Ok(found)
}

enum Ownership {
    /// No bucket of that name (anywhere we can see).
    Missing,
    /// This environment's, with its logical tag.
    Ours(String),
    /// Someone else's: untagged, another environment's, or another account's.
    Foreign,
}

async fn tags_of(ctx: &Ctx, bucket: &str) -> Result<Ownership, ResourceError> {
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
            Ok(match get(ENV_ID_TAG) {
                Some(env) if env == ctx.env_id => Ours(get(LOGICAL_TAG).unwrap_or_default()),
                _ => Foreign,
            })
        }
        Err(err) => {
            let err = ResourceError::from_sdk("GetBucketTagging", err);
            match err.code.as_str() {
                // The bucket exists and carries no tags at all.
                "NoSuchTagSet" => Ok(Foreign),
                "NoSuchBucket" => Ok(Missing),
                _ => Err(err),
            }
        }
    }
}

pub(super) fn build(err: aws_sdk_s3::error::BuildError) -> ResourceError {
    ResourceError::missing("s3", err.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifecycle_entries_become_rules() {
        let bucket = S3BucketSpec {
            bucket_name: "b".into(),
            versioning: true,
            encryption: "AES256".into(),
            block_public_access: true,
            force_destroy: false,
            retain: false,
            lifecycle: vec![
                hangar_core::graph::spec::LifecycleRule {
                    days: 30,
                    action: LifecycleAction::TransitionTo("STANDARD_IA".into()),
                },
                hangar_core::graph::spec::LifecycleRule {
                    days: 365,
                    action: LifecycleAction::Expire,
                },
            ],
            noncurrent_expiration_days: Some(30),
            noncurrent_transitions: vec![hangar_core::graph::spec::NoncurrentTransition {
                noncurrent_days: 7,
                storage_class: "GLACIER".into(),
            }],
        };
        let rules = lifecycle_rules(&bucket).expect("valid");
        assert_eq!(rules.len(), 3);
        assert_eq!(rules[0].transitions()[0].days(), Some(30));
        assert_eq!(
            rules[0].transitions()[0].storage_class(),
            Some(&TransitionStorageClass::StandardIa)
        );
        assert_eq!(rules[1].expiration().and_then(|e| e.days()), Some(365));
        assert_eq!(
            rules[2]
                .noncurrent_version_expiration()
                .and_then(|e| e.noncurrent_days()),
            Some(30)
        );
        let moved = rules[2].noncurrent_version_transitions();
        assert_eq!(moved.len(), 1);
        assert_eq!(moved[0].noncurrent_days(), Some(7));
        assert_eq!(
            moved[0].storage_class(),
            Some(&TransitionStorageClass::Glacier)
        );
        assert!(
            rules
                .iter()
                .all(|r| r.status() == &ExpirationStatus::Enabled)
        );
    }
}

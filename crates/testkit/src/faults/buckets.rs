//! S3's rules about bucket names and new buckets that moto does not keep. A name is global:
//! CreateBucket of a name another account holds is refused (`BucketAlreadyExists`), of one
//! that lives in another region answered with a 301 `PermanentRedirect`, and of one this
//! account made a moment ago (a job whose answer was lost) `BucketAlreadyOwnedByYou`, while
//! reads of it still say `NoSuchBucket`. And a bucket just made can be unknown to each of the
//! next requests that set it up, since each may reach a part of S3 that has not heard of it.

use std::collections::{HashMap, HashSet};

use super::errors::{self, Reply};
use super::request::Request;
use super::{FaultPlan, FaultStats, bump};

/// Why CreateBucket of a name is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TakenBucket {
    /// Another AWS account holds the name: 409 `BucketAlreadyExists`.
    OtherAccount,
    /// The name is a bucket in this other region: 301 `PermanentRedirect`.
    OtherRegion(String),
    /// This account made it a moment ago: 409 `BucketAlreadyOwnedByYou`; until that
    /// CreateBucket, every other request on it says `NoSuchBucket` (not visible yet).
    OwnedByYou,
}

#[derive(Default)]
pub(crate) struct Buckets {
    /// Buckets just created, and the kinds of setup request that already missed them.
    fresh: HashMap<String, HashSet<String>>,
    /// Taken names whose CreateBucket was asked: from then on they are visible.
    asked: HashSet<String>,
}

impl Buckets {
    pub(crate) fn before(
        &mut self,
        plan: &FaultPlan,
        req: &Request,
        stats: &FaultStats,
    ) -> Option<Reply> {
        if req.service != "s3" {
            return None;
        }
        let bucket = bucket_of(req)?;
        let create = is_create_bucket(req);
        if let Some((_, taken)) = plan.taken_buckets.iter().find(|(name, _)| *name == bucket) {
            if create {
                bump(&stats.bucket_names_refused);
                self.asked.insert(bucket.clone());
                return Some(match taken {
                    TakenBucket::OtherAccount => errors::bucket_already_exists(&bucket),
                    TakenBucket::OtherRegion(region) => errors::permanent_redirect(&bucket, region),
                    TakenBucket::OwnedByYou => errors::bucket_already_owned_by_you(&bucket),
                });
            }
            if *taken == TakenBucket::OwnedByYou && !self.asked.contains(&bucket) {
                bump(&stats.propagation);
                return Some(errors::no_such_bucket(&bucket));
            }
        }
        if plan.s3_propagation_per_call
            && !create
            && req.action.starts_with("PUT ")
            && on_bucket_itself(req)
            && let Some(missed) = self.fresh.get_mut(&bucket)
            && missed.insert(setup_call(req))
        {
            bump(&stats.fresh_bucket_misses);
            return Some(errors::no_such_bucket(&bucket));
        }
        None
    }

    /// Learns the buckets a successful CreateBucket made.
    pub(crate) fn after(&mut self, plan: &FaultPlan, req: &Request) {
        if plan.s3_propagation_per_call
            && is_create_bucket(req)
            && let Some(bucket) = bucket_of(req)
        {
            self.fresh.insert(bucket, HashSet::new());
        }
    }
}

/// What a setup request sets: its subresource (`tagging`, `versioning`, `lifecycle`, ...).
fn setup_call(req: &Request) -> String {
    let query = req.path.split_once('?').map_or("", |(_, q)| q);
    let mut keys: Vec<&str> = query
        .split('&')
        .filter_map(|pair| pair.split('=').next())
        .filter(|k| !k.is_empty() && *k != "x-id")
        .collect();
    keys.sort_unstable();
    keys.join("&")
}

/// Path-style requests (the SDK against a loopback endpoint): `/bucket` or `/bucket/key`.
pub(crate) fn bucket_of(req: &Request) -> Option<String> {
    let path = req.path.split('?').next()?;
    let bucket = path.trim_start_matches('/').split('/').next()?;
    (!bucket.is_empty()).then(|| bucket.to_string())
}

pub(crate) fn is_create_bucket(req: &Request) -> bool {
    let query = req.path.split_once('?').map_or("", |(_, q)| q);
    req.action.starts_with("PUT ")
        && (query.is_empty() || query == "x-id=CreateBucket")
        && on_bucket_itself(req)
}

/// `/bucket`, not `/bucket/key`: a request on the bucket, not on an object in it.
fn on_bucket_itself(req: &Request) -> bool {
    let path = req.path.split('?').next().unwrap_or_default();
    let path = path.trim_matches('/');
    !path.is_empty() && !path.contains('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s3(method: &str, path: &str) -> Request {
        let bare = path.split('?').next().unwrap_or(path);
        Request {
            service: "s3".into(),
            action: format!("{method} {bare}"),
            params: Vec::new(),
            path: path.into(),
            json: serde_json::Value::Null,
        }
    }

    #[test]
    fn each_setup_call_misses_a_fresh_bucket_once() {
        let plan = FaultPlan {
            s3_propagation_per_call: true,
            ..FaultPlan::default()
        };
        let stats = FaultStats::default();
        let mut buckets = Buckets::default();
        buckets.after(&plan, &s3("PUT", "/b"));
        for call in ["/b?tagging", "/b?versioning", "/b?lifecycle"] {
            let first = buckets.before(&plan, &s3("PUT", call), &stats);
            assert!(
                first.is_some_and(|r| r.body.contains("NoSuchBucket")),
                "{call}"
            );
            assert!(buckets.before(&plan, &s3("PUT", call), &stats).is_none());
        }
        assert!(
            buckets
                .before(&plan, &s3("GET", "/b?tagging"), &stats)
                .is_none()
        );
        assert!(
            buckets
                .before(&plan, &s3("PUT", "/other?tagging"), &stats)
                .is_none()
        );
        assert!(
            buckets
                .before(&plan, &s3("PUT", "/b/key.txt"), &stats)
                .is_none()
        );
        assert_eq!(FaultStats::get(&stats.fresh_bucket_misses), 3);
    }

    #[test]
    fn a_name_owned_by_you_is_invisible_until_created_again() {
        let plan = FaultPlan {
            taken_buckets: vec![("b".into(), TakenBucket::OwnedByYou)],
            ..FaultPlan::default()
        };
        let stats = FaultStats::default();
        let mut buckets = Buckets::default();
        let read = buckets.before(&plan, &s3("GET", "/b?tagging"), &stats);
        assert!(read.is_some_and(|r| r.status == 404));
        let create = buckets.before(&plan, &s3("PUT", "/b"), &stats);
        assert!(create.is_some_and(|r| r.body.contains("BucketAlreadyOwnedByYou")));
        assert!(
            buckets
                .before(&plan, &s3("GET", "/b?tagging"), &stats)
                .is_none()
        );
        assert_eq!(FaultStats::get(&stats.bucket_names_refused), 1);
    }
}

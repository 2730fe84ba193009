//! Team mode: an environment's record and the lease on its jobs live in an S3 bucket of the
//! account it is in, so every machine with access to the account sees it, and two never run a
//! job on it at once. Terraform's S3 backend does the same; a team needs no server.
//!
//! The lease is an object created with `If-None-Match: *` (S3 refuses a second create) and
//! rewritten with `If-Match` while the job runs. A holder that dies stops renewing it, and once
//! its expiry passes another machine may break it. Here: where the objects live, and what a
//! lease says and when it is over; the calls are `hangar_resources::team_state`'s.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

/// How long a lease holds without renewal: long enough that a slow renewal (a throttled or
/// stalled S3 call) does not lose it, short enough that a killed holder's environment is free
/// again within minutes.
pub const LEASE_TTL: SignedDuration = SignedDuration::from_secs(120);

/// How often a holder renews a lease that lasts `ttl`: three renewals in a row may fail before
/// it expires.
pub fn renew_every(ttl: SignedDuration) -> SignedDuration {
    ttl / 4
}

/// The bucket and key prefix a profile's team state lives under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateLocation {
    pub bucket: String,
    /// Empty, or ends with `/`.
    pub prefix: String,
}

impl StateLocation {
    /// `hangar-state-<account>-<region>` unless the profile names a bucket, under `hangar/`
    /// unless it names a prefix. One bucket per account and region: bucket names are global, and
    /// the account id makes this one ours.
    pub fn new(account: &str, region: &str, bucket: Option<&str>, prefix: Option<&str>) -> Self {
        let bucket = bucket.map_or_else(
            || format!("hangar-state-{account}-{region}"),
            str::to_string,
        );
        let prefix = match prefix.unwrap_or("hangar/").trim_matches('/') {
            "" => String::new(),
            trimmed => format!("{trimmed}/"),
        };
        Self { bucket, prefix }
    }

    /// Where every environment's record lives, one object each.
    pub fn records_prefix(&self) -> String {
        format!("{}environments/", self.prefix)
    }

    /// The record of the environment with this id (its `hangar:env-id`).
    pub fn record_key(&self, env_uid: &str) -> String {
        format!("{}{env_uid}.json", self.records_prefix())
    }

    /// The lease on the environment's jobs.
    pub fn lease_key(&self, env_uid: &str) -> String {
        format!("{}leases/{env_uid}.json", self.prefix)
    }
}

/// Why a state bucket or prefix a person named cannot be used, naming the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct SettingError {
    /// `bucket` or `prefix`.
    pub field: &'static str,
    pub reason: String,
}

/// Holds a named bucket to S3's rules for general purpose bucket names, so a typo is refused
/// when it is set rather than at the first job; dots are refused too, since a dotted name
/// breaks the virtual-host TLS certificate S3 answers with.
pub fn check_bucket(name: &str) -> Result<(), SettingError> {
    let fail = |reason: &str| {
        Err(SettingError {
            field: "bucket",
            reason: format!("'{name}' {reason}"),
        })
    };
    if !(3..=63).contains(&name.len()) {
        return fail("must be 3 to 63 characters long");
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return fail(&format!(
            "has '{c}': a bucket name holds lower-case letters, digits and hyphens"
        ));
    }
    if name.starts_with('-') || name.ends_with('-') {
        return fail("must begin and end with a letter or a digit");
    }
    if name.starts_with("xn--") || name.starts_with("sthree-") || name.ends_with("-s3alias") {
        return fail("uses a prefix or suffix S3 reserves");
    }
    Ok(())
}

/// A key prefix: printable, without `..`, at most 200 characters (the history's limit).
pub fn check_prefix(prefix: &str) -> Result<(), SettingError> {
    let fail = |reason: &str| {
        Err(SettingError {
            field: "prefix",
            reason: format!("'{prefix}' {reason}"),
        })
    };
    if prefix.len() > 200 {
        return fail("is longer than 200 characters");
    }
    if prefix.chars().any(char::is_control) {
        return fail("holds a control character");
    }
    if prefix.split('/').any(|part| part == "..") {
        return fail("holds a `..` segment");
    }
    Ok(())
}

/// Who runs a job on an environment, and until when that holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Lease {
    /// The STS identity that took it (an ARN).
    pub holder: String,
    /// The machine and process, so a person can tell two of their own machines apart.
    pub host: String,
    /// The job: `provision`, `teardown`, ...
    pub job: String,
    pub environment: String,
    pub acquired_at: Timestamp,
    pub expires_at: Timestamp,
}

impl Lease {
    pub fn new(
        holder: &str,
        host: &str,
        job: &str,
        environment: &str,
        now: Timestamp,
        ttl: SignedDuration,
    ) -> Self {
        Self {
            holder: holder.to_string(),
            host: host.to_string(),
            job: job.to_string(),
            environment: environment.to_string(),
            acquired_at: now,
            expires_at: now + ttl,
        }
    }

    /// The same lease, good for another `ttl` from `now`.
    pub fn renewed(&self, now: Timestamp, ttl: SignedDuration) -> Self {
        Self {
            expires_at: now + ttl,
            ..self.clone()
        }
    }

    /// Past its expiry: its holder stopped renewing, so it may be broken.
    pub fn is_expired(&self, now: Timestamp) -> bool {
        now >= self.expires_at
    }

    /// "arn:aws:iam::1:user/ana on laptop (pid 42), running provision since 10:02:03Z"
    pub fn describe(&self) -> String {
        format!(
            "{} on {}, running {} since {}",
            self.holder, self.host, self.job, self.acquired_at
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_name_is_held_to_s3s_rules_and_the_refusal_names_the_field() {
        for good in ["hangar-state-123456789012-eu-west-1", "abc", "team1-state"] {
            assert_eq!(check_bucket(good), Ok(()), "{good}");
        }
        for (bad, says) in [
            ("ab", "3 to 63"),
            ("Hangar-State", "has 'H'"),
            ("my.bucket", "has '.'"),
            ("-state", "begin and end"),
            ("xn--state", "reserves"),
        ] {
            let err = check_bucket(bad).expect_err(bad);
            assert_eq!(err.field, "bucket");
            assert!(err.to_string().contains(says), "{bad}: {err}");
        }
    }

    #[test]
    fn a_prefix_may_not_climb_or_hold_control_characters() {
        assert_eq!(check_prefix("teams/platform/"), Ok(()));
        assert_eq!(check_prefix(""), Ok(()));
        assert!(check_prefix("a/../b").is_err());
        assert_eq!(check_prefix("a\u{7}b").map_err(|e| e.field), Err("prefix"));
        assert!(check_prefix(&"p".repeat(201)).is_err());
    }

    fn at(text: &str) -> Timestamp {
        text.parse().expect("timestamp")
    }

    #[test]
    fn the_bucket_is_the_accounts_and_regions_unless_named() {
        let default = StateLocation::new("123456789012", "eu-west-1", None, None);
        assert_eq!(default.bucket, "hangar-state-123456789012-eu-west-1");
        assert_eq!(default.record_key("u-1"), "hangar/environments/u-1.json");
        assert_eq!(default.lease_key("u-1"), "hangar/leases/u-1.json");
        let named = StateLocation::new("1", "us-east-1", Some("team-bucket"), Some("/ops/hangar/"));
        assert_eq!(named.bucket, "team-bucket");
        assert_eq!(named.records_prefix(), "ops/hangar/environments/");
        let bare = StateLocation::new("1", "us-east-1", None, Some(""));
        assert_eq!(bare.lease_key("u"), "leases/u.json");
    }

    #[test]
    fn a_lease_expires_unless_renewed() {
        let start = at("2026-12-01T10:00:00Z");
        let lease = Lease::new(
            "arn:aws:iam::1:user/ana",
            "laptop (pid 4)",
            "provision",
            "dev",
            start,
            LEASE_TTL,
        );
        assert!(!lease.is_expired(start + SignedDuration::from_secs(119)));
        assert!(lease.is_expired(start + LEASE_TTL));
        let later = start + SignedDuration::from_secs(100);
        let renewed = lease.renewed(later, LEASE_TTL);
        assert!(!renewed.is_expired(start + LEASE_TTL));
        assert_eq!(
            renewed.acquired_at, start,
            "renewal keeps when it was taken"
        );
        assert!(
            renewed
                .describe()
                .contains("ana on laptop (pid 4), running provision since 2026-12-01T10:00:00Z")
        );
    }

    #[test]
    fn a_lease_reads_back_what_was_written() {
        let lease = Lease::new(
            "arn",
            "host",
            "teardown",
            "dev",
            at("2026-12-01T10:00:00Z"),
            LEASE_TTL,
        );
        let json = serde_json::to_string(&lease).expect("json");
        assert!(
            json.contains("\"expiresAt\":\"2026-12-01T10:02:00Z\""),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Lease>(&json).expect("parse"), lease);
    }
}

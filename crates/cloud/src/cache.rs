//! Temporary credentials, kept in this process's memory only, never written anywhere. An entry
//! is used until five minutes before it expires, so a call never starts with credentials that
//! run out under it, and is then fetched again.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;

/// How long before expiry a cached session is replaced.
pub const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(5 * 60);

#[derive(Debug, Default)]
pub struct CredentialsCache {
    entries: Mutex<HashMap<String, Cached>>,
}

#[derive(Debug, Clone)]
struct Cached {
    /// Everything the session was made from; a changed profile does not reuse it.
    fingerprint: String,
    credentials: Credentials,
}

impl CredentialsCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// The session cached for `key`, if it was made from the same settings and is not within
    /// five minutes of its expiry.
    pub fn get(&self, key: &str, fingerprint: &str, now: SystemTime) -> Option<Credentials> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        let cached = entries.get(key)?;
        let fresh = cached
            .credentials
            .expiry()
            .is_some_and(|expiry| expiry > now + REFRESH_BEFORE_EXPIRY);
        (fresh && cached.fingerprint == fingerprint).then(|| cached.credentials.clone())
    }

    /// Keeps a session; credentials without an expiry are long-term and are not cached.
    pub fn put(&self, key: &str, fingerprint: &str, credentials: &Credentials) {
        if credentials.expiry().is_none() {
            return;
        }
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.insert(
            key.into(),
            Cached {
                fingerprint: fingerprint.into(),
                credentials: credentials.clone(),
            },
        );
    }

    /// Forgets the session with this access key id, which AWS has just called expired (a
    /// session can end before its stated expiry: revoked, or a clock ahead of ours). Whether
    /// it was still held: requests that failed together find it gone after the first.
    pub fn expire(&self, access_key_id: &str) -> bool {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        let before = entries.len();
        entries.retain(|_, cached| cached.credentials.access_key_id() != access_key_id);
        entries.len() != before
    }

    /// Forgets everything, e.g. after a profile was changed or removed.
    pub fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }

    pub fn len(&self) -> usize {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(expires_in: Duration, now: SystemTime) -> Credentials {
        Credentials::new(
            "ASIA",
            "secret",
            Some("token".into()),
            Some(now + expires_in),
            "test",
        )
    }

    #[test]
    fn a_session_is_refreshed_five_minutes_before_it_expires() {
        let cache = CredentialsCache::new();
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        cache.put("deploy", "fp", &session(Duration::from_secs(3600), now));
        assert!(cache.get("deploy", "fp", now).is_some());
        let later = now + Duration::from_secs(3600 - 301);
        assert!(cache.get("deploy", "fp", later).is_some());
        let too_late = now + Duration::from_secs(3600 - 299);
        assert!(cache.get("deploy", "fp", too_late).is_none());
    }

    #[test]
    fn changed_settings_or_long_term_keys_are_not_reused() {
        let cache = CredentialsCache::new();
        let now = SystemTime::now();
        cache.put("deploy", "fp-1", &session(Duration::from_secs(3600), now));
        assert!(cache.get("deploy", "fp-2", now).is_none());
        cache.put(
            "keys",
            "fp",
            &Credentials::new("AKIA", "s", None, None, "test"),
        );
        assert!(cache.get("keys", "fp", now).is_none());
        cache.clear();
        assert!(cache.is_empty());
    }

    #[test]
    fn a_session_aws_called_expired_is_forgotten_and_only_that_one() {
        let cache = CredentialsCache::new();
        let now = SystemTime::now();
        let other = Credentials::new(
            "ASIAOTHER",
            "s",
            Some("t".into()),
            Some(now + Duration::from_secs(3600)),
            "test",
        );
        cache.put("deploy", "fp", &session(Duration::from_secs(3600), now));
        cache.put("audit", "fp", &other);
        assert!(cache.expire("ASIA"));
        assert!(!cache.expire("ASIA"), "already gone");
        assert!(cache.get("deploy", "fp", now).is_none());
        assert!(cache.get("audit", "fp", now).is_some());
    }
}

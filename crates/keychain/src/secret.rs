use serde::Deserialize;
use zeroize::Zeroizing;

/// A secret value: printed as `***`, wiped from memory when dropped, and deliberately not
/// `Serialize`, so it cannot end up in JSON, IPC replies or logs by accident. Read it with
/// [`Secret::expose`] at the one place that hands it to the keychain or the AWS SDK.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(Zeroizing::new(value.into()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::new)
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

/// What the keychain holds for one profile. The access key id is not secret on its own (AWS
/// prints it in consoles and logs) but it lives here so the pair never comes apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileSecret {
    pub access_key_id: String,
    pub secret_access_key: Secret,
    pub session_token: Option<Secret>,
}

/// The keychain entry's JSON. Only this module builds it, and only into a zeroizing buffer.
#[derive(serde::Serialize, Deserialize)]
struct Stored<'a> {
    #[serde(rename = "accessKeyId")]
    access_key_id: std::borrow::Cow<'a, str>,
    #[serde(rename = "secretAccessKey")]
    secret_access_key: std::borrow::Cow<'a, str>,
    #[serde(
        rename = "sessionToken",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    session_token: Option<std::borrow::Cow<'a, str>>,
}

impl ProfileSecret {
    pub fn new(access_key_id: impl Into<String>, secret_access_key: Secret) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret_access_key,
            session_token: None,
        }
    }

    pub(crate) fn to_json(&self) -> Zeroizing<String> {
        let stored = Stored {
            access_key_id: self.access_key_id.as_str().into(),
            secret_access_key: self.secret_access_key.expose().into(),
            session_token: self.session_token.as_ref().map(|t| t.expose().into()),
        };
        // Serialising three strings cannot fail.
        Zeroizing::new(serde_json::to_string(&stored).unwrap_or_default())
    }

    /// `None` when the entry is not ours or is damaged; the error would echo the value.
    pub(crate) fn from_json(json: &str) -> Option<Self> {
        let stored: Stored<'_> = serde_json::from_str(json).ok()?;
        Some(Self {
            access_key_id: stored.access_key_id.into_owned(),
            secret_access_key: Secret::new(stored.secret_access_key.into_owned()),
            session_token: stored.session_token.map(|t| Secret::new(t.into_owned())),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_hide_the_value() {
        let secret = Secret::new("wJalrXUtnFEMI/K7MDENG");
        assert_eq!(format!("{secret:?}"), "***");
        assert_eq!(format!("{secret}"), "***");
        let profile = ProfileSecret {
            access_key_id: "AKIAEXAMPLE".into(),
            secret_access_key: secret,
            session_token: Some(Secret::new("FwoGZXIvYXdzEXAMPLETOKEN")),
        };
        let debug = format!("{profile:?}");
        assert!(!debug.contains("wJalr"), "{debug}");
        assert!(!debug.contains("FwoGZ"), "{debug}");
        assert!(debug.contains("AKIAEXAMPLE"), "{debug}");
    }

    #[test]
    fn json_round_trip_keeps_every_field() {
        let mut profile = ProfileSecret::new("AKIA1", Secret::new("s3cr3t"));
        assert_eq!(
            ProfileSecret::from_json(&profile.to_json()),
            Some(profile.clone())
        );
        profile.session_token = Some(Secret::new("tok"));
        assert_eq!(ProfileSecret::from_json(&profile.to_json()), Some(profile));
    }

    #[test]
    fn a_damaged_entry_is_none_not_an_error_that_echoes_it() {
        assert_eq!(
            ProfileSecret::from_json("{\"secretAccessKey\": \"leak\""),
            None
        );
    }

    #[test]
    fn deserialises_from_a_plain_string() {
        let secret: Secret = serde_json::from_str("\"typed once\"").expect("string");
        assert_eq!(secret.expose(), "typed once");
    }
}

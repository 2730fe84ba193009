/// Why the keychain could not be used, worded so a person knows what to do next. No variant
/// ever carries a secret: the platform's own error text names services and paths, not values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeychainError {
    #[error(
        "the OS keychain is locked: unlock your login keyring (log in to the desktop session, or open \"Passwords and Keys\" and unlock \"Login\") and try again"
    )]
    Locked,
    #[error(
        "no Secret Service is running: install and start gnome-keyring or KWallet in your desktop session (Hangar keeps AWS secrets only in the OS keychain, never in a file)"
    )]
    Unavailable,
    #[error(
        "this build of Hangar has no OS keychain support for this platform, and it will not keep secrets in memory or in a file instead"
    )]
    NoPlatformStore,
    #[error(
        "the keychain entry of profile {profile:?} is damaged: remove the profile and add it again"
    )]
    Damaged { profile: String },
    #[error("the OS keychain failed: {0}")]
    Failed(String),
}

impl KeychainError {
    /// A stable, machine-readable name for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Locked => "keychain_locked",
            Self::Unavailable | Self::NoPlatformStore => "keychain_unavailable",
            Self::Damaged { .. } | Self::Failed(_) => "keychain",
        }
    }
}

/// Tells a locked store from a missing one. keyring folds "locked", "prompt dismissed" and "no
/// such collection" into `NoStorageAccess`; a D-Bus session without a Secret Service (or no
/// session at all) arrives as a `PlatformFailure` whose text names D-Bus.
pub(crate) fn classify(err: keyring::Error) -> KeychainError {
    match err {
        keyring::Error::NoStorageAccess(inner) => {
            let text = inner.to_string().to_lowercase();
            if text.contains("no result") || text.contains("not found") {
                KeychainError::Unavailable
            } else {
                KeychainError::Locked
            }
        }
        keyring::Error::PlatformFailure(inner) => {
            let text = inner.to_string();
            let lower = text.to_lowercase();
            let no_service = [
                "serviceunknown",
                "org.freedesktop.secrets",
                "dbus_session_bus_address",
                "failed to connect",
                "no such file or directory",
                "connection refused",
                "unable to autolaunch",
                "not provided by any .service files",
            ];
            if no_service.iter().any(|needle| lower.contains(needle)) {
                KeychainError::Unavailable
            } else {
                KeychainError::Failed(text)
            }
        }
        other => KeychainError::Failed(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxed(text: &str) -> Box<dyn std::error::Error + Send + Sync> {
        text.to_string().into()
    }

    #[test]
    fn locked_and_missing_stores_are_told_apart() {
        let locked = classify(keyring::Error::NoStorageAccess(boxed(
            "SS Error: object locked",
        )));
        assert_eq!(locked, KeychainError::Locked);
        assert!(locked.to_string().contains("unlock your login keyring"));
        assert_eq!(locked.code(), "keychain_locked");

        let missing = classify(keyring::Error::PlatformFailure(boxed(
            "D-Bus error: The name org.freedesktop.secrets was not provided by any .service files",
        )));
        assert_eq!(missing, KeychainError::Unavailable);
        assert!(missing.to_string().contains("gnome-keyring or KWallet"));

        let other = classify(keyring::Error::TooLong("user".into(), 10));
        assert!(matches!(other, KeychainError::Failed(_)));
    }
}

//! What a profile is, apart from its secret: the secret half lives in the OS keychain only.

use serde::{Deserialize, Serialize};

/// How a profile gets credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum ProfileKind {
    /// The local emulator the app starts for itself.
    Sandbox,
    /// An access key pair (and maybe a long-lived session token) kept in the keychain.
    AccessKeys,
    /// A role assumed through STS from another profile's credentials.
    AssumeRole,
    /// A profile of `~/.aws/config`, resolved by the SDK's own provider chain (SSO included).
    AwsConfig,
}

impl ProfileKind {
    pub const ALL: [Self; 4] = [
        Self::Sandbox,
        Self::AccessKeys,
        Self::AssumeRole,
        Self::AwsConfig,
    ];

    /// The stable spelling used in the history database and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sandbox => "sandbox",
            Self::AccessKeys => "accessKeys",
            Self::AssumeRole => "assumeRole",
            Self::AwsConfig => "awsConfig",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_round_trips_and_matches_serde() {
        for kind in ProfileKind::ALL {
            assert_eq!(ProfileKind::parse(kind.as_str()), Some(kind));
            let json = serde_json::to_string(&kind).expect("serialise");
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
        assert_eq!(ProfileKind::parse("nope"), None);
    }
}

//! The last step before RunInstances: the environment's generated password goes where the
//! plan's script holds [`GENERATED_PASSWORD_PLACEHOLDER`]. Only here, in memory, on the way to
//! AWS: the plan, the history and the UI keep the placeholder.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use flate2::read::GzDecoder;
use zeroize::Zeroizing;

use super::{GENERATED_PASSWORD_LEN, GENERATED_PASSWORD_PLACEHOLDER, shell_quote};
use crate::graph::spec::UserData;
use crate::users::{UserDataError, fit_user_data};

/// A generated password on its way to user data: letters and digits, [`GENERATED_PASSWORD_LEN`]
/// long, printed as `***`, wiped when dropped, and not `Serialize`.
#[derive(Clone, PartialEq, Eq)]
pub struct LaunchPassword(Zeroizing<String>);

impl LaunchPassword {
    /// Refuses anything but a password Hangar could have generated; the error never echoes it.
    pub fn new(value: impl Into<String>) -> Result<Self, LaunchError> {
        let value = Zeroizing::new(value.into());
        if value.len() == GENERATED_PASSWORD_LEN && value.chars().all(|c| c.is_ascii_alphanumeric())
        {
            Ok(Self(value))
        } else {
            Err(LaunchError::NotAGeneratedPassword)
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for LaunchPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LaunchError {
    #[error(
        "the user data needs the environment's generated password, and none was given (is the \
         keychain unlocked?)"
    )]
    PasswordMissing,
    #[error(
        "the keychain's password for this environment is not one Hangar generated \
         ({GENERATED_PASSWORD_LEN} letters and digits)"
    )]
    NotAGeneratedPassword,
    #[error("the plan's user data could not be decoded: {0}")]
    Damaged(String),
    #[error("with the generated password, {0}")]
    TooLarge(UserDataError),
}

/// The base64 RunInstances takes: the plan's user data, with `password` in place of the
/// placeholder when the script holds one.
pub fn launch_user_data(
    ud: &UserData,
    password: Option<&LaunchPassword>,
) -> Result<String, LaunchError> {
    let script: Zeroizing<Vec<u8>> = Zeroizing::new(match ud {
        UserData::Script(script) => script.as_bytes().to_vec(),
        UserData::Baked { base64, gzip, .. } => {
            let bytes = STANDARD
                .decode(base64)
                .map_err(|e| LaunchError::Damaged(e.to_string()))?;
            if *gzip {
                let mut out = Vec::new();
                std::io::Read::read_to_end(&mut GzDecoder::new(bytes.as_slice()), &mut out)
                    .map_err(|e| LaunchError::Damaged(e.to_string()))?;
                out
            } else {
                bytes
            }
        }
    });
    let marker = shell_quote(GENERATED_PASSWORD_PLACEHOLDER);
    let text = String::from_utf8_lossy(&script);
    if !text.contains(&marker) {
        return Ok(match ud {
            UserData::Script(script) => STANDARD.encode(script.as_bytes()),
            UserData::Baked { base64, .. } => base64.clone(),
        });
    }
    let password = password.ok_or(LaunchError::PasswordMissing)?;
    let filled = Zeroizing::new(text.replace(&marker, &shell_quote(password.expose())));
    let payload = fit_user_data(filled.as_bytes()).map_err(LaunchError::TooLarge)?;
    Ok(payload.base64())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PW: &str = "Abcdefghijklmnopqrstuvwxyz012345";

    fn script() -> String {
        format!(
            "#!/bin/bash\nenv_line 'DB_PASSWORD' {} '/opt/app/.env'\n",
            shell_quote(GENERATED_PASSWORD_PLACEHOLDER)
        )
    }

    fn decode(b64: &str) -> String {
        String::from_utf8(STANDARD.decode(b64).expect("base64")).expect("utf8")
    }

    #[test]
    fn the_password_replaces_the_placeholder_and_nothing_else_changes_length() {
        let pw = LaunchPassword::new(PW).expect("valid");
        let out =
            decode(&launch_user_data(&UserData::Script(script()), Some(&pw)).expect("launch"));
        assert_eq!(out.len(), script().len());
        assert!(out.contains(&format!("env_line 'DB_PASSWORD' '{PW}' '/opt/app/.env'")));
        assert!(!out.contains(GENERATED_PASSWORD_PLACEHOLDER));
    }

    #[test]
    fn a_script_that_needs_a_password_refuses_to_launch_without_one() {
        assert_eq!(
            launch_user_data(&UserData::Script(script()), None),
            Err(LaunchError::PasswordMissing)
        );
        let plain = UserData::Script("#!/bin/bash\necho hi\n".into());
        assert_eq!(
            decode(&launch_user_data(&plain, None).expect("no password needed")),
            "#!/bin/bash\necho hi\n"
        );
    }

    #[test]
    fn gzipped_baked_user_data_is_opened_filled_and_refitted() {
        let big = format!("{}# {}\n", script(), "x".repeat(20_000));
        let payload = crate::users::fit_user_data(big.as_bytes()).expect("gzip fits");
        assert!(payload.gzipped);
        let baked = UserData::Baked {
            base64: payload.base64(),
            gzip: true,
            users: 1,
        };
        let pw = LaunchPassword::new(PW).expect("valid");
        let out = STANDARD
            .decode(launch_user_data(&baked, Some(&pw)).expect("launch"))
            .expect("b64");
        let mut text = String::new();
        std::io::Read::read_to_string(&mut GzDecoder::new(out.as_slice()), &mut text)
            .expect("still gzip");
        assert!(text.contains(&format!("'{PW}'")));
    }

    #[test]
    fn only_generated_passwords_are_taken_and_never_echoed() {
        for bad in ["postgres", "Abcdefghijklmnopqrstuvwxyz01234'", ""] {
            let err = LaunchPassword::new(bad).expect_err(bad);
            assert!(bad.is_empty() || !err.to_string().contains(bad));
        }
        assert_eq!(
            format!("{:?}", LaunchPassword::new(PW).expect("valid")),
            "***"
        );
    }
}

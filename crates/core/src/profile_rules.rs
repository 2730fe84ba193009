//! The rules a profile's non-secret fields must follow, checked before anything is stored or
//! sent to AWS, so a typo is reported next to the field rather than as an STS error later.

use crate::error::ValidationErrors;
use crate::profile::ProfileKind;

/// STS accepts 900 s to 43,200 s (the role's own maximum may be lower).
pub const MIN_DURATION_SECS: u32 = 900;
pub const MAX_DURATION_SECS: u32 = 43_200;
/// AWS caps a role assumed with another role's credentials ("role chaining") at one hour.
pub const CHAINED_MAX_SECS: u32 = 3_600;
/// What STS gives when no duration is asked for.
pub const DEFAULT_DURATION_SECS: u32 = 3_600;

/// The fields of a profile as the user typed them; the field names are the camelCase ones the
/// UI shows, so an error's `path` points at its input.
#[derive(Debug, Clone, Default)]
pub struct ProfileFields<'a> {
    pub name: &'a str,
    pub kind: Option<ProfileKind>,
    pub region: &'a str,
    pub endpoint: Option<&'a str>,
    pub source_profile: Option<&'a str>,
    pub role_arn: Option<&'a str>,
    pub external_id: Option<&'a str>,
    pub mfa_serial: Option<&'a str>,
    pub session_name: Option<&'a str>,
    pub duration_secs: Option<u32>,
    pub aws_profile: Option<&'a str>,
}

/// Every problem found, each with the field it belongs to.
pub fn validate_profile(p: &ProfileFields<'_>) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let mut check = |field: &str, result: Result<(), String>| {
        if let Err(message) = result {
            errors.push(field, message);
        }
    };
    check("name", check_name(p.name));
    check("region", check_region(p.region));
    if let Some(endpoint) = p.endpoint {
        check("endpoint", check_endpoint(endpoint));
    }
    if p.kind == Some(ProfileKind::AssumeRole) {
        check("roleArn", required(p.role_arn).and_then(check_role_arn));
        check(
            "sourceProfile",
            required(p.source_profile).and_then(check_name),
        );
        if p.source_profile == Some(p.name) {
            check(
                "sourceProfile",
                Err("a profile cannot assume a role from itself".into()),
            );
        }
    }
    if p.kind == Some(ProfileKind::AwsConfig) {
        check(
            "awsProfile",
            required(p.aws_profile).and_then(check_aws_profile),
        );
    }
    if let Some(arn) = p
        .role_arn
        .filter(|_| p.kind != Some(ProfileKind::AssumeRole))
    {
        check("roleArn", check_role_arn(arn));
    }
    if let Some(id) = p.external_id {
        check("externalId", check_external_id(id));
    }
    if let Some(serial) = p.mfa_serial {
        check("mfaSerial", check_mfa_serial(serial));
    }
    if let Some(name) = p.session_name {
        check("sessionName", check_session_name(name));
    }
    if let Some(secs) = p.duration_secs {
        check("durationSecs", check_duration(secs));
    }
    if errors.0.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn required(value: Option<&str>) -> Result<&str, String> {
    value
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| "is required".into())
}

/// A profile name is a keychain entry's user and a command-line word: printable, no spaces.
pub fn check_name(name: &str) -> Result<(), String> {
    if name.is_empty() || name.chars().count() > 64 {
        return Err("must be 1 to 64 characters".into());
    }
    let ok = |c: char| c.is_ascii_alphanumeric() || "-_.@+=,".contains(c);
    if !name.chars().all(ok) {
        return Err("may hold only letters, digits and - _ . @ + = ,".into());
    }
    if !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return Err("must start with a letter or a digit".into());
    }
    Ok(())
}

/// `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`, `ap-southeast-3`...
pub fn check_region(region: &str) -> Result<(), String> {
    let parts: Vec<&str> = region.split('-').collect();
    let lower = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase());
    let shaped = parts.len() >= 3
        && parts[0].len() == 2
        && parts[..parts.len() - 1].iter().all(|p| lower(p))
        && parts
            .last()
            .is_some_and(|n| (1..=2).contains(&n.len()) && n.chars().all(|c| c.is_ascii_digit()));
    if shaped {
        Ok(())
    } else {
        Err(format!("{region:?} is not an AWS region (like us-east-1)"))
    }
}

/// The characters IAM allows in role names, session names and paths.
fn iam_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "+=,.@_-".contains(c)
}

/// `arn:aws:iam::123456789012:role/Name` or `arn:aws-us-gov:iam::123456789012:role/path/Name`.
pub fn check_role_arn(arn: &str) -> Result<(), String> {
    let bad = || format!("{arn:?} is not a role ARN (arn:aws:iam::123456789012:role/NAME)");
    let (_account, rest) = iam_arn(arn).ok_or_else(bad)?;
    let path = rest.strip_prefix("role/").ok_or_else(bad)?;
    let name = path.rsplit('/').next().unwrap_or_default();
    let path_ok = path
        .split('/')
        .all(|seg| !seg.is_empty() && seg.chars().all(iam_word_char));
    if path_ok && (1..=64).contains(&name.len()) {
        Ok(())
    } else {
        Err(bad())
    }
}

/// Splits `arn:aws[-partition]:iam::ACCOUNT:REST` into the account and the rest.
fn iam_arn(arn: &str) -> Option<(&str, &str)> {
    let rest = arn.strip_prefix("arn:aws")?;
    let (partition, rest) = rest.split_once(':')?;
    let partition_ok = partition.is_empty()
        || partition
            .strip_prefix('-')
            .is_some_and(|p| p.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
    if !partition_ok {
        return None;
    }
    let rest = rest.strip_prefix("iam::")?;
    let (account, rest) = rest.split_once(':')?;
    let account_ok = account.len() == 12 && account.chars().all(|c| c.is_ascii_digit());
    account_ok.then_some((account, rest))
}

/// An MFA device: a virtual device's ARN (`arn:aws:iam::123456789012:mfa/NAME`) or a hardware
/// token's serial number.
pub fn check_mfa_serial(serial: &str) -> Result<(), String> {
    let ok_chars = serial.chars().all(|c| iam_word_char(c) || "/:".contains(c));
    if !(9..=256).contains(&serial.len()) || !ok_chars {
        return Err(format!(
            "{serial:?} is not an MFA device (arn:aws:iam::123456789012:mfa/NAME or a serial number)"
        ));
    }
    if serial.starts_with("arn:") {
        let shaped = iam_arn(serial).is_some_and(|(_, rest)| rest.starts_with("mfa/"));
        if !shaped {
            return Err(format!(
                "{serial:?} is not an MFA device ARN (arn:aws:iam::123456789012:mfa/NAME)"
            ));
        }
    }
    Ok(())
}

pub fn check_external_id(id: &str) -> Result<(), String> {
    let ok_chars = id.chars().all(|c| iam_word_char(c) || "/:".contains(c));
    if (2..=1224).contains(&id.len()) && ok_chars {
        Ok(())
    } else {
        Err("must be 2 to 1224 characters: letters, digits and + = , . @ : / _ -".into())
    }
}

pub fn check_session_name(name: &str) -> Result<(), String> {
    if (2..=64).contains(&name.len()) && name.chars().all(iam_word_char) {
        Ok(())
    } else {
        Err("must be 2 to 64 characters: letters, digits and + = , . @ _ -".into())
    }
}

pub fn check_duration(secs: u32) -> Result<(), String> {
    if (MIN_DURATION_SECS..=MAX_DURATION_SECS).contains(&secs) {
        Ok(())
    } else {
        Err(format!(
            "must be between {MIN_DURATION_SECS} and {MAX_DURATION_SECS} seconds (15 minutes to 12 hours)"
        ))
    }
}

/// An endpoint gets the profile's signed requests and session tokens: `https://`, or `http://`
/// only to this machine (an emulator on 127.0.0.1, `localhost` or `[::1]`).
pub fn check_endpoint(url: &str) -> Result<(), String> {
    let not_url = || format!("{url:?} is not an http:// or https:// URL");
    let (tls, rest) = match (url.strip_prefix("https://"), url.strip_prefix("http://")) {
        (Some(rest), _) => (true, rest),
        (None, Some(rest)) => (false, rest),
        (None, None) => return Err(not_url()),
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(not_url());
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Err(format!(
            "{url:?} carries a user name; an endpoint is scheme://host[:port]"
        ));
    }
    let (host, port) = match authority.strip_prefix('[') {
        Some(v6) => {
            let (host, after) = v6.split_once(']').ok_or_else(not_url)?;
            (host, after.strip_prefix(':'))
        }
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    if host.is_empty() || port.is_some_and(|p| p.parse::<u16>().is_err()) {
        return Err(not_url());
    }
    if tls || is_loopback(host) {
        Ok(())
    } else {
        Err(format!(
            "{url:?} is plain http to another machine; use https://, or http:// only to \
             127.0.0.1, [::1] or localhost (signed requests and session tokens go to this host)"
        ))
    }
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// A name in `~/.aws/config`: anything the file can hold in a section header.
pub fn check_aws_profile(name: &str) -> Result<(), String> {
    if name.is_empty()
        || name
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == ']')
    {
        Err(format!("{name:?} is not a profile name of ~/.aws/config"))
    } else {
        Ok(())
    }
}

/// The session length Hangar asks STS for, and why it differs from what was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionDuration {
    pub secs: u32,
    /// Set when the request was cut to one hour because the role is assumed from a role.
    pub warning: Option<String>,
}

/// Applies AWS's role-chaining cap: a role assumed with temporary credentials of a role (another
/// role profile, or keys that are themselves a role session) lasts at most one hour, whatever
/// was asked; saying so beats STS's bare ValidationError at the first AssumeRole. The warning
/// starts with the field it is about.
pub fn session_duration(requested: Option<u32>, chained: bool, role_arn: &str) -> SessionDuration {
    let secs = requested.unwrap_or(DEFAULT_DURATION_SECS);
    if chained && secs > CHAINED_MAX_SECS {
        return SessionDuration {
            secs: CHAINED_MAX_SECS,
            warning: Some(format!(
                "durationSecs: {role_arn} is assumed with a role's temporary credentials (role chaining), and AWS caps such a session at one hour: asking for {CHAINED_MAX_SECS} s instead of {secs} s. For a longer session, assume it directly from a profile with long-term access keys."
            )),
        };
    }
    SessionDuration {
        secs,
        warning: None,
    }
}

/// Whether keys are temporary rather than long-term: temporary access key ids start with `ASIA`
/// and come with a session token. They are a role's session (a role assumed with them is
/// chained) or an IAM user's GetSessionToken session (it is not): only STS can tell which, see
/// [`is_role_session_arn`].
pub fn is_session_key(access_key_id: &str, has_session_token: bool) -> bool {
    has_session_token && access_key_id.starts_with("ASIA")
}

/// Whether GetCallerIdentity's ARN is a role's session (`arn:aws:sts::ACCOUNT:assumed-role/...`)
/// rather than an IAM user's, whose GetSessionToken keys are temporary too.
pub fn is_role_session_arn(arn: &str) -> bool {
    let mut parts = arn.splitn(6, ':');
    parts.next() == Some("arn")
        && parts.next().is_some()
        && parts.next() == Some("sts")
        && parts.nth(2).is_some_and(|r| r.starts_with("assumed-role/"))
}

#[cfg(test)]
mod tests;

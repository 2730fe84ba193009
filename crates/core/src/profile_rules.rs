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
mod tests {
    use super::*;

    #[test]
    fn a_chained_role_is_capped_at_an_hour_and_told_so_at_its_field() {
        let arn = "arn:aws:iam::123456789012:role/Deploy";
        let capped = session_duration(Some(7_200), true, arn);
        assert_eq!(capped.secs, CHAINED_MAX_SECS);
        let warning = capped.warning.expect("a warning");
        assert!(warning.starts_with("durationSecs: "), "{warning}");
        assert!(warning.contains("one hour"), "{warning}");
        assert_eq!(session_duration(Some(7_200), false, arn).secs, 7_200);
        assert_eq!(session_duration(Some(3_600), true, arn).warning, None);
        assert!(is_session_key("ASIAEXAMPLE", true));
        assert!(!is_session_key("ASIAEXAMPLE", false));
        assert!(!is_session_key("AKIAEXAMPLE", true));
    }

    #[test]
    fn only_an_assumed_role_arn_is_a_role_session() {
        assert!(is_role_session_arn(
            "arn:aws:sts::123456789012:assumed-role/Deploy/hangar-dev"
        ));
        assert!(is_role_session_arn(
            "arn:aws-cn:sts::123456789012:assumed-role/Deploy/s"
        ));
        for not in [
            "arn:aws:iam::123456789012:user/alice",
            "arn:aws:sts::123456789012:federated-user/alice",
            "arn:aws:iam::123456789012:root",
            "arn:aws:iam::123456789012:assumed-role/x",
            "assumed-role/Deploy/s",
        ] {
            assert!(!is_role_session_arn(not), "{not}");
        }
    }

    #[test]
    fn names() {
        for ok in ["dev", "Prod_2", "client.a@acme", "x"] {
            assert_eq!(check_name(ok), Ok(()), "{ok}");
        }
        for bad in ["", " dev", "a b", "-dev", "é", &"a".repeat(65)] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn regions() {
        for ok in [
            "us-east-1",
            "eu-central-2",
            "us-gov-west-1",
            "ap-southeast-3",
            "il-central-1",
        ] {
            assert_eq!(check_region(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "us-east",
            "US-EAST-1",
            "useast1",
            "us-east-123",
            "u-east-1",
            "us--1",
        ] {
            assert!(check_region(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn role_arns() {
        for ok in [
            "arn:aws:iam::123456789012:role/Deploy",
            "arn:aws-us-gov:iam::123456789012:role/team/ci/Deploy",
            "arn:aws-cn:iam::123456789012:role/a+b=c,d.e@f_g-h",
        ] {
            assert_eq!(check_role_arn(ok), Ok(()), "{ok}");
        }
        for bad in [
            "arn:aws:iam::12345678901:role/Short",
            "arn:aws:iam::123456789012:user/Bob",
            "arn:aws:sts::123456789012:role/Deploy",
            "arn:aws:iam::123456789012:role/",
            "arn:aws:iam::123456789012:role/with space",
            "arn:awsx:iam::123456789012:role/X",
            "arn:aws:iam::123456789012:role//X",
            "Deploy",
        ] {
            assert!(check_role_arn(bad).is_err(), "{bad}");
        }
        let long = format!("arn:aws:iam::123456789012:role/{}", "r".repeat(65));
        assert!(check_role_arn(&long).is_err());
    }

    #[test]
    fn mfa_external_id_session_name_endpoint() {
        assert_eq!(
            check_mfa_serial("arn:aws:iam::123456789012:mfa/alice"),
            Ok(())
        );
        assert_eq!(check_mfa_serial("GAHT12345678"), Ok(()));
        assert!(check_mfa_serial("arn:aws:iam::123456789012:role/x").is_err());
        assert!(check_mfa_serial("short").is_err());
        assert_eq!(check_external_id("client-4711"), Ok(()));
        assert!(check_external_id("x").is_err());
        assert!(check_external_id("has space").is_err());
        assert_eq!(check_session_name("hangar-alice"), Ok(()));
        assert!(check_session_name("a").is_err());
        assert_eq!(check_endpoint("http://127.0.0.1:4566"), Ok(()));
        assert!(check_endpoint("localhost:4566").is_err());
        assert!(check_endpoint("http://").is_err());
    }

    #[test]
    fn endpoints_are_https_or_loopback_http() {
        for ok in [
            "https://s3.eu-west-1.amazonaws.com",
            "https://minio.example.com:9000/",
            "http://127.0.0.1:4566",
            "http://127.8.0.1",
            "http://localhost:5000",
            "http://[::1]:4566/",
        ] {
            assert_eq!(check_endpoint(ok), Ok(()), "{ok}");
        }
        for plain in [
            "http://example.com",
            "http://10.0.0.5:4566",
            "http://127.0.0.1.evil.com",
            "http://localhost.evil.com",
            "http://[::2]:4566",
        ] {
            let err = check_endpoint(plain).expect_err(plain);
            assert!(
                err.contains("plain http to another machine"),
                "{plain}: {err}"
            );
        }
        for bad in [
            "http://127.0.0.1@evil.com",
            "https://user:pw@host",
            "http://127.0.0.1:99999",
            "http://[::1",
            "ftp://127.0.0.1",
        ] {
            assert!(check_endpoint(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn durations() {
        assert_eq!(check_duration(900), Ok(()));
        assert_eq!(check_duration(43_200), Ok(()));
        assert!(check_duration(899).is_err());
        assert!(check_duration(43_201).is_err());
    }

    #[test]
    fn chained_sessions_are_capped_at_one_hour_with_a_reason() {
        let arn = "arn:aws:iam::123456789012:role/Deploy";
        let direct = session_duration(Some(43_200), false, arn);
        assert_eq!(
            direct,
            SessionDuration {
                secs: 43_200,
                warning: None
            }
        );
        let chained = session_duration(Some(7_200), true, arn);
        assert_eq!(chained.secs, 3_600);
        let warning = chained.warning.expect("a warning");
        assert!(
            warning.contains("one hour") && warning.contains("7200"),
            "{warning}"
        );
        assert_eq!(session_duration(None, true, arn).warning, None);
    }

    #[test]
    fn a_profile_reports_every_bad_field() {
        let fields = ProfileFields {
            name: "bad name",
            kind: Some(ProfileKind::AssumeRole),
            region: "mars-1",
            duration_secs: Some(60),
            ..ProfileFields::default()
        };
        let errors = validate_profile(&fields).expect_err("invalid");
        let paths: Vec<&str> = errors.0.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            ["name", "region", "roleArn", "sourceProfile", "durationSecs"]
        );

        let good = ProfileFields {
            name: "deploy",
            kind: Some(ProfileKind::AssumeRole),
            region: "eu-west-1",
            source_profile: Some("base"),
            role_arn: Some("arn:aws:iam::123456789012:role/Deploy"),
            external_id: Some("client-4711"),
            duration_secs: Some(3600),
            ..ProfileFields::default()
        };
        assert_eq!(validate_profile(&good), Ok(()));
        let own_source = ProfileFields {
            source_profile: Some("deploy"),
            ..good
        };
        assert!(validate_profile(&own_source).is_err());
    }
}

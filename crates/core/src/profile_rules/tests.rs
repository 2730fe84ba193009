//! The profile rules' unit tests.

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

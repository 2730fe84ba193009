//! A users file is read within caps, each named in its error, and a file that is not a users
//! CSV is refused without its contents in the message.

use hangar_core::users::{
    FileErrorKind, MAX_COLUMNS, MAX_REPORTED_ERRORS, MAX_ROWS, check_users_csv,
};

#[test]
fn rows_past_the_cap_are_refused_naming_it() {
    let mut csv = String::from("username,email,role\n");
    for i in 0..=MAX_ROWS {
        csv.push_str(&format!("u{i},u{i}@example.com,admin\n"));
    }
    let err = check_users_csv(csv.as_bytes()).expect_err("too many rows");
    assert_eq!(err.kind, FileErrorKind::TooManyRows);
    assert!(
        err.message.contains(&MAX_ROWS.to_string()),
        "{}",
        err.message
    );
}

#[test]
fn columns_past_the_cap_are_refused_naming_it() {
    let mut header = String::from("username,email,role");
    for i in 0..MAX_COLUMNS {
        header.push_str(&format!(",extra{i}"));
    }
    let csv = format!("{header}\nann,ann@example.com,admin\n");
    let err = check_users_csv(csv.as_bytes()).expect_err("too many columns");
    assert_eq!(err.kind, FileErrorKind::TooManyColumns);
    assert!(
        err.message.contains(&MAX_COLUMNS.to_string()),
        "{}",
        err.message
    );
}

#[test]
fn reported_errors_are_capped_and_the_rest_counted() {
    let mut csv = String::from("username,email,role\n");
    let bad = MAX_REPORTED_ERRORS + 500;
    for i in 0..bad {
        csv.push_str(&format!("u{i},not-an-email,admin\n"));
    }
    let report = check_users_csv(csv.as_bytes()).expect("a users CSV");
    assert_eq!(report.errors.len(), MAX_REPORTED_ERRORS);
    assert_eq!(report.invalid_rows, bad);
    let said = format!("only the first {MAX_REPORTED_ERRORS} are listed");
    assert!(
        report.warnings.iter().any(|w| w.contains(&said)),
        "{:?}",
        report.warnings
    );
}

#[test]
fn a_file_that_is_not_a_users_csv_is_not_echoed() {
    for text in [
        "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY\n",
        "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n",
    ] {
        let err = check_users_csv(text.as_bytes()).expect_err("not a users CSV");
        assert_eq!(err.kind, FileErrorKind::NoHeader, "{}", err.message);
        for word in ["wJalrXUtnFEMI", "root", "AWS_SECRET"] {
            assert!(!err.message.contains(word), "{}", err.message);
        }
    }
}

//! Properties: no input makes the reader panic, and what Hangar writes it reads back unchanged.

use hangar_core::users::{
    DEFAULT_ROLES, UserRow, check_users_csv, check_users_csv_with_roles, clean_users_csv,
    export_users_csv, is_reserved_username,
};
use proptest::prelude::*;

/// CSV-ish text: delimiters, quotes, line ends, `@`, formula starters, accents, controls.
const CSVISH: &str = "[a-zA-Z0-9@.,;\t\r\n\" '=+_é\u{0}\u{7}-]{0,300}";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = check_users_csv(&bytes);
    }

    #[test]
    fn arbitrary_bom_prefixed_bytes_never_panic(
        bom in prop_oneof![Just(&b"\xEF\xBB\xBF"[..]), Just(&b"\xFF\xFE"[..]), Just(&b"\xFE\xFF"[..])],
        bytes in proptest::collection::vec(any::<u8>(), 0..600),
    ) {
        let _ = check_users_csv(&[bom, &bytes[..]].concat());
    }

    #[test]
    fn csvish_text_never_panics(text in CSVISH) {
        let _ = check_users_csv(text.as_bytes());
    }

    #[test]
    fn csvish_rows_under_a_real_header_never_panic(
        header in prop_oneof![
            Just("username,email,name,role\n"),
            Just("Login;E-Mail;Full Name;Role\n"),
            Just("user\tmail\trole\n"),
        ],
        body in CSVISH,
        roles in proptest::collection::vec("[a-zA-Z]{0,6}", 0..4),
    ) {
        let text = format!("{header}{body}");
        if let Ok(report) = check_users_csv_with_roles(text.as_bytes(), &roles) {
            prop_assert_eq!(report.rows_read, report.users.len() + report.invalid_rows);
            for error in &report.errors {
                prop_assert!(error.row >= 2, "{}", error);
            }
        }
    }

    #[test]
    fn export_then_import_gives_the_same_rows(rows in valid_rows()) {
        let mut outputs = vec![export_users_csv(&rows)];
        // The clean CSV (for the servers) does not neutralise, so a name that already looks
        // neutralised (`'-x`) loses its quote on import; every other row reads back as is.
        if !rows.iter().any(|r| r.name.as_deref().is_some_and(|n| n.starts_with('\''))) {
            outputs.push(clean_users_csv(&rows));
        }
        for csv in outputs {
            let report = check_users_csv(csv.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(report.errors.is_empty(), "{:?}\n{}", report.errors, csv);
            prop_assert_eq!(&report.users, &rows);
        }
    }
}

/// Rows that pass every check: unique usernames and emails (an index makes them so), names of
/// any printable text, including formula starters and quotes.
fn valid_rows() -> impl Strategy<Value = Vec<UserRow>> {
    let row = (
        "[a-z_][a-z0-9_-]{0,20}",
        "[a-z0-9][a-z0-9+_=-]{0,12}",
        "[a-z][a-z0-9-]{0,8}[a-z]\\.(com|org|io)",
        proptest::option::of("[=+@'\"a-zA-Z0-9 ,;é王-]{0,30}"),
        proptest::sample::select(DEFAULT_ROLES),
    );
    proptest::collection::vec(row, 1..40).prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (user, local, domain, name, role))| {
                let mut username = format!("{user}x{i}");
                if is_reserved_username(&username) {
                    username = format!("u{username}");
                }
                let name = name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
                UserRow {
                    username,
                    email: format!("{local}.{i}@{domain}"),
                    name,
                    role: role.to_string(),
                }
            })
            .collect()
    })
}

#[test]
fn the_corpus_round_trips() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/users_corpus");
    for name in [
        "valid_basic.csv",
        "quoted_fields.csv",
        "latin1.csv",
        "formula_injection.csv",
        "unicode_values.csv",
    ] {
        let bytes = std::fs::read(dir.join(name)).expect("read");
        let first = check_users_csv(&bytes).expect("rows");
        let exported = export_users_csv(&first.users);
        let second = check_users_csv(exported.as_bytes()).expect("rows again");
        assert_eq!(second.users, first.users, "{name}");
        assert!(
            second.errors.is_empty() && second.warnings.is_empty(),
            "{name}"
        );
    }
}

#[test]
fn export_neutralises_formulas_and_the_clean_csv_does_not() {
    let rows = vec![UserRow {
        username: "gus".into(),
        email: "-gus@example.com".into(),
        name: Some("=HYPERLINK(\"http://evil\")".into()),
        role: "viewer".into(),
    }];
    assert_eq!(
        export_users_csv(&rows),
        "username,email,name,role\ngus,'-gus@example.com,\"'=HYPERLINK(\"\"http://evil\"\")\",viewer\n"
    );
    assert_eq!(
        clean_users_csv(&rows),
        "username,email,name,role\ngus,-gus@example.com,\"=HYPERLINK(\"\"http://evil\"\")\",viewer\n"
    );
}

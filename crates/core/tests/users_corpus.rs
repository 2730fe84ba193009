//! The users CSV against a corpus of awkward files, each with its exact expected outcome, plus
//! the two that are too big to commit (100k rows, a 10 MB cell), generated here.

use std::path::{Path, PathBuf};

use hangar_core::users::{
    FileErrorKind, MAX_FIELD_BYTES, RowError, TextEncoding, UsersReport, check_users_csv,
    check_users_csv_with_roles,
};

/// What a file must give: the number of valid rows and every error as (row, column, a piece of
/// the message), in order; or the kind of whole-file error.
enum Expect {
    Rows {
        valid: usize,
        errors: &'static [(u64, &'static str, &'static str)],
    },
    File(FileErrorKind),
}

use Expect::{File, Rows};

const fn rows(valid: usize, errors: &'static [(u64, &'static str, &'static str)]) -> Expect {
    Rows { valid, errors }
}

const CORPUS: &[(&str, Expect)] = &[
    ("valid_basic.csv", rows(3, &[])),
    ("bom_utf8.csv", rows(2, &[])),
    ("semicolons.csv", rows(2, &[])),
    ("tabs.tsv", rows(2, &[])),
    ("quoted_fields.csv", rows(3, &[])),
    ("quoted_header.csv", rows(1, &[])),
    ("aliases_user_mail.csv", rows(1, &[])),
    ("no_name_column.csv", rows(2, &[])),
    ("unicode_values.csv", rows(3, &[])),
    ("latin1.csv", rows(2, &[])),
    ("utf16le_bom.csv", rows(1, &[])),
    ("formula_injection.csv", rows(3, &[])),
    (
        "newline_in_field.csv",
        rows(
            1,
            &[
                (4, "name", "`Leo\\nLion` has a line break"),
                (
                    6,
                    "email",
                    "`mia@` is not an email address: nothing after the `@`",
                ),
            ],
        ),
    ),
    (
        "crlf.csv",
        rows(
            1,
            &[
                (3, "name", "`Oscar\\r\\nthe Grouch` has a line break"),
                (5, "email", "`paul@` is not an email address"),
            ],
        ),
    ),
    (
        "blank_lines.csv",
        rows(
            2,
            &[(
                8,
                "email",
                "`not-an-email` is not an email address: it has no `@`",
            )],
        ),
    ),
    (
        "aliases_odd_case.csv",
        rows(
            1,
            &[(
                3,
                "E-Mail",
                "`yuri@@example.com` is not an email address: it has more than one `@`",
            )],
        ),
    ),
    (
        "reserved_usernames.csv",
        rows(
            1,
            &[
                (2, "username", "`root` is reserved"),
                (3, "username", "`systemd-timesync` is reserved"),
                (4, "username", "`ubuntu` is reserved"),
                (5, "username", "`admin` is reserved"),
                (6, "username", "`www-data` is reserved"),
            ],
        ),
    ),
    (
        "duplicates_case.csv",
        rows(
            2,
            &[
                (
                    4,
                    "username",
                    "`ALICE` has uppercase letters; Linux usernames are lowercase: use `alice`",
                ),
                (4, "username", "`ALICE` is a duplicate of row 2"),
                (5, "email", "`Bob@Example.com` is a duplicate of row 3"),
                (6, "username", "`alice` is a duplicate of row 2"),
                (6, "email", "`ALICE@example.COM` is a duplicate of row 2"),
            ],
        ),
    ),
    (
        "bad_emails.csv",
        rows(
            1,
            &[
                (2, "email", "`bob@` is not an email address"),
                (3, "email", "nothing before the `@`"),
                (4, "email", "it has no `@`"),
                (5, "email", "more than one `@`"),
                (6, "email", "the domain has no dot"),
                (7, "email", "it contains a space"),
                (8, "email", "`exa_mple` is not a valid domain label"),
                (9, "email", "`-example` is not a valid domain label"),
                (10, "email", "empty part between dots"),
                (11, "email", "longer than 64 characters"),
            ],
        ),
    ),
    (
        "bad_roles.csv",
        rows(
            2,
            &[
                (
                    2,
                    "role",
                    "`superuser` is not a role; allowed: admin, developer, viewer",
                ),
                (3, "role", "is empty; every user needs a role"),
            ],
        ),
    ),
    (
        "bad_usernames.csv",
        rows(
            2,
            &[
                (2, "username", "use `bob`"),
                (3, "username", "must start with a lowercase letter or `_`"),
                (4, "username", "must start with a lowercase letter or `_`"),
                (5, "username", "`bad name` is not a safe Linux username"),
                (6, "username", "`x;rm -rf` is not a safe Linux username"),
                (
                    7,
                    "username",
                    "is 33 characters long; Linux usernames have at most 32",
                ),
            ],
        ),
    ),
    (
        "missing_values.csv",
        rows(
            0,
            &[
                (2, "username", "is empty; every user needs a username"),
                (3, "email", "is empty; every user needs an email"),
                (4, "role", "is empty; every user needs a role"),
            ],
        ),
    ),
    (
        "extra_cells.csv",
        rows(
            1,
            &[
                (2, "role", "`Eve` is not a role"),
                (2, "", "has 5 cells but the header has 4 columns"),
            ],
        ),
    ),
    (
        "unclosed_quote.csv",
        rows(
            0,
            &[(2, "name", "has a line break"), (2, "role", "is empty")],
        ),
    ),
    (
        "mac_cr.csv",
        rows(
            1,
            &[(4, "email", "`bad-at-example.com` is not an email address")],
        ),
    ),
    ("duplicate_header.csv", File(FileErrorKind::DuplicateColumn)),
    (
        "missing_role_column.csv",
        File(FileErrorKind::MissingColumn),
    ),
    ("no_header.csv", File(FileErrorKind::NoHeader)),
    ("utf16_no_bom.csv", File(FileErrorKind::NotText)),
    ("binary_garbage.bin", File(FileErrorKind::NotText)),
    ("binary_no_nul.bin", File(FileErrorKind::NotText)),
    ("empty.csv", File(FileErrorKind::Empty)),
    ("whitespace_only.csv", File(FileErrorKind::Empty)),
    ("header_only.csv", File(FileErrorKind::NoRows)),
    ("header_and_blank_rows.csv", File(FileErrorKind::NoRows)),
];

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/users_corpus")
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(corpus_dir().join(name)).unwrap_or_else(|e| panic!("read {name}: {e}"))
}

fn check(name: &str) -> UsersReport {
    check_users_csv(&read(name)).unwrap_or_else(|e| panic!("{name}: unexpected file error: {e}"))
}

fn assert_errors(name: &str, got: &[RowError], want: &[(u64, &str, &str)]) {
    let shown: Vec<String> = got.iter().map(ToString::to_string).collect();
    assert_eq!(got.len(), want.len(), "{name}: errors were {shown:#?}");
    for (error, (row, column, piece)) in got.iter().zip(want) {
        assert_eq!(
            (error.row, error.column.as_str()),
            (*row, *column),
            "{name}: {error}"
        );
        assert!(
            error.message.contains(piece),
            "{name}: `{error}` lacks `{piece}`"
        );
    }
}

#[test]
fn every_corpus_file_gives_its_expected_outcome() {
    for (name, expect) in CORPUS {
        let result = check_users_csv(&read(name));
        match (expect, result) {
            (Rows { valid, errors }, Ok(report)) => {
                assert_eq!(
                    report.users.len(),
                    *valid,
                    "{name}: valid rows; errors {:?}",
                    report.errors
                );
                assert_errors(name, &report.errors, errors);
                assert_eq!(report.is_valid(), errors.is_empty(), "{name}");
                assert_eq!(
                    report.rows_read,
                    report.users.len() + report.invalid_rows,
                    "{name}"
                );
            }
            (File(kind), Err(err)) => {
                assert_eq!(err.kind, *kind, "{name}: {err}");
                assert!(!err.message.is_empty(), "{name}");
            }
            (Rows { .. }, Err(err)) => panic!("{name}: expected rows, got a file error: {err}"),
            (File(kind), Ok(report)) => panic!("{name}: expected {kind:?}, got {report:#?}"),
        }
    }
}

#[test]
fn the_corpus_table_covers_every_file_in_the_folder() {
    let mut on_disk: Vec<String> = std::fs::read_dir(corpus_dir())
        .expect("corpus folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    on_disk.sort();
    let mut in_table: Vec<String> = CORPUS.iter().map(|(n, _)| (*n).to_owned()).collect();
    in_table.sort();
    assert_eq!(on_disk, in_table);
    assert!(in_table.len() >= 25);
}

#[test]
fn encodings_and_delimiters_are_reported() {
    let r = check("bom_utf8.csv");
    assert_eq!(r.encoding, TextEncoding::Utf8Bom);
    assert_eq!(
        r.users[0].username, "zoe",
        "the BOM is not part of the first header"
    );
    assert_eq!(r.users[0].name.as_deref(), Some("Zoë Ångström"));

    let r = check("latin1.csv");
    assert_eq!(r.encoding, TextEncoding::Windows1252);
    assert_eq!(r.users[0].name.as_deref(), Some("René Müller"));
    assert_eq!(r.users[1].name.as_deref(), Some("François Façade"));
    assert!(r.warnings[0].contains("not UTF-8"), "{:?}", r.warnings);

    let r = check("utf16le_bom.csv");
    assert_eq!((r.encoding, r.delimiter), (TextEncoding::Utf16Le, '\t'));
    assert_eq!(r.users[0].name.as_deref(), Some("Anna Ödegaard"));

    assert_eq!(check("semicolons.csv").delimiter, ';');
    assert_eq!(check("tabs.tsv").delimiter, '\t');
    assert_eq!(check("valid_basic.csv").delimiter, ',');
    assert!(check("valid_basic.csv").warnings.is_empty());
}

#[test]
fn quoted_cells_keep_their_delimiters_and_quotes() {
    let r = check("quoted_fields.csv");
    let names: Vec<&str> = r.users.iter().filter_map(|u| u.name.as_deref()).collect();
    assert_eq!(names, ["Smith, Hank", "Ivy \"Poison\" O'Neil", "Jack"]);
    let r = check("semicolons.csv");
    assert_eq!(r.users[1].name.as_deref(), Some("Erin; the second"));
    let r = check("newline_in_field.csv");
    assert_eq!(
        r.users[0].username, "kate",
        "a line break in an unused column is fine"
    );
}

#[test]
fn headers_match_aliases_and_errors_use_the_header_spelling() {
    let r = check("aliases_odd_case.csv");
    assert_eq!(
        r.users[0].role, "admin",
        "roles are stored as the allowed set spells them"
    );
    assert_eq!(
        r.warnings,
        ["column `Team` is not used (only username, email, name and role are read)"]
    );
    assert_eq!(
        r.errors[0].to_string(),
        "row 3, column `E-Mail`: `yuri@@example.com` is not an email address: it has more than one `@`"
    );
    assert_eq!(check("no_name_column.csv").users[0].name, None);
}

#[test]
fn neutralised_cells_are_read_back_without_the_quote() {
    let r = check("formula_injection.csv");
    let names: Vec<&str> = r.users.iter().filter_map(|u| u.name.as_deref()).collect();
    assert_eq!(names, ["=HYPERLINK(\"http://x\")", "+1 555 0100", "-Ian-"]);
}

#[test]
fn whole_file_errors_say_what_is_wrong() {
    let err = |name: &str| {
        check_users_csv(&read(name))
            .expect_err("a file error")
            .message
    };
    assert!(err("missing_role_column.csv").contains("no role column"));
    assert!(err("duplicate_header.csv").contains("`email` (column 2) and `E-Mail` (column 3)"));
    assert!(err("utf16_no_bom.csv").contains("UTF-16"));
    assert!(err("no_header.csv").contains("not a header"));
    assert!(err("header_only.csv").contains("no users"));
}

#[test]
fn the_caller_may_pass_its_own_roles() {
    let csv = b"username,email,role\nann,ann@example.com,Owner\nben,ben@example.com,admin\n";
    let r = check_users_csv_with_roles(csv, &["owner", "guest"]).expect("rows");
    assert_eq!(r.users.len(), 1);
    assert_eq!(r.users[0].role, "owner");
    assert_eq!(r.errors[0].row, 3);
    assert!(
        r.errors[0].message.contains("allowed: owner, guest"),
        "{}",
        r.errors[0]
    );
}

#[test]
fn one_hundred_thousand_rows_with_two_bad_ones() {
    const N: usize = 100_000;
    let mut csv = String::from("username,email,name,role\n");
    for i in 0..N {
        match i {
            50_000 => csv.push_str("user50000,broken@,Broken,viewer\n"),
            // The last row repeats the first user's username in upper case.
            _ if i == N - 1 => csv.push_str("USER0,last@example.com,Last,viewer\n"),
            _ => csv.push_str(&format!("user{i},user{i}@example.com,User {i},developer\n")),
        }
    }
    let r = check_users_csv(csv.as_bytes()).expect("rows");
    assert_eq!(r.rows_read, N);
    assert_eq!(r.users.len(), N - 2);
    assert_eq!(r.invalid_rows, 2);
    let last_row = u64::try_from(N).expect("fits") + 1;
    assert_errors(
        "100k",
        &r.errors,
        &[
            (50_002, "email", "`broken@` is not an email address"),
            (last_row, "username", "use `user0`"),
            (last_row, "username", "is a duplicate of row 2"),
        ],
    );
}

#[test]
fn a_ten_megabyte_cell_is_a_file_error() {
    let mut csv = String::from(
        "username,email,name,role\nann,ann@example.com,Ann,admin\nbob,bob@example.com,\"",
    );
    csv.push_str(&"x".repeat(10 * 1024 * 1024));
    csv.push_str("\",viewer\n");
    let err = check_users_csv(csv.as_bytes()).expect_err("too large");
    assert_eq!(err.kind, FileErrorKind::FieldTooLarge);
    assert!(
        err.message
            .starts_with("row 3, column `name`: a cell of 10485760 bytes"),
        "{err}"
    );
    assert!(err.message.contains(&MAX_FIELD_BYTES.to_string()), "{err}");
}

#[test]
fn reports_and_file_errors_serialise_in_camel_case() {
    let json = serde_json::to_value(check("duplicates_case.csv")).expect("json");
    assert_eq!(json["rowsRead"], 5);
    assert_eq!(json["invalidRows"], 3);
    assert_eq!(json["encoding"], "utf8");
    assert_eq!(json["errors"][0]["row"], 4);
    assert_eq!(json["errors"][0]["column"], "username");
    assert_eq!(json["users"][0]["username"], "alice");
    let err = check_users_csv(b"").expect_err("empty");
    let json = serde_json::to_value(err).expect("json");
    assert_eq!(json["kind"], "empty");
    assert!(json["message"].is_string());
}

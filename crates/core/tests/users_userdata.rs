//! The users in the servers' user data: the base64 parts, the gzip path, and the error that
//! says how many users fit in AWS's 16 KB.

use std::io::Read;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use flate2::read::GzDecoder;
use hangar_core::users::{
    USER_DATA_LIMIT_BYTES, UserDataError, UserRow, UsersUserData, check_users_csv, clean_users_csv,
    fit_user_data, fit_users_user_data, users_user_data_parts, users_user_data_parts_at,
};

fn user(i: usize) -> UserRow {
    UserRow {
        username: format!("user{i}"),
        email: format!("user{i}@example.com"),
        name: Some(format!("User {i}")),
        role: "developer".into(),
    }
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    GzDecoder::new(bytes).read_to_end(&mut out).expect("gunzip");
    out
}

/// A deterministic stream of hex that gzip cannot shrink below about half its size.
fn noise(len: usize, seed: u64) -> String {
    let mut x = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    (0..len)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            char::from_digit(u32::try_from(x >> 60).expect("nibble"), 16).expect("hex")
        })
        .collect()
}

/// A script shaped like the real one: a header, then the CSV as a file, and the env variable
/// the host makes from it.
fn render(parts: &UsersUserData, preamble: &str) -> String {
    let file = &parts.files[0];
    let (key, path) = &parts.env_from_files[0];
    format!(
        "#!/bin/bash\nset -euo pipefail\n{preamble}\necho '{}' | base64 -d > '{}'\nprintf '%s=%s\\n' '{key}' \"$(base64 -w0 '{path}')\" >> /opt/app/.env\n",
        file.contents_b64, file.path
    )
}

#[test]
fn the_parts_carry_the_clean_csv_not_the_upload() {
    let upload = "\u{feff}Login;E-Mail;Role;Team\nann;ann@example.com;ADMIN;blue\n";
    let rows = check_users_csv(upload.as_bytes()).expect("rows").users;
    let parts = users_user_data_parts(&rows);
    let clean = "username,email,name,role\nann,ann@example.com,,admin\n";
    assert_eq!(clean_users_csv(&rows), clean);
    assert_eq!(parts.files.len(), 1);
    assert_eq!(parts.files[0].path, "/opt/app/users.csv");
    assert_eq!(parts.files[0].contents, clean.as_bytes());
    assert_eq!(
        STANDARD.decode(&parts.files[0].contents_b64).expect("b64"),
        clean.as_bytes()
    );
    assert_eq!(
        parts.env_from_files,
        vec![("APP_USERS_B64".to_owned(), "/opt/app/users.csv".to_owned())]
    );

    let custom = users_user_data_parts_at(&rows, "/srv/users.csv", "USERS");
    assert_eq!(custom.files[0].path, "/srv/users.csv");
    assert_eq!(
        custom.env_from_files,
        vec![("USERS".to_owned(), "/srv/users.csv".to_owned())]
    );
}

#[test]
fn a_script_within_the_limit_is_sent_as_is() {
    let script = "#!/bin/bash\necho hi\n";
    let payload = fit_user_data(script.as_bytes()).expect("fits");
    assert!(!payload.gzipped);
    assert_eq!(payload.bytes, script.as_bytes());
    assert_eq!(payload.base64(), STANDARD.encode(script));

    let exactly = "#".repeat(USER_DATA_LIMIT_BYTES);
    assert!(!fit_user_data(exactly.as_bytes()).expect("fits").gzipped);
}

#[test]
fn a_script_over_the_limit_is_gzipped_and_unpacks_to_the_same_bytes() {
    let rows: Vec<UserRow> = (0..400).map(user).collect();
    let script = render(&users_user_data_parts(&rows), "");
    assert!(script.len() > USER_DATA_LIMIT_BYTES, "{}", script.len());
    let payload = fit_users_user_data(&rows, |r| render(&users_user_data_parts(r), ""))
        .expect("fits gzipped");
    assert!(payload.gzipped);
    assert_eq!(payload.raw_len, script.len());
    assert!(payload.bytes.len() <= USER_DATA_LIMIT_BYTES);
    assert_eq!(
        &payload.bytes[..2],
        b"\x1f\x8b",
        "cloud-init knows gzip by its magic bytes"
    );
    assert_eq!(gunzip(&payload.bytes), script.as_bytes());

    let one_over = "#".repeat(USER_DATA_LIMIT_BYTES + 1);
    let payload = fit_user_data(one_over.as_bytes()).expect("fits gzipped");
    assert!(payload.gzipped);
    assert_eq!(gunzip(&payload.bytes), one_over.as_bytes());
}

#[test]
fn too_many_users_says_how_many_fit() {
    // Emails of noise keep gzip from rescuing the list.
    let rows: Vec<UserRow> = (0..2000)
        .map(|i| UserRow {
            email: format!("{}@example.com", noise(40, i as u64)),
            ..user(i)
        })
        .collect();
    let mut renders = 0;
    let err = fit_users_user_data(&rows, |r| {
        renders += 1;
        render(&users_user_data_parts(r), "")
    })
    .expect_err("too large");
    let UserDataError::TooManyUsers {
        users,
        users_that_fit,
        raw_len,
        gzipped_len,
        limit,
    } = err.clone()
    else {
        panic!("expected TooManyUsers, got {err:?}");
    };
    assert_eq!((users, limit), (2000, USER_DATA_LIMIT_BYTES));
    assert!(gzipped_len > limit && raw_len > gzipped_len);
    assert!(users_that_fit > 0 && users_that_fit < 2000);
    assert!(
        renders <= 2 + 11,
        "binary search, not a scan: {renders} renders"
    );
    // The count is exact: that many fit, one more does not.
    let at = |n: usize| fit_user_data(render(&users_user_data_parts(&rows[..n]), "").as_bytes());
    assert!(at(users_that_fit).is_ok());
    assert!(at(users_that_fit + 1).is_err());
    let message = err.to_string();
    assert!(
        message.contains(&format!("{users_that_fit} of the 2000 users fit")),
        "{message}"
    );
    assert!(message.contains("16384 bytes"), "{message}");
}

#[test]
fn a_script_too_large_without_users_says_so() {
    let preamble = noise(40_000, 7);
    let err = fit_users_user_data(&[user(1)], |r| render(&users_user_data_parts(r), &preamble))
        .expect_err("too large");
    assert!(matches!(err, UserDataError::TooLarge { .. }), "{err:?}");
    assert!(
        err.to_string().contains("even before any users are added"),
        "{err}"
    );
    let err = fit_user_data(preamble.as_bytes()).expect_err("too large");
    assert!(matches!(err, UserDataError::TooLarge { .. }), "{err:?}");
}

#[test]
fn the_parts_plug_into_the_blueprint_renderer() {
    let parts = users_user_data_parts(&[user(1)]);
    let extras: hangar_core::userdata::Extras = parts.clone().into();
    assert_eq!(extras.files[0].path, "/opt/app/users.csv");
    assert_eq!(extras.files[0].contents, parts.files[0].contents);
    assert_eq!(extras.files[0].mode, 0o644);
    assert!(extras.env.is_empty(), "nothing carried twice");
    assert_eq!(extras.env_from_files, parts.env_from_files);
}

//! The users in the servers' user data: the clean CSV as a file (`/opt/app/users.csv`), a
//! base64 variable (`APP_USERS_B64`) the host makes from that file, and the fit of the
//! rendered script to AWS's 16 KB limit, gzip-compressed when it would pass it (cloud-init
//! unpacks gzip user data by its magic bytes).

use std::io::Write;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use flate2::Compression;
use flate2::write::GzEncoder;

use super::{UserRow, clean_users_csv};

pub const DEFAULT_USERS_CSV_PATH: &str = "/opt/app/users.csv";
pub const DEFAULT_USERS_ENV: &str = "APP_USERS_B64";

/// AWS: "User data is limited to 16 KB, in raw form, before it is base64-encoded."
pub const USER_DATA_LIMIT_BYTES: usize = 16 * 1024;

/// A file the user data writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsersFile {
    pub path: String,
    /// The clean CSV itself.
    pub contents: Vec<u8>,
    /// The same, base64: how the script carries it, so nothing is shell-quoted by hand.
    pub contents_b64: String,
    pub mode: u32,
}

/// What the users feature adds to an instance's user data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsersUserData {
    pub files: Vec<UsersFile>,
    /// Environment variables for the app, made on the host from a file written above:
    /// `APP_USERS_B64` = base64 of the clean CSV.
    pub env_from_files: Vec<(String, String)>,
}

/// The parts for the default path and variable name.
pub fn users_user_data_parts(rows: &[UserRow]) -> UsersUserData {
    users_user_data_parts_at(rows, DEFAULT_USERS_CSV_PATH, DEFAULT_USERS_ENV)
}

/// The parts for a blueprint that names its own path and variable.
pub fn users_user_data_parts_at(rows: &[UserRow], csv_path: &str, env_name: &str) -> UsersUserData {
    let csv = clean_users_csv(rows).into_bytes();
    let b64 = STANDARD.encode(&csv);
    UsersUserData {
        files: vec![UsersFile {
            path: csv_path.to_owned(),
            contents: csv,
            contents_b64: b64,
            mode: 0o644,
        }],
        env_from_files: vec![(env_name.to_owned(), csv_path.to_owned())],
    }
}

/// What the blueprint's user-data renderer takes ([`crate::userdata::render_user_data`]).
impl From<UsersUserData> for crate::userdata::Extras {
    fn from(parts: UsersUserData) -> Self {
        Self {
            files: parts
                .files
                .into_iter()
                .map(|f| crate::userdata::ExtraFile {
                    path: f.path,
                    contents: f.contents,
                    mode: f.mode,
                })
                .collect(),
            env: Vec::new(),
            env_from_files: parts.env_from_files,
        }
    }
}

/// User data ready for RunInstances.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDataPayload {
    /// The script, or its gzip.
    pub bytes: Vec<u8>,
    pub gzipped: bool,
    /// The length of the script before any compression.
    pub raw_len: usize,
}

impl UserDataPayload {
    /// What the EC2 API takes.
    pub fn base64(&self) -> String {
        STANDARD.encode(&self.bytes)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UserDataError {
    #[error(
        "the user data is {raw_len} bytes ({gzipped_len} gzip-compressed), over AWS's limit of \
         {limit} bytes, even before any users are added"
    )]
    TooLarge {
        raw_len: usize,
        gzipped_len: usize,
        limit: usize,
    },
    #[error(
        "the user data with {users} users is {raw_len} bytes ({gzipped_len} gzip-compressed), over \
         AWS's limit of {limit} bytes; {users_that_fit} of the {users} users fit: split the list \
         across environments or shorten it"
    )]
    TooManyUsers {
        users: usize,
        users_that_fit: usize,
        raw_len: usize,
        gzipped_len: usize,
        limit: usize,
    },
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    // Writing to a Vec cannot fail.
    let written = encoder.write_all(bytes).and_then(|()| encoder.finish());
    match written {
        Ok(gz) => gz,
        Err(err) => unreachable!("gzip to memory failed: {err}"),
    }
}

/// The script as is when it fits in 16 KB, else its gzip when that fits, else an error.
pub fn fit_user_data(script: &[u8]) -> Result<UserDataPayload, UserDataError> {
    fit(script).map_err(|(raw_len, gzipped_len)| UserDataError::TooLarge {
        raw_len,
        gzipped_len,
        limit: USER_DATA_LIMIT_BYTES,
    })
}

/// `Err((raw, gzipped))` lengths when neither fits.
fn fit(script: &[u8]) -> Result<UserDataPayload, (usize, usize)> {
    if script.len() <= USER_DATA_LIMIT_BYTES {
        return Ok(UserDataPayload {
            bytes: script.to_vec(),
            gzipped: false,
            raw_len: script.len(),
        });
    }
    let gz = gzip(script);
    if gz.len() <= USER_DATA_LIMIT_BYTES {
        Ok(UserDataPayload {
            bytes: gz,
            gzipped: true,
            raw_len: script.len(),
        })
    } else {
        Err((script.len(), gz.len()))
    }
}

/// Renders the user data with all of `rows` (through `render`, which the caller builds from the
/// blueprint and [`users_user_data_parts`]) and fits it to the limit. When it does not fit even
/// compressed, the error says how many users would: the largest prefix of `rows` that fits,
/// found by binary search over the row count.
pub fn fit_users_user_data(
    rows: &[UserRow],
    mut render: impl FnMut(&[UserRow]) -> String,
) -> Result<UserDataPayload, UserDataError> {
    let (raw_len, gzipped_len) = match fit(render(rows).as_bytes()) {
        Ok(payload) => return Ok(payload),
        Err(lengths) => lengths,
    };
    let mut fits = |n: usize| fit(render(&rows[..n]).as_bytes()).is_ok();
    if !fits(0) {
        return Err(UserDataError::TooLarge {
            raw_len,
            gzipped_len,
            limit: USER_DATA_LIMIT_BYTES,
        });
    }
    // fits(lo) and !fits(hi) hold throughout.
    let (mut lo, mut hi) = (0, rows.len());
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Err(UserDataError::TooManyUsers {
        users: rows.len(),
        users_that_fit: lo,
        raw_len,
        gzipped_len,
        limit: USER_DATA_LIMIT_BYTES,
    })
}

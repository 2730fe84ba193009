//! The users CSV: a file the user drops on the window (or passes to `hangar users check`), every
//! row checked, the accepted rows re-serialised to a clean CSV and baked into the servers' user
//! data. Pure: bytes in, values out.
//!
//! Two kinds of failure are kept apart. A [`FileError`] means the file cannot be read as a users
//! CSV at all (not text, empty, no header, a required column missing...): nothing else is said.
//! Otherwise the result is a [`UsersReport`]: the valid rows, and a [`RowError`] for every
//! problem in every other row, each naming the row as a spreadsheet numbers it (the header is
//! row 1) and the column as the file's header spells it.

mod bake;
mod encoding;
mod export;
mod headers;
mod parse;
mod policy;
mod preview;
mod userdata;
mod validate;

use serde::Serialize;

pub use bake::{
    BakeError, BakedInstance, bake_users, instances_taking_users, takes_users, user_data_with_users,
};
pub use export::{clean_users_csv, export_users_csv, neutralise_cell};
pub use parse::{MAX_COLUMNS, MAX_FIELD_BYTES, MAX_FILE_BYTES, MAX_ROWS};

/// The most row problems a report lists; the rest are counted in `invalid_rows` and a warning.
pub const MAX_REPORTED_ERRORS: usize = 1000;
pub use policy::{UsersPolicy, parse_roles};
pub use preview::{PreviewRow, UsersPreview, preview_users_csv};
pub use userdata::{
    DEFAULT_USERS_CSV_PATH, DEFAULT_USERS_ENV, USER_DATA_LIMIT_BYTES, UserDataError,
    UserDataPayload, UsersFile, UsersUserData, fit_user_data, fit_users_user_data,
    users_user_data_parts, users_user_data_parts_at,
};
pub use validate::{RESERVED_USERNAMES, is_reserved_username};

/// The roles a row may have unless the caller passes its own set.
pub const DEFAULT_ROLES: &[&str] = &["admin", "developer", "viewer"];

/// One accepted user, as it will be written to the servers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct UserRow {
    /// A safe Linux account name: `^[a-z_][a-z0-9_-]{0,31}$`, not reserved.
    pub username: String,
    pub email: String,
    /// The optional full name; `None` when the column is absent or the cell is blank.
    pub name: Option<String>,
    /// One of the allowed roles, spelled as the allowed set spells it.
    pub role: String,
}

/// One problem with one cell (or, with an empty `column`, with a row as a whole).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RowError {
    /// The row as a spreadsheet shows it: the header is row 1, the first data row row 2. A row
    /// whose quoted cells span several lines is numbered by the line it starts on.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub row: u64,
    /// The column as the file's header spells it; empty for a problem with the whole row.
    pub column: String,
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.column.is_empty() {
            write!(f, "row {}: {}", self.row, self.message)
        } else {
            write!(
                f,
                "row {}, column `{}`: {}",
                self.row, self.column, self.message
            )
        }
    }
}

/// The text encoding the file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// Not UTF-8: read as Windows-1252, the superset of Latin-1 that spreadsheets write.
    Windows1252,
}

/// What a file held: the valid rows and every problem in the others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct UsersReport {
    /// The rows with no error, in file order.
    pub users: Vec<UserRow>,
    /// Every problem found, in file order.
    pub errors: Vec<RowError>,
    /// Things worth saying that reject nothing (a legacy encoding, an ignored column...).
    pub warnings: Vec<String>,
    /// Data rows read, blank rows not counted.
    pub rows_read: usize,
    /// Data rows with at least one error.
    pub invalid_rows: usize,
    pub encoding: TextEncoding,
    /// The delimiter detected: `,`, `;` or a tab.
    pub delimiter: char,
}

impl UsersReport {
    /// True when every row is valid: what `hangar users check` exits 0 for.
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Why a file cannot be read as a users CSV at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum FileErrorKind {
    /// Binary data, or text in an encoding that cannot be told apart from it.
    NotText,
    /// No bytes, or nothing but whitespace.
    Empty,
    /// The first row names none of the columns: it is data, or something else entirely.
    NoHeader,
    /// A header and no data row.
    NoRows,
    MissingColumn,
    DuplicateColumn,
    /// One cell is larger than [`MAX_FIELD_BYTES`].
    FieldTooLarge,
    /// The whole file is larger than [`MAX_FILE_BYTES`].
    FileTooLarge,
    /// The CSV reader gave up (it is lenient, so this is rare).
    Malformed,
    /// More data rows than [`MAX_ROWS`].
    TooManyRows,
    /// A row with more columns than [`MAX_COLUMNS`].
    TooManyColumns,
}

/// The file as a whole is unusable; `message` says why and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
#[error("{message}")]
pub struct FileError {
    pub kind: FileErrorKind,
    pub message: String,
}

impl FileError {
    pub(crate) fn new(kind: FileErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }
}

/// Reads and checks a users CSV against the default roles ([`DEFAULT_ROLES`]).
pub fn check_users_csv(bytes: &[u8]) -> Result<UsersReport, FileError> {
    check_users_csv_with_roles(bytes, DEFAULT_ROLES)
}

/// Reads and checks a users CSV; a row's role must be one of `roles` (compared without regard
/// to case, and stored as `roles` spells it).
pub fn check_users_csv_with_roles<S: AsRef<str>>(
    bytes: &[u8],
    roles: &[S],
) -> Result<UsersReport, FileError> {
    let roles = roles.iter().map(|r| r.as_ref().to_string()).collect();
    check_users_csv_with_policy(bytes, &UsersPolicy::default().with_roles(roles))
}

/// Reads and checks a users CSV against a blueprint's `[users]` rules: its roles, and a name
/// in every row when it requires one.
pub fn check_users_csv_with_policy(
    bytes: &[u8],
    policy: &UsersPolicy,
) -> Result<UsersReport, FileError> {
    let decoded = encoding::decode(bytes)?;
    let table = parse::read_table(&decoded.text)?;
    if policy.requires_name() && table.columns.get(headers::Field::Name).is_none() {
        return Err(FileError::new(
            FileErrorKind::MissingColumn,
            "the header has no name column; this blueprint requires a name for every user",
        ));
    }
    let roles: Vec<&str> = policy.roles.iter().map(String::as_str).collect();
    let mut checked = validate::check_rows(&table, &roles, policy.requires_name());
    let mut warnings = decoded.warnings;
    warnings.extend(table.warnings);
    if checked.errors.len() > MAX_REPORTED_ERRORS {
        warnings.push(format!(
            "{} problems found; only the first {MAX_REPORTED_ERRORS} are listed",
            checked.errors.len()
        ));
        checked.errors.truncate(MAX_REPORTED_ERRORS);
    }
    Ok(UsersReport {
        users: checked.users,
        errors: checked.errors,
        warnings,
        rows_read: table.rows.len(),
        invalid_rows: checked.invalid_rows,
        encoding: decoded.encoding,
        delimiter: char::from(table.delimiter),
    })
}

/// Shows a user's value inside a message: control characters escaped, long values cut.
pub(crate) fn shown(value: &str) -> String {
    const MAX_CHARS: usize = 60;
    let mut out = String::new();
    for (i, c) in value.chars().enumerate() {
        if i == MAX_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    format!("`{out}`")
}

//! What the Users import panel exchanges with the shell: the check of a dropped or picked file
//! (every row, every error with its row and column, warnings, encoding), the outcome of
//! accepting it for an environment, and an environment's users. A file that is not a users CSV
//! at all is a normal outcome (`status: "not_users_csv"`), not an `ApiError`.

use hangar_core::users::{FileError, UserRow, UsersPreview, UsersReport};
use hangar_engine::EnvironmentStatus;
use serde::Serialize;
use ts_rs::TS;

/// The file as read: what is recorded with an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UsersFileInfo {
    pub path: String,
    pub file_name: String,
    #[ts(type = "number")]
    pub size_bytes: u64,
    /// Lowercase hex.
    pub sha256: String,
}

/// The result of `check_users_file`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum UsersCheckOutcome {
    Checked {
        file: UsersFileInfo,
        report: UsersReport,
        /// Every row as written, for the panel to show with its errors.
        preview: UsersPreview,
    },
    NotUsersCsv {
        file: UsersFileInfo,
        error: FileError,
    },
}

/// One recorded import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UsersImportView {
    pub file_name: String,
    #[ts(type = "number")]
    pub size_bytes: u64,
    pub sha256: String,
    /// RFC 3339, UTC.
    pub imported_at: String,
    pub accepted_rows: u32,
    pub rejected_rows: u32,
}

/// The result of `import_users`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UsersImportResult {
    pub environment: String,
    pub import: UsersImportView,
    /// The instances whose user data carries the users.
    pub instances: Vec<String>,
    /// Of those, the ones that exist: user data runs at first boot, so they take the new list
    /// only when replaced.
    pub to_replace: Vec<String>,
}

/// An environment's users, as its servers get them, and where they came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EnvironmentUsers {
    pub environment: String,
    pub users: Vec<UserRow>,
    pub latest_import: Option<UsersImportView>,
}

/// An environment the panel can give users to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UsersTarget {
    pub name: String,
    pub blueprint: String,
    pub status: EnvironmentStatus,
    /// The roles its blueprint's `[users]` section allows (admin, developer, viewer without
    /// one): what the import dialog's roles field starts from.
    pub roles: Vec<String>,
}

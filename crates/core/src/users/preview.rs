//! Every row of a users CSV as written, for a preview that shows the whole file: the four
//! fields' cells (as the header spells the columns, which is how each [`super::RowError`] names
//! its column) and each row's number. Checking is [`super::check_users_csv`]'s job.

use serde::Serialize;

use super::headers::Field;
use super::{FileError, encoding, parse};

/// One data row as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PreviewRow {
    /// The row as a spreadsheet numbers it, as in [`super::RowError::row`].
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub row: u64,
    /// One cell per [`UsersPreview::columns`], empty when the file has no such column.
    pub cells: Vec<String>,
}

/// The whole file, row by row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct UsersPreview {
    /// username, email, name, role: as the header spells them, or the canonical name when the
    /// column is absent.
    pub columns: Vec<String>,
    pub rows: Vec<PreviewRow>,
}

/// Reads a users CSV for display; fails exactly when [`super::check_users_csv`] does.
pub fn preview_users_csv(bytes: &[u8]) -> Result<UsersPreview, FileError> {
    let decoded = encoding::decode(bytes)?;
    let table = parse::read_table(&decoded.text)?;
    let columns = &table.columns;
    Ok(UsersPreview {
        columns: Field::ALL
            .iter()
            .map(|f| columns.label(*f).to_owned())
            .collect(),
        rows: table
            .rows
            .into_iter()
            .map(|raw| PreviewRow {
                row: raw.line,
                cells: Field::ALL
                    .iter()
                    .map(|f| {
                        columns
                            .get(*f)
                            .and_then(|(i, _)| raw.cells.get(i))
                            .cloned()
                            .unwrap_or_default()
                    })
                    .collect(),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_with_its_number_and_the_header_spelling() {
        let preview =
            preview_users_csv(b"Login;E-mail;Role\nann;ann@x.io;viewer\n\nbob;bad;boss\n")
                .expect("reads");
        assert_eq!(preview.columns, ["Login", "E-mail", "name", "Role"]);
        assert_eq!(
            preview.rows,
            [
                PreviewRow {
                    row: 2,
                    cells: vec![
                        "ann".into(),
                        "ann@x.io".into(),
                        String::new(),
                        "viewer".into()
                    ],
                },
                PreviewRow {
                    row: 4,
                    cells: vec!["bob".into(), "bad".into(), String::new(), "boss".into()],
                },
            ]
        );
        let report = super::super::check_users_csv(
            b"Login;E-mail;Role\nann;ann@x.io;viewer\n\nbob;bad;boss\n",
        )
        .expect("reads");
        assert!(
            report
                .errors
                .iter()
                .all(|e| e.row == 4 && preview.columns.contains(&e.column))
        );
    }
}

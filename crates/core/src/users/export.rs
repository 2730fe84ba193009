//! Users back to CSV, two ways. [`clean_users_csv`] is what the servers get: the accepted rows
//! re-serialised with a fixed header, never the raw upload. [`export_users_csv`] is what a user
//! saves and opens in a spreadsheet: the same, with every cell that a spreadsheet would run as a
//! formula neutralised by a leading `'` (which the importer removes again).

use super::UserRow;

/// The header of every CSV Hangar writes.
pub const HEADER: [&str; 4] = ["username", "email", "name", "role"];

/// Characters that make a spreadsheet treat a cell as a formula (or that hide one).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The accepted rows as the servers receive them: `username,email,name,role`, RFC 4180 quoting,
/// `\n` line ends, UTF-8 without a BOM.
pub fn clean_users_csv(rows: &[UserRow]) -> String {
    write(rows, |cell| cell.to_owned())
}

/// The rows as a user saves them, with formula-like cells neutralised ([`neutralise_cell`]).
pub fn export_users_csv(rows: &[UserRow]) -> String {
    write(rows, neutralise_cell)
}

/// `=SUM(A1)` → `'=SUM(A1)`; cells starting with `=`, `+`, `-`, `@`, a tab or a CR get a leading
/// `'`. So that the importer's removal of that `'` is exact, a cell that already looks
/// neutralised (`'=x`, `''=x`) gets one more. Other cells are unchanged.
pub fn neutralise_cell(cell: &str) -> String {
    if cell.trim_start_matches('\'').starts_with(FORMULA_STARTS) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// The inverse of [`neutralise_cell`], applied on import so an export reads back unchanged.
/// A cell of one or more `'` then a formula character loses one `'`.
pub(crate) fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

fn write(rows: &[UserRow], cell: impl Fn(&str) -> String) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut records = vec![HEADER.map(str::to_owned)];
    records.extend(rows.iter().map(|r| {
        [
            cell(&r.username),
            cell(&r.email),
            cell(r.name.as_deref().unwrap_or("")),
            cell(&r.role),
        ]
    }));
    for record in &records {
        // Writing to a Vec cannot fail, and every record has the same four cells.
        if let Err(err) = writer.write_record(record) {
            unreachable!("writing CSV to memory failed: {err}");
        }
    }
    let bytes = match writer.into_inner() {
        Ok(bytes) => bytes,
        Err(err) => unreachable!("flushing CSV to memory failed: {err}"),
    };
    // The cells are Strings and the writer adds only ASCII, so the bytes are UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralising() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise_cell(bad), format!("'{bad}"));
            assert_eq!(unneutralise(&neutralise_cell(bad)), bad);
        }
        assert_eq!(neutralise_cell("alice"), "alice");
        assert_eq!(neutralise_cell("'quoted"), "'quoted");
        assert_eq!(unneutralise("'quoted"), "'quoted");
        assert_eq!(neutralise_cell("'=x"), "''=x");
        assert_eq!(unneutralise("''=x"), "'=x");
    }

    #[test]
    fn clean_csv_quotes_what_it_must() {
        let rows = vec![UserRow {
            username: "bob".into(),
            email: "bob@example.com".into(),
            name: Some("Smith, \"Bob\"".into()),
            role: "admin".into(),
        }];
        assert_eq!(
            clean_users_csv(&rows),
            "username,email,name,role\nbob,bob@example.com,\"Smith, \"\"Bob\"\"\",admin\n"
        );
    }
}

//! Text to a table: the delimiter detected from the header line, then the csv crate (quoted
//! cells with delimiters, quotes and line breaks; CRLF; blank lines skipped), the header mapped,
//! and every data row kept with the line a spreadsheet shows it on.

use super::headers::{Columns, map_header};
use super::{FileError, FileErrorKind};

/// The largest cell read. Nothing a user row holds comes near it; a larger cell is a file that
/// went wrong (an unclosed quote swallowing the rest, or not a users CSV at all).
pub const MAX_FIELD_BYTES: usize = 4096;

/// The largest file read: far more users than any server's user data can carry.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

/// The most data rows read: 16 KB of user data carries a few hundred users at best.
pub const MAX_ROWS: usize = 100_000;

/// The most columns a row may have: a users CSV needs four.
pub const MAX_COLUMNS: usize = 64;

pub(crate) struct RawRow {
    /// 1-based line the row starts on: its row number in a spreadsheet.
    pub line: u64,
    pub cells: Vec<String>,
}

pub(crate) struct Table {
    pub delimiter: u8,
    pub columns: Columns,
    pub rows: Vec<RawRow>,
    pub warnings: Vec<String>,
}

const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];

/// The candidate that occurs most often, outside quotes, on the first non-blank line.
fn detect_delimiter(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(i) = DELIMITERS.iter().position(|&d| d == b) {
            counts[i] += 1;
        }
    }
    let mut best = 0;
    for i in 1..DELIMITERS.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    DELIMITERS[best]
}

/// Classic Mac line ends (a CR alone) become LF, so rows are numbered by line as a spreadsheet
/// numbers them (the reader counts LFs). CRLF is left as it is.
fn lone_cr_to_lf(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// The line a record starts on. The reader's position is where it stood before the record,
/// which is before any blank lines it skipped on the way: count those too.
fn start_line(text: &str, position: Option<&csv::Position>) -> u64 {
    let Some(position) = position else {
        return 0;
    };
    let from = usize::try_from(position.byte()).unwrap_or(usize::MAX);
    let skipped = text
        .as_bytes()
        .get(from..)
        .unwrap_or_default()
        .iter()
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .filter(|&&b| b == b'\n')
        .count();
    position.line() + skipped as u64
}

fn is_blank(record: &csv::StringRecord) -> bool {
    record.iter().all(|cell| cell.trim().is_empty())
}

pub(crate) fn read_table(text: &str) -> Result<Table, FileError> {
    if text.trim().is_empty() {
        return Err(FileError::new(
            FileErrorKind::Empty,
            "the file is empty; a users CSV starts with a header such as `username,email,name,role`",
        ));
    }
    let text = &lone_cr_to_lf(text);
    let delimiter = detect_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut header: Option<(Columns, Vec<String>)> = None;
    let mut rows = Vec::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(err) => {
                return Err(FileError::new(
                    FileErrorKind::Malformed,
                    format!("the file cannot be read as CSV: {err}"),
                ));
            }
        }
        if is_blank(&record) {
            continue;
        }
        let line = start_line(text, record.position());
        if record.len() > MAX_COLUMNS {
            return Err(FileError::new(
                FileErrorKind::TooManyColumns,
                format!(
                    "row {line} has {} columns; a users CSV may have at most {MAX_COLUMNS}",
                    record.len()
                ),
            ));
        }
        if rows.len() == MAX_ROWS {
            return Err(FileError::new(
                FileErrorKind::TooManyRows,
                format!("the file has more than {MAX_ROWS} rows, the most a users CSV may have"),
            ));
        }
        let names = header.as_ref().map(|(_, names)| names.as_slice());
        check_sizes(&record, line, names)?;
        match &header {
            None => {
                let cells: Vec<String> = record.iter().map(str::to_owned).collect();
                header = Some((map_header(&cells)?, cells));
            }
            Some(_) => rows.push(RawRow {
                line,
                cells: record.iter().map(str::to_owned).collect(),
            }),
        }
    }
    let Some((columns, _)) = header else {
        return Err(FileError::new(FileErrorKind::Empty, "the file has no rows"));
    };
    if rows.is_empty() {
        return Err(FileError::new(
            FileErrorKind::NoRows,
            "the file has a header but no users; add one row per user below it",
        ));
    }
    let mut warnings = Vec::new();
    if !columns.ignored.is_empty() {
        let names: Vec<String> = columns.ignored.iter().map(|c| format!("`{c}`")).collect();
        let (noun, verb) = if names.len() == 1 {
            ("column", "is")
        } else {
            ("columns", "are")
        };
        warnings.push(format!(
            "{noun} {} {verb} not used (only username, email, name and role are read)",
            names.join(", ")
        ));
    }
    Ok(Table {
        delimiter,
        columns,
        rows,
        warnings,
    })
}

fn check_sizes(
    record: &csv::StringRecord,
    line: u64,
    header: Option<&[String]>,
) -> Result<(), FileError> {
    for (index, cell) in record.iter().enumerate() {
        if cell.len() > MAX_FIELD_BYTES {
            let column = match header.and_then(|h| h.get(index)) {
                Some(name) => format!("column `{}`", name.trim()),
                None => format!("column {}", index + 1),
            };
            return Err(FileError::new(
                FileErrorKind::FieldTooLarge,
                format!(
                    "row {line}, {column}: a cell of {} bytes; cells may be at most {MAX_FIELD_BYTES} bytes \
                     (an unclosed quote can swallow the rest of the file)",
                    cell.len()
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters() {
        assert_eq!(detect_delimiter("a,b,c\n"), b',');
        assert_eq!(detect_delimiter("\n\na;b;c\n"), b';');
        assert_eq!(detect_delimiter("a\tb\tc"), b'\t');
        assert_eq!(detect_delimiter("\"a;b\",c"), b',');
        assert_eq!(detect_delimiter("abc"), b',');
    }

    #[test]
    fn rows_are_numbered_by_their_first_line() {
        let t = read_table(
            "username,email,role\n\nal,a@b.co,admin\n\"b\nc\",d@e.fg,viewer\nx,y@z.io,admin\n",
        )
        .expect("table");
        let lines: Vec<u64> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![3, 4, 6]);
        assert_eq!(t.rows[1].cells[0], "b\nc");
    }

    #[test]
    fn classic_mac_line_ends_are_numbered_too() {
        let t =
            read_table("username,email,role\ra,a@b.co,admin\r\rb,c@d.ef,viewer\r").expect("table");
        let lines: Vec<u64> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![2, 4]);
        assert_eq!(lone_cr_to_lf("a\r\nb\rc"), "a\r\nb\nc");
    }
}

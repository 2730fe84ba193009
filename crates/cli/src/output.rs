//! What `hangar` writes to stdout: lines (through the crate's `outln!`) and listings.

use std::io::{self, Write};

use serde::Serialize;

/// Writes one line to stdout. When the reader has gone away (`hangar … | head`), the process
/// ends at once with status 0, as a program killed by SIGPIPE would but without the signal's
/// status: what the reader wanted it has. Any other failure panics, as `std::println!` does.
pub fn write_line(args: std::fmt::Arguments<'_>) {
    if let Err(err) = io::stdout().lock().write_fmt(format_args!("{args}\n")) {
        if is_closed(&err) {
            std::process::exit(0);
        }
        panic!("failed printing to stdout: {err}");
    }
}

/// Whether a write failed because the reader closed the pipe.
pub fn is_closed(err: &io::Error) -> bool {
    err.kind() == io::ErrorKind::BrokenPipe
}

/// Prints rows as pretty JSON, or as an aligned table with a header.
pub fn print_rows<T: Serialize>(
    rows: &[T],
    json: bool,
    header: &[&str],
    cells: impl Fn(&T) -> Vec<String>,
) {
    if json {
        match serde_json::to_string_pretty(rows) {
            Ok(text) => outln!("{text}"),
            Err(err) => eprintln!("hangar: cannot write JSON: {err}"),
        }
        return;
    }
    let body: Vec<Vec<String>> = rows.iter().map(cells).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for row in &body {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<String>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        outln!("{}", padded.join("  ").trim_end());
    };
    line(header.iter().map(|h| h.to_string()).collect());
    for row in body {
        line(row);
    }
}

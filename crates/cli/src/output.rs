use serde::Serialize;

/// Prints rows as pretty JSON, or as an aligned table with a header.
pub fn print_rows<T: Serialize>(
    rows: &[T],
    json: bool,
    header: &[&str],
    cells: impl Fn(&T) -> Vec<String>,
) {
    if json {
        match serde_json::to_string_pretty(rows) {
            Ok(text) => println!("{text}"),
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
        println!("{}", padded.join("  ").trim_end());
    };
    line(header.iter().map(|h| h.to_string()).collect());
    for row in body {
        line(row);
    }
}

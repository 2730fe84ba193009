//! Aligned text columns for the human output of `blueprint show` and `plan`.

/// Prints a header (when not empty) and rows, columns padded to their widest cell, each line
/// starting with `indent`.
pub fn print(header: &[&str], rows: &[Vec<String>], indent: &str) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        if widths.len() < row.len() {
            widths.resize(row.len(), 0);
        }
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        outln!("{indent}{}", padded.join("  ").trim_end());
    };
    if !header.is_empty() {
        line(&header.iter().map(|h| h.to_string()).collect::<Vec<_>>());
    }
    for row in rows {
        line(row);
    }
}

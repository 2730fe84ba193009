//! Bytes to text. UTF-8 with or without a BOM; UTF-16 when it says so with a BOM (Excel's
//! "Unicode text"); otherwise Windows-1252 (the Latin-1 superset older spreadsheets write), with
//! a warning. Binary data is refused rather than read as a page of mojibake.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::{FileError, FileErrorKind, TextEncoding};

#[derive(Debug)]
pub(crate) struct Decoded {
    pub text: String,
    pub encoding: TextEncoding,
    pub warnings: Vec<String>,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded, FileError> {
    if bytes.len() > super::MAX_FILE_BYTES {
        return Err(FileError::new(
            FileErrorKind::FileTooLarge,
            format!(
                "the file is {} bytes; a users CSV may be at most {} bytes",
                bytes.len(),
                super::MAX_FILE_BYTES
            ),
        ));
    }
    let mut warnings = Vec::new();
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        (utf8(rest)?, TextEncoding::Utf8Bom)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (utf16(rest, TextEncoding::Utf16Le)?, TextEncoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (utf16(rest, TextEncoding::Utf16Be)?, TextEncoding::Utf16Be)
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_owned(), TextEncoding::Utf8)
    } else {
        if bytes.contains(&0) {
            return Err(not_text(bytes));
        }
        let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
        warnings.push(
            "the file is not UTF-8; it was read as Windows-1252 (Latin-1): check that accented \
             names look right, or save the file as UTF-8"
                .to_owned(),
        );
        (text.into_owned(), TextEncoding::Windows1252)
    };
    if looks_binary(&text) {
        return Err(not_text(bytes));
    }
    Ok(Decoded {
        text,
        encoding,
        warnings,
    })
}

fn utf8(bytes: &[u8]) -> Result<String, FileError> {
    std::str::from_utf8(bytes).map(str::to_owned).map_err(|e| {
        FileError::new(
            FileErrorKind::NotText,
            format!(
                "the file starts with a UTF-8 byte-order mark but is not UTF-8 (bad byte at offset {})",
                e.valid_up_to() + UTF8_BOM.len()
            ),
        )
    })
}

fn utf16(bytes: &[u8], which: TextEncoding) -> Result<String, FileError> {
    let encoding = if which == TextEncoding::Utf16Le {
        UTF_16LE
    } else {
        UTF_16BE
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(FileError::new(
            FileErrorKind::NotText,
            "the file starts with a UTF-16 byte-order mark but is not valid UTF-16; save it as CSV UTF-8",
        ));
    }
    Ok(text.into_owned())
}

fn not_text(bytes: &[u8]) -> FileError {
    let utf16_hint = bytes.len() >= 4
        && (bytes.iter().step_by(2).filter(|&&b| b == 0).count() * 3 > bytes.len() / 2
            || bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count() * 3 > bytes.len() / 2);
    let message = if utf16_hint {
        "the file is not text: it looks like UTF-16 without a byte-order mark; save it as CSV UTF-8"
    } else {
        "the file is not text (it holds binary data); a users CSV is a text file with a header row"
    };
    FileError::new(FileErrorKind::NotText, message)
}

/// NUL anywhere, or more than a few control characters that no text file has (tab, CR, LF and
/// form feed are fine), is binary data.
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut controls = 0usize;
    for c in text.chars() {
        total += 1;
        if c == '\0' {
            return true;
        }
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C') {
            controls += 1;
        }
    }
    controls > 8 && controls * 50 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_stripped_and_named() {
        let d = decode(b"\xEF\xBB\xBFa,b").expect("decodes");
        assert_eq!(d.text, "a,b");
        assert_eq!(d.encoding, TextEncoding::Utf8Bom);
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn latin1_falls_back_with_a_warning() {
        let d = decode(b"Ren\xE9").expect("decodes");
        assert_eq!(d.text, "René");
        assert_eq!(d.encoding, TextEncoding::Windows1252);
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn nul_bytes_are_not_text() {
        let e = decode(b"a\0b\xff").expect_err("refused");
        assert_eq!(e.kind, FileErrorKind::NotText);
        let e = decode(b"a\0b").expect_err("refused");
        assert_eq!(e.kind, FileErrorKind::NotText);
    }

    #[test]
    fn utf16_with_a_bom_is_read() {
        let d = decode(b"\xFF\xFEa\0,\0b\0").expect("decodes");
        assert_eq!(d.text, "a,b");
        let d = decode(b"\xFE\xFF\0a\0,\0b").expect("decodes");
        assert_eq!(d.text, "a,b");
        assert_eq!(d.encoding, TextEncoding::Utf16Be);
    }
}

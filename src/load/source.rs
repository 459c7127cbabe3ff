//! Reading one content file: bytes to normalised text.

use crate::diagnostic::Position;
use crate::vietnamese;

/// Files larger than this are refused rather than read: a directive is a few
/// pages of text, and a runaway file must not exhaust memory.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Why a file's bytes are not text we can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub position: Position,
    pub message: String,
}

/// UTF-8 with or without a byte-order mark, LF or CRLF, normalised to NFC.
/// Takes the bytes by value: a file that is already clean UTF-8 in NFC
/// becomes its text without a copy.
pub fn decode(mut bytes: Vec<u8>) -> Result<String, DecodeError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let valid = &bytes[..e.utf8_error().valid_up_to()];
        // The prefix is valid UTF-8 by definition of valid_up_to.
        let before = String::from_utf8_lossy(valid);
        DecodeError {
            position: Position::of_offset(&before, before.len()),
            message: "the file is not valid UTF-8 text; save it as UTF-8".to_owned(),
        }
    })?;
    if let Some(offset) = text.find('\0') {
        return Err(DecodeError {
            position: Position::of_offset(&text, offset),
            message: "the file contains a NUL byte; it looks like a binary file".to_owned(),
        });
    }
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok(vietnamese::nfc(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_crlf() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFa\r\nb\r\n".to_vec()).unwrap(),
            "a\nb\n"
        );
    }

    #[test]
    fn normalises_to_nfc() {
        let nfd = "Ke\u{0302}\u{0301}t lua\u{0323}\u{0302}n";
        assert_eq!(decode(nfd.as_bytes().to_vec()).unwrap(), "Kết luận");
    }

    #[test]
    fn reports_where_invalid_utf8_starts() {
        let err = decode(b"title: x\nab\xFFc".to_vec()).unwrap_err();
        assert_eq!(err.position, Position::new(2, 3));
    }
}

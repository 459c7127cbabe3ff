//! Reading one content file: bytes to normalised text.

use crate::diagnostic::Position;
use crate::vietnamese;

/// Files larger than this are refused rather than read: a directive is a few
/// pages of text, and a runaway file must not exhaust memory.
pub(crate) const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Why a file's bytes are not text we can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DecodeError {
    pub(crate) position: Position,
    pub(crate) message: String,
}

/// Every reason a file's bytes are not text we can read: one for each
/// control character, so an editor fixes them all in one go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeErrors {
    pub(crate) first: DecodeError,
    pub(crate) rest: Vec<DecodeError>,
}

impl DecodeErrors {
    pub(crate) fn iter(&self) -> impl Iterator<Item = &DecodeError> {
        std::iter::once(&self.first).chain(&self.rest)
    }
}

impl From<DecodeError> for DecodeErrors {
    fn from(first: DecodeError) -> Self {
        DecodeErrors {
            first,
            rest: Vec::new(),
        }
    }
}

/// More control characters than this in one file are counted, not each
/// reported: such a file is more likely binary than mistyped.
const MAX_REPORTED_CONTROLS: usize = 100;

/// A file's text, and whether it is the file's bytes as they are (no
/// byte-order mark, no carriage return, already NFC).
#[derive(Debug)]
pub struct Decoded {
    /// The decoded text: LF line ends, NFC, no byte-order mark.
    pub text: String,
    /// Whether `text` is the file's bytes unchanged.
    pub verbatim: bool,
}

/// UTF-8 with or without a byte-order mark, LF or CRLF, normalised to NFC.
/// Takes the bytes by value: a file that is already clean UTF-8 in NFC
/// becomes its text without a copy.
pub(crate) fn decode(bytes: Vec<u8>) -> Result<String, DecodeError> {
    decode_file(bytes)
        .map(|decoded| decoded.text)
        .map_err(|errors| errors.first)
}

/// [`decode`], telling whether the text is the bytes as they were, and
/// reporting every control character, not only the first.
pub fn decode_file(mut bytes: Vec<u8>) -> Result<Decoded, DecodeErrors> {
    let mut verbatim = true;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
        verbatim = false;
    }
    let text = utf8(bytes)?;
    if let Some(offset) = first_control(text.as_bytes()) {
        return Err(control_errors(&text, offset));
    }
    // memchr's vectorised search: this looks at every byte of every file.
    let text = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        verbatim = false;
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    if vietnamese::is_nfc(&text) {
        return Ok(Decoded { text, verbatim });
    }
    Ok(Decoded {
        text: vietnamese::nfc(text),
        verbatim: false,
    })
}

/// One error for each control character from `first` on; a NUL byte
/// stops the list, since it marks a binary file.
fn control_errors(text: &str, first: usize) -> DecodeErrors {
    let mut positions = crate::diagnostic::Positions::new(text);
    let mut errors = Vec::new();
    let mut offset = first;
    loop {
        let c = text[offset..].chars().next().unwrap_or('\0');
        let position = positions.at(offset);
        if c == '\0' {
            errors.push(DecodeError {
                position,
                message: "the file contains a NUL byte; it looks like a binary file".to_owned(),
            });
            break;
        }
        if errors.len() == MAX_REPORTED_CONTROLS {
            let more = std::iter::successors(Some(offset), |&at| next_control(text, at)).count();
            errors.push(DecodeError {
                position,
                message: format!(
                    "{more} more control characters from here on; is this a text file?"
                ),
            });
            break;
        }
        errors.push(DecodeError {
            position,
            message: format!(
                "the file contains the control character U+{:04X}, which no page may carry; remove it (OCR and copying from other programs leave them)",
                c as u32
            ),
        });
        match next_control(text, offset) {
            Some(next) => offset = next,
            None => break,
        }
    }
    let mut errors = errors.into_iter();
    match errors.next() {
        Some(first) => DecodeErrors {
            first,
            rest: errors.collect(),
        },
        // Not reached: the loop pushes at least once.
        None => DecodeErrors::from(DecodeError {
            position: Position::START,
            message: "the file contains a control character".to_owned(),
        }),
    }
}

/// The control character after the one at `offset`.
fn next_control(text: &str, offset: usize) -> Option<usize> {
    let after = offset + text[offset..].chars().next().map_or(1, char::len_utf8);
    first_control(text.as_bytes().get(after..)?).map(|found| after + found)
}

/// The text of a file that [`decode_file`] found verbatim before, its
/// stamp unchanged since: only checked to be UTF-8 again, since the text
/// is used as a `str`; its characters and normalisation were checked.
pub(crate) fn decode_verbatim(bytes: Vec<u8>) -> Result<String, DecodeError> {
    utf8(bytes)
}

fn utf8(bytes: Vec<u8>) -> Result<String, DecodeError> {
    // Vietnamese is mostly multi-byte characters, where the standard
    // library's check goes byte by byte; simdutf8 checks in vector
    // registers and says where the first bad sequence starts.
    if let Err(e) = simdutf8::compat::from_utf8(&bytes) {
        let valid = &bytes[..e.valid_up_to()];
        // The prefix is valid UTF-8 by definition of valid_up_to.
        let before = String::from_utf8_lossy(valid);
        return Err(DecodeError {
            position: Position::of_offset(&before, before.len()),
            message: "the file is not valid UTF-8 text; save it as UTF-8".to_owned(),
        });
    }
    // SAFETY: simdutf8 has just found every byte of `bytes` valid UTF-8.
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

/// Whether `text` holds a character [`decode`] refuses.
pub(crate) fn has_control(text: &str) -> bool {
    first_control(text.as_bytes()).is_some()
}

/// The offset of the first control character of UTF-8 `bytes` (C0 and C1
/// controls and DEL, but tab, line feed and carriage return, which decoding
/// turns into line feeds): HTML calls them parse errors and XML 1.0 forbids
/// most of them. Read from the bytes: C0 controls and DEL are single
/// bytes, C1 controls are 0xC2 followed by 0x80–0x9F, and no other
/// character's encoding holds those bytes in those places.
fn first_control(bytes: &[u8]) -> Option<usize> {
    let is_control = |i: usize| match bytes[i] {
        b'\t' | b'\n' | b'\r' => false,
        0..0x20 | 0x7F => true,
        0xC2 => bytes.get(i + 1).is_some_and(|n| (0x80..0xA0).contains(n)),
        _ => false,
    };
    // A block at a time, with no branch inside, which the compiler turns
    // into vector compares: a block is looked at byte by byte only if it
    // holds a C0 control other than the three allowed, DEL, or 0xC2 (the
    // lead of U+0080–U+00BF, rare in Vietnamese, which has its letters
    // elsewhere).
    const BLOCK: usize = 32;
    let suspect =
        |b: u8| (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') | (b == 0x7F) | (b == 0xC2);
    let mut blocks = bytes.chunks_exact(BLOCK);
    let mut start = 0;
    for block in &mut blocks {
        if block.iter().fold(false, |seen, &b| seen | suspect(b))
            && let Some(i) = (start..start + BLOCK).find(|&i| is_control(i))
        {
            return Some(i);
        }
        start += BLOCK;
    }
    (start..bytes.len()).find(|&i| is_control(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_whether_the_text_is_the_bytes_as_they_are() {
        let verbatim = |bytes: &[u8]| decode_file(bytes.to_vec()).unwrap().verbatim;
        assert!(verbatim("Phố biến.\n".as_bytes()));
        assert!(!verbatim(b"\xEF\xBB\xBFa\n"));
        assert!(!verbatim(b"a\r\nb"));
        assert!(!verbatim("Pho\u{302}\u{301}".as_bytes()));
    }

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
    fn refuses_control_characters_but_tab_and_line_ends() {
        assert_eq!(decode(b"a\tb\r\nc".to_vec()).unwrap(), "a\tb\nc");
        for bad in ["x\u{1}", "x\u{2}", "x\u{7f}", "x\u{93}", "x\u{1b}[0m"] {
            let err = decode(bad.as_bytes().to_vec()).unwrap_err();
            assert_eq!(err.position, Position::new(1, 2), "{bad:?}");
            assert!(err.message.contains("control character"), "{bad:?}");
        }
    }

    #[test]
    fn every_control_character_is_reported() {
        let errors = decode_file("a\u{1}b\nc\u{2}".as_bytes().to_vec()).unwrap_err();
        let found: Vec<(Position, bool)> = errors
            .iter()
            .map(|e| (e.position, e.message.contains("U+0001")))
            .collect();
        assert_eq!(
            found,
            [(Position::new(1, 2), true), (Position::new(2, 2), false)]
        );
        assert!(errors.rest[0].message.contains("U+0002"));
    }

    #[test]
    fn the_byte_scan_finds_what_unicode_calls_controls() {
        let is_control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
        for code in 0..0x800u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let text = format!("ab{c}");
            assert_eq!(
                first_control(text.as_bytes()).is_some(),
                is_control(c),
                "U+{code:04X}"
            );
        }
    }

    #[test]
    fn the_word_scan_finds_a_control_anywhere() {
        for len in 0..40 {
            for at in 0..len {
                let mut text = "ạ".repeat(len).into_bytes();
                text.truncate(len);
                text.resize(len, b'a');
                text[at] = 0x01;
                assert_eq!(first_control(&text), Some(at), "{len} {at}");
                text[at] = b'\n';
                assert_eq!(first_control(&text), None, "{len} {at}");
            }
        }
    }

    #[test]
    fn reports_where_invalid_utf8_starts() {
        let err = decode(b"title: x\nab\xFFc".to_vec()).unwrap_err();
        assert_eq!(err.position, Position::new(2, 3));
    }
}

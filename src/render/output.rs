//! The output files as rendering hands them to the write stage.

use std::path::PathBuf;

use super::fragment::Piece;

/// A file of the output, relative to the output root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub(crate) path: PathBuf,
    pub(crate) contents: Contents,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Contents {
    Bytes(Vec<u8>),
    /// Written one after the other: a page made of parts shared with
    /// other pages (see [`fragment`]).
    Pieces(Vec<Piece>),
    /// A static file copied as is, without reading it into memory.
    Copy(PathBuf),
}

/// The file a page at site path `url` is written to.
pub(crate) fn page_path(url: &str) -> PathBuf {
    PathBuf::from(url.trim_start_matches('/')).join("index.html")
}

/// JSON of plain data. Serialising structs, vectors, strings and numbers
/// cannot fail (no maps with non-text keys, no custom serialisers), so a
/// failure would be a programming error.
pub(crate) fn json<T: serde::Serialize + ?Sized>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("plain data always serialises to JSON")
}

/// Replaces the five characters that matter in HTML and XML text and
/// attribute values.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

//! Front matter in the shape editors write it, read line by line without a
//! YAML parser: block mappings and sequences, one key or item per line,
//! values that end on their line (plain or quoted scalars, and flow lists
//! and tables such as `[a, b]` or `{ name: "…" }`). A directive's front
//! matter is almost always this shape, and a general YAML parser spent
//! about two hundred instructions a byte on it, a tenth of a build.
//!
//! Anything else (block scalars, text over several lines, anchors, tags,
//! escapes other than `\"` and `\\`, tabs, a line that does not fit the
//! indentation) makes [`parse`] give up, and the file is read by
//! [`super::plain_yaml`], then by the full reader, as before. So this
//! reader needs to be right only for what it accepts; tests check that it
//! gives the very tree, positions included, that the parser's events give.

use granit_parser::ScalarStyle;

use super::node::{Entry, Node, Value};
use super::plain_yaml::scalar;
use crate::diagnostic::Position;

/// Deeper than any front matter, as in [`super::plain_yaml`].
const MAX_DEPTH: usize = 32;

/// The tree of `text`, or `None` when it is not of the plain shape.
pub(crate) fn parse(text: &str) -> Option<Node> {
    let mut reader = Reader {
        lines: lines(text)?,
        at: 0,
    };
    let indent = reader.lines.first()?.indent;
    let root = reader.block(indent, 0)?;
    // Every line read: one that is not was at an indentation no block
    // of the document has.
    (reader.at == reader.lines.len()).then_some(root)
}

/// A line that holds something: not blank and not only a comment.
#[derive(Debug, Clone, Copy)]
struct Line<'t> {
    /// 1-based line in the text.
    number: usize,
    /// Spaces before the first character.
    indent: usize,
    text: &'t str,
}

impl Line<'_> {
    /// Whether a sequence item (`-` then a space or the line's end)
    /// starts at byte `at`.
    fn is_item(&self, at: usize) -> bool {
        let rest = &self.text.as_bytes()[at..];
        rest.first() == Some(&b'-') && rest.get(1).is_none_or(|&b| b == b' ')
    }

    /// The position of byte `at` of the line, its column in characters.
    fn position(&self, at: usize) -> Position {
        Position::new(self.number, column(&self.text[..at]))
    }
}

/// 1-based column after `before`, in characters.
fn column(before: &str) -> usize {
    // Characters are the bytes that do not continue one.
    before.bytes().filter(|&b| (b as i8) >= -0x40).count() + 1
}

/// The lines that hold something, or `None` when a line has what this
/// reader leaves to the parser: a tab, a carriage return, a byte-order
/// mark, a directive or a document marker.
fn lines(text: &str) -> Option<Vec<Line<'_>>> {
    let mut lines = Vec::with_capacity(32);
    for (number, line) in (1..).zip(text.split('\n')) {
        if line.bytes().any(|b| b == b'\t' || b == b'\r') || line.starts_with('\u{feff}') {
            return None;
        }
        if line.starts_with("---") || line.starts_with("...") || line.starts_with('%') {
            return None;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        match line.as_bytes().get(indent) {
            None | Some(b'#') => {}
            Some(_) => lines.push(Line {
                number,
                indent,
                text: line,
            }),
        }
    }
    Some(lines)
}

struct Reader<'t> {
    lines: Vec<Line<'t>>,
    /// The next line to read.
    at: usize,
}

impl<'t> Reader<'t> {
    fn line(&self) -> Option<Line<'t>> {
        self.lines.get(self.at).copied()
    }

    /// The block that starts on the current line at column `indent`: a
    /// sequence if an item starts there, else a mapping.
    fn block(&mut self, indent: usize, depth: usize) -> Option<Node> {
        if self.line()?.is_item(indent) {
            self.sequence(indent, false, depth)
        } else {
            self.mapping(indent, indent, depth)
        }
    }

    /// The value that starts at byte `at` of the current line and ends
    /// it (but for spaces and a comment); the line is then read.
    fn rest_of_line(&mut self, line: &Line<'_>, at: usize, depth: usize) -> Option<Node> {
        let (value, end) = value(line, at, false, depth)?;
        if !is_line_end(line.text, end, skip_spaces(line.text, end)) {
            return None;
        }
        self.at += 1;
        Some(value)
    }

    /// A block mapping whose keys stand at column `indent`; its first key
    /// starts at byte `first` of the current line (past a `- ` when the
    /// mapping is a sequence item's).
    fn mapping(&mut self, indent: usize, first: usize, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let line = self.line()?;
        let at = line.position(first);
        let mut entries: Vec<Entry> = Vec::new();
        let mut start = first;
        loop {
            let line = self.line()?;
            let text = line.text;
            let key_end = key_end(text, start)?;
            let key = &text[start..key_end];
            if !is_new_key(&entries, key) {
                return None;
            }
            let key_position = line.position(start);
            let colon = line.position(key_end);
            let after = skip_spaces(text, key_end + 1);
            let value = if is_line_end(text, key_end + 1, after) {
                self.at += 1;
                self.nested(indent, colon, depth)?
            } else {
                self.rest_of_line(&line, after, depth)?
            };
            entries.push(Entry {
                key: key.to_owned(),
                key_position,
                value,
            });
            match self.line() {
                Some(next) if next.indent == indent && !next.is_item(indent) => start = indent,
                Some(next) if next.indent > indent => return None,
                // The parent's next key or item, or the end.
                _ => break,
            }
        }
        Some(Node {
            value: Value::Map(entries),
            position: at,
        })
    }

    /// What a key with nothing after its colon holds: the more indented
    /// block below it, a sequence at the key's own indentation, or null
    /// (placed at the colon, as the parser places it).
    fn nested(&mut self, indent: usize, colon: Position, depth: usize) -> Option<Node> {
        let Some(next) = self.line() else {
            return Some(null(colon));
        };
        let inner = next.indent;
        if inner > indent {
            self.block(inner, depth + 1)
        } else if inner == indent && next.is_item(inner) {
            self.sequence(inner, true, depth + 1)
        } else {
            Some(null(colon))
        }
    }

    /// A block sequence whose `-` stand at column `indent`. One at its
    /// parent key's own indentation (`indentless`) is placed where its
    /// first item is, as the parser places it; another, at its first `-`.
    fn sequence(&mut self, indent: usize, indentless: bool, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let dash = self.line()?.position(indent);
        let mut items = Vec::new();
        while let Some(line) = self.line() {
            if line.indent != indent || !line.is_item(indent) {
                if line.indent > indent {
                    return None;
                }
                break;
            }
            let text = line.text;
            let content = skip_spaces(text, indent + 1);
            let item = if is_line_end(text, indent + 1, content) {
                // The parser places an empty item at its line's end.
                let end = line.position(text.len());
                self.at += 1;
                match self.line() {
                    Some(next) if next.indent > indent => self.block(next.indent, depth + 1)?,
                    _ => null(end),
                }
            } else if line.is_item(content) {
                return None;
            } else if key_end(text, content).is_some() {
                // `- key: value`: a mapping whose keys line up with this one.
                self.mapping(content, content, depth + 1)?
            } else {
                self.rest_of_line(&line, content, depth)?
            };
            items.push(item);
        }
        let position = if indentless {
            // An empty first item would be placed elsewhere; leave it.
            match items.first() {
                Some(Node {
                    value: Value::Null, ..
                })
                | None => return None,
                Some(first) => first.position,
            }
        } else {
            dash
        };
        Some(Node {
            value: Value::List(items),
            position,
        })
    }
}

fn null(position: Position) -> Node {
    Node {
        value: Value::Null,
        position,
    }
}

/// The first byte at or after `at` that is not a space.
fn skip_spaces(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = at.min(bytes.len());
    while bytes.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

/// Whether nothing but spaces and a comment follow byte `from`, given
/// `after`, the first byte past those spaces. A `#` starts a comment only
/// after a space.
fn is_line_end(text: &str, from: usize, after: usize) -> bool {
    after >= text.len() || (text.as_bytes()[after] == b'#' && after > from)
}

/// Where a block mapping's key that starts at byte `start` ends: at a
/// colon followed by a space or the line's end. `None` when the line holds
/// no such key, or a key this reader leaves to the parser (quoted, empty,
/// starting with an indicator, with a space before its colon or a
/// comment in it, or one that would not read as text).
fn key_end(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.get(start).is_none_or(|&b| is_indicator(b)) {
        return None;
    }
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b':' if bytes.get(i + 1).is_none_or(|&b| b == b' ') => {
                return is_text_key(&text[start..i]).then_some(i);
            }
            b'#' if bytes[i - 1] == b' ' => return None,
            _ => i += 1,
        }
    }
    None
}

/// Whether a plain key, up to its colon, is one this reader takes: no
/// space before the colon, and text (not a null, number or boolean, which
/// the full reader judges).
fn is_text_key(key: &str) -> bool {
    !key.ends_with(' ') && matches!(scalar(key, ScalarStyle::Plain), Some(Value::String(_)))
}

/// Whether `key` may join `entries`: a key given twice, or a merge key,
/// is the full reader's to judge.
fn is_new_key(entries: &[Entry], key: &str) -> bool {
    key != "<<" && entries.iter().all(|e| e.key != key)
}

/// The bytes that give a plain scalar's first character another meaning.
fn is_indicator(b: u8) -> bool {
    matches!(
        b,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

fn is_flow_indicator(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

/// A value that starts at byte `at` of `line` and ends on it: a quoted or
/// plain scalar, or a flow sequence or mapping. Returns it and the byte
/// after it. `flow` is set inside brackets, where `,` and brackets end a
/// plain scalar.
fn value(line: &Line<'_>, at: usize, flow: bool, depth: usize) -> Option<(Node, usize)> {
    if depth > MAX_DEPTH {
        return None;
    }
    let text = line.text;
    let position = line.position(at);
    let (value, end) = match text.as_bytes().get(at)? {
        b'"' => double_quoted(text, at + 1)?,
        b'\'' => single_quoted(text, at + 1)?,
        b'[' => flow_sequence(line, at + 1, depth)?,
        b'{' => flow_mapping(line, at + 1, depth)?,
        &b if is_indicator(b) => return None,
        _ => {
            let end = plain_end(text, at, flow)?;
            (scalar(&text[at..end], ScalarStyle::Plain)?, end)
        }
    };
    Some((Node { value, position }, end))
}

/// Where a plain scalar that starts at byte `at` ends, trailing spaces
/// left out; `None` for one this reader leaves to the parser (one holding
/// `: `, or, inside brackets, a bracket or a colon at all).
fn plain_end(text: &str, at: usize, flow: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = at;
    while i < bytes.len() {
        match bytes[i] {
            b'#' if bytes[i - 1] == b' ' => break,
            b':' if flow || bytes.get(i + 1).is_none_or(|&b| b == b' ') => return None,
            b',' | b']' | b'}' if flow => break,
            b'[' | b'{' if flow => return None,
            _ => i += 1,
        }
    }
    let end = at + text[at..i].trim_end_matches(' ').len();
    (end > at).then_some(end)
}

/// A double-quoted scalar whose text starts at byte `at`, on one line,
/// with no escapes but `\"` and `\\`.
fn double_quoted(text: &str, at: usize) -> Option<(Value, usize)> {
    let bytes = text.as_bytes();
    let mut value = String::new();
    let mut done = at;
    let mut i = at;
    loop {
        match bytes.get(i)? {
            b'"' => {
                value.push_str(&text[done..i]);
                return Some((Value::String(value), i + 1));
            }
            b'\\' => match bytes.get(i + 1)? {
                b'"' | b'\\' => {
                    value.push_str(&text[done..i]);
                    done = i + 1;
                    i += 2;
                }
                _ => return None,
            },
            _ => i += 1,
        }
    }
}

/// A single-quoted scalar whose text starts at byte `at`, on one line.
fn single_quoted(text: &str, at: usize) -> Option<(Value, usize)> {
    let bytes = text.as_bytes();
    let mut value = String::new();
    let mut done = at;
    let mut i = at;
    loop {
        if *bytes.get(i)? == b'\'' {
            value.push_str(&text[done..i]);
            if bytes.get(i + 1) == Some(&b'\'') {
                done = i + 1;
                i += 2;
            } else {
                return Some((Value::String(value), i + 1));
            }
        } else {
            i += 1;
        }
    }
}

/// `[a, b]` from the byte after its `[`, on one line.
fn flow_sequence(line: &Line<'_>, at: usize, depth: usize) -> Option<(Value, usize)> {
    let text = line.text;
    let bytes = text.as_bytes();
    let mut items = Vec::new();
    let mut i = skip_spaces(text, at);
    if bytes.get(i) == Some(&b']') {
        return Some((Value::List(items), i + 1));
    }
    loop {
        let (item, end) = value(line, i, true, depth + 1)?;
        items.push(item);
        match after_item(text, end, b']')? {
            Step::Close(end) => return Some((Value::List(items), end)),
            Step::Next(next) => i = next,
        }
    }
}

/// What follows an item of a flow sequence or mapping.
enum Step {
    /// The closing bracket: the byte after it.
    Close(usize),
    /// A comma: where the next item starts.
    Next(usize),
}

/// What follows the item that ends at byte `end`, in brackets closed by
/// `close`; `None` for anything but a comma before another item or the
/// closing bracket (a trailing comma, or an empty item, is the parser's
/// to read).
fn after_item(text: &str, end: usize, close: u8) -> Option<Step> {
    let bytes = text.as_bytes();
    let i = skip_spaces(text, end);
    match *bytes.get(i)? {
        b if b == close => Some(Step::Close(i + 1)),
        b',' => {
            let next = skip_spaces(text, i + 1);
            let item = bytes.get(next).is_some_and(|&b| !is_flow_indicator(b));
            item.then_some(Step::Next(next))
        }
        _ => None,
    }
}

/// `{ a: x, b: y }` from the byte after its `{`, on one line.
fn flow_mapping(line: &Line<'_>, at: usize, depth: usize) -> Option<(Value, usize)> {
    let text = line.text;
    let bytes = text.as_bytes();
    let mut entries: Vec<Entry> = Vec::new();
    let mut i = skip_spaces(text, at);
    if bytes.get(i) == Some(&b'}') {
        return Some((Value::Map(entries), i + 1));
    }
    loop {
        let start = i;
        if bytes.get(start).is_none_or(|&b| is_indicator(b)) {
            return None;
        }
        // A key is plain text up to a colon and a space.
        let mut end = start;
        while end < bytes.len() && !(bytes[end] == b':' && bytes.get(end + 1) == Some(&b' ')) {
            if is_flow_indicator(bytes[end]) || bytes[end] == b'#' || bytes[end] == b':' {
                return None;
            }
            end += 1;
        }
        let key = text.get(start..end)?;
        if end >= bytes.len() || !is_text_key(key) || !is_new_key(&entries, key) {
            return None;
        }
        let after = skip_spaces(text, end + 1);
        if bytes.get(after).is_none_or(|&b| b == b',' || b == b'}') {
            return None;
        }
        let (value, value_end) = value(line, after, true, depth + 1)?;
        entries.push(Entry {
            key: key.to_owned(),
            key_position: line.position(start),
            value,
        });
        match after_item(text, value_end, b'}')? {
            Step::Close(end) => return Some((Value::Map(entries), end)),
            Step::Next(next) => i = next,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the parser's events give, which this reader must match.
    fn by_events(text: &str) -> Option<Node> {
        super::super::plain_yaml::parse(text)
    }

    /// Shapes this reader must accept, and read as the parser does.
    const ACCEPTED: &[&str] = &[
        "kind: Kết luận\nnumber: 07-KL/TW\ndate: 2021-06-11\n",
        "a: no\nb: y\nc: 07\nd: true\ne: false\nf:\ng: ~\nh: null\ni: 42\nj: 0\n",
        "title: \"Về việc: \\\"x\\\" \\\\ y\"\nnote: 'it''s'\n",
        "relations:\n  - type: implements\n    number: 07-KL/TW\n  - {type: cites, title: Công điện}\n",
        "# a comment\nkind: x # another\n\nlist:\n- a\n-   b\n",
        "circulation:\n  - action: received\n    date: 2021-06-14\n    office: Văn phòng\n",
        "signer: { name: \"Nguyễn Văn Cường\", title: \"Phó Bí thư\", authority: \"T/M Ban Thường vụ\" }\n",
        "tags: [\"an sinh xã hội\", y tế cơ sở, 'x']\nempty: []\nnone: {}\n",
        "list:\n- k: v\n  j: w\n- x\n",
        "list:\n  -   k: v\n      j: w\n  -\n  - 'q'\nafter: 1\n",
        "b:   \nc: 1\nd: # c\n",
        "m:\n\n  # c\n    x: 1\n    y:\n      - 1\n      - [2, 3]\nn: C#, a:b, x -y\n",
        "- a\n- b\n",
        "  a: 1\n  b:\n",
        "url: https://example.org/a#b\ncode: a:b\n",
    ];

    #[test]
    fn reads_what_the_parser_reads() {
        for text in ACCEPTED {
            let lines = parse(text).unwrap_or_else(|| panic!("left to the parser: {text:?}"));
            assert_eq!(Some(lines), by_events(text), "{text:?}");
        }
    }

    /// Values whose reading turns on a detail: where a comment starts,
    /// separators within brackets, what reads as a number, line breaks
    /// YAML 1.2 does not count. Whatever this reader accepts of them,
    /// it reads as the parser does.
    #[test]
    fn details_read_as_the_parser_reads() {
        for text in [
            "a: x\u{2028}y\n",
            "a: \"x\u{2028}y\"\n",
            "a: x\u{feff}y\n",
            "a: x\u{85}y\n",
            "a#b: c\n",
            "a: b #c\n",
            "a: 'x' #c\n",
            "a: [ x , y ]\n",
            "a: {x: 1,y: 2}\n",
            "a: [x,y]\n",
            "a: {  }\n",
            "a: [ ]\n",
            "k: v \n",
            "k:  v\n",
            "k: \"\"\n",
            "k: ''\n",
            "k: [\"\"]\n",
            "k: x:y\n",
            "k: http://a.b/c?d=e#f\n",
            "k: 1e3\n",
            "k: 0o17\n",
            "k: .inf\n",
            "k: 12:30\n",
            "k: 2021-06-11T10:00\n",
            "k: 2021-6-11\n",
            "k: +1\n",
            "k: 007\n",
            "k: 10_000\n",
            "k: =\n",
            "k: <x>\n",
            "k: x]\n",
            "k: x}\n",
            "k: x,y\n",
            "list:\n- a\n- b\nnext: 1\n",
            "list:\n  - a\n  - b\nnext: 1\n",
            "m:\n  - a: 1\n    b:\n      - x\n",
            "m:\n  - a: 1\n    b:\n    - x\n",
        ] {
            if let Some(lines) = parse(text) {
                assert_eq!(Some(lines), by_events(text), "{text:?}");
            }
        }
    }

    #[test]
    fn a_flow_table_counts_columns_in_characters() {
        let node = parse("s: { name: \"Nguyễn\", title: x }\n").unwrap();
        let Value::Map(entries) = node.value else {
            panic!()
        };
        let Value::Map(inner) = &entries[0].value.value else {
            panic!()
        };
        assert_eq!(inner[1].key_position, Position::new(1, 22));
        assert_eq!(inner[1].value.position, Position::new(1, 29));
    }

    /// What this reader leaves to the parser.
    #[test]
    fn leaves_the_rest_to_the_parser() {
        for text in [
            "a: &x 1\nb: *x\n",
            "a: !!str 12\n",
            "a: 1\na: 2\n",
            "a: 1.5\n",
            "a: -3\n",
            "a: TRUE\n",
            "? [a]\n: b\n",
            "a: [x\n",
            "a: \"x\n  y\"\n",
            "a: x\n  y\n",
            "text: |\n  dòng một\n",
            "folded: >\n  a\n",
            "a:\tb\n",
            "a: \"\\n\"\n",
            "a: [x, ]\n",
            "a: [k: v]\n",
            "a: {k}\n",
            "a : x\n",
            "\"a\": x\n",
            "<<: {a: 1}\n",
            "a:\n  b: 1\n c: 2\n",
            "a:\n- \n- x\n",
            "- - a\n",
            "a: b: c\n",
            "%YAML 1.2\na: 1\n",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn every_file_of_the_archive_reads_the_same() {
        for (path, yaml) in crate::load::front_matter_corpus() {
            let lines = parse(&yaml).unwrap_or_else(|| panic!("{}", path.display()));
            assert_eq!(Some(lines), by_events(&yaml), "{}", path.display());
        }
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    fn scalar() -> impl Strategy<Value = String> {
        prop_oneof![
            "[0-9a-zA-Zđô .:/+_~#'\"-]{0,10}",
            "\"[a-zđô :,#'\\\\-]{0,8}\"",
            "'[a-zđô :,#\"-]{0,8}'",
            "[0-9TtFfNn~.-]{0,5}",
        ]
    }

    fn flow() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::collection::vec(scalar(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
            prop::collection::vec(("[a-c]{1,2}", scalar()), 0..3).prop_map(|v| {
                let pairs: Vec<String> = v.iter().map(|(k, s)| format!("{k}: {s}")).collect();
                format!("{{ {} }}", pairs.join(", "))
            }),
            scalar(),
        ]
    }

    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            (flow(), "[a-d]{1,2}").prop_map(|(v, k)| format!("{k}: {v}\n")),
            ("[a-d]{1,2}", flow(), flow(), " {0,3}")
                .prop_map(|(k, a, b, pad)| format!("{k}:\n{pad}- {a}\n{pad}-  {b}\n")),
            ("[a-d]{1,2}", "[e-g]", flow(), "[h-j]", flow())
                .prop_map(|(k, k1, a, k2, b)| format!("{k}:\n  - {k1}: {a}\n    {k2}: {b}\n")),
            ("[a-d]{1,2}", " *#[a-z ]{0,4}").prop_map(|(k, c)| format!("{k}:{c}\n")),
            Just("\n".to_owned()),
            Just("  # note\n".to_owned()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Whatever this reader accepts, the parser's events give the same
        /// tree, positions included; and what the parser reads plainly from
        /// such lines, this reader reads too.
        #[test]
        fn never_disagrees_with_the_parser(lines in prop::collection::vec(line(), 1..6)) {
            let text = lines.concat();
            let by_events = super::super::plain_yaml::parse(&text);
            if let Some(by_lines) = super::parse(&text) {
                prop_assert_eq!(Some(by_lines), by_events, "{:?}", text);
            }
        }
    }
}

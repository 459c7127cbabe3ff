//! The front matter editors write, read straight from the YAML parser's
//! events: mappings, sequences and scalars, no anchors, aliases or tags.
//! Building the tree from events is several times cheaper than going
//! through serde with a position on every value, and almost every file
//! is this plain. Anything else (and every error) is left to the full
//! reader in [`super::node`], so its rules and messages stay the only ones.

use granit_parser::{Event, Parser, ScalarStyle, Span};

use super::node::{Entry, Node, Value};
use crate::diagnostic::Position;

/// Deeper than any front matter: past it, the full reader's budgets decide.
const MAX_DEPTH: usize = 32;

/// The tree of `text`, or `None` when it needs the full reader.
pub(crate) fn parse(text: &str) -> Option<Node> {
    let mut events =
        Parser::new_from_str(text).filter(|e| !matches!(e, Ok((Event::Comment(..), _))));
    let mut next = move || events.next()?.ok();
    if !matches!(next()?.0, Event::StreamStart) || !matches!(next()?.0, Event::DocumentStart(..)) {
        return None;
    }
    let (first, span) = next()?;
    let root = node(first, span, &mut next, 0)?;
    // One document, and nothing after it.
    match (next()?.0, next()?.0) {
        (Event::DocumentEnd, Event::StreamEnd) => Some(root),
        _ => None,
    }
}

type Events<'a, 'n> = dyn FnMut() -> Option<(Event<'a>, Span)> + 'n;

fn node<'a>(event: Event<'a>, span: Span, next: &mut Events<'a, '_>, depth: usize) -> Option<Node> {
    if depth > MAX_DEPTH {
        return None;
    }
    let at = position(&span);
    let value = match event {
        Event::Scalar(text, style, 0, None) => scalar(&text, style)?,
        Event::SequenceStart(_, 0, None) => {
            let mut items = Vec::new();
            loop {
                match next()? {
                    (Event::SequenceEnd, _) => break,
                    (event, span) => items.push(node(event, span, next, depth + 1)?),
                }
            }
            Value::List(items)
        }
        Event::MappingStart(_, 0, None) => {
            let mut entries: Vec<Entry> = Vec::new();
            loop {
                let (key, key_span) = match next()? {
                    (Event::MappingEnd, _) => break,
                    // Keys are text: a key that would read as null, a
                    // number or a boolean is the full reader's to judge.
                    (Event::Scalar(key, style, 0, None), span)
                        if matches!(scalar(&key, style), Some(Value::String(_))) =>
                    {
                        (key.into_owned(), span)
                    }
                    _ => return None,
                };
                // A key given twice: the full reader says so.
                if key == "<<" || entries.iter().any(|e| e.key == key) {
                    return None;
                }
                let (event, span) = next()?;
                entries.push(Entry {
                    key,
                    key_position: position(&key_span),
                    value: node(event, span, next, depth + 1)?,
                });
            }
            Value::Map(entries)
        }
        _ => return None,
    };
    Some(Node {
        value,
        position: at,
    })
}

fn position(span: &Span) -> Position {
    Position::new(span.start.line().max(1), span.start.col() + 1)
}

/// A scalar's value as the full reader types it (YAML 1.2 with `true` and
/// `false` the only booleans and `07` kept as text); `None` for the forms
/// this reader leaves to it.
pub(super) fn scalar(text: &str, style: ScalarStyle) -> Option<Value> {
    if style != ScalarStyle::Plain {
        return Some(Value::String(text.to_owned()));
    }
    Some(match text {
        "" | "~" | "null" => Value::Null,
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        _ if is_date(text) => Value::String(text.to_owned()),
        _ if text.bytes().all(|b| b.is_ascii_digit()) => {
            if text.len() > 1 && text.starts_with('0') {
                Value::String(text.to_owned())
            } else {
                Value::Integer(text.parse().ok()?)
            }
        }
        // Numbers in other spellings, and the other null and boolean
        // spellings: the full reader's rules.
        _ if starts_like_a_number(text)
            || matches!(text, "Null" | "NULL" | "True" | "TRUE" | "False" | "FALSE") =>
        {
            return None;
        }
        _ => Value::String(text.to_owned()),
    })
}

/// `2021-06-11`: text in YAML 1.2, however it looks.
fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| b[i].is_ascii_digit())
}

/// Whether the full reader might read `text` as a number: it starts as
/// one, and has no character a number can never have (`07-KL/TW` has `/`).
fn starts_like_a_number(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.'))
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.' | '_' | ':'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::node::parse_yaml;

    /// What both readers must agree on, positions included.
    const SAME: &[&str] = &[
        "kind: Kết luận\nnumber: 07-KL/TW\ndate: 2021-06-11\n",
        "a: no\nb: y\nc: 07\nd: true\ne: false\nf:\ng: ~\nh: null\ni: 42\nj: 0\n",
        "title: \"Về việc: \\\"x\\\"\"\nnote: 'it''s'\n",
        "relations:\n  - type: implements\n    number: 07-KL/TW\n  - {type: cites, title: Công điện}\n",
        "tags: [phòng dịch, vắc xin]\ntext: |\n  dòng một\n  dòng hai\nfolded: >\n  a\n  b\n",
        "# a comment\nkind: x # another\n\nlist:\n- a\n-   b\n",
        "circulation:\n  - action: received\n    date: 2021-06-14\n    office: Văn phòng\n",
    ];

    #[test]
    fn agrees_with_the_full_reader() {
        for text in SAME {
            let plain = parse(text).unwrap_or_else(|| panic!("left to the full reader: {text:?}"));
            assert_eq!(Ok(plain), parse_yaml_full(text), "{text:?}");
        }
    }

    /// What this reader must leave to the full one.
    #[test]
    fn leaves_the_rest_to_the_full_reader() {
        for text in [
            "a: &x 1\nb: *x\n",
            "a: !!str 12\n",
            "a: 1\na: 2\n",
            "a: 1.5\n",
            "a: -3\n",
            "a: 0x1F\n",
            "a: TRUE\n",
            "? [a]\n: b\n",
            "a: [x\n",
            "---\na: 1\n---\nb: 2\n",
            "<<: {a: 1}\n",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    fn parse_yaml_full(text: &str) -> Result<Node, String> {
        crate::load::node::parse_yaml_with_serde(text).map_err(|e| e.message)
    }

    #[test]
    fn the_public_reader_takes_the_fast_path_or_the_full_one() {
        use crate::load::node::{YamlReader, read_yaml};
        let lines = "kind: Kết luận\ndate: 2021-06-11\n";
        let (reader, node) = read_yaml(lines);
        assert_eq!(reader, YamlReader::Lines);
        assert_eq!(node, parse_yaml_full(lines).map_err(|_| unreachable!()));
        let plain = "kind: Kết luận\ntext: |\n  dòng một\n";
        let (reader, node) = read_yaml(plain);
        assert_eq!(reader, YamlReader::Plain);
        assert_eq!(node, parse_yaml_full(plain).map_err(|_| unreachable!()));
        let (reader, node) = read_yaml("a: 1.5\n");
        assert_eq!(reader, YamlReader::Full);
        assert_eq!(node.ok(), parse_yaml_full("a: 1.5\n").ok());
        let (reader, node) = read_yaml("a: [x\n");
        assert_eq!(reader, YamlReader::Full);
        assert!(node.is_err(), "errors come from the full reader");
        assert_eq!(parse_yaml(plain), read_yaml(plain).1);
    }
}

#[cfg(test)]
mod archive_tests {
    use super::*;

    /// Every front matter of this repository's archive and pages reads the
    /// same by both readers, and takes the fast path.
    #[test]
    fn the_archive_reads_the_same_by_both_readers() {
        for (path, yaml) in crate::load::front_matter_corpus() {
            let plain = parse(&yaml).unwrap_or_else(|| panic!("{}", path.display()));
            let full = crate::load::node::parse_yaml_with_serde(&yaml).unwrap();
            assert_eq!(plain, full, "{}", path.display());
        }
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-d]{1,2}: [0-9a-zA-Zđô .:/+_~#'\"-]{0,10}\n",
            "[a-d]{1,2}:\n  - [0-9a-zA-Z .:/+_-]{0,8}\n  - [0-9TtFfNn~.-]{0,5}\n",
            "[a-d]{1,2}: \\[[0-9a-z, .:-]{0,10}\\]\n",
            "[a-d]{1,2}: \\{[a-c]: [0-9a-z .-]{0,6}\\}\n",
        ]
    }

    proptest! {
        /// Whatever the fast reader accepts, the full reader reads the same.
        #[test]
        fn never_disagrees_with_the_full_reader(lines in prop::collection::vec(line(), 1..6)) {
            let text = lines.concat();
            if let Some(plain) = super::parse(&text) {
                let full = crate::load::node::parse_yaml_with_serde(&text);
                prop_assert_eq!(Ok(plain), full.map_err(|e| e.message), "{:?}", text);
            }
        }
    }
}

//! Splitting a content file into front matter and Markdown body.

use super::node::{self, Node, SyntaxError, Value};
use crate::diagnostic::Position;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Yaml,
    Toml,
}

impl Format {
    fn delimiter(self) -> &'static str {
        match self {
            Format::Yaml => "---",
            Format::Toml => "+++",
        }
    }
}

/// A file cut in two. Positions in `front_matter` are those of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    /// The front matter, parsed; `None` when the file has none.
    pub front_matter: Option<Node>,
    /// The text after the front matter.
    pub body: String,
    /// Line of the file on which the body starts.
    pub body_line: usize,
    /// Where the body starts in the text split, in bytes.
    pub body_start: usize,
}

/// Cuts `text` at its front-matter delimiters and parses the front matter.
/// A file that does not start with `---` or `+++` has none.
/// Takes the file's text by value: the body is what remains of it.
pub fn split(mut text: String) -> Result<Split, SyntaxError> {
    let Some(format) = opening(&text) else {
        return Ok(Split {
            front_matter: None,
            body: text,
            body_line: 1,
            body_start: 0,
        });
    };
    let delimiter = format.delimiter();
    let after_open = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = after_open;
    for (line, raw_line) in (2..).zip(text[after_open..].split_inclusive('\n')) {
        if raw_line.trim_end() == delimiter {
            let yaml_text = &text[after_open..offset];
            let node = parse(format, yaml_text)
                .map_err(|e| SyntaxError {
                    position: shift(e.position, 1),
                    message: e.message,
                })?
                .map(|n| shift_node(n, 1));
            let body_start = offset + raw_line.len();
            text.drain(..body_start);
            return Ok(Split {
                front_matter: node,
                body: text,
                body_line: line + 1,
                body_start,
            });
        }
        offset += raw_line.len();
    }
    Err(SyntaxError {
        position: Position::START,
        message: format!(
            "front matter opened with `{delimiter}` on line 1 is never closed; end it with a line `{delimiter}`"
        ),
    })
}

fn opening(text: &str) -> Option<Format> {
    let first = text.lines().next()?.trim_end();
    match first {
        "---" => Some(Format::Yaml),
        "+++" => Some(Format::Toml),
        _ => None,
    }
}

/// `None` for an empty front matter block (`---\n---`).
fn parse(format: Format, text: &str) -> Result<Option<Node>, SyntaxError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let node = match format {
        Format::Yaml => node::parse_yaml(text)?,
        Format::Toml => node::parse_toml(text)?,
    };
    // Escapes such as "\x01" make characters the file itself may not hold.
    // Without a backslash there is no escape, and the values hold only
    // what the text does: the values are read one by one only if either
    // may hold one.
    let may_hold =
        memchr::memchr(b'\\', text.as_bytes()).is_some() || super::source::has_control(text);
    if let Some(at) = may_hold.then(|| node::control_character(&node)).flatten() {
        return Err(SyntaxError {
            position: at,
            message: "a value holds a control character; HTML and XML pages cannot carry it"
                .to_owned(),
        });
    }
    Ok(match node.value {
        Value::Null => None,
        _ => Some(node),
    })
}

fn shift(position: Position, lines: usize) -> Position {
    Position::new(position.line + lines, position.column)
}

fn shift_node(mut node: Node, lines: usize) -> Node {
    node.position = shift(node.position, lines);
    node.value = match node.value {
        Value::List(items) => {
            Value::List(items.into_iter().map(|n| shift_node(n, lines)).collect())
        }
        Value::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|mut e| {
                    e.key_position = shift(e.key_position, lines);
                    e.value = shift_node(e.value, lines);
                    e
                })
                .collect(),
        ),
        other => other,
    };
    node
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_positions_are_file_positions() {
        let file = "---\nkind: x\ntitle: y\n---\nBody\n";
        let split = split(String::from(file)).unwrap();
        let Value::Map(entries) = split.front_matter.unwrap().value else {
            panic!("not a map")
        };
        assert_eq!(entries[1].key, "title");
        assert_eq!(entries[1].key_position, Position::new(3, 1));
        assert_eq!(split.body, "Body\n");
        assert_eq!(split.body_line, 5);
        assert_eq!(split.body_start, file.len() - "Body\n".len());
    }

    #[test]
    fn toml_front_matter() {
        let split = split(String::from("+++\nkind = \"x\"\n+++\n\nBody")).unwrap();
        assert!(split.front_matter.is_some());
        assert_eq!(split.body, "\nBody");
        assert_eq!(split.body_line, 4);
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let split = split(String::from("# Title\n")).unwrap();
        assert!(split.front_matter.is_none());
        assert_eq!(split.body_line, 1);
    }

    #[test]
    fn unterminated_front_matter_is_an_error_on_line_one() {
        let err = split(String::from("---\nkind: x\n\nBody text")).unwrap_err();
        assert_eq!(err.position, Position::START);
        assert!(err.message.contains("never closed"));
    }

    #[test]
    fn escaped_control_characters_are_refused_where_written() {
        let err = split(String::from("---\nkind: x\ntitle: \"a\\x01b\"\n---\n")).unwrap_err();
        assert_eq!(err.position.line, 3, "{err:?}");
        assert!(err.message.contains("control character"));
        let err = split(String::from("+++\nkind = \"x\"\n\"k\\u0002\" = 1\n+++\n")).unwrap_err();
        assert_eq!(err.position.line, 3, "{err:?}");
        // One written as is, in a text not checked before, is refused too.
        let err = split(String::from("---\nkind: x\ntitle: \"a\u{1}b\"\n---\n")).unwrap_err();
        assert_eq!(err.position.line, 3, "{err:?}");
    }

    #[test]
    fn syntax_errors_point_into_the_file() {
        let err = split(String::from("---\nkind: x\ntitle: [a\n---\n")).unwrap_err();
        assert!(err.position.line >= 3, "{err:?}");
    }

    #[test]
    fn a_thematic_break_in_the_body_is_not_front_matter() {
        let split = split(String::from("Text\n---\nMore")).unwrap();
        assert!(split.front_matter.is_none());
    }
}

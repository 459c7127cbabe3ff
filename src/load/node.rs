//! Front matter as a tree of values that remember where they were written,
//! whether the editor wrote YAML or TOML. Validation reads this tree so every
//! problem can point at its key.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostic::Position;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub(crate) value: Value,
    pub(crate) position: Position,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Integer(i64),
    Float(f64),
    String(String),
    /// A TOML date or date-time literal, kept as written.
    Datetime(String),
    List(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub(crate) key: String,
    pub(crate) key_position: Position,
    pub(crate) value: Node,
}

impl Value {
    /// How the value reads in an error message ("a list", "a number").
    pub(crate) fn describe(&self) -> &'static str {
        match self {
            Value::Null => "empty",
            Value::Bool(_) => "true/false",
            Value::Integer(_) | Value::Float(_) => "a number",
            Value::String(_) => "text",
            Value::Datetime(_) => "a date",
            Value::List(_) => "a list",
            Value::Map(_) => "a table of keys",
        }
    }
}

/// Where a text value (or key) of `node` holds a control character other
/// than tab and line feed, if one does.
pub(crate) fn control_character(node: &Node) -> Option<Position> {
    match &node.value {
        Value::String(s) | Value::Datetime(s) => {
            super::source::has_control(s).then_some(node.position)
        }
        Value::List(items) => items.iter().find_map(control_character),
        Value::Map(entries) => entries.iter().find_map(|e| {
            if super::source::has_control(&e.key) {
                Some(e.key_position)
            } else {
                control_character(&e.value)
            }
        }),
        Value::Null | Value::Bool(_) | Value::Integer(_) | Value::Float(_) => None,
    }
}

/// A syntax error in front matter, at a position relative to its first line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub(crate) position: Position,
    pub(crate) message: String,
}

/// Parses YAML: front matter of one key or item per line line by line (see
/// [`super::line_yaml`]), other plain front matter straight from the
/// parser's events (see [`super::plain_yaml`]), anything else with
/// serde-saphyr.
pub(crate) fn parse_yaml(text: &str) -> Result<Node, SyntaxError> {
    read_yaml(text).1
}

/// Which of the two YAML readers read a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YamlReader {
    Lines,
    Plain,
    Full,
}

/// [`parse_yaml`], saying which reader it took.
pub(crate) fn read_yaml(text: &str) -> (YamlReader, Result<Node, SyntaxError>) {
    if let Some(node) = super::line_yaml::parse(text) {
        return (YamlReader::Lines, Ok(node));
    }
    match super::plain_yaml::parse(text) {
        Some(node) => (YamlReader::Plain, Ok(node)),
        None => (YamlReader::Full, parse_yaml_with_serde(text)),
    }
}

/// Parses YAML with serde-saphyr. Anchors, aliases and nesting are bounded
/// by its default budget, so an alias bomb is an error, not an exhausted
/// machine.
pub(crate) fn parse_yaml_with_serde(text: &str) -> Result<Node, SyntaxError> {
    let parsed: Result<Spanned<YamlNode>, _> =
        serde_saphyr::from_str_with_options(text, yaml_options());
    match parsed {
        Ok(node) => Ok(from_yaml(node)),
        Err(error) => {
            let position = error.location().map_or(Position::START, |l| {
                Position::new(l.line().max(1) as usize, l.column().max(1) as usize)
            });
            Err(SyntaxError {
                position,
                message: strip_location_suffix(&error.without_snippet().to_string()),
            })
        }
    }
}

/// YAML 1.2 as editors expect it: `no`, `y` and `on` are words, not
/// booleans; `07` is text, not the number 7.
fn yaml_options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    options.leading_zero_numbers_as_strings = true;
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    options
}

/// serde-saphyr appends " at line N, column M" to its messages; the
/// position is reported separately.
fn strip_location_suffix(message: &str) -> String {
    let message = message.lines().next().unwrap_or(message);
    let message = message.strip_prefix("error: ").unwrap_or(message);
    let message = match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    let message = match message.strip_prefix("line ") {
        // "line 2 column 2: message"
        Some(rest) => rest.split_once(": ").map_or(message, |(_, m)| m),
        None => message,
    };
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return format!("invalid YAML: `{key}` is given twice");
    }
    format!("invalid YAML: {message}")
}

fn position_of<T>(spanned: &Spanned<T>) -> Position {
    let l = &spanned.referenced;
    Position::new(l.line().max(1) as usize, l.column().max(1) as usize)
}

fn from_yaml(node: Spanned<YamlNode>) -> Node {
    let position = position_of(&node);
    let value = match node.value {
        YamlNode::Null => Value::Null,
        YamlNode::Bool(b) => Value::Bool(b),
        YamlNode::Integer(i) => Value::Integer(i),
        YamlNode::Float(f) => Value::Float(f),
        YamlNode::String(s) => Value::String(s),
        YamlNode::List(items) => Value::List(items.into_iter().map(from_yaml).collect()),
        YamlNode::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(key, value)| Entry {
                    key_position: position_of(&key),
                    key: key.value,
                    value: from_yaml(value),
                })
                .collect(),
        ),
    };
    Node { value, position }
}

/// The shape serde-saphyr hands us, before positions are flattened.
enum YamlNode {
    Null,
    Bool(bool),
    Integer(i64),
    Float(f64),
    String(String),
    List(Vec<Spanned<YamlNode>>),
    Map(Vec<(Spanned<String>, Spanned<YamlNode>)>),
}

impl<'de> Deserialize<'de> for YamlNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(YamlVisitor)
    }
}

struct YamlVisitor;

impl<'de> Visitor<'de> for YamlVisitor {
    type Value = YamlNode;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_unit<E>(self) -> Result<YamlNode, E> {
        Ok(YamlNode::Null)
    }
    fn visit_none<E>(self) -> Result<YamlNode, E> {
        Ok(YamlNode::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<YamlNode, D::Error> {
        d.deserialize_any(YamlVisitor)
    }
    fn visit_bool<E>(self, b: bool) -> Result<YamlNode, E> {
        Ok(YamlNode::Bool(b))
    }
    fn visit_i64<E>(self, i: i64) -> Result<YamlNode, E> {
        Ok(YamlNode::Integer(i))
    }
    fn visit_u64<E: de::Error>(self, u: u64) -> Result<YamlNode, E> {
        i64::try_from(u)
            .map(YamlNode::Integer)
            .map_err(|_| E::custom("integer too large"))
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<YamlNode, E> {
        Err(E::custom("integer too large"))
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<YamlNode, E> {
        Err(E::custom("integer too large"))
    }
    fn visit_f64<E>(self, f: f64) -> Result<YamlNode, E> {
        Ok(YamlNode::Float(f))
    }
    fn visit_str<E>(self, s: &str) -> Result<YamlNode, E> {
        Ok(YamlNode::String(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<YamlNode, E> {
        Ok(YamlNode::String(s))
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<YamlNode, E> {
        Err(E::custom("binary values are not supported"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<YamlNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(YamlNode::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<YamlNode, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(YamlNode::Map(entries))
    }
}

/// Parses TOML, with positions taken from the parser's byte spans.
pub(crate) fn parse_toml(text: &str) -> Result<Node, SyntaxError> {
    match toml::de::DeTable::parse(text) {
        Ok(table) => {
            let position = Position::of_offset(text, table.span().start);
            Ok(Node {
                value: toml_table(text, table.into_inner()),
                position,
            })
        }
        Err(error) => Err(SyntaxError {
            position: error
                .span()
                .map_or(Position::START, |s| Position::of_offset(text, s.start)),
            message: format!("invalid TOML: {}", error.message().trim_end()),
        }),
    }
}

fn toml_table(text: &str, table: toml::de::DeTable<'_>) -> Value {
    let mut entries: Vec<Entry> = table
        .into_iter()
        .map(|(key, value)| Entry {
            key_position: Position::of_offset(text, key.span().start),
            key: key.into_inner().into_owned(),
            value: toml_value(text, value),
        })
        .collect();
    // The parser's map is ordered by key; editors think in file order.
    entries.sort_by_key(|e| e.key_position);
    Value::Map(entries)
}

fn toml_value(text: &str, value: toml::Spanned<toml::de::DeValue<'_>>) -> Node {
    use toml::de::DeValue;
    let position = Position::of_offset(text, value.span().start);
    let value = match value.into_inner() {
        DeValue::String(s) => Value::String(s.into_owned()),
        DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
            .map_or_else(|_| Value::String(i.as_str().to_owned()), Value::Integer),
        DeValue::Float(f) => f
            .as_str()
            .replace('_', "")
            .parse()
            .map_or_else(|_| Value::String(f.as_str().to_owned()), Value::Float),
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(d) => Value::Datetime(d.to_string()),
        DeValue::Array(items) => {
            Value::List(items.into_iter().map(|v| toml_value(text, v)).collect())
        }
        DeValue::Table(table) => toml_table(text, table),
    };
    Node { value, position }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(node: &Node) -> Vec<(String, Position)> {
        match &node.value {
            Value::Map(entries) => entries
                .iter()
                .map(|e| (e.key.clone(), e.key_position))
                .collect(),
            other => panic!("not a map: {other:?}"),
        }
    }

    #[test]
    fn yaml_keys_keep_their_positions() {
        let node = parse_yaml("kind: \"Kết luận\"\ndate: 2021-06-11\n").unwrap();
        assert_eq!(
            keys(&node),
            vec![
                ("kind".to_owned(), Position::new(1, 1)),
                ("date".to_owned(), Position::new(2, 1))
            ]
        );
    }

    #[test]
    fn toml_keys_keep_file_order_and_positions() {
        let node = parse_toml("title = \"x\"\ndate = 2021-06-11\nkind = \"y\"\n").unwrap();
        let k = keys(&node);
        assert_eq!(k[0], ("title".to_owned(), Position::new(1, 1)));
        assert_eq!(k[2], ("kind".to_owned(), Position::new(3, 1)));
        let Value::Map(entries) = &node.value else {
            unreachable!()
        };
        assert_eq!(entries[1].value.value, Value::Datetime("2021-06-11".into()));
    }

    #[test]
    fn yaml_errors_have_a_position_and_no_duplicate_location_text() {
        let err = parse_yaml("a: b: c\n").unwrap_err();
        assert_eq!(err.position, Position::new(1, 5));
        assert!(err.message.starts_with("invalid YAML: "), "{}", err.message);
        assert!(!err.message.contains("line 1"), "{}", err.message);
    }

    #[test]
    fn yaml_words_stay_words() {
        let node = parse_yaml("a: no\nb: y\nc: 07\nd: true\n").unwrap();
        let Value::Map(entries) = node.value else {
            panic!()
        };
        let values: Vec<&Value> = entries.iter().map(|e| &e.value.value).collect();
        assert_eq!(values[0], &Value::String("no".into()));
        assert_eq!(values[1], &Value::String("y".into()));
        assert_eq!(values[2], &Value::String("07".into()));
        assert_eq!(values[3], &Value::Bool(true));
    }

    #[test]
    fn yaml_alias_bomb_is_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        assert!(parse_yaml(&text).is_err());
    }

    #[test]
    fn toml_errors_have_a_position() {
        let err = parse_toml("title = \"x\"\ndate = = 3\n").unwrap_err();
        assert_eq!(err.position.line, 2);
        assert!(err.message.starts_with("invalid TOML: "));
    }
}

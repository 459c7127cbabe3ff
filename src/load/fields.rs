//! Reading typed fields out of a front-matter table, reporting every
//! problem at the key that has it. What the keys mean is the caller's
//! (validate for content files, config for `site.toml`); this only reads a
//! [`Node`] as the type asked for.

use std::path::Path;

use super::node::{Entry, Node, Value};
use crate::date::{Date, DateError};
use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::vietnamese;

/// A table of front-matter keys being read. Call [`Fields::finish`] last: it
/// reports the keys nobody asked for.
pub(crate) struct Fields<'a> {
    path: &'a Path,
    entries: &'a [Entry],
    /// Where the table starts: missing keys are reported there.
    position: Position,
    known: &'static [&'static str],
    diagnostics: &'a mut Diagnostics,
}

impl<'a> Fields<'a> {
    /// `None` (with an error) when `node` is not a table.
    pub(crate) fn new(
        path: &'a Path,
        node: &'a Node,
        known: &'static [&'static str],
        diagnostics: &'a mut Diagnostics,
    ) -> Option<Fields<'a>> {
        match &node.value {
            Value::Map(entries) => Some(Fields {
                path,
                entries,
                position: node.position,
                known,
                diagnostics,
            }),
            other => {
                diagnostics.push(Diagnostic::error(
                    path,
                    node.position,
                    format!(
                        "expected a table of `key: value` lines, found {}",
                        other.describe()
                    ),
                ));
                None
            }
        }
    }

    pub(crate) fn path(&self) -> &'a Path {
        self.path
    }

    pub(crate) fn diagnostics(&mut self) -> &mut Diagnostics {
        self.diagnostics
    }

    pub(crate) fn entry(&self, key: &str) -> Option<&'a Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    pub(crate) fn error(&mut self, position: Position, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(self.path, position, message));
    }

    /// A text field. Numbers are accepted as their digits (`number: 963`).
    pub(crate) fn string(&mut self, key: &str) -> Option<String> {
        let entry = self.entry(key)?;
        let text = match &entry.value.value {
            Value::Null => return None,
            Value::String(s) => s.trim().to_owned(),
            Value::Integer(i) => i.to_string(),
            Value::Float(f) => f.to_string(),
            other => {
                let message = format!("`{key}` must be text, found {}", other.describe());
                self.error(entry.value.position, message);
                return None;
            }
        };
        if text.is_empty() { None } else { Some(text) }
    }

    /// A text field that must be present and not empty.
    pub(crate) fn required_string(&mut self, key: &str) -> Option<String> {
        let entry = self.require(key)?;
        let value = self.string(key);
        if value.is_none() && is_blank(&entry.value.value) {
            self.error(
                entry.key_position,
                format!("`{key}` is required and must not be empty"),
            );
        }
        value
    }

    /// The entry of a required key; reports it missing otherwise.
    fn require(&mut self, key: &str) -> Option<&'a Entry> {
        let entry = self.entry(key);
        if entry.is_none() {
            let position = self.position;
            self.error(position, format!("missing required field `{key}`"));
        }
        entry
    }

    pub(crate) fn date(&mut self, key: &str) -> Option<Date> {
        let entry = self.entry(key)?;
        let (text, position) = match &entry.value.value {
            Value::Null => return None,
            Value::String(s) | Value::Datetime(s) => (s.clone(), entry.value.position),
            other => {
                let message = format!(
                    "`{key}` must be a date written YYYY-MM-DD, found {}",
                    other.describe()
                );
                self.error(entry.value.position, message);
                return None;
            }
        };
        match Date::parse_iso(&text) {
            Ok(date) => Some(date),
            Err(error) => {
                self.error(position, date_message(key, &text, &error));
                None
            }
        }
    }

    pub(crate) fn required_date(&mut self, key: &str) -> Option<Date> {
        let entry = self.require(key)?;
        let date = self.date(key);
        if date.is_none() && is_blank(&entry.value.value) {
            self.error(
                entry.key_position,
                format!("`{key}` is required and must not be empty"),
            );
        }
        date
    }

    pub(crate) fn bool(&mut self, key: &str) -> Option<bool> {
        let entry = self.entry(key)?;
        match &entry.value.value {
            Value::Null => None,
            Value::Bool(b) => Some(*b),
            other => {
                let message = format!("`{key}` must be true or false, found {}", other.describe());
                self.error(entry.value.position, message);
                None
            }
        }
    }

    pub(crate) fn integer(&mut self, key: &str) -> Option<i64> {
        let entry = self.entry(key)?;
        match &entry.value.value {
            Value::Null => None,
            Value::Integer(i) => Some(*i),
            other => {
                let message = format!("`{key}` must be a whole number, found {}", other.describe());
                self.error(entry.value.position, message);
                None
            }
        }
    }

    /// A list of texts; a single text is taken as a list of one.
    pub(crate) fn strings(&mut self, key: &str) -> Vec<String> {
        let Some(entry) = self.entry(key) else {
            return Vec::new();
        };
        match &entry.value.value {
            Value::Null => Vec::new(),
            Value::String(s) => vec![s.trim().to_owned()],
            Value::List(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match &item.value {
                        Value::String(s) if !s.trim().is_empty() => out.push(s.trim().to_owned()),
                        Value::Integer(i) => out.push(i.to_string()),
                        other => {
                            let message = format!(
                                "each item of `{key}` must be text, found {}",
                                if matches!(other, Value::String(_)) {
                                    "empty text"
                                } else {
                                    other.describe()
                                }
                            );
                            self.error(item.position, message);
                        }
                    }
                }
                out
            }
            other => {
                let message = format!(
                    "`{key}` must be a list of texts, found {}",
                    other.describe()
                );
                self.error(entry.value.position, message);
                Vec::new()
            }
        }
    }

    /// A list of tables (`relations`, `circulation`).
    pub(crate) fn tables(&mut self, key: &str) -> Vec<&'a Node> {
        let Some(entry) = self.entry(key) else {
            return Vec::new();
        };
        match &entry.value.value {
            Value::Null => Vec::new(),
            Value::List(items) => items.iter().collect(),
            other => {
                let message = format!("`{key}` must be a list, found {}", other.describe());
                self.error(entry.value.position, message);
                Vec::new()
            }
        }
    }

    /// A value from a closed list; an unknown one is rejected with the list.
    pub(crate) fn choice<T: Copy>(
        &mut self,
        key: &str,
        all: &[T],
        name: impl Fn(T) -> &'static str,
    ) -> Option<T> {
        let position = self.entry(key)?.value.position;
        let text = self.string(key)?;
        let found = all
            .iter()
            .copied()
            .find(|v| name(*v) == text.to_lowercase());
        if found.is_none() {
            let valid: Vec<&str> = all.iter().map(|v| name(*v)).collect();
            let hint = suggestion(&text, &valid)
                .map_or(String::new(), |s| format!("; did you mean `{s}`?"));
            self.error(
                position,
                format!("unknown {key} `{text}`{hint} (valid: {})", valid.join(", ")),
            );
        }
        found
    }

    /// Reports every key that is not in `known`, with a suggestion.
    pub(crate) fn finish(self) {
        for entry in self.entries {
            if self.known.contains(&entry.key.as_str()) {
                continue;
            }
            let hint = suggestion(&entry.key, self.known)
                .map_or(String::new(), |s| format!("; did you mean `{s}`?"));
            self.diagnostics.push(Diagnostic::error(
                self.path,
                entry.key_position,
                format!("unknown field `{}`{hint}", entry.key),
            ));
        }
    }
}

/// Empty in the editor's eyes: `key:` or `key: ""`. Other wrong values have
/// already been reported with their type.
fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

fn date_message(key: &str, text: &str, error: &DateError) -> String {
    match error {
        DateError::Format {
            suggestion: Some(iso),
        } => {
            format!("`{key}` must be written YYYY-MM-DD: write {iso} for {text}")
        }
        DateError::Format { suggestion: None } => {
            format!("`{key}` must be a date written YYYY-MM-DD, found `{text}`")
        }
        DateError::Impossible => format!("`{key}`: {text} is not a date on the calendar"),
    }
}

/// Field names editors write in Vietnamese, mapped to the contract's.
const VIETNAMESE_NAMES: &[(&str, &str)] = &[
    ("so", "number"),
    ("so ky hieu", "number"),
    ("loai", "kind"),
    ("loai van ban", "kind"),
    ("tieu de", "title"),
    ("trich yeu", "title"),
    ("co quan ban hanh", "issuer"),
    ("cap", "level"),
    ("ngay", "date"),
    ("ngay ban hanh", "date"),
    ("dia danh", "place"),
    ("nguoi ky", "signer"),
    ("kinh gui", "addressees"),
    ("noi nhan", "recipients"),
];

/// The closest valid name to `given`, if one is close enough to be a typo.
pub(crate) fn suggestion<'k>(given: &str, valid: &[&'k str]) -> Option<&'k str> {
    let folded = vietnamese::fold(given).replace(['_', '-'], " ");
    if let Some((_, name)) = VIETNAMESE_NAMES.iter().find(|(vi, _)| *vi == folded.trim())
        && let Some(v) = valid.iter().find(|v| *v == name)
    {
        return Some(v);
    }
    valid
        .iter()
        .map(|v| (strsim::jaro_winkler(&given.to_lowercase(), v), *v))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_typos_and_vietnamese_names() {
        let valid = ["number", "kind", "title", "issuer", "date", "signer"];
        assert_eq!(suggestion("tittle", &valid), Some("title"));
        assert_eq!(suggestion("isuer", &valid), Some("issuer"));
        assert_eq!(suggestion("ngày", &valid), Some("date"));
        assert_eq!(suggestion("số", &valid), Some("number"));
        assert_eq!(suggestion("colour", &valid), None);
    }

    #[test]
    fn day_first_dates_get_the_iso_form() {
        let message = date_message(
            "date",
            "11/6/2021",
            &DateError::Format {
                suggestion: Some("2021-06-11".into()),
            },
        );
        assert!(message.contains("write 2021-06-11"), "{message}");
    }
}

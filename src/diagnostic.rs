//! Problems found in a site, reported as `path:line:col: error: message`.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a problem is: an error stops a build, a warning does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Fails the build or check.
    Error,
    /// Reported, but the site is still built (unless `--strict`).
    Warning,
}

impl Severity {
    /// The word printed before the message: `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A place in a file: 1-based line and column (in characters), or
/// [`Position::WHOLE`] for a problem of a whole file or folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    /// 1-based line; 0 for [`Position::WHOLE`].
    pub line: usize,
    /// 1-based column, in characters; 0 for [`Position::WHOLE`].
    pub column: usize,
}

impl Position {
    pub(crate) const START: Position = Position { line: 1, column: 1 };

    /// No place inside: the problem is the file or folder itself (one
    /// that is missing, say). Printed `path: error: …`, with no invented
    /// line and column.
    pub const WHOLE: Position = Position { line: 0, column: 0 };

    /// Whether this names no place inside the file, only the file itself.
    pub fn is_whole(self) -> bool {
        self == Position::WHOLE
    }

    /// The position at 1-based `line` and `column`.
    pub fn new(line: usize, column: usize) -> Position {
        Position { line, column }
    }

    /// The position of byte `offset` in `text`.
    pub(crate) fn of_offset(text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

/// Positions of offsets in one text, found in one pass when the offsets
/// come in order (as a parser's do): each call counts lines only from the
/// previous offset, so a long text with many offsets is read once.
pub(crate) struct Positions<'t> {
    text: &'t str,
    /// The file line on which `text` starts (a body after its front
    /// matter), so positions are the file's.
    first_line: usize,
    /// The last offset asked for, its line, and where that line starts.
    offset: usize,
    line: usize,
    line_start: usize,
}

impl<'t> Positions<'t> {
    pub(crate) fn new(text: &'t str) -> Positions<'t> {
        Positions::in_file(text, 1)
    }

    /// Positions in a file of which `text` starts on line `first_line`.
    pub(crate) fn in_file(text: &'t str, first_line: usize) -> Positions<'t> {
        Positions {
            text,
            first_line,
            offset: 0,
            line: first_line,
            line_start: 0,
        }
    }

    /// The position of byte `offset`, as [`Position::of_offset`] (with
    /// lines counted from the first line).
    pub(crate) fn at(&mut self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        if offset < self.offset {
            *self = Positions::in_file(self.text, self.first_line);
        }
        let between = &self.text.as_bytes()[self.offset..offset];
        for newline in memchr::memchr_iter(b'\n', between) {
            self.line += 1;
            self.line_start = self.offset + newline + 1;
        }
        self.offset = offset;
        Position {
            line: self.line,
            column: self.text[self.line_start..offset].chars().count() + 1,
        }
    }
}

/// Bytes that sort as `path` does: per component, its kind (in the order
/// `std::path::Component` has them), its bytes and a zero, which no
/// component holds and which sorts before every other byte, so a
/// component sorts before any longer one it begins.
fn path_order_key(path: &Path) -> Vec<u8> {
    use std::path::Component;
    let mut key = Vec::with_capacity(path.as_os_str().len() + 8);
    for component in path.components() {
        let (kind, bytes) = match component {
            Component::Prefix(prefix) => (1, prefix.as_os_str().as_encoded_bytes()),
            Component::RootDir => (2, &[][..]),
            Component::CurDir => (3, &[][..]),
            Component::ParentDir => (4, &[][..]),
            Component::Normal(name) => (5, name.as_encoded_bytes()),
        };
        key.push(kind);
        key.extend_from_slice(bytes);
        key.push(0);
    }
    key
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// One problem. `path` is relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Whether the problem is an error or a warning.
    pub severity: Severity,
    /// The file or folder the problem is in, relative to the site root.
    pub path: PathBuf,
    /// Where in the file the problem is.
    pub position: Position,
    /// What is wrong, in one sentence, for the person fixing it.
    pub message: String,
    /// A problem of a draft that the build leaves out: a warning that
    /// `--strict` leaves as it is, so a half-written draft never fails a
    /// build or a check of the published site.
    in_left_out_draft: bool,
}

impl Diagnostic {
    /// An error at `position` of `path`.
    pub fn error(path: impl Into<PathBuf>, position: Position, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            position,
            message: message.into(),
            in_left_out_draft: false,
        }
    }

    /// A warning at `position` of `path`.
    pub fn warning(
        path: impl Into<PathBuf>,
        position: Position,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, position, message)
        }
    }

    fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.location(),
            self.severity.as_str(),
            self.message
        )
    }
}

impl Diagnostic {
    /// `path:line:col`, or `path` alone for a whole file.
    pub fn location(&self) -> String {
        let path = display_path(&self.path);
        if self.position.is_whole() {
            path
        } else {
            format!("{path}:{}:{}", self.position.line, self.position.column)
        }
    }
}

/// Paths print with `/` on every platform so CI annotations match.
pub fn display_path(path: &Path) -> String {
    let mut shown = String::new();
    for component in path.components() {
        let part = component.as_os_str().to_string_lossy();
        // The root is itself a separator: `/tmp/x`, not `//tmp/x`.
        if !(shown.is_empty() || shown.ends_with('/')) {
            shown.push('/');
        }
        shown.push_str(&part);
    }
    shown
}

/// Every problem of a run, in a stable order (path, then position).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// An empty collection, to push the problems of a run into.
    pub fn new() -> Self {
        Diagnostics(Vec::new())
    }

    /// A collection holding a single problem.
    pub fn one(diagnostic: Diagnostic) -> Self {
        Diagnostics(vec![diagnostic])
    }

    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub(crate) fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// Whether any problem is an error, so the run fails.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// How many of the problems are errors.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    /// How many of the problems are warnings.
    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    /// The problems one by one, in the collection's order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Sorted by path and position; the order files were read in (which
    /// depends on threads) never shows.
    pub(crate) fn sorted(self) -> Self {
        // Paths compare component by component: sorting a large archive's
        // thousands of warnings that way took 20 ms of one core while the
        // other waited. Each path's components are spelt out once as
        // bytes that compare the same way.
        let mut keyed: Vec<(Vec<u8>, Diagnostic)> = self
            .0
            .into_iter()
            .map(|d| (path_order_key(&d.path), d))
            .collect();
        keyed.sort_by(|(a_key, a), (b_key, b)| {
            a_key.cmp(b_key).then_with(|| {
                (a.position, a.severity, &a.message).cmp(&(b.position, b.severity, &b.message))
            })
        });
        let mut sorted: Vec<Diagnostic> = keyed.into_iter().map(|(_, d)| d).collect();
        sorted.dedup();
        Diagnostics(sorted)
    }

    /// The problems of a draft that the build leaves out: each a warning
    /// that says so (with `--drafts` they stay errors).
    pub(crate) fn of_left_out_draft(mut self) -> Self {
        for d in &mut self.0 {
            if !d.in_left_out_draft {
                d.severity = Severity::Warning;
                d.in_left_out_draft = true;
                d.message
                    .push_str(" (in a draft, left out of this build; --drafts makes it an error)");
            }
        }
        self
    }

    /// Turns every warning into an error (`check --strict`), but those of
    /// drafts left out of the build.
    pub fn strict(mut self) -> Self {
        for d in &mut self.0 {
            if !d.in_left_out_draft {
                d.severity = Severity::Error;
            }
        }
        self
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<T: IntoIterator<Item = Diagnostic>>(&mut self, iter: T) {
        self.0.extend(iter);
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<T: IntoIterator<Item = Diagnostic>>(iter: T) -> Self {
        Diagnostics(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_keys_sort_as_paths_do() {
        let paths = [
            "content/a-b.md",
            "content/a/b.md",
            "content/a",
            "content/a.md",
            "content",
            "content/2021/x.md",
            "content/2021-x.md",
            "/abs/a",
            "./content/a",
            "../up/a",
            "content/Ă.md",
            "content/z.md",
        ];
        for a in paths {
            for b in paths {
                let (a, b) = (Path::new(a), Path::new(b));
                assert_eq!(
                    path_order_key(a).cmp(&path_order_key(b)),
                    a.cmp(b),
                    "{} against {}",
                    a.display(),
                    b.display()
                );
            }
        }
    }

    #[test]
    fn positions_in_one_pass_agree_with_one_by_one() {
        let text = "một\nhai ba\n\nbốn năm\nsáu";
        let mut positions = Positions::new(text);
        // In order, repeated, backwards, inside a character, past the end.
        let mut in_file = Positions::in_file(text, 7);
        for offset in [0, 2, 5, 5, 9, 4, 13, 15, 16, 30, 1] {
            let alone = Position::of_offset(text, offset);
            assert_eq!(positions.at(offset), alone, "offset {offset}");
            let shifted = Position::new(alone.line + 6, alone.column);
            assert_eq!(in_file.at(offset), shifted, "offset {offset} in the file");
        }
    }

    #[test]
    fn formats_as_path_line_col() {
        let d = Diagnostic::error(
            Path::new("content").join("2021").join("a.md"),
            Position::new(3, 7),
            "missing field",
        );
        assert_eq!(d.to_string(), "content/2021/a.md:3:7: error: missing field");
        let whole = Diagnostic::error("content", Position::WHOLE, "no folder");
        assert_eq!(whole.to_string(), "content: error: no folder");
        let absolute = Diagnostic::error("/srv/site", Position::WHOLE, "refused");
        assert_eq!(absolute.to_string(), "/srv/site: error: refused");
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "a: 1\nđịa: x\n";
        let offset = text.find('x').unwrap();
        assert_eq!(Position::of_offset(text, offset), Position::new(2, 6));
        assert_eq!(Position::of_offset(text, 0), Position::START);
    }
}

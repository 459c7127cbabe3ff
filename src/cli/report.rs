//! How problems are printed: for people (colour on a terminal only, and
//! never with NO_COLOR), as JSON lines, or as GitHub Actions annotations.

use std::io::{IsTerminal, Write};

use clap::ValueEnum;
use vanban::diagnostic::Position;
use vanban::{Diagnostic, Diagnostics, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum Format {
    /// `path:line:col: error: message`
    #[default]
    Human,
    /// One JSON object per problem, one per line.
    Json,
    /// GitHub Actions workflow commands: `::error file=…,line=…,col=…::…`.
    Github,
}

impl Format {
    /// Whether standard output carries the problems and nothing else: JSON
    /// lines are for programs (`vanban check --format json | jq`), so
    /// every other line of the run goes to standard error.
    pub(crate) fn owns_stdout(self) -> bool {
        self == Format::Json
    }
}

/// Prints every problem: JSON lines to standard output, the other formats
/// to standard error.
pub(crate) fn print(diagnostics: &Diagnostics, format: Format) {
    if format.owns_stdout() {
        write_all(&mut std::io::stdout().lock(), diagnostics, format, false);
        return;
    }
    let stderr = std::io::stderr();
    let colour = format == Format::Human
        && stderr.is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    write_all(&mut stderr.lock(), diagnostics, format, colour);
}

fn write_all(out: &mut impl Write, diagnostics: &Diagnostics, format: Format, colour: bool) {
    // Buffered: standard error is not, and an archive's thousands of
    // warnings were a system call each.
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, out);
    for diagnostic in diagnostics.iter() {
        let line = match format {
            Format::Human => human(diagnostic, colour),
            Format::Json => json(diagnostic),
            Format::Github => github(diagnostic),
        };
        let _ = writeln!(out, "{line}");
    }
    let _ = out.flush();
}

/// "1 directive", "2 directives": English counts with their plural.
pub(crate) fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// A problem of a whole file or folder, such as a refusal, where no line
/// and column exist: printed `path: error: message`.
pub(crate) fn refusal(path: &std::path::Path, message: &dyn std::fmt::Display) -> Diagnostic {
    Diagnostic::error(path, Position::WHOLE, message.to_string())
}

/// "2 lỗi, 3 cảnh báo (2 errors, 3 warnings)": the last line of a run.
pub(crate) fn summary(diagnostics: &Diagnostics) -> String {
    let (errors, warnings) = (diagnostics.error_count(), diagnostics.warning_count());
    format!(
        "{errors} lỗi, {warnings} cảnh báo ({}, {})",
        count(errors, "error"),
        count(warnings, "warning")
    )
}

fn human(d: &Diagnostic, colour: bool) -> String {
    if !colour {
        return d.to_string();
    }
    let (code, word) = match d.severity {
        Severity::Error => ("\x1b[1;31m", "error"),
        Severity::Warning => ("\x1b[1;33m", "warning"),
    };
    format!(
        "\x1b[1m{}:\x1b[0m {code}{word}:\x1b[0m {}",
        d.location(),
        d.message
    )
}

/// A problem of a whole file has `line` and `column` null.
fn json(d: &Diagnostic) -> String {
    let (line, column) = if d.position.is_whole() {
        (None, None)
    } else {
        (Some(d.position.line), Some(d.position.column))
    };
    serde_json::json!({
        "path": vanban::diagnostic::display_path(&d.path),
        "line": line,
        "column": column,
        "severity": d.severity.as_str(),
        "message": d.message,
    })
    .to_string()
}

/// GitHub's workflow-command escaping: data escapes `%`, CR and LF;
/// properties also `:` and `,`.
fn github(d: &Diagnostic) -> String {
    let data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let property = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    let file = property(&vanban::diagnostic::display_path(&d.path));
    let place = if d.position.is_whole() {
        format!("file={file}")
    } else {
        format!(
            "file={file},line={},col={}",
            d.position.line, d.position.column
        )
    };
    format!("::{} {place}::{}", d.severity.as_str(), data(&d.message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_annotations_escape_what_github_reads() {
        let d = Diagnostic::error("content/a,b.md", Position::new(3, 7), "100% wrong:\nsee");
        assert_eq!(
            github(&d),
            "::error file=content/a%2Cb.md,line=3,col=7::100%25 wrong:%0Asee"
        );
    }

    #[test]
    fn json_lines_carry_every_part() {
        let d = Diagnostic::warning("content/a.md", Position::new(1, 2), "x");
        let v: serde_json::Value = serde_json::from_str(&json(&d)).unwrap();
        assert_eq!(v["severity"], "warning");
        assert_eq!(v["line"], 1);
        assert_eq!(v["column"], 2);
        let whole = Diagnostic::error("content", Position::WHOLE, "x");
        let v: serde_json::Value = serde_json::from_str(&json(&whole)).unwrap();
        assert!(v["line"].is_null() && v["column"].is_null());
        assert_eq!(github(&whole), "::error file=content::x");
    }
}

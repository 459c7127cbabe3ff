//! How problems are printed: for people (colour on a terminal only, and
//! never with NO_COLOR), as JSON lines, or as GitHub Actions annotations.

use std::io::{IsTerminal, Write};

use clap::ValueEnum;
use vanban::{Diagnostic, Diagnostics, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// `path:line:col: error: message`
    #[default]
    Human,
    /// One JSON object per problem, one per line.
    Json,
    /// GitHub Actions workflow commands: `::error file=…,line=…,col=…::…`.
    Github,
}

/// Prints every problem to standard error, then the summary line.
pub fn print(diagnostics: &Diagnostics, format: Format) {
    let stderr = std::io::stderr();
    let colour = format == Format::Human
        && stderr.is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut out = stderr.lock();
    for diagnostic in diagnostics.iter() {
        let line = match format {
            Format::Human => human(diagnostic, colour),
            Format::Json => json(diagnostic),
            Format::Github => github(diagnostic),
        };
        let _ = writeln!(out, "{line}");
    }
}

/// "2 lỗi, 3 cảnh báo (2 errors, 3 warnings)": the last line of a run.
pub fn summary(diagnostics: &Diagnostics) -> String {
    let (errors, warnings) = (diagnostics.error_count(), diagnostics.warning_count());
    format!(
        "{errors} lỗi, {warnings} cảnh báo ({errors} error{}, {warnings} warning{})",
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" }
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
        "\x1b[1m{}:{}:{}:\x1b[0m {code}{word}:\x1b[0m {}",
        vanban::diagnostic::display_path(&d.path),
        d.position.line,
        d.position.column,
        d.message
    )
}

fn json(d: &Diagnostic) -> String {
    serde_json::json!({
        "path": vanban::diagnostic::display_path(&d.path),
        "line": d.position.line,
        "column": d.position.column,
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
    format!(
        "::{} file={},line={},col={}::{}",
        d.severity.as_str(),
        property(&vanban::diagnostic::display_path(&d.path)),
        d.position.line,
        d.position.column,
        data(&d.message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use vanban::diagnostic::Position;

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
    }
}

//! Syntax highlighting of fenced code with CSS classes (no inline styles,
//! so a strict Content-Security-Policy holds and the theme decides colours).

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use super::output::escape_html;

/// Loads syntect's syntax set on first use only: most directives have no
/// code, and the set costs tens of milliseconds to load.
#[derive(Default)]
pub struct Highlighter {
    syntaxes: OnceLock<SyntaxSet>,
}

/// Prefix of every class syntect emits, so theme CSS cannot collide.
const CLASS_PREFIX: &str = "hl-";

impl Highlighter {
    /// A highlighter whose syntax set is not loaded yet.
    pub fn new() -> Highlighter {
        Highlighter::default()
    }

    /// Whether the syntax set has been loaded (for tests of laziness).
    #[cfg(test)]
    fn is_loaded(&self) -> bool {
        self.syntaxes.get().is_some()
    }

    /// `<pre><code class="language-yaml">…</code></pre>` with classed spans;
    /// an unknown language is escaped without highlighting. The block takes
    /// the keyboard focus, so that a reader without a mouse can scroll a
    /// long line into view.
    pub(crate) fn highlight(&self, code: &str, language: &str) -> String {
        let escaped_language = pulldown_cmark_escape_attr(language);
        let open = if language.is_empty() {
            "<pre tabindex=\"0\"><code>".to_owned()
        } else {
            format!(
                "<pre class=\"highlight\" tabindex=\"0\"><code class=\"language-{escaped_language}\">"
            )
        };
        let found = (!language.is_empty())
            .then(|| {
                let syntaxes = self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines);
                syntaxes
                    .find_syntax_by_token(language)
                    .map(|s| (syntaxes, s))
            })
            .flatten();
        let body = match found {
            Some((syntaxes, syntax)) => {
                let style = ClassStyle::SpacedPrefixed {
                    prefix: CLASS_PREFIX,
                };
                let mut generator =
                    ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, style);
                let parsed = LinesWithEndings::from(code).try_for_each(|line| {
                    generator.parse_html_for_line_which_includes_newline(line)
                });
                match parsed {
                    Ok(()) => generator.finalize(),
                    Err(_) => escape_html(code),
                }
            }
            None => escape_html(code),
        };
        format!("{open}{body}</code></pre>\n")
    }
}

fn pulldown_cmark_escape_attr(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '.'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_is_highlighted_with_classes() {
        let h = Highlighter::new();
        let html = h.highlight("kind: \"Kết luận\"\n", "yaml");
        assert!(html.contains("class=\"language-yaml\""), "{html}");
        assert!(html.contains("<span class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn unknown_languages_are_escaped() {
        let h = Highlighter::new();
        let html = h.highlight("<script>x</script>", "nope\"><x");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("\"><x"), "{html}");
    }

    #[test]
    fn nothing_is_loaded_until_needed() {
        let h = Highlighter::new();
        assert!(!h.is_loaded());
        h.highlight("x", "toml");
        assert!(h.is_loaded());
    }
}

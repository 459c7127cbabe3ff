//! Writing what the built-in theme's templates would render, for the few
//! templates rendered for nearly every directive (its page, its timeline
//! entry): text as is, escaped as Tera escapes it, or through the
//! `no_break` filter, and the templates' tests of optional values.

use std::io::Write;

use super::no_break;
use super::summary::DirectiveSummary;

/// Text written into a page: as is, escaped as Tera escapes, or through
/// the `no_break` filter.
pub(crate) struct Html<'o>(&'o mut Vec<u8>);

impl<'o> Html<'o> {
    pub(crate) fn new(out: &'o mut Vec<u8>) -> Html<'o> {
        Html(out)
    }

    /// The bytes written so far, for a writer that appends to them.
    pub(crate) fn bytes(&mut self) -> &mut Vec<u8> {
        self.0
    }

    pub(crate) fn raw(&mut self, text: &str) {
        self.0.extend_from_slice(text.as_bytes());
    }

    pub(crate) fn text(&mut self, text: &str) {
        // Writing to a vector cannot fail.
        let _ = tera::escape_html(text, self.0);
    }

    pub(crate) fn no_break(&mut self, text: &str) {
        self.raw(&no_break::to_html(text));
    }

    pub(crate) fn number(&mut self, n: impl std::fmt::Display) {
        let _ = write!(self.0, "{n}");
    }

    /// A document named as the templates name it: its kind and, if it has
    /// one, its number ("Công văn 4162/VPCP-TKBT").
    pub(crate) fn name(&mut self, kind: &str, number: &Option<String>) {
        self.text(kind);
        if let Some(number) = given(number) {
            self.raw(" ");
            self.text(number);
        }
    }

    /// A directive named as a list's row names it, beside its title: its
    /// number alone when the title begins with its kind, its kind alone
    /// when it has no number, else both.
    pub(crate) fn short_name(&mut self, d: &DirectiveSummary) {
        match given(&d.number) {
            None => self.text(&d.kind),
            Some(number) if d.title.starts_with(d.kind.as_str()) => self.text(number),
            Some(_) => self.name(&d.kind, &d.number),
        }
    }

    /// A directive linked by its name, then its date: `<a href="…">Công
    /// văn 4162/VPCP-TKBT</a> (11/6/2021)`, as the related and citing
    /// lists begin an item.
    pub(crate) fn dated_link(&mut self, d: &DirectiveSummary) {
        self.raw("<a href=\"");
        self.text(&d.href);
        self.raw("\">");
        self.name(&d.kind, &d.number);
        self.raw("</a> (");
        self.raw(&d.date.vietnamese_short());
        self.raw(")");
    }

    /// [`Self::name`], its number kept on one line (`no_break`).
    pub(crate) fn name_kept_whole(&mut self, kind: &str, number: &Option<String>) {
        self.text(kind);
        if let Some(number) = given(number) {
            self.raw(" ");
            self.no_break(number);
        }
    }
}

/// An optional text as the templates test it: present and not empty.
pub(crate) fn given<T: AsRef<str>>(value: &Option<T>) -> Option<&str> {
    value.as_ref().map(AsRef::as_ref).filter(|v| !v.is_empty())
}

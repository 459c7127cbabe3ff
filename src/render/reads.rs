//! What a page declares it reads and needs: the vocabulary shared by the
//! pages, the plan that asks them, and the step that makes what they share.

use crate::date::YearMonth;

/// What a page shows of the site, declared so that `serve` can tell which
/// pages a change reaches, and so that what they share is made for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Read {
    /// What the page shows of directive `i`: its summary, its record, its
    /// links.
    Directive(usize),
    /// Directive `i`'s own text.
    Body(usize),
    /// The anchors of directive `i`'s points, to link a citation of one.
    Points(usize),
    /// Every directive (a page that lists them all).
    EveryDirective,
    /// The directives under a term, in order.
    Term { taxonomy: usize, term: usize },
    /// Every facet's terms, with their counts.
    Facets,
    /// The timeline's entries of a month: which, in what order (so on
    /// which of its pages), and the level of each directive among them;
    /// not what each shows, which is its directive's.
    Month(YearMonth),
    /// Free-standing page `i`.
    Page(usize),
    /// `content/_index.md`.
    FrontPage,
}

/// The values shared by many pages that a page needs made before it is
/// rendered (summaries follow from its [`Read`]s).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Needs {
    /// Every directive's timeline entries, rendered once.
    pub(crate) timeline: bool,
    /// The search index's texts of every directive, gathered while the
    /// directive pages are rendered: such a page is rendered after them.
    pub(crate) texts: bool,
}

impl Needs {
    pub(crate) const NOTHING: Needs = Needs {
        timeline: false,
        texts: false,
    };
    pub(crate) const TIMELINE: Needs = Needs {
        timeline: true,
        texts: false,
    };
    pub(crate) const TEXTS: Needs = Needs {
        timeline: false,
        texts: true,
    };

    pub(crate) fn union(self, other: Needs) -> Needs {
        Needs {
            timeline: self.timeline || other.timeline,
            texts: self.texts || other.texts,
        }
    }
}

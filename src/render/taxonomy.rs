//! Taxonomies: directives grouped by issuer, kind, level, year, tag and
//! locality, for browsing and for the timeline's filters.

use std::borrow::Cow;
use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use super::paging::{self, Pagination};
use crate::link::Archive;
use crate::model::{Directive, Level};
use crate::vietnamese;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Facet {
    Issuer,
    Kind,
    Level,
    Year,
    Tag,
    Locality,
}

impl Facet {
    pub(crate) const ALL: [Facet; 6] = [
        Facet::Issuer,
        Facet::Kind,
        Facet::Level,
        Facet::Year,
        Facet::Tag,
        Facet::Locality,
    ];

    /// The URL segment: `/issuers/`.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Facet::Issuer => "issuers",
            Facet::Kind => "kinds",
            Facet::Level => "levels",
            Facet::Year => "years",
            Facet::Tag => "tags",
            Facet::Locality => "localities",
        }
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            Facet::Issuer => "Cơ quan ban hành",
            Facet::Kind => "Loại văn bản",
            Facet::Level => "Cấp ban hành",
            Facet::Year => "Năm",
            Facet::Tag => "Chủ đề",
            Facet::Locality => "Địa phương",
        }
    }

    /// The timeline can be filtered by these: by a year, on the year's own
    /// page; by a term of the others, on the term's timeline.
    pub(crate) fn filters_timeline(self) -> bool {
        matches!(
            self,
            Facet::Issuer | Facet::Kind | Facet::Level | Facet::Year | Facet::Locality
        )
    }

    /// Whether each term has a timeline of its own (a year has its page).
    pub(crate) fn has_term_timelines(self) -> bool {
        self.filters_timeline() && self != Facet::Year
    }

    /// The directive's values of this facet as written (a directive has
    /// one issuer, any number of tags).
    fn labels(self, directive: &Directive) -> Vec<Cow<'_, str>> {
        match self {
            Facet::Issuer => vec![Cow::Borrowed(directive.issuer.as_str())],
            Facet::Kind => vec![Cow::Borrowed(directive.kind.as_str())],
            Facet::Level => directive
                .level
                .map(|l| vec![Cow::Borrowed(l.label())])
                .unwrap_or_default(),
            Facet::Year => vec![Cow::Owned(directive.date.year.to_string())],
            Facet::Tag => directive
                .tags
                .iter()
                .map(|t| Cow::Borrowed(t.as_str()))
                .collect(),
            Facet::Locality => directive
                .localities
                .iter()
                .map(|l| Cow::Borrowed(l.as_str()))
                .collect(),
        }
    }

    /// The slug of a value as written: a level's key, a year as is,
    /// anything else slugified. Empty for a value that slugs to nothing,
    /// which no term has.
    fn slug(self, label: &str) -> String {
        match self {
            Facet::Level => Level::ALL
                .iter()
                .find(|l| l.label() == label)
                .map_or_else(String::new, |l| l.key().to_owned()),
            Facet::Year => label.to_owned(),
            _ => vietnamese::slugify(label),
        }
    }
}

/// One value of a facet and its directives (archive order: newest first).
#[derive(Debug, Clone)]
pub(crate) struct Term {
    pub(crate) slug: String,
    pub(crate) label: String,
    pub(crate) directives: Vec<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct Taxonomy {
    pub(crate) facet: Facet,
    pub(crate) terms: Vec<Term>,
}

impl Taxonomy {
    pub(crate) fn index_url(&self) -> String {
        format!("/{}/", self.facet.key())
    }

    /// Page `page` (from 1) of term `term`'s listing.
    pub(crate) fn term_url(&self, term: usize, page: usize) -> String {
        let mut url = format!("/{}/{}/", self.facet.key(), self.terms[term].slug);
        paging::push_page(&mut url, page);
        url
    }

    /// Where a reader finds term `term`'s directives: for a facet that
    /// filters the timeline, the term's timeline (a year's page), which
    /// lists them in date order with their ties; otherwise its listing.
    /// A term has one listing, so that an archive's listings do not
    /// repeat every directive once more per facet.
    pub(crate) fn term_href(&self, term: usize) -> String {
        if self.facet.filters_timeline() {
            self.timeline_url(term)
        } else {
            self.term_url(term, 1)
        }
    }

    /// The timeline filtered by term `term`: a year's own page of the
    /// timeline, or the first page of the term's timeline.
    pub(crate) fn timeline_url(&self, term: usize) -> String {
        match self.facet {
            Facet::Year => {
                let slug = &self.terms[term].slug;
                let mut url = String::with_capacity(slug.len() + 11);
                url.push_str("/timeline/");
                url.push_str(slug);
                url.push('/');
                url
            }
            _ => self.timeline_page_url(term, 1),
        }
    }

    /// Page `page` (from 1) of term `term`'s timeline.
    pub(crate) fn timeline_page_url(&self, term: usize, page: usize) -> String {
        // By hand: a filtered timeline links its term's page for every
        // entry and tie it shows.
        let (key, slug) = (self.facet.key(), &self.terms[term].slug);
        let mut url = String::with_capacity(key.len() + slug.len() + 24);
        url.push_str("/timeline/");
        url.push_str(key);
        url.push('/');
        url.push_str(slug);
        url.push('/');
        paging::push_page(&mut url, page);
        url
    }
}

/// Every facet's terms. Spellings that slug alike ("Tỉnh uỷ", "Tỉnh ủy")
/// are one term, shown in its most used spelling.
pub(crate) fn taxonomies(archive: &Archive) -> Vec<Taxonomy> {
    Facet::ALL
        .par_iter()
        .map(|&facet| {
            let mut terms: Vec<Term> = Vec::new();
            let mut by_slug: HashMap<String, usize> = HashMap::new();
            // Each spelling is slugged once, not once per directive: its
            // term (none if it slugs to nothing) and how often it is used.
            let mut spellings: HashMap<Cow<'_, str>, usize> = HashMap::new();
            let mut spelled: Vec<(Option<usize>, usize)> = Vec::new();
            for (index, directive) in archive.directives.iter().enumerate() {
                for label in facet.labels(directive) {
                    let spelling = *spellings.entry(label).or_insert_with_key(|label| {
                        let slug = facet.slug(label);
                        let slot = (!slug.is_empty()).then(|| {
                            *by_slug.entry(slug.clone()).or_insert_with(|| {
                                terms.push(Term {
                                    slug,
                                    label: String::new(),
                                    directives: Vec::new(),
                                });
                                terms.len() - 1
                            })
                        });
                        spelled.push((slot, 0));
                        spelled.len() - 1
                    });
                    let (slot, uses) = &mut spelled[spelling];
                    let Some(slot) = *slot else { continue };
                    *uses += 1;
                    if terms[slot].directives.last() != Some(&index) {
                        terms[slot].directives.push(index);
                    }
                }
            }
            // A term is shown in its most used spelling; of two used as
            // often, the one that sorts first.
            let mut best: Vec<Option<(usize, &str)>> = vec![None; terms.len()];
            for (label, &spelling) in &spellings {
                let (slot, uses) = spelled[spelling];
                if let Some(slot) = slot {
                    let better = best[slot].is_none_or(|(most, shown)| {
                        uses > most || (uses == most && label.as_ref() < shown)
                    });
                    if better {
                        best[slot] = Some((uses, label.as_ref()));
                    }
                }
            }
            for (term, best) in terms.iter_mut().zip(best) {
                term.label = best.map(|(_, label)| label.to_owned()).unwrap_or_default();
            }
            sort_terms(facet, &mut terms);
            Taxonomy { facet, terms }
        })
        .collect()
}

/// Years oldest first, as the timeline runs, so its filters (and the
/// search page's) read in the same order as the entries; levels from the
/// centre down; the rest alphabetically.
fn sort_terms(facet: Facet, terms: &mut [Term]) {
    match facet {
        Facet::Year => terms.sort_by(|a, b| a.slug.cmp(&b.slug)),
        Facet::Level => terms.sort_by_key(|t| Level::ALL.iter().position(|l| l.key() == t.slug)),
        _ => terms.sort_by(|a, b| {
            vietnamese::fold(&a.label)
                .cmp(&vietnamese::fold(&b.label))
                .then_with(|| a.slug.cmp(&b.slug))
        }),
    }
}

/// A term as the templates list it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TermLink {
    pub(crate) facet: &'static str,
    pub(crate) slug: String,
    pub(crate) label: String,
    pub(crate) count: usize,
    pub(crate) href: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct FacetView {
    pub(crate) key: &'static str,
    pub(crate) label: &'static str,
    pub(crate) href: String,
    pub(crate) terms: Vec<TermLink>,
}

/// The facet and its terms linking to `href(term index)`.
pub(crate) fn facet_view(
    taxonomy: &Taxonomy,
    base_path: &str,
    href: impl Fn(usize) -> String,
) -> FacetView {
    FacetView {
        key: taxonomy.facet.key(),
        label: taxonomy.facet.label(),
        href: format!("{base_path}{}", taxonomy.index_url()),
        terms: taxonomy
            .terms
            .iter()
            .enumerate()
            .map(|(i, term)| TermLink {
                facet: taxonomy.facet.key(),
                slug: term.slug.clone(),
                label: term.label.clone(),
                count: term.directives.len(),
                href: format!("{base_path}{}", href(i)),
            })
            .collect(),
    }
}

/// Every facet (or those that filter the timeline) with its terms linking
/// to `href(taxonomy, term index)`.
pub(crate) fn facet_views(
    taxonomies: &[Taxonomy],
    base_path: &str,
    href: impl Fn(&Taxonomy, usize) -> String,
    only_timeline: bool,
) -> Vec<FacetView> {
    taxonomies
        .iter()
        .filter(|t| !only_timeline || t.facet.filters_timeline())
        .map(|t| facet_view(t, base_path, |i| href(t, i)))
        .collect()
}

/// Links between the pages of a term's listing.
pub(crate) fn pagination(
    taxonomy: &Taxonomy,
    term: usize,
    page: usize,
    total: usize,
    base_path: &str,
) -> Pagination {
    Pagination::new(page, total, |n| {
        format!("{base_path}{}", taxonomy.term_url(term, n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year_2020() -> Taxonomy {
        Taxonomy {
            facet: Facet::Year,
            terms: vec![Term {
                slug: "2020".into(),
                label: "2020".into(),
                directives: vec![],
            }],
        }
    }

    #[test]
    fn page_links_carry_the_base_path() {
        let taxonomy = year_2020();
        let pagination = pagination(&taxonomy, 0, 2, 3, "/kho");
        assert_eq!(pagination.previous.as_deref(), Some("/kho/years/2020/"));
        assert_eq!(pagination.next.as_deref(), Some("/kho/years/2020/page/3/"));
        assert_eq!(pagination.pages[2].href, "/kho/years/2020/page/3/");
    }
}

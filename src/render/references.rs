//! The references: every document cited anywhere in the archive, in it or
//! not, with who cites it. For editors it is the list of what to add next.
//!
//! The [`Catalogue`] is drawn from the archive's relations once per site:
//! the plan needs it to know how many pages the references take and which
//! documents outside the archive have a list of their citers. The views
//! templates see are made from it, a page at a time.

use std::collections::HashSet;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::cited_row;
use super::paging;
use super::related::PANEL_ANCHOR;
use super::summary::{DateView, Summaries, SummaryValue};
use crate::body::references::number_key;
use crate::date::Date;
use crate::link::{Archive, Relation, RelationSource};
use crate::model::RelationType;
use crate::vietnamese;

/// The site path of the references.
pub(crate) const URL: &str = "/references/";

/// How many of a document's citers the references show; a document cited
/// more often links to the full list.
pub(crate) const CITERS_SHOWN: usize = 5;

/// A document cited in the archive: a directive of it, or one outside it
/// as its citers describe it.
#[derive(Debug, Clone)]
pub(crate) struct Cited {
    /// The directive, when the archive has it.
    pub(crate) target: Option<usize>,
    pub(crate) kind: Option<String>,
    pub(crate) number: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) issuer: Option<String>,
    pub(crate) date: Option<Date>,
    /// In archive order (newest first), as the relations are.
    pub(crate) citers: Vec<Citer>,
    /// The URL segment of the list of its citers, for a document outside
    /// the archive cited more than [`CITERS_SHOWN`] times.
    pub(crate) slug: Option<String>,
}

/// A directive citing a document, and how.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Citer {
    pub(crate) from: usize,
    pub(crate) relation: RelationType,
    pub(crate) from_text: bool,
}

/// Every cited document: those outside the archive first (what to add
/// next), then those in it, each part newest first.
#[derive(Debug, Default)]
pub(crate) struct Catalogue {
    pub(crate) documents: Vec<Cited>,
    /// How many of `documents` are outside the archive.
    pub(crate) outside: usize,
}

impl Catalogue {
    pub(crate) fn of(archive: &Archive) -> Catalogue {
        // Two passes over the relations, so that each document's citers
        // are allocated once at their exact number: grown one push at a
        // time, the lists of a large archive took several times the room
        // of what they hold (220 MB at 100,000 directives).
        let mut documents: Vec<Cited> = Vec::new();
        let mut counts: Vec<u32> = Vec::new();
        let mut by_identity: FxHashMap<Identity, usize> = FxHashMap::default();
        let total = archive.relations.iter().map(Vec::len).sum();
        let mut slots: Vec<u32> = Vec::with_capacity(total);
        // A document outside the archive is known by its number or title,
        // folded: worked out on every core first, since the pass that
        // numbers the documents must run on one.
        let identities: Vec<Identity> = archive
            .relations
            .par_iter()
            .flat_map_iter(|relations| relations.iter().map(identity))
            .collect();
        for (relation, identity) in archive.relations.iter().flatten().zip(identities) {
            let slot = *by_identity.entry(identity).or_insert_with(|| {
                documents.push(describe(archive, relation));
                counts.push(0);
                documents.len() - 1
            });
            fill_gaps(&mut documents[slot], relation);
            counts[slot] += 1;
            slots.push(slot as u32);
        }
        drop(by_identity);
        for (document, &count) in documents.iter_mut().zip(&counts) {
            document.citers = Vec::with_capacity(count as usize);
        }
        let mut slots = slots.into_iter();
        for (from, relations) in archive.relations.iter().enumerate() {
            for (relation, slot) in relations.iter().zip(slots.by_ref()) {
                documents[slot as usize].citers.push(Citer {
                    from,
                    relation: relation.relation_type,
                    from_text: relation.source == RelationSource::Text,
                });
            }
        }
        // Sorted where they are rather than split into two new lists:
        // those outside the archive first, each part newest first.
        fn key(d: &Cited) -> (Option<Date>, Option<&str>, Option<&str>) {
            (d.date, d.number.as_deref(), d.title.as_deref())
        }
        documents.sort_by(|a, b| {
            (a.target.is_some())
                .cmp(&b.target.is_some())
                .then_with(|| key(b).cmp(&key(a)))
        });
        let outside = documents.partition_point(|d| d.target.is_none());
        let mut taken = HashSet::new();
        for document in &mut documents[..outside] {
            if document.citers.len() > CITERS_SHOWN {
                document.slug = Some(unique_slug(document, &mut taken));
            }
        }
        Catalogue { documents, outside }
    }

    /// How many pages the list takes, `per_page` documents a page.
    pub(crate) fn pages(&self, per_page: usize) -> usize {
        paging::page_count(self.documents.len(), per_page)
    }

    /// The page of the list that document `index` is on.
    pub(crate) fn page_of(&self, index: usize, per_page: usize) -> usize {
        index / per_page.max(1) + 1
    }

    /// The documents outside the archive that have a list of their
    /// citers, by their index.
    pub(crate) fn with_citer_lists(&self) -> impl Iterator<Item = (usize, &Cited)> {
        self.documents[..self.outside]
            .iter()
            .enumerate()
            .filter(|(_, d)| d.slug.is_some())
    }
}

/// Page `page` of the references' list.
pub(crate) fn list_url(page: usize) -> String {
    paging::page_url(URL, page)
}

/// Page `page` of the list of the directives citing a document outside
/// the archive, known by `slug`.
pub(crate) fn citers_url(slug: &str, page: usize) -> String {
    paging::page_url(&format!("{URL}ngoai-kho/{slug}/"), page)
}

/// Which cited document a relation names: the directive it resolved to,
/// or what it says of a document outside the archive. Most relations
/// resolve, and their key needs no string of its own.
#[derive(Debug, PartialEq, Eq, Hash)]
enum Identity {
    Archive(usize),
    Outside(String),
}

fn identity(relation: &Relation) -> Identity {
    match (relation.target, &relation.number, &relation.title) {
        (Some(target), _, _) => Identity::Archive(target),
        (None, Some(number), _) => Identity::Outside(format!(
            "number:{}|{}",
            number_key(number),
            relation
                .issuer
                .as_deref()
                .map(vietnamese::fold)
                .unwrap_or_default()
        )),
        (None, None, title) => Identity::Outside(format!(
            "title:{}|{}",
            title.as_deref().map(vietnamese::fold).unwrap_or_default(),
            relation.date.map(|d| d.iso()).unwrap_or_default()
        )),
    }
}

fn describe(archive: &Archive, relation: &Relation) -> Cited {
    match relation.target {
        Some(target) => {
            let d = &archive.directives[target];
            Cited {
                target: Some(target),
                kind: Some(d.kind.clone()),
                number: d.number.clone(),
                title: Some(d.title.clone()),
                issuer: Some(d.issuer.clone()),
                date: Some(d.date),
                citers: Vec::new(),
                slug: None,
            }
        }
        None => Cited {
            target: None,
            kind: relation.kind.clone(),
            number: relation.number.clone(),
            title: relation.title.clone(),
            issuer: relation.issuer.clone(),
            date: relation.date,
            citers: Vec::new(),
            slug: None,
        },
    }
}

/// A document outside the archive is known by what its citers say; each
/// may say a little more.
fn fill_gaps(document: &mut Cited, relation: &Relation) {
    if document.target.is_some() {
        return;
    }
    if document.kind.is_none() {
        document.kind.clone_from(&relation.kind);
    }
    if document.title.is_none() {
        document.title.clone_from(&relation.title);
    }
    if document.issuer.is_none() {
        document.issuer.clone_from(&relation.issuer);
    }
    if document.date.is_none() {
        document.date = relation.date;
    }
}

/// The words of a title a slug keeps: enough to tell documents apart.
const SLUG_WORDS: usize = 8;

/// A slug for a document outside the archive: its number and issuer, or
/// the start of its title and its date; `-2`, `-3` … after one taken.
fn unique_slug(document: &Cited, taken: &mut HashSet<String>) -> String {
    let text = match (&document.number, &document.title) {
        (Some(number), _) => format!(
            "{number} {}",
            document.issuer.as_deref().unwrap_or_default()
        ),
        (None, title) => {
            let words: Vec<&str> = title
                .as_deref()
                .unwrap_or_default()
                .split_whitespace()
                .take(SLUG_WORDS)
                .collect();
            format!(
                "{} {}",
                words.join(" "),
                document.date.map(|d| d.iso()).unwrap_or_default()
            )
        }
    };
    let mut base = vietnamese::slugify(&text);
    if base.is_empty() {
        base = "van-ban".to_owned();
    }
    let mut slug = base.clone();
    let mut n = 1;
    while !taken.insert(slug.clone()) {
        n += 1;
        slug = format!("{base}-{n}");
    }
    slug
}

/// A cited document as the references show it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CitedView {
    /// The directive, when the archive has it.
    pub(crate) target: Option<SummaryValue>,
    pub(crate) kind: Option<String>,
    pub(crate) number: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) issuer: Option<String>,
    pub(crate) date: Option<DateView>,
    /// Its first citers.
    pub(crate) cited_by: Vec<Citing>,
    /// The same, written as the theme's row writes them, when that is the
    /// built-in one (see [`super::cited_row`]).
    pub(crate) rows: Option<String>,
    /// How many directives cite it.
    pub(crate) count: usize,
    /// Where all of them are, when `cited_by` are only the first: the list
    /// of its citers, or the panel of its page for a directive.
    pub(crate) more: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Citing {
    pub(crate) directive: SummaryValue,
    pub(crate) label: &'static str,
    from_text: bool,
}

pub(crate) fn citing(summaries: &Summaries, citer: &Citer) -> Citing {
    Citing {
        directive: summaries.value(citer.from),
        label: citer.relation.label(),
        from_text: citer.from_text,
    }
}

/// Document `document` with its first citers, and their rows if `rows`.
pub(crate) fn cited_view(
    archive: &Archive,
    summaries: &Summaries,
    document: &Cited,
    rows: bool,
) -> CitedView {
    let shown = &document.citers[..document.citers.len().min(CITERS_SHOWN)];
    let count = document.citers.len();
    let more = more_href(archive.config.base_url.path(), summaries, document);
    CitedView {
        target: document.target.map(|t| summaries.value(t)),
        kind: document.kind.clone(),
        number: document.number.clone(),
        title: document.title.clone(),
        issuer: document.issuer.clone(),
        date: document.date.map(DateView::from),
        cited_by: shown.iter().map(|c| citing(summaries, c)).collect(),
        rows: rows.then(|| citer_rows(summaries, shown)),
        count,
        more,
    }
}

/// Where all of `document`'s citers are listed, when the references show
/// only the first: the list of its citers, or the panel of its page for a
/// directive.
pub(crate) fn more_href(
    base_path: &str,
    summaries: &Summaries,
    document: &Cited,
) -> Option<String> {
    if document.citers.len() <= CITERS_SHOWN {
        return None;
    }
    match (document.target, &document.slug) {
        (Some(target), _) => Some(format!("{}#{PANEL_ANCHOR}", summaries[target].href)),
        (None, Some(slug)) => Some(format!("{base_path}{}", citers_url(slug, 1))),
        (None, None) => None,
    }
}

/// The rows of `citers` as the theme's built-in row writes them, one after
/// the other as the list does, appended to `out`.
pub(crate) fn write_citer_rows(summaries: &Summaries, citers: &[Citer], out: &mut Vec<u8>) {
    for citer in citers {
        let label = citer.relation.label();
        cited_row::write(&summaries[citer.from], label, citer.from_text, out);
    }
}

/// [`write_citer_rows`] as a string, for a template.
fn citer_rows(summaries: &Summaries, citers: &[Citer]) -> String {
    let mut out = Vec::with_capacity(citers.len() * 160);
    write_citer_rows(summaries, citers, &mut out);
    // Only text and escaped text were written.
    String::from_utf8(out).unwrap_or_default()
}

/// One part of a page of the list: those outside the archive or those in
/// it, by year; each document as `D` shows it (a template's view, or the
/// document itself for the page written in Rust).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Part<D> {
    /// `ngoai-kho` or `trong-kho`.
    pub(crate) id: &'static str,
    pub(crate) label: &'static str,
    /// How many documents the whole part has.
    pub(crate) count: usize,
    /// It began on an earlier page.
    pub(crate) continued: bool,
    pub(crate) years: Vec<Year<D>>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Year<D> {
    /// `ngoai-kho-2021`, `ngoai-kho-khong-ro-ngay`.
    pub(crate) id: String,
    pub(crate) label: String,
    pub(crate) documents: Vec<D>,
}

/// Where a part's years begin in the list, for the index of its first
/// page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PartIndex {
    pub(crate) label: &'static str,
    pub(crate) years: Vec<YearLink>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct YearLink {
    pub(crate) label: String,
    pub(crate) href: String,
}

const OUTSIDE: (&str, &str) = ("ngoai-kho", "Chưa có trong kho");
const INSIDE: (&str, &str) = ("trong-kho", "Trong kho");
const UNDATED: (&str, &str) = ("khong-ro-ngay", "Không rõ ngày");

/// A document's year as the list heads it: `("2021", "2021")`, or
/// undated.
fn year_of(document: &Cited) -> (String, String) {
    match document.date {
        Some(date) => (date.year.to_string(), date.year.to_string()),
        None => (UNDATED.0.to_owned(), UNDATED.1.to_owned()),
    }
}

/// The anchor of the year under which document `index` is listed:
/// `ngoai-kho-2021`.
pub(crate) fn anchor_of(catalogue: &Catalogue, index: usize) -> String {
    let part = if index < catalogue.outside {
        OUTSIDE
    } else {
        INSIDE
    };
    let (key, _) = year_of(&catalogue.documents[index]);
    format!("{}-{key}", part.0)
}

/// The documents on page `page` of the list, in their parts and years,
/// each as `view` shows it.
pub(crate) fn list_page<'c, D>(
    catalogue: &'c Catalogue,
    page: usize,
    per_page: usize,
    mut view: impl FnMut(&'c Cited) -> D,
) -> Vec<Part<D>> {
    let range = paging::slice(catalogue.documents.len(), page, per_page);
    let mut parts: Vec<Part<D>> = Vec::new();
    // The part of those outside the archive is on the first page even
    // when it is empty: it says so.
    if page == 1 && catalogue.outside == 0 {
        parts.push(part(OUTSIDE, 0, false));
    }
    for index in range.clone() {
        let document = &catalogue.documents[index];
        let outside = index < catalogue.outside;
        let (which, count, first) = if outside {
            (OUTSIDE, catalogue.outside, 0)
        } else {
            (
                INSIDE,
                catalogue.documents.len() - catalogue.outside,
                catalogue.outside,
            )
        };
        if parts.last().is_none_or(|p| p.id != which.0) {
            parts.push(part(which, count, index > first && index == range.start));
        }
        let (key, label) = year_of(document);
        let id = format!("{}-{key}", which.0);
        let Some(current) = parts.last_mut() else {
            continue;
        };
        if current.years.last().is_none_or(|y| y.id != id) {
            current.years.push(Year {
                id,
                label,
                documents: Vec::new(),
            });
        }
        if let Some(year) = current.years.last_mut() {
            year.documents.push(view(document));
        }
    }
    parts
}

fn part<D>((id, label): (&'static str, &'static str), count: usize, continued: bool) -> Part<D> {
    Part {
        id,
        label,
        count,
        continued,
        years: Vec::new(),
    }
}

/// For each part, the page and anchor where each of its years begins.
pub(crate) fn index(catalogue: &Catalogue, base_path: &str, per_page: usize) -> Vec<PartIndex> {
    let mut parts = Vec::new();
    for (which, range) in [
        (OUTSIDE, 0..catalogue.outside),
        (INSIDE, catalogue.outside..catalogue.documents.len()),
    ] {
        let mut years: Vec<YearLink> = Vec::new();
        let mut last = None;
        for index in range {
            let (key, label) = year_of(&catalogue.documents[index]);
            if last.as_ref() == Some(&key) {
                continue;
            }
            let page = catalogue.page_of(index, per_page);
            years.push(YearLink {
                label,
                href: format!("{base_path}{}#{}-{key}", list_url(page), which.0),
            });
            last = Some(key);
        }
        if !years.is_empty() {
            parts.push(PartIndex {
                label: which.1,
                years,
            });
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outside(number: Option<&str>, title: Option<&str>, issuer: Option<&str>) -> Cited {
        Cited {
            target: None,
            kind: None,
            number: number.map(str::to_owned),
            title: title.map(str::to_owned),
            issuer: issuer.map(str::to_owned),
            date: Some(Date {
                year: 2020,
                month: 3,
                day: 19,
            }),
            citers: Vec::new(),
            slug: None,
        }
    }

    #[test]
    fn slugs_name_the_document_and_are_unique() {
        let mut taken = HashSet::new();
        let bg = outside(Some("12-KL/TU"), None, Some("Tỉnh ủy Bắc Giang"));
        assert_eq!(unique_slug(&bg, &mut taken), "12-kl-tu-tinh-uy-bac-giang");
        assert_eq!(unique_slug(&bg, &mut taken), "12-kl-tu-tinh-uy-bac-giang-2");
        let report = outside(None, Some("Báo cáo của Ban cán sự đảng"), None);
        assert_eq!(
            unique_slug(&report, &mut taken),
            "bao-cao-cua-ban-can-su-dang-2020-03-19"
        );
        assert_eq!(
            unique_slug(&outside(None, None, None), &mut taken),
            "2020-03-19"
        );
    }
}

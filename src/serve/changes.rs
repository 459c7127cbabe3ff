//! What a change reaches. A change is classified once, by where it is
//! ([`ChangeKind`]); a change of content is then measured by comparing the
//! linked archive before and after, in each plan's terms ([`Touched`]),
//! and the plans say which of their pages read what changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashSet;

use crate::date::YearMonth;
use crate::link::Archive;
use crate::load::CONTENT_DIR;
use crate::render::Plan;
use crate::render::plan::Touched;
use crate::render::site::SiteView;

/// What changed outside `content/`, which decides how much to rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ChangeKind {
    /// Nothing outside the content.
    Content,
    /// Templates, by name: the pages rendered with them.
    Templates(Vec<String>),
    /// The configuration, the theme, static files, or a templates folder
    /// as a whole: everything.
    Everything,
}

impl ChangeKind {
    /// `paths` (relative to the site's root) are the changes outside
    /// `content/`; `theme` the site's theme.
    pub(crate) fn of(paths: &[PathBuf], theme: &str) -> ChangeKind {
        if paths.is_empty() {
            return ChangeKind::Content;
        }
        let theme_templates = Path::new("themes").join(theme).join("templates");
        let names: Option<Vec<String>> = paths
            .iter()
            .map(|p| {
                let name = p
                    .strip_prefix("templates")
                    .or_else(|_| p.strip_prefix(&theme_templates))
                    .ok()?;
                let name = crate::diagnostic::display_path(name);
                // A whole folder appearing or going: rebuild everything.
                (!name.is_empty()).then_some(name)
            })
            .collect();
        names.map_or(ChangeKind::Everything, ChangeKind::Templates)
    }
}

/// Whether a change between `old` and `new` can be rendered page by page:
/// the same settings and the same menu, which every page shows.
pub(crate) fn comparable(old: &Archive, new: &Archive) -> bool {
    old.config == new.config && SiteView::of(old) == SiteView::of(new)
}

/// What the change of the content files `changed` (and of `templates`)
/// reaches, in the terms of the plan before and of the plan after.
pub(crate) fn touched(
    old: &Plan<'_>,
    new: &Plan<'_>,
    changed: &[PathBuf],
    templates: &[String],
) -> (Touched, Touched) {
    let changed: FxHashSet<&Path> = changed.iter().map(PathBuf::as_path).collect();
    let (old_archive, new_archive) = (old.site().archive, new.site().archive);
    let old_directives = directives_touched(old_archive, new_archive, &changed);
    let new_directives = directives_touched(new_archive, old_archive, &changed);
    let any_directive = !old_directives.is_empty() || !new_directives.is_empty();
    let facets = facet_counts(old) != facet_counts(new);
    let front_page = changed.contains(Path::new(CONTENT_DIR).join("_index.md").as_path());
    let (old_members, new_members) = (term_members(old), term_members(new));
    let months = months_touched(old, new);
    let touched = |plan: &Plan<'_>, ours, theirs, directives| Touched {
        directives,
        any_directive,
        terms: terms_touched(plan, ours, theirs),
        facets,
        months: months.clone(),
        pages: pages_touched(plan.site().archive, &changed),
        front_page,
        templates: templates.to_vec(),
    };
    (
        touched(old, &old_members, &new_members, old_directives),
        touched(new, &new_members, &old_members, new_directives),
    )
}

/// The directives of `archive` whose file changed, that `other` does not
/// have, or whose links lead elsewhere than in `other`: a new document can
/// make another's reference ambiguous, or resolve it.
fn directives_touched(
    archive: &Archive,
    other: &Archive,
    changed: &FxHashSet<&Path>,
) -> FxHashSet<usize> {
    let other_index: HashMap<&str, usize> = other
        .directives
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id(), i))
        .collect();
    (0..archive.directives.len())
        .filter(|&i| {
            let directive = &archive.directives[i];
            changed.contains(directive.source_path.as_path())
                || other_index
                    .get(directive.id())
                    .is_none_or(|&o| link_ids(archive, i) != link_ids(other, o))
        })
        .collect()
}

/// Where directive `i`'s links lead, and where those to it come from.
fn link_ids(archive: &Archive, i: usize) -> (Vec<&str>, Vec<&str>) {
    let id = |t: usize| archive.directives[t].id();
    let out = archive.relations[i].iter().filter_map(|r| r.target).map(id);
    let back = archive.backlinks[i].iter().map(|b| id(b.from));
    (out.collect(), back.collect())
}

/// Each term's directives, by facet and slug, as ids in order.
type Members<'p> = HashMap<(&'static str, &'p str), Vec<&'p str>>;

fn term_members<'p>(plan: &'p Plan<'_>) -> Members<'p> {
    let site = plan.site();
    let mut members = HashMap::new();
    for taxonomy in site.taxonomies.iter() {
        for term in &taxonomy.terms {
            let ids = term
                .directives
                .iter()
                .map(|&i| site.archive.directives[i].id())
                .collect();
            members.insert((taxonomy.facet.key(), term.slug.as_str()), ids);
        }
    }
    members
}

/// The terms of `plan` (whose members are `ours`) whose directives are not
/// those of the same term in the other plan (`theirs`), or that it does
/// not have.
fn terms_touched(
    plan: &Plan<'_>,
    ours: &Members<'_>,
    theirs: &Members<'_>,
) -> FxHashSet<(usize, usize)> {
    let mut touched = FxHashSet::default();
    for (t, taxonomy) in plan.site().taxonomies.iter().enumerate() {
        for (n, term) in taxonomy.terms.iter().enumerate() {
            let key = (taxonomy.facet.key(), term.slug.as_str());
            if ours.get(&key) != theirs.get(&key) {
                touched.insert((t, n));
            }
        }
    }
    touched
}

/// The months of the timeline whose entries differ between the two plans,
/// or that one of them does not have; every month of both if the months
/// that have pages differ, since each month's page leads to the others of
/// its year and to its neighbours.
fn months_touched(old: &Plan<'_>, new: &Plan<'_>) -> FxHashSet<YearMonth> {
    let fingerprints = |plan: &Plan<'_>| plan.site().calendar().fingerprints(plan.site().archive);
    let (before, after) = (fingerprints(old), fingerprints(new));
    let months = |list: &[(YearMonth, u64)]| list.iter().map(|&(m, _)| m).collect::<Vec<_>>();
    if months(&before) != months(&after) {
        return before
            .iter()
            .chain(&after)
            .map(|&(month, _)| month)
            .collect();
    }
    let kept: FxHashSet<(YearMonth, u64)> = before.iter().copied().collect();
    after
        .iter()
        .filter(|pair| !kept.contains(pair))
        .map(|&(month, _)| month)
        .collect()
}

/// A term as the facet lists show it: slug, label, count.
type Shown = (String, String, usize);

/// Every facet's terms with their labels and counts, as every timeline and
/// the search page show them.
fn facet_counts(plan: &Plan<'_>) -> Vec<(&'static str, Vec<Shown>)> {
    plan.site()
        .taxonomies
        .iter()
        .map(|taxonomy| {
            let terms = taxonomy
                .terms
                .iter()
                .map(|t| (t.slug.clone(), t.label.clone(), t.directives.len()))
                .collect();
            (taxonomy.facet.key(), terms)
        })
        .collect()
}

/// The free-standing pages whose file changed.
fn pages_touched(archive: &Archive, changed: &FxHashSet<&Path>) -> FxHashSet<usize> {
    (0..archive.pages.len())
        .filter(|&i| changed.contains(archive.pages[i].source_path.as_path()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_outside_the_content_are_classified_once() {
        let paths = |p: &[&str]| p.iter().map(PathBuf::from).collect::<Vec<_>>();
        assert_eq!(ChangeKind::of(&[], "default"), ChangeKind::Content);
        assert_eq!(
            ChangeKind::of(
                &paths(&["templates/directive.html", "themes/x/templates/base.html"]),
                "x"
            ),
            ChangeKind::Templates(vec!["directive.html".into(), "base.html".into()])
        );
        assert_eq!(
            ChangeKind::of(&paths(&["templates"]), "x"),
            ChangeKind::Everything,
            "a whole folder"
        );
        assert_eq!(
            ChangeKind::of(&paths(&["site.toml"]), "x"),
            ChangeKind::Everything
        );
        assert_eq!(
            ChangeKind::of(&paths(&["static/style.css"]), "x"),
            ChangeKind::Everything
        );
    }
}

//! Stage 3, **link**: every relation resolved to a directive of the archive
//! (or kept as a reference outside it), and every link seen from both ends.

mod chain;
mod resolve;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::body::references::number_key;
use crate::config::SiteConfig;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::model::{Directive, FrontPage, Page, RelationSpec, RelationType};
use crate::validate::ValidSite;
pub(crate) use chain::CHAIN_DEPTH;
pub(crate) use resolve::{Resolution, Resolver};

/// Where a relation was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum RelationSource {
    FrontMatter,
    Text,
}

/// An outgoing link of a directive, resolved or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Relation {
    pub(crate) relation_type: RelationType,
    /// Index into [`Archive::directives`]; `None` for a document outside
    /// the archive (or an ambiguous reference).
    pub(crate) target: Option<usize>,
    pub(crate) source: RelationSource,
    /// What the citing document says of its target.
    pub(crate) number: Option<String>,
    pub(crate) issuer: Option<String>,
    pub(crate) kind: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) date: Option<Date>,
}

/// An incoming link: directive `from` relates to this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Backlink {
    pub(crate) from: usize,
    pub(crate) relation_type: RelationType,
    pub(crate) source: RelationSource,
}

/// The linked archive: what rendering works from.
#[derive(Debug, Clone)]
pub struct Archive {
    pub(crate) config: SiteConfig,
    /// Newest first; ties by id, so the order never depends on the disk.
    pub(crate) directives: Vec<Arc<Directive>>,
    /// `relations[i]`: the outgoing links of `directives[i]`.
    pub(crate) relations: Vec<Vec<Relation>>,
    /// `backlinks[i]`: who links to `directives[i]`, oldest first.
    pub(crate) backlinks: Vec<Vec<Backlink>>,
    /// By weight, then title.
    pub(crate) pages: Vec<Page>,
    pub(crate) front_page: FrontPage,
}

impl Archive {
    /// What the numbers written in directive `index` link to: number key
    /// (see [`number_key`]) → directive.
    pub(crate) fn citation_targets(&self, index: usize) -> HashMap<String, usize> {
        self.relations[index]
            .iter()
            .filter_map(|r| Some((number_key(r.number.as_deref()?), r.target?)))
            .collect()
    }

    /// Ids of the directives that link to `index`, each once, in order.
    pub(crate) fn cited_by(&self, index: usize) -> Vec<&str> {
        let mut ids: Vec<&str> = self.backlinks[index]
            .iter()
            .map(|b| self.directives[b.from].id())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// Links the validated site: directives ordered newest first, each
/// reference resolved to its target, and the backlinks drawn from them.
pub fn link(site: ValidSite) -> (Archive, Diagnostics) {
    let mut directives = site.directives;
    directives.par_sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));
    let mut pages = site.pages;
    pages.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.title.cmp(&b.title)));

    let resolver = Resolver::new(&directives);
    let linked: Vec<(Vec<Relation>, Diagnostics)> = (0..directives.len())
        .into_par_iter()
        .map(|index| relations_of(&resolver, index, &directives[index]))
        .collect();
    let mut diagnostics = Diagnostics::new();
    let mut relations = Vec::with_capacity(linked.len());
    for (outgoing, found) in linked {
        relations.push(outgoing);
        diagnostics.extend(found);
    }
    let backlinks = backlinks(&directives, &relations);
    let archive = Archive {
        config: site.config,
        directives,
        relations,
        backlinks,
        pages,
        front_page: site.front_page,
    };
    (archive, diagnostics)
}

/// A directive's relations: those of its front matter, then one `cites`
/// for each other document its text names by number.
fn relations_of(
    resolver: &Resolver<'_>,
    index: usize,
    directive: &Directive,
) -> (Vec<Relation>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let mut relations: Vec<Relation> = directive
        .relations
        .iter()
        .map(|spec| {
            let resolution = resolver.resolve_spec(index, spec);
            let what = spec
                .number
                .clone()
                .or_else(|| spec.title.clone())
                .unwrap_or_default();
            let citation = Citation {
                what: &what,
                position: spec.position,
                source: RelationSource::FrontMatter,
                date: spec.date,
            };
            report(
                resolver,
                directive,
                &citation,
                &resolution,
                &mut diagnostics,
            );
            front_matter_relation(spec, resolution.target())
        })
        .collect();
    let own = directive.number_key.as_ref();
    let mut named: Vec<String> = relations
        .iter()
        .filter_map(|r| r.number.as_deref().map(number_key))
        .collect();
    for written in &directive.body.numbers {
        let number = written.number.clone();
        let key = number_key(&number);
        if own == Some(&key) || named.contains(&key) {
            continue;
        }
        named.push(key);
        let resolution = resolver.resolve_number(index, &number, None, None);
        let target = resolution.target();
        // Front matter that names the same document by title says more.
        if target.is_some() && relations.iter().any(|r| r.target == target) {
            continue;
        }
        let citation = Citation {
            what: &number,
            position: written.position,
            source: RelationSource::Text,
            date: None,
        };
        report(
            resolver,
            directive,
            &citation,
            &resolution,
            &mut diagnostics,
        );
        relations.push(Relation {
            relation_type: RelationType::Cites,
            target,
            source: RelationSource::Text,
            number: Some(number),
            issuer: None,
            kind: None,
            title: None,
            date: None,
        });
    }
    (relations, diagnostics)
}

fn front_matter_relation(spec: &RelationSpec, target: Option<usize>) -> Relation {
    Relation {
        relation_type: spec.relation_type,
        target,
        source: RelationSource::FrontMatter,
        number: spec.number.clone(),
        issuer: spec.issuer.clone(),
        kind: spec.kind.clone(),
        title: spec.title.clone(),
        date: spec.date,
    }
}

/// A reference as the citing directive writes it, for messages.
struct Citation<'s> {
    /// Its number, else its title.
    what: &'s str,
    position: Position,
    source: RelationSource,
    /// The date the front matter gives it, if any.
    date: Option<Date>,
}

/// What is worth an editor's look is a warning (`check --strict` makes
/// it an error): a number in the text that names nothing, an ambiguous
/// reference, a relation forward in time or to the directive itself. A
/// document outside the archive that the front matter names is the
/// editor's own statement, and is no problem.
fn report(
    resolver: &Resolver<'_>,
    directive: &Directive,
    citation: &Citation<'_>,
    resolution: &Resolution,
    diagnostics: &mut Diagnostics,
) {
    if let Some(message) = problem(resolver, directive, citation, resolution) {
        diagnostics.push(Diagnostic::warning(
            &directive.source_path,
            citation.position,
            message,
        ));
    }
}

fn problem(
    resolver: &Resolver<'_>,
    directive: &Directive,
    citation: &Citation<'_>,
    resolution: &Resolution,
) -> Option<String> {
    let what = citation.what;
    match resolution {
        Resolution::Found(_) => None,
        Resolution::NotFound => match (citation.source, citation.date) {
            (RelationSource::FrontMatter, Some(date)) if date > directive.date => Some(format!(
                "the relation to {what} is dated {date}, after this directive ({}); a relation points back in time: check the date",
                directive.date
            )),
            (RelationSource::FrontMatter, _) => None,
            (RelationSource::Text, _) => Some(format!(
                "{what} is named in the text but is not in the archive (on or before {}); if it is a document outside the archive, name it in `relations`",
                directive.date
            )),
        },
        Resolution::Later(index) => Some(format!(
            "{what} is {}, issued after this directive ({}); a relation points back in time: check the number or the date",
            resolver.describe(&[*index]),
            directive.date
        )),
        Resolution::Itself => Some(format!(
            "{what} is this directive itself; a directive does not relate to itself"
        )),
        Resolution::Ambiguous(candidates) => Some(format!(
            "ambiguous reference {what}: it could be {}; add `issuer` or `date` to choose",
            resolver.describe(candidates)
        )),
    }
}

/// Inverts the outgoing links: one pass over all relations, so linking
/// stays linear in the number of relations.
fn backlinks(directives: &[Arc<Directive>], relations: &[Vec<Relation>]) -> Vec<Vec<Backlink>> {
    let mut backlinks = vec![Vec::new(); directives.len()];
    for (from, outgoing) in relations.iter().enumerate() {
        for relation in outgoing {
            if let Some(target) = relation.target {
                backlinks[target].push(Backlink {
                    from,
                    relation_type: relation.relation_type,
                    source: relation.source,
                });
            }
        }
    }
    backlinks.par_iter_mut().for_each(|incoming| {
        incoming.sort_by(|a, b| {
            let (x, y) = (&directives[a.from], &directives[b.from]);
            x.date.cmp(&y.date).then_with(|| x.url.cmp(&y.url))
        });
        incoming.dedup();
    });
    backlinks
}

//! Stage 3, **link**: every relation resolved to a directive of the archive
//! (or kept as a reference outside it), and every link seen from both ends.

mod resolve;

use std::path::PathBuf;

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Directive, FrontPage, Page, RelationType};
use crate::validate::ValidSite;
use crate::vietnamese::Date;
pub use resolve::{Resolution, Resolver, number_key};

/// Where a relation was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationSource {
    FrontMatter,
    Text,
}

/// An outgoing link of a directive, resolved or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub relation_type: RelationType,
    /// Index into [`Archive::directives`]; `None` for a document outside
    /// the archive (or an ambiguous reference).
    pub target: Option<usize>,
    pub source: RelationSource,
    /// What the citing document says of its target.
    pub number: Option<String>,
    pub issuer: Option<String>,
    pub kind: Option<String>,
    pub title: Option<String>,
    pub date: Option<Date>,
}

/// An incoming link: directive `from` relates to this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backlink {
    pub from: usize,
    pub relation_type: RelationType,
}

/// The linked archive: what rendering works from.
#[derive(Debug, Clone)]
pub struct Archive {
    pub root: PathBuf,
    pub config: SiteConfig,
    /// Newest first; ties by id, so the order never depends on the disk.
    pub directives: Vec<Directive>,
    /// `relations[i]`: the outgoing links of `directives[i]`.
    pub relations: Vec<Vec<Relation>>,
    /// `backlinks[i]`: who links to `directives[i]`, oldest first.
    pub backlinks: Vec<Vec<Backlink>>,
    /// By weight, then title.
    pub pages: Vec<Page>,
    pub front_page: FrontPage,
}

impl Archive {
    /// Ids of the directives that link to `index`, each once, in order.
    pub fn cited_by(&self, index: usize) -> Vec<&str> {
        let mut ids: Vec<&str> = self.backlinks[index]
            .iter()
            .map(|b| self.directives[b.from].id())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

pub fn link(site: ValidSite) -> (Archive, Diagnostics) {
    let mut directives = site.directives;
    directives.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));
    let mut pages = site.pages;
    pages.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.title.cmp(&b.title)));

    let resolver = Resolver::new(&directives);
    let mut diagnostics = Diagnostics::new();
    let relations: Vec<Vec<Relation>> = directives
        .iter()
        .enumerate()
        .map(|(index, directive)| {
            front_matter_relations(&resolver, index, directive, &mut diagnostics)
        })
        .collect();
    let backlinks = backlinks(&directives, &relations);
    let archive = Archive {
        root: site.root,
        config: site.config,
        directives,
        relations,
        backlinks,
        pages,
        front_page: site.front_page,
    };
    (archive, diagnostics)
}

fn front_matter_relations(
    resolver: &Resolver<'_>,
    index: usize,
    directive: &Directive,
    diagnostics: &mut Diagnostics,
) -> Vec<Relation> {
    directive
        .relations
        .iter()
        .map(|spec| {
            let resolution = resolver.resolve_spec(index, spec);
            if let Resolution::Ambiguous(candidates) = &resolution {
                diagnostics.push(Diagnostic::warning(
                    &directive.source_path,
                    spec.position,
                    format!(
                        "ambiguous reference {}: it could be {}; add `issuer` or `date` to choose",
                        spec.number
                            .as_deref()
                            .or(spec.title.as_deref())
                            .unwrap_or_default(),
                        resolver.describe(candidates)
                    ),
                ));
            }
            Relation {
                relation_type: spec.relation_type,
                target: resolution.target(),
                source: RelationSource::FrontMatter,
                number: spec.number.clone(),
                issuer: spec.issuer.clone(),
                kind: spec.kind.clone(),
                title: spec.title.clone(),
                date: spec.date,
            }
        })
        .collect()
}

/// Inverts the outgoing links: one pass over all relations, so linking
/// stays linear in the number of relations.
fn backlinks(directives: &[Directive], relations: &[Vec<Relation>]) -> Vec<Vec<Backlink>> {
    let mut backlinks = vec![Vec::new(); directives.len()];
    for (from, outgoing) in relations.iter().enumerate() {
        for relation in outgoing {
            if let Some(target) = relation.target {
                backlinks[target].push(Backlink {
                    from,
                    relation_type: relation.relation_type,
                });
            }
        }
    }
    for incoming in &mut backlinks {
        incoming.sort_by(|a, b| {
            let (x, y) = (&directives[a.from], &directives[b.from]);
            x.date.cmp(&y.date).then_with(|| x.url.cmp(&y.url))
        });
        incoming.dedup();
    }
    backlinks
}

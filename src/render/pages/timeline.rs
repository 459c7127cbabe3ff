//! The timeline of the whole archive, and of each term of a facet that
//! filters it.

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::render::fragment::fill_slots;
use crate::render::output::Contents;
use crate::render::page::{At, PageKind, Rendered};
use crate::render::reads::{Needs, Read};
use crate::render::shared::Shared;
use crate::render::site::Site;
use crate::render::taxonomy::{Taxonomy, facet_views};
use crate::render::timeline::timeline;

/// Its site path.
pub(crate) const URL: &str = "/timeline/";

const TEMPLATE: &str = "timeline.html";

/// Every directive on the timeline.
pub(crate) struct Timeline;

impl PageKind for Timeline {
    fn url(&self, _site: &Site<'_>, _at: At) -> Option<String> {
        Some(URL.to_owned())
    }

    fn template(&self) -> Option<&'static str> {
        Some(TEMPLATE)
    }

    fn reads(&self, _site: &Site<'_>, _at: At, reads: &mut Vec<Read>) {
        reads.extend([Read::EveryDirective, Read::Facets]);
    }

    fn needs(&self) -> Needs {
        Needs::TIMELINE
    }

    fn is_heavy(&self) -> bool {
        true
    }

    fn render(
        &self,
        site: &Site<'_>,
        shared: &Shared<'_>,
        _at: At,
    ) -> Result<Rendered, Diagnostic> {
        render(site, shared, None)
    }
}

/// The timeline of one term of a facet that filters it.
pub(crate) struct FilteredTimeline;

impl PageKind for FilteredTimeline {
    fn pages(&self, site: &Site<'_>) -> Vec<At> {
        let mut pages = Vec::new();
        for (taxonomy, t) in site.taxonomies.iter().enumerate() {
            if t.facet.filters_timeline() {
                pages.extend((0..t.terms.len()).map(|term| At::Taxonomy {
                    taxonomy,
                    term: Some(term),
                    page: 0,
                }));
            }
        }
        pages
    }

    fn url(&self, site: &Site<'_>, at: At) -> Option<String> {
        let At::Taxonomy {
            taxonomy,
            term: Some(term),
            ..
        } = at
        else {
            return None;
        };
        Some(site.taxonomies[taxonomy].timeline_url(term))
    }

    fn template(&self) -> Option<&'static str> {
        Some(TEMPLATE)
    }

    /// The term's directives, and those their ties name.
    fn reads(&self, site: &Site<'_>, at: At, reads: &mut Vec<Read>) {
        let At::Taxonomy {
            taxonomy,
            term: Some(term),
            ..
        } = at
        else {
            return;
        };
        reads.extend([Read::Term { taxonomy, term }, Read::Facets]);
        for &i in &site.taxonomies[taxonomy].terms[term].directives {
            reads.push(Read::Directive(i));
            let targets = site.archive.relations[i].iter().filter_map(|r| r.target);
            reads.extend(targets.map(Read::Directive));
        }
    }

    fn needs(&self) -> Needs {
        Needs::TIMELINE
    }

    fn is_heavy(&self) -> bool {
        true
    }

    fn render(&self, site: &Site<'_>, shared: &Shared<'_>, at: At) -> Result<Rendered, Diagnostic> {
        let At::Taxonomy {
            taxonomy,
            term: Some(term),
            ..
        } = at
        else {
            return Ok(Rendered::default());
        };
        render(site, shared, Some((taxonomy, term)))
    }
}

/// The timeline page of the directives of term `filter`, or of all.
fn render(
    site: &Site<'_>,
    shared: &Shared<'_>,
    filter: Option<(usize, usize)>,
) -> Result<Rendered, Diagnostic> {
    // Rendered for every timeline before any is: the plan renders no
    // timeline when they could not be.
    let Some(entries) = &shared.entries else {
        return Ok(Rendered::default());
    };
    let url = match filter {
        Some((t, term)) => site.taxonomies[t].timeline_url(term),
        None => URL.to_owned(),
    };
    let mut context = site.context(&shared.site, &url);
    let included: Box<dyn Fn(usize) -> bool> = match filter {
        Some((t, term)) => {
            let members: HashSet<usize> = site.taxonomies[t].terms[term]
                .directives
                .iter()
                .copied()
                .collect();
            Box::new(move |i| members.contains(&i))
        }
        None => Box::new(|_| true),
    };
    let mut view = timeline(
        site.archive,
        &shared.summaries,
        site.archive.config.timeline,
        &included,
        entries,
    );
    let fills = view.take_fills();
    // The page without its rendered entries: slots, headings, the rest.
    let capacity = 256 * view.entry_count() + 256 * 1024;
    context.insert("timeline", &view);
    drop(view);
    context.insert(
        "facets",
        &facet_views(
            &site.taxonomies,
            site.base_path(),
            Taxonomy::timeline_url,
            true,
        ),
    );
    context.insert("timeline_href", &format!("{}{URL}", site.base_path()));
    if let Some((t, term)) = filter {
        let taxonomy = &site.taxonomies[t];
        context.insert(
            "filter",
            &serde_json::json!({
                "facet": taxonomy.facet.key(),
                "facet_label": taxonomy.facet.label(),
                "slug": taxonomy.terms[term].slug,
                "label": taxonomy.terms[term].label,
            }),
        );
    } else {
        context.insert("filter", &None::<()>);
    }
    let mut page = site.page_file_with_capacity(TEMPLATE, &url, &context, capacity)?;
    if let Contents::Bytes(bytes) = page.contents {
        page.contents = Contents::Pieces(fill_slots(bytes, fills).ok_or_else(|| {
            site.theme.render_error_message(
                TEMPLATE,
                "each entry's `html` must be output once, with `{{ e.html | safe }}`",
            )
        })?);
    }
    Ok(page.into())
}

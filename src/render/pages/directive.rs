//! A directive's page: the document laid out as issued, its body, and
//! what it relates to either way.

use crate::body::anchors::point_anchor;
use crate::body::references::{Mention, number_key};
use crate::diagnostic::Diagnostic;
use crate::render::context::{Writer, directive_view};
use crate::render::markdown::{self, Flavour};
use crate::render::page::{At, PageKind, Rendered};
use crate::render::pages::directive_html;
use crate::render::reads::Read;
use crate::render::related::shown_incoming;
use crate::render::search::Text;
use crate::render::shared::Shared;
use crate::render::site::{Site, page_file};
use crate::render::summary::entry_anchor;
use crate::render::timeline::month_url;

pub(crate) struct DirectivePage;

impl PageKind for DirectivePage {
    fn pages(&self, site: &Site<'_>) -> Vec<At> {
        (0..site.archive.directives.len())
            .map(At::Directive)
            .collect()
    }

    fn url(&self, site: &Site<'_>, at: At) -> Option<String> {
        let At::Directive(i) = at else { return None };
        Some(site.archive.directives[i].url.clone())
    }

    fn template(&self) -> Option<&'static str> {
        Some("directive.html")
    }

    /// Itself and its text; its neighbours by date; what it relates to and
    /// the first of what relates to it; its implementation chain; the
    /// directives its text cites, and the points of those it cites by
    /// point.
    fn reads(&self, site: &Site<'_>, at: At, reads: &mut Vec<Read>) {
        let At::Directive(i) = at else { return };
        let archive = site.archive;
        reads.extend([Read::Directive(i), Read::Body(i)]);
        // Its link to its entry on the timeline names the entry's page.
        reads.push(Read::Month(site.calendar().month_of(i)));
        reads.extend(i.checked_sub(1).map(Read::Directive));
        reads.extend((i + 1 < archive.directives.len()).then_some(Read::Directive(i + 1)));
        reads.extend(
            archive.relations[i]
                .iter()
                .filter_map(|r| r.target)
                .map(Read::Directive),
        );
        // Of what relates to it, the first of each kind: the rest are on
        // the lists of their own (`super::related`).
        reads.extend(shown_incoming(archive, i).into_iter().map(Read::Directive));
        // Those farther along its chain; only a directive that implements
        // or is implemented by another has one.
        if !archive.implements(i).is_empty() || !archive.implemented_by(i).is_empty() {
            reads.extend(archive.chain_members(i).into_iter().map(Read::Directive));
        }
        // What the text cites are relations, read above; the points of
        // those it cites by point, besides.
        let mut points = Vec::new();
        self.points(site, at, &mut points);
        reads.extend(points.into_iter().map(Read::Points));
    }

    fn points(&self, site: &Site<'_>, at: At, points: &mut Vec<usize>) {
        let At::Directive(i) = at else { return };
        let archive = site.archive;
        let numbers = &archive.directives[i].body.numbers;
        if numbers.iter().any(|n| n.point.is_some()) {
            let targets = archive.citation_targets(i);
            let by_point = numbers
                .iter()
                .filter(|n| n.point.is_some())
                .filter_map(|n| targets.get(&number_key(&n.number)));
            points.extend(by_point);
        }
    }

    fn render(&self, site: &Site<'_>, shared: &Shared<'_>, at: At) -> Result<Rendered, Diagnostic> {
        let At::Directive(index) = at else {
            return Ok(Rendered::default());
        };
        let archive = site.archive;
        let summaries = &shared.summaries;
        let directive = &archive.directives[index];
        // The theme's own templates, if it has them, are what it shows.
        let writer = if site.theme.is_built_in(&directive_html::USES) {
            Writer::BuiltIn
        } else {
            Writer::Template
        };
        let view = directive_view(archive, summaries, index, writer);
        let targets = archive.citation_targets(index);
        let citations = |mention: &Mention| {
            let target = *targets.get(&number_key(&mention.number))?;
            let href = &summaries[target].href;
            let anchor = mention
                .point
                .as_deref()
                .map(point_anchor)
                .filter(|a| shared.points.has(target, a));
            Some(match anchor {
                Some(anchor) => format!("{href}#{anchor}"),
                None => href.clone(),
            })
        };
        let text = shared.bodies.read(directive)?;
        let blocks = crate::body::blocks(&text, Flavour::Directive);
        let searched = archive
            .config
            .search
            .then(|| (index, Text::of(crate::body::texts(&blocks), text.len())));
        // Without a resolved number there is nothing to link: skip the scan.
        let citations = (!targets.is_empty()).then_some(&citations as markdown::Citations<'_>);
        let body =
            markdown::blocks_to_html(blocks, text.len(), shared.html_settings(site), citations);
        let timeline_href = timeline_href(site, index);
        let file = if writer == Writer::BuiltIn {
            let page = directive_html::Page {
                site: &shared.site_view,
                current_path: &directive.url,
                directive: &view,
                body: &body,
                previous: (index + 1 < archive.directives.len()).then(|| &summaries[index + 1]),
                next: index.checked_sub(1).map(|i| &summaries[i]),
                timeline_href: &timeline_href,
                summaries,
            };
            let mut html = Vec::with_capacity(body.len() + 8 * 1024);
            directive_html::write(&page, &mut html);
            page_file(&directive.url, html)
        } else {
            let mut context = site.context(&shared.site, &directive.url);
            context.insert("previous", &summaries.get_value(index + 1));
            context.insert(
                "next",
                &index.checked_sub(1).and_then(|i| summaries.get_value(i)),
            );
            context.insert("directive", &view);
            context.insert("body", &body.into_string());
            context.insert("timeline_href", &timeline_href);
            site.page_file("directive.html", &directive.url, &context)?
        };
        Ok(Rendered {
            files: vec![file],
            text: searched,
        })
    }
}

/// Where directive `index`'s entry is on the timeline: its month's page
/// that holds it, at its anchor.
fn timeline_href(site: &Site<'_>, index: usize) -> String {
    let calendar = site.calendar();
    let (month, page) = calendar.page_of(index);
    let id = site.archive.directives[index].id();
    format!(
        "{}{}#{}",
        site.base_path(),
        month_url(calendar.months[month].month, page),
        entry_anchor(id)
    )
}

//! What templates see: the archive turned into plain serialisable views,
//! with everything a reader needs already worked out (Vietnamese dates,
//! the header block, links under the base path).

use std::collections::HashSet;

use serde::Serialize;

use super::phrasing;
use super::summary::{DateView, DirectiveSummary, Summaries, SummaryValue};
use crate::date::Date;
use crate::link::{Archive, CHAIN_DEPTH, Relation, RelationSource};
use crate::model::{Circulation, Directive, Page, RelationType, Signer};
use crate::vietnamese;

/// The header block of a document as issued (Nghị định 30/2020/NĐ-CP for
/// state documents, Hướng dẫn 36-HD/VPTW for Party ones).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct HeaderView {
    /// Issuing body, top to bottom, upper-cased.
    pub(crate) letterhead: Vec<String>,
    /// "ĐẢNG CỘNG SẢN VIỆT NAM" or "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".
    pub(crate) national: &'static str,
    /// "Độc lập - Tự do - Hạnh phúc" for state documents.
    pub(crate) motto: Option<&'static str>,
    /// "Số 07-KL/TW" (Party) or "Số: 4162/VPCP-TKBT" (state).
    pub(crate) number_line: Option<String>,
    /// "Hà Nội, ngày 11 tháng 6 năm 2021".
    pub(crate) place_date: String,
    /// For a công văn: the text after "V/v".
    pub(crate) subject: Option<String>,
    /// The kind and title printed in capitals: "KẾT LUẬN CỦA BỘ CHÍNH TRỊ".
    pub(crate) heading: Option<String>,
    /// The rest of the title below it: "về một số nhiệm vụ …".
    subheading: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SignerView {
    pub(crate) name: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) authority: Option<String>,
}

impl From<&Signer> for SignerView {
    fn from(s: &Signer) -> Self {
        SignerView {
            name: s.name.clone(),
            title: s.title.clone(),
            authority: s.authority.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct CirculationView {
    pub(crate) action: &'static str,
    pub(crate) label: &'static str,
    pub(crate) office: String,
    pub(crate) number: Option<String>,
    pub(crate) date: DateView,
    pub(crate) place: Option<String>,
    pub(crate) note: Option<String>,
    pub(crate) signer: Option<SignerView>,
    pub(crate) recipients: Vec<String>,
    /// Days after the document was issued.
    pub(crate) days_after: i64,
}

/// One line of the "Văn bản liên quan" panel.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RelatedView {
    pub(crate) relation: &'static str,
    pub(crate) label: &'static str,
    /// The directive in the archive, if the reference resolved.
    pub(crate) target: Option<SummaryValue>,
    /// What the citing document says of it (for documents outside the archive).
    pub(crate) number: Option<String>,
    pub(crate) kind: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) issuer: Option<String>,
    pub(crate) date: Option<DateView>,
    pub(crate) source: &'static str,
}

/// Everything a directive page shows, except its body.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DirectiveView {
    #[serde(flatten)]
    pub(crate) summary: DirectiveSummary,
    pub(crate) header: HeaderView,
    pub(crate) place: Option<String>,
    pub(crate) signer: Option<SignerView>,
    pub(crate) addressees: Vec<String>,
    pub(crate) recipients: Vec<String>,
    pub(crate) circulation: Vec<CirculationView>,
    pub(crate) tags: Vec<String>,
    pub(crate) localities: Vec<String>,
    pub(crate) source: Option<String>,
    pub(crate) notes: Vec<String>,
    pub(crate) is_letter: bool,
    /// "Văn bản liên quan": relations grouped by type, both directions.
    pub(crate) related: Vec<RelatedGroup>,
    /// The chain of implementation through this directive, top down.
    pub(crate) chain: Vec<ChainRow>,
    /// schema.org `Legislation` as JSON-LD, safe inside `<script>`.
    pub(crate) json_ld: String,
    /// Its life in time: issued, received, copied, implemented or cited.
    pub(crate) life: Vec<LifeEvent>,
}

/// A moment in a directive's life.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LifeEvent {
    pub(crate) date: DateView,
    /// `issued`, `received`, `copied`, or a relation key read backwards.
    pub(crate) class: &'static str,
    pub(crate) label: String,
    pub(crate) detail: String,
    pub(crate) href: Option<String>,
    /// "11 ngày sau" (after issue); empty for the issue itself.
    pub(crate) days: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct RelatedGroup {
    pub(crate) relation: &'static str,
    /// "out": what this directive relates to; "in": what relates to it.
    direction: &'static str,
    pub(crate) label: &'static str,
    pub(crate) items: Vec<RelatedView>,
}

/// One directive of an implementation chain.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChainRow {
    pub(crate) depth: usize,
    pub(crate) directive: SummaryValue,
    /// Days after the document it implements.
    pub(crate) days_after: Option<i64>,
    pub(crate) current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageView {
    pub(crate) title: String,
    pub(crate) href: String,
    pub(crate) summary: Option<String>,
}

pub(crate) fn page_view(archive: &Archive, page: &Page) -> PageView {
    PageView {
        title: page.title.clone(),
        href: format!("{}{}", archive.config.base_url.path(), page.url),
        summary: page.summary.clone(),
    }
}

pub(crate) fn directive_view(
    archive: &Archive,
    summaries: &Summaries,
    index: usize,
) -> DirectiveView {
    let directive = &archive.directives[index];
    let relations: Vec<RelatedView> = archive.relations[index]
        .iter()
        .map(|r| related(summaries, r))
        .collect();
    let backlinks: Vec<RelatedView> = archive.backlinks[index]
        .iter()
        .map(|b| {
            let from = &archive.directives[b.from];
            RelatedView {
                relation: b.relation_type.key(),
                label: b.relation_type.inverse_label(),
                target: Some(summaries.value(b.from)),
                number: from.number.clone(),
                kind: Some(from.kind.clone()),
                title: Some(from.title.clone()),
                issuer: Some(from.issuer.clone()),
                date: Some(from.date.into()),
                source: source_key(b.source),
            }
        })
        .collect();
    DirectiveView {
        summary: summaries[index].clone(),
        header: header(directive),
        place: directive.place.clone(),
        signer: directive.signer.as_ref().map(SignerView::from),
        addressees: directive.addressees.clone(),
        recipients: directive.recipients.clone(),
        circulation: directive
            .circulation
            .iter()
            .map(|c| circulation(directive.date, c))
            .collect(),
        tags: directive.tags.clone(),
        localities: directive.localities.clone(),
        source: directive.source.clone(),
        notes: directive.notes.clone(),
        is_letter: phrasing::is_letter(&directive.kind),
        json_ld: super::json_ld::legislation(archive, summaries, index),
        life: life(archive, summaries, index),
        chain: implementation_chain(archive, summaries, index),
        related: group(relations, backlinks),
    }
}

/// Issued → received → copied → implemented or cited by, in date order.
fn life(archive: &Archive, summaries: &Summaries, index: usize) -> Vec<LifeEvent> {
    let directive = &archive.directives[index];
    let issued = directive.date;
    let mut events = vec![LifeEvent {
        date: issued.into(),
        class: "issued",
        label: phrasing::ISSUED.to_owned(),
        detail: directive.issuer.clone(),
        href: None,
        days: String::new(),
    }];
    for c in &directive.circulation {
        events.push(LifeEvent {
            date: c.date.into(),
            class: c.action.key(),
            label: c.action.label().to_owned(),
            detail: phrasing::circulation_detail(c),
            href: None,
            days: phrasing::days(issued.days_until(&c.date)),
        });
    }
    for b in &archive.backlinks[index] {
        let from = &archive.directives[b.from];
        events.push(LifeEvent {
            date: from.date.into(),
            class: b.relation_type.key(),
            label: b.relation_type.inverse_label().to_owned(),
            detail: phrasing::issued_by(from),
            href: Some(summaries[b.from].href.clone()),
            days: phrasing::days(issued.days_until(&from.date)),
        });
    }
    // Stable: events of one day keep the order above.
    events.sort_by(|a, b| a.date.iso.cmp(&b.date.iso));
    events
}

/// Relations by type (in the order of [`RelationType::ALL`]), each type's
/// outgoing group before its incoming one.
fn group(relations: Vec<RelatedView>, backlinks: Vec<RelatedView>) -> Vec<RelatedGroup> {
    let mut groups = Vec::new();
    for kind in RelationType::ALL {
        let key = kind.key();
        let outgoing: Vec<RelatedView> = relations
            .iter()
            .filter(|r| r.relation == key)
            .cloned()
            .collect();
        if !outgoing.is_empty() {
            groups.push(RelatedGroup {
                relation: key,
                direction: "out",
                label: kind.label(),
                items: outgoing,
            });
        }
        let incoming: Vec<RelatedView> = backlinks
            .iter()
            .filter(|r| r.relation == key)
            .cloned()
            .collect();
        if !incoming.is_empty() {
            groups.push(RelatedGroup {
                relation: key,
                direction: "in",
                label: kind.inverse_label(),
                items: incoming,
            });
        }
    }
    groups
}

/// The implementation chain through `index`: from the documents it
/// ultimately implements down to those that implement it, and nothing
/// else (siblings show on their common ancestor's page). Empty when the
/// directive neither implements nor is implemented by anything archived.
fn implementation_chain(archive: &Archive, summaries: &Summaries, index: usize) -> Vec<ChainRow> {
    let implements = |i: usize| archive.implements(i);
    let implemented_by = |i: usize| archive.implemented_by(i);
    let ancestors = archive.chain_ancestors(index);
    let descendants = archive.chain_descendants(index);
    if ancestors.len() + descendants.len() <= 2 {
        return Vec::new();
    }
    let on_chain = |i: usize| ancestors.contains(&i) || descendants.contains(&i);
    let mut roots: Vec<usize> = ancestors
        .iter()
        .copied()
        .filter(|&i| implements(i).iter().all(|&t| !on_chain(t)))
        .collect();
    roots.sort_by_key(|&i| (archive.directives[i].date, i));
    let mut rows = Vec::new();
    let mut seen = HashSet::new();
    let mut stack: Vec<(usize, usize, Option<usize>)> =
        roots.into_iter().rev().map(|r| (r, 0, None)).collect();
    while let Some((node, depth, parent)) = stack.pop() {
        if !seen.insert(node) {
            continue;
        }
        let date = archive.directives[node].date;
        rows.push(ChainRow {
            depth,
            directive: summaries.value(node),
            days_after: parent.map(|p| archive.directives[p].date.days_until(&date)),
            current: node == index,
        });
        if depth + 1 < CHAIN_DEPTH {
            let mut children: Vec<usize> = implemented_by(node)
                .into_iter()
                .filter(|&c| on_chain(c))
                .collect();
            children.sort_by_key(|&c| std::cmp::Reverse((archive.directives[c].date, c)));
            stack.extend(children.into_iter().map(|c| (c, depth + 1, Some(node))));
        }
    }
    rows
}

fn related(summaries: &Summaries, relation: &Relation) -> RelatedView {
    let kind: RelationType = relation.relation_type;
    RelatedView {
        relation: kind.key(),
        label: kind.label(),
        target: relation.target.map(|t| summaries.value(t)),
        number: relation.number.clone(),
        kind: relation.kind.clone(),
        title: relation.title.clone(),
        issuer: relation.issuer.clone(),
        date: relation.date.map(DateView::from),
        source: source_key(relation.source),
    }
}

fn source_key(source: RelationSource) -> &'static str {
    match source {
        RelationSource::FrontMatter => "front_matter",
        RelationSource::Text => "text",
    }
}

fn circulation(issued: Date, c: &Circulation) -> CirculationView {
    CirculationView {
        action: c.action.key(),
        label: c.action.label(),
        office: c.office.clone(),
        number: c.number.clone(),
        date: c.date.into(),
        place: c.place.clone(),
        note: c.note.clone(),
        signer: c.signer.as_ref().map(SignerView::from),
        recipients: c.recipients.clone(),
        days_after: issued.days_until(&c.date),
    }
}

pub(crate) fn header(directive: &Directive) -> HeaderView {
    let letterhead = if directive.letterhead.is_empty() {
        vec![vietnamese::upper(&directive.issuer)]
    } else {
        directive
            .letterhead
            .iter()
            .map(|l| vietnamese::upper(l))
            .collect()
    };
    let (national, motto) = phrasing::national_lines(directive.system);
    let letter = phrasing::is_letter(&directive.kind);
    let (heading, subheading) = if letter {
        (None, None)
    } else {
        let (h, s) = phrasing::heading(&directive.kind, &directive.title);
        (Some(h), s)
    };
    HeaderView {
        letterhead,
        national,
        motto,
        number_line: directive
            .number
            .as_deref()
            .map(|n| phrasing::number_line(directive.system, n)),
        place_date: phrasing::place_date(directive.place.as_deref(), directive.date),
        subject: letter.then(|| {
            directive
                .subject
                .clone()
                .unwrap_or_else(|| directive.title.clone())
        }),
        heading,
        subheading,
    }
}

//! What templates see: the archive turned into plain serialisable views,
//! with everything a reader needs already worked out (Vietnamese dates,
//! the header block, links under the base path).

use std::collections::HashSet;

use serde::Serialize;

use super::phrasing;
use super::related::{Group, SHOWN};
use super::summary::{DateView, DirectiveSummary, Summaries, SummaryValue, summary_text};
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
    pub(crate) subheading: Option<String>,
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

/// One line of the "Văn bản liên quan" panel, or of a group's full list.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RelatedView {
    /// The directive in the archive, if the reference resolved and a
    /// template writes the page (see [`Writer`]).
    pub(crate) target: Option<SummaryValue>,
    /// Its index in the archive, for pages written without a template.
    #[serde(skip)]
    pub(crate) target_index: Option<usize>,
    /// What the citing document says of it (for documents outside the archive).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) date: Option<DateView>,
    /// What its title says after its kind, when it begins with the kind the
    /// line names it by ([`phrasing::after_kind`]): the line goes on with
    /// it, not with the whole title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) after_kind: Option<String>,
    pub(crate) source: &'static str,
}

/// Everything a directive page shows, except its body: what the
/// directive and its summary hold is borrowed, not copied.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DirectiveView<'a> {
    #[serde(flatten)]
    pub(crate) summary: &'a DirectiveSummary,
    pub(crate) header: HeaderView,
    pub(crate) place: Option<&'a str>,
    pub(crate) signer: Option<SignerView>,
    pub(crate) addressees: &'a [String],
    pub(crate) recipients: &'a [String],
    pub(crate) circulation: Vec<CirculationView>,
    pub(crate) tags: &'a [String],
    pub(crate) localities: &'a [String],
    pub(crate) source: Option<&'a str>,
    pub(crate) notes: &'a [String],
    pub(crate) is_letter: bool,
    /// "Văn bản liên quan": relations grouped by type, both directions.
    pub(crate) related: Vec<RelatedGroup>,
    /// The chain of implementation through this directive, top down.
    pub(crate) chain: Vec<ChainRow>,
    /// schema.org `Legislation` as JSON-LD, safe inside `<script>`.
    pub(crate) json_ld: String,
    /// Its life in time: issued, received, copied, implemented or cited.
    pub(crate) life: Vec<LifeEvent>,
    /// The directives relating to it that its life leaves out.
    pub(crate) life_more: usize,
    /// What search engines show of it: its summary, cut at a word.
    pub(crate) description: Option<String>,
    /// Its summary whole: the editor's, else its lead.
    #[serde(rename = "summary")]
    pub(crate) summary_text: Option<&'a str>,
}

/// A moment in a directive's life.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LifeEvent {
    pub(crate) date: DateView,
    /// `issued`, `received`, `copied`, or a relation key read backwards.
    pub(crate) class: &'static str,
    pub(crate) label: String,
    /// Who issued, received or copied it; for a directive that relates to
    /// it, that directive's kind and number, linked to `href`.
    pub(crate) detail: String,
    pub(crate) href: Option<String>,
    /// The issuer of a directive that relates to it.
    pub(crate) issuer: Option<String>,
    /// "11 ngày sau" (after issue); empty for the issue itself.
    pub(crate) days: String,
    /// For a copy received or made, the rest of what its stamp says: the
    /// life is where the page shows a directive's circulation.
    pub(crate) circulation: Option<CirculationView>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct RelatedGroup {
    pub(crate) relation: &'static str,
    /// "out": what this directive relates to; "in": what relates to it.
    direction: &'static str,
    pub(crate) label: &'static str,
    /// Its first members.
    pub(crate) items: Vec<RelatedView>,
    /// How many members it has.
    pub(crate) count: usize,
    /// Its full list, when `items` are only the first.
    pub(crate) more: Option<String>,
}

/// One line of an implementation chain: a directive, or the note that a
/// directive has more implementers than the chain shows.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChainRow {
    pub(crate) depth: usize,
    /// The directive, when a template writes the page (see [`Writer`]).
    pub(crate) directive: Option<SummaryValue>,
    /// Its index in the archive, for pages written without a template.
    #[serde(skip)]
    pub(crate) directive_index: Option<usize>,
    /// Days after the document it implements.
    pub(crate) days_after: Option<i64>,
    pub(crate) current: bool,
    pub(crate) more: Option<ChainMore>,
}

/// Where every implementer of a directive on a chain is listed.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChainMore {
    /// How many directives implement it.
    pub(crate) count: usize,
    /// Its kind and number.
    pub(crate) name: String,
    pub(crate) href: String,
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

pub(crate) fn directive_view<'a>(
    archive: &'a Archive,
    summaries: &'a Summaries,
    index: usize,
    writer: Writer,
) -> DirectiveView<'a> {
    let directive = &archive.directives[index];
    let (life, life_more) = life(archive, summaries, index);
    let text = summary_text(directive);
    DirectiveView {
        summary: &summaries[index],
        header: header(directive),
        place: directive.place.as_deref(),
        signer: directive.signer.as_ref().map(SignerView::from),
        addressees: &directive.addressees,
        recipients: &directive.recipients,
        circulation: directive
            .circulation
            .iter()
            .map(|c| circulation(directive.date, c))
            .collect(),
        tags: &directive.tags,
        localities: &directive.localities,
        source: directive.source.as_deref(),
        notes: &directive.notes,
        is_letter: phrasing::is_letter(&directive.kind),
        json_ld: super::json_ld::legislation(archive, summaries, index),
        life,
        life_more,
        chain: implementation_chain(archive, summaries, index, writer),
        related: related_groups(archive, summaries, index, writer),
        description: text.map(description),
        summary_text: text,
    }
}

/// Who writes a view's page: a template, which reads the directives it
/// names as template values, or the built-in writer, which reads them by
/// index. The values are made only for a template: each is a shared
/// reference count, which both workers' copies kept moving between their
/// caches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Writer {
    Template,
    BuiltIn,
}

impl Writer {
    /// Directive `index`'s template value, if this writer reads one.
    fn value(self, summaries: &Summaries, index: usize) -> Option<SummaryValue> {
        (self == Writer::Template).then(|| summaries.value(index))
    }
}

/// Member `position` of `group` of directive `index`, as a line of a list.
pub(crate) fn related_item(
    archive: &Archive,
    summaries: &Summaries,
    index: usize,
    group: Group,
    position: usize,
    writer: Writer,
) -> RelatedView {
    if group.incoming {
        let b = &archive.backlinks[index][position];
        RelatedView {
            target: writer.value(summaries, b.from),
            target_index: Some(b.from),
            number: None,
            kind: None,
            title: None,
            date: None,
            after_kind: title_after_kind(&summaries[b.from]),
            source: source_key(b.source),
        }
    } else {
        related(summaries, &archive.relations[index][position], writer)
    }
}

/// The groups of directive `index`'s relations, each with its first
/// members and, when it has more, a link to its full list.
fn related_groups(
    archive: &Archive,
    summaries: &Summaries,
    index: usize,
    writer: Writer,
) -> Vec<RelatedGroup> {
    let base_path = archive.config.base_url.path();
    Group::all()
        .filter_map(|group| {
            let members = group.members(archive, index);
            if members.is_empty() {
                return None;
            }
            let items = members
                .iter()
                .take(SHOWN)
                .map(|&p| related_item(archive, summaries, index, group, p, writer))
                .collect();
            Some(RelatedGroup {
                relation: group.relation.key(),
                direction: group.direction(),
                label: group.label(),
                items,
                count: members.len(),
                more: (members.len() > SHOWN)
                    .then(|| format!("{base_path}{}", group.list_url(archive, index, 1))),
            })
        })
        .collect()
}

/// The length of a page's description: about what search engines show.
const DESCRIPTION: usize = 160;

/// `summary` as a page's description: whole if short, else cut at the
/// last space within [`DESCRIPTION`] characters, with an ellipsis.
pub(crate) fn description(summary: &str) -> String {
    let summary = summary.trim();
    if summary.chars().count() <= DESCRIPTION {
        return summary.to_owned();
    }
    let limit = summary
        .char_indices()
        .nth(DESCRIPTION)
        .map_or(summary.len(), |(at, _)| at);
    let head = &summary[..limit];
    let cut = head.rfind(char::is_whitespace).unwrap_or(limit);
    let head = head[..cut].trim_end_matches(|c: char| c.is_whitespace() || ",;:.".contains(c));
    format!("{head}…")
}

/// Issued → received → copied → implemented, guided, amended or replaced
/// by, in date order: the first [`SHOWN`] directives acting on it, and how
/// many more do. Directives that only cite it or are based on it are in
/// its related documents, not its life: they do not change what it is,
/// and listing them twice made a much-cited directive's page twice as long.
fn life(archive: &Archive, summaries: &Summaries, index: usize) -> (Vec<LifeEvent>, usize) {
    let directive = &archive.directives[index];
    let issued = directive.date;
    let mut events = vec![LifeEvent {
        date: issued.into(),
        class: "issued",
        label: phrasing::ISSUED.to_owned(),
        detail: directive.issuer.clone(),
        href: None,
        issuer: None,
        days: String::new(),
        circulation: None,
    }];
    for c in &directive.circulation {
        events.push(LifeEvent {
            date: c.date.into(),
            class: c.action.key(),
            label: c.action.label().to_owned(),
            detail: phrasing::circulation_detail(c),
            href: None,
            issuer: None,
            days: phrasing::days(issued.days_until(&c.date)),
            circulation: Some(circulation(issued, c)),
        });
    }
    let acting = || {
        archive.backlinks[index]
            .iter()
            .filter(|b| acts_on(b.relation_type))
    };
    for b in acting().take(SHOWN) {
        let from = &archive.directives[b.from];
        events.push(LifeEvent {
            date: from.date.into(),
            class: b.relation_type.key(),
            label: b.relation_type.inverse_label().to_owned(),
            detail: phrasing::kind_and_number(from),
            href: Some(summaries[b.from].href.clone()),
            issuer: Some(from.issuer.clone()),
            days: phrasing::days(issued.days_until(&from.date)),
            circulation: None,
        });
    }
    // Stable: events of one day keep the order above.
    events.sort_by(|a, b| a.date.iso.cmp(&b.date.iso));
    (events, acting().count().saturating_sub(SHOWN))
}

/// Whether a directive relating by `relation` acts on the one it names.
fn acts_on(relation: RelationType) -> bool {
    !matches!(relation, RelationType::Cites | RelationType::BasedOn)
}

/// How many directives below the one a page is about its chain shows at
/// most, and how many implementers of one directive: a directive
/// implemented by thousands keeps a chain of a few lines, each cut short
/// by a link to the full list.
const CHAIN_BELOW: usize = 24;

/// The implementation chain through `index`: from the documents it
/// ultimately implements down to those that implement it, and nothing
/// else (siblings show on their common ancestor's page). Empty when the
/// directive neither implements nor is implemented by anything archived.
/// Below it, at most [`SHOWN`] implementers of each directive and
/// [`CHAIN_BELOW`] directives in all, the rest linked.
fn implementation_chain(
    archive: &Archive,
    summaries: &Summaries,
    index: usize,
    writer: Writer,
) -> Vec<ChainRow> {
    let ancestors = archive.chain_ancestors(index);
    let descendants = archive.chain_descendants(index);
    if ancestors.len() + descendants.len() <= 2 {
        return Vec::new();
    }
    let on_chain = |i: usize| ancestors.contains(&i) || descendants.contains(&i);
    let mut roots: Vec<usize> = ancestors
        .iter()
        .copied()
        .filter(|&i| archive.implements(i).iter().all(|&t| !on_chain(t)))
        .collect();
    roots.sort_by_key(|&i| (archive.directives[i].date, i));
    let mut walk = ChainWalk {
        archive,
        summaries,
        writer,
        index,
        ancestors: &ancestors,
        descendants: &descendants,
        rows: Vec::new(),
        seen: HashSet::new(),
        below: 0,
    };
    for root in roots {
        if walk.seen.insert(root) {
            walk.visit(root, 0, None);
        }
    }
    walk.rows
}

/// A walk down an implementation chain, depth first, oldest first.
struct ChainWalk<'w, 'a> {
    archive: &'w Archive,
    summaries: &'w Summaries<'a>,
    writer: Writer,
    /// The directive whose page it is.
    index: usize,
    ancestors: &'w HashSet<usize>,
    descendants: &'w HashSet<usize>,
    rows: Vec<ChainRow>,
    seen: HashSet<usize>,
    /// Rows shown below the directive so far.
    below: usize,
}

impl ChainWalk<'_, '_> {
    fn visit(&mut self, node: usize, depth: usize, parent: Option<usize>) {
        let archive = self.archive;
        let date = archive.directives[node].date;
        self.rows.push(ChainRow {
            depth,
            directive: self.writer.value(self.summaries, node),
            directive_index: Some(node),
            days_after: parent.map(|p| archive.directives[p].date.days_until(&date)),
            current: node == self.index,
            more: None,
        });
        if depth + 1 >= CHAIN_DEPTH {
            return;
        }
        let mut children: Vec<usize> = archive
            .implemented_by(node)
            .into_iter()
            .filter(|c| self.ancestors.contains(c) || self.descendants.contains(c))
            .collect();
        children.sort_by_key(|&c| (archive.directives[c].date, c));
        let mut shown = 0;
        let mut left_out = false;
        for child in children {
            if self.seen.contains(&child) {
                continue;
            }
            // The way down to the directive itself is always shown.
            let on_the_way = self.ancestors.contains(&child);
            if !on_the_way && (shown == SHOWN || self.below == CHAIN_BELOW) {
                left_out = true;
                continue;
            }
            self.seen.insert(child);
            if !on_the_way {
                shown += 1;
                self.below += 1;
            }
            self.visit(child, depth + 1, Some(node));
        }
        if left_out {
            let group = Group {
                relation: RelationType::Implements,
                incoming: true,
            };
            self.rows.push(ChainRow {
                depth: depth + 1,
                directive: None,
                directive_index: None,
                days_after: None,
                current: false,
                more: Some(ChainMore {
                    count: group.count(archive, node),
                    name: phrasing::kind_and_number(&archive.directives[node]),
                    href: format!(
                        "{}{}",
                        archive.config.base_url.path(),
                        group.everything_url(archive, node)
                    ),
                }),
            });
        }
    }
}

fn related(summaries: &Summaries, relation: &Relation, writer: Writer) -> RelatedView {
    // A directive of the archive is shown as its summary says.
    let outside = relation.target.is_none();
    let given = |value: &Option<String>| value.clone().filter(|_| outside);
    let after_kind = match relation.target {
        Some(t) => title_after_kind(&summaries[t]),
        None => relation
            .title
            .as_deref()
            .zip(relation.kind.as_deref())
            .and_then(|(title, kind)| phrasing::after_kind(title, kind))
            .map(str::to_owned),
    };
    RelatedView {
        target: relation.target.and_then(|t| writer.value(summaries, t)),
        target_index: relation.target,
        number: given(&relation.number),
        kind: given(&relation.kind),
        title: given(&relation.title),
        date: relation.date.filter(|_| outside).map(DateView::from),
        after_kind,
        source: source_key(relation.source),
    }
}

/// What the title of directive `summary` says after its kind, if it
/// begins with it.
fn title_after_kind(summary: &DirectiveSummary) -> Option<String> {
    phrasing::after_kind(&summary.title, &summary.kind).map(str::to_owned)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_description_is_cut_at_a_word() {
        assert_eq!(description(" Ngắn gọn. "), "Ngắn gọn.");
        let long = "Bộ Chính trị yêu cầu các cấp ủy, tổ chức đảng, chính quyền, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội tiếp tục quán triệt, thực hiện nghiêm các chỉ đạo về phòng, chống dịch Covid-19.";
        let cut = description(long);
        assert!(cut.chars().count() <= DESCRIPTION + 1, "{cut}");
        assert!(cut.ends_with('…'), "{cut}");
        let kept = cut.trim_end_matches('…');
        assert!(long.starts_with(kept), "{cut}");
        assert!(
            long[kept.len()..].starts_with(' ') || long[kept.len()..].starts_with(','),
            "cut between words: {cut}"
        );
    }
}

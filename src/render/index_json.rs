//! `directives.json`: the machine-readable index of the archive (the
//! content contract's fields, plus a few more).

use rayon::prelude::*;
use serde::Serialize;

use super::fragment::Piece;
use super::summary::DirectiveSummary;
use crate::link::{Archive, RelationSource};
use crate::model::{Circulation, Level, RelationType, Signer};

#[derive(Serialize)]
struct Entry<'a> {
    id: &'a str,
    number: Option<&'a str>,
    kind: &'a str,
    title: &'a str,
    issuer: &'a str,
    level: Option<Level>,
    date: String,
    url: &'a str,
    permalink: &'a str,
    relations: Vec<RelationEntry<'a>>,
    cited_by: Vec<&'a str>,
    circulation: Vec<CirculationEntry<'a>>,
    // Beyond the contract's minimum:
    system: &'static str,
    place: Option<&'a str>,
    signer: Option<&'a Signer>,
    tags: &'a [String],
    localities: &'a [String],
    source_file: String,
}

#[derive(Serialize)]
struct RelationEntry<'a> {
    #[serde(rename = "type")]
    relation_type: RelationType,
    target: Option<&'a str>,
    source: RelationSource,
    number: Option<&'a str>,
    title: Option<&'a str>,
    date: Option<String>,
    // Beyond the contract, which requires the fields above even when null:
    // these two are written only when known, as most relations found in
    // the text know neither, and their nulls were half a megabyte at
    // 10,000 directives.
    #[serde(skip_serializing_if = "Option::is_none")]
    issuer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
}

#[derive(Serialize)]
struct CirculationEntry<'a> {
    action: &'static str,
    office: &'a str,
    number: Option<&'a str>,
    date: String,
    place: Option<&'a str>,
    note: Option<&'a str>,
}

impl<'a> From<&'a Circulation> for CirculationEntry<'a> {
    fn from(c: &'a Circulation) -> Self {
        CirculationEntry {
            action: c.action.key(),
            office: &c.office,
            number: c.number.as_deref(),
            date: c.date.iso(),
            place: c.place.as_deref(),
            note: c.note.as_deref(),
        }
    }
}

/// `directives.json`: a list with one directive per line, made in parallel
/// (one piece each); each entry's view lives only while it is serialised.
/// Compact, since at 100,000 directives the indentation alone is tens of
/// megabytes, and still read and diffed a directive at a time.
pub(crate) fn render(
    archive: &Archive,
    summaries: &[DirectiveSummary],
) -> serde_json::Result<Vec<Piece>> {
    if archive.directives.is_empty() {
        return Ok(vec![Piece::Owned(b"[]\n".to_vec())]);
    }
    let entries: Vec<Vec<u8>> = (0..archive.directives.len())
        .into_par_iter()
        .map(|i| element(archive, summaries, i))
        .collect::<serde_json::Result<_>>()?;
    let mut pieces = Vec::with_capacity(entries.len() + 1);
    pieces.push(Piece::Owned(b"[\n".to_vec()));
    pieces.extend(entries.into_iter().map(Piece::Owned));
    pieces.push(Piece::Owned(b"\n]\n".to_vec()));
    Ok(pieces)
}

/// Directive `i` as a line of the list, followed by `,` and a new line
/// unless it is the last.
fn element(
    archive: &Archive,
    summaries: &[DirectiveSummary],
    i: usize,
) -> serde_json::Result<Vec<u8>> {
    let d = &archive.directives[i];
    let entry = Entry {
        id: d.id(),
        number: d.number.as_deref(),
        kind: &d.kind,
        title: &d.title,
        issuer: &d.issuer,
        level: d.level,
        date: d.date.iso(),
        url: &d.url,
        permalink: &summaries[i].permalink,
        relations: archive.relations[i]
            .iter()
            .map(|r| RelationEntry {
                relation_type: r.relation_type,
                target: r.target.map(|t| archive.directives[t].id()),
                source: r.source,
                number: r.number.as_deref(),
                title: r.title.as_deref(),
                date: r.date.map(|d| d.iso()),
                issuer: r.issuer.as_deref(),
                kind: r.kind.as_deref(),
            })
            .collect(),
        cited_by: archive.cited_by(i),
        circulation: d.circulation.iter().map(CirculationEntry::from).collect(),
        system: d.system.key(),
        place: d.place.as_deref(),
        signer: d.signer.as_ref(),
        tags: &d.tags,
        localities: &d.localities,
        source_file: crate::diagnostic::display_path(&d.source_path),
    };
    let mut out = serde_json::to_vec(&entry)?;
    if i + 1 < archive.directives.len() {
        out.extend_from_slice(b",\n");
    }
    Ok(out)
}

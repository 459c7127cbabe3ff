//! `directives.json`: the machine-readable index of the archive (the
//! content contract's fields, plus a few more).

use serde::Serialize;

use super::context::DirectiveSummary;
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
    issuer: Option<&'a str>,
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

pub fn render(archive: &Archive, summaries: &[DirectiveSummary]) -> serde_json::Result<Vec<u8>> {
    let entries: Vec<Entry<'_>> = archive
        .directives
        .iter()
        .enumerate()
        .map(|(i, d)| Entry {
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
        })
        .collect();
    let mut json = serde_json::to_vec_pretty(&entries)?;
    json.push(b'\n');
    Ok(json)
}

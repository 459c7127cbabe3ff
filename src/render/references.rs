//! The references page: every document cited anywhere in the archive, in
//! it or not, with who cites it. For editors it is the list of what to add
//! next.

use std::collections::HashMap;

use serde::Serialize;

use super::summary::{DateView, Summaries, SummaryValue};
use crate::body::references::number_key;
use crate::link::{Archive, Relation, RelationSource};
use crate::vietnamese;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct CitedDocument {
    /// The directive, when the archive has it.
    pub(crate) target: Option<SummaryValue>,
    pub(crate) kind: Option<String>,
    pub(crate) number: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) issuer: Option<String>,
    pub(crate) date: Option<DateView>,
    pub(crate) cited_by: Vec<Citing>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Citing {
    pub(crate) directive: SummaryValue,
    pub(crate) label: &'static str,
    from_text: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct References {
    /// Cited but not in the archive: what to add next.
    pub(crate) outside: Vec<CitedDocument>,
    /// Directives of the archive that others cite.
    pub(crate) inside: Vec<CitedDocument>,
}

/// Which cited document a relation names: the directive it resolved to,
/// or what it says of a document outside the archive.
fn identity(relation: &Relation) -> String {
    match (relation.target, &relation.number, &relation.title) {
        (Some(target), _, _) => format!("archive:{target}"),
        (None, Some(number), _) => format!(
            "number:{}|{}",
            number_key(number),
            relation
                .issuer
                .as_deref()
                .map(vietnamese::fold)
                .unwrap_or_default()
        ),
        (None, None, title) => format!(
            "title:{}|{}",
            title.as_deref().map(vietnamese::fold).unwrap_or_default(),
            relation.date.map(|d| d.iso()).unwrap_or_default()
        ),
    }
}

pub(crate) fn references(archive: &Archive, summaries: &Summaries) -> References {
    let mut documents: Vec<CitedDocument> = Vec::new();
    let mut by_identity: HashMap<String, usize> = HashMap::new();
    for (from, relations) in archive.relations.iter().enumerate() {
        for relation in relations {
            let slot = *by_identity.entry(identity(relation)).or_insert_with(|| {
                documents.push(describe(archive, summaries, relation));
                documents.len() - 1
            });
            let document = &mut documents[slot];
            fill_gaps(document, relation);
            document.cited_by.push(Citing {
                directive: summaries.value(from),
                label: relation.relation_type.label(),
                from_text: relation.source == RelationSource::Text,
            });
        }
    }
    let (mut inside, mut outside): (Vec<_>, Vec<_>) =
        documents.into_iter().partition(|d| d.target.is_some());
    let newest_first = |a: &CitedDocument, b: &CitedDocument| {
        let key = |d: &CitedDocument| {
            (
                d.date.as_ref().map(|x| x.iso.clone()),
                d.number.clone(),
                d.title.clone(),
            )
        };
        key(b).cmp(&key(a))
    };
    inside.sort_by(newest_first);
    outside.sort_by(newest_first);
    References { outside, inside }
}

fn describe(archive: &Archive, summaries: &Summaries, relation: &Relation) -> CitedDocument {
    match relation.target {
        Some(target) => {
            let d = &archive.directives[target];
            CitedDocument {
                target: Some(summaries.value(target)),
                kind: Some(d.kind.clone()),
                number: d.number.clone(),
                title: Some(d.title.clone()),
                issuer: Some(d.issuer.clone()),
                date: Some(d.date.into()),
                cited_by: Vec::new(),
            }
        }
        None => CitedDocument {
            target: None,
            kind: relation.kind.clone(),
            number: relation.number.clone(),
            title: relation.title.clone(),
            issuer: relation.issuer.clone(),
            date: relation.date.map(DateView::from),
            cited_by: Vec::new(),
        },
    }
}

/// A document outside the archive is known by what its citers say; each
/// may say a little more.
fn fill_gaps(document: &mut CitedDocument, relation: &Relation) {
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
        document.date = relation.date.map(DateView::from);
    }
}

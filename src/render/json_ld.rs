//! Machine-readable relations in every directive page: schema.org
//! `Legislation` as JSON-LD, so search engines and other archives can read
//! the graph.

use serde::Serialize;

use super::summary::Summaries;
use crate::link::{Archive, Relation};
use crate::model::RelationType;

/// A schema.org `Legislation`. Fields in the order of their names, as
/// JSON-LD readers and diffs of the output are used to seeing them.
#[derive(Serialize)]
struct Legislation<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    /// Its page's address, which readers of JSON-LD take as the address
    /// of the thing described: a `url` would say the same again.
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "citation", skip_serializing_if = "Vec::is_empty")]
    cites: Vec<Target<'a>>,
    #[serde(rename = "inLanguage")]
    language: &'static str,
    #[serde(rename = "isBasedOn", skip_serializing_if = "Vec::is_empty")]
    based_on: Vec<Target<'a>>,
    #[serde(rename = "legislationAmends", skip_serializing_if = "Vec::is_empty")]
    amends: Vec<Target<'a>>,
    #[serde(rename = "legislationApplies", skip_serializing_if = "Vec::is_empty")]
    applies: Vec<Target<'a>>,
    #[serde(rename = "legislationChanges", skip_serializing_if = "Vec::is_empty")]
    changes: Vec<Target<'a>>,
    #[serde(rename = "legislationDate")]
    date: String,
    #[serde(
        rename = "legislationIdentifier",
        skip_serializing_if = "Option::is_none"
    )]
    identifier: Option<&'a str>,
    /// Vietnam, by its ISO 3166 code: schema.org takes the jurisdiction
    /// as an `AdministrativeArea` or as Text, and the code alone says what
    /// a `Country` around it would.
    #[serde(rename = "legislationJurisdiction")]
    jurisdiction: &'static str,
    #[serde(rename = "legislationPassedBy")]
    passed_by: Agent<'a>,
    #[serde(
        rename = "legislationResponsible",
        skip_serializing_if = "Option::is_none"
    )]
    responsible: Option<Agent<'a>>,
    #[serde(rename = "legislationType")]
    legislation_type: &'a str,
    name: &'a str,
}

/// A related text, by what identifies it: a directive of the archive by
/// its page (`@id`) alone, which its own page describes in full (its
/// number too); a document outside the archive by its number, or else its
/// title and date, as the citing text gives them.
#[derive(Serialize)]
struct Target<'a> {
    #[serde(rename = "@id", skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(rename = "@type", skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    #[serde(rename = "legislationDate", skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(
        rename = "legislationIdentifier",
        skip_serializing_if = "Option::is_none"
    )]
    identifier: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
}

#[derive(Serialize)]
struct Agent<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// The JSON-LD of directive `index`, escaped for an inline `<script>`.
pub(crate) fn legislation(archive: &Archive, summaries: &Summaries, index: usize) -> String {
    let directive = &archive.directives[index];
    let permalink = summaries[index].permalink.as_str();
    let mut object = Legislation {
        context: "https://schema.org",
        id: permalink,
        kind: "Legislation",
        cites: Vec::new(),
        language: "vi",
        based_on: Vec::new(),
        amends: Vec::new(),
        applies: Vec::new(),
        changes: Vec::new(),
        date: directive.date.iso(),
        identifier: directive.number.as_deref(),
        jurisdiction: "VN",
        passed_by: Agent {
            kind: "Organization",
            name: &directive.issuer,
        },
        responsible: directive
            .signer
            .as_ref()
            .and_then(|s| s.name.as_deref())
            .map(|name| Agent {
                kind: "Person",
                name,
            }),
        legislation_type: &directive.kind,
        name: &directive.title,
    };
    for relation in &archive.relations[index] {
        let target = target(summaries, relation);
        match relation.relation_type {
            RelationType::BasedOn => object.based_on.push(target),
            RelationType::Cites => object.cites.push(target),
            RelationType::Amends => object.amends.push(target),
            RelationType::Replaces => object.changes.push(target),
            // Implementing or guiding another text applies it in another
            // context: an informative link, as schema.org defines it.
            RelationType::Implements | RelationType::Guides => object.applies.push(target),
        }
    }
    // Strings and options only: serialising cannot fail.
    script_safe(serde_json::to_string(&object).expect("plain data always serialises to JSON"))
}

fn target<'a>(summaries: &'a Summaries, relation: &'a Relation) -> Target<'a> {
    match relation.target {
        Some(t) => Target {
            id: Some(&summaries[t].permalink),
            kind: None,
            date: None,
            identifier: None,
            name: None,
        },
        None => {
            let identifier = relation.number.as_deref();
            // Without a number, the title and date are what tell it apart.
            let unnumbered = identifier.is_none();
            Target {
                id: None,
                kind: Some("Legislation"),
                date: relation.date.filter(|_| unnumbered).map(|date| date.iso()),
                identifier,
                name: relation.title.as_deref().filter(|_| unnumbered),
            }
        }
    }
}

/// JSON inside `<script>` must not close the element or open a comment:
/// `<` is written `\u003c`, which JSON readers decode back.
fn script_safe(json: String) -> String {
    if !json.contains(['<', '>', '&']) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 32);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_breakouts_are_escaped() {
        let safe = script_safe(r#"{"name":"</script><script>alert(1)</script> & Việt"}"#.into());
        assert!(!safe.contains("</script"));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script> & Việt");
    }
}

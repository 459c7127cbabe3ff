//! Machine-readable relations in every directive page: schema.org
//! `Legislation` as JSON-LD, so search engines and other archives can read
//! the graph.

use serde_json::{Map, Value, json};

use super::context::Summaries;
use crate::link::{Archive, Relation};
use crate::model::RelationType;

/// The schema.org property a relation of the archive maps to.
fn property(kind: RelationType) -> &'static str {
    match kind {
        RelationType::BasedOn => "isBasedOn",
        RelationType::Cites => "citation",
        RelationType::Amends => "legislationAmends",
        RelationType::Replaces => "legislationChanges",
        // Implementing or guiding another text applies it in another
        // context: an informative link, as schema.org defines it.
        RelationType::Implements | RelationType::Guides => "legislationApplies",
    }
}

/// The JSON-LD of directive `index`, escaped for an inline `<script>`.
pub fn legislation(archive: &Archive, summaries: &Summaries, index: usize) -> String {
    let directive = &archive.directives[index];
    let mut object = Map::new();
    object.insert("@context".into(), json!("https://schema.org"));
    object.insert("@type".into(), json!("Legislation"));
    object.insert("@id".into(), json!(summaries[index].permalink));
    object.insert("url".into(), json!(summaries[index].permalink));
    object.insert("name".into(), json!(directive.title));
    if let Some(number) = &directive.number {
        object.insert("legislationIdentifier".into(), json!(number));
    }
    object.insert("legislationType".into(), json!(directive.kind));
    object.insert("legislationDate".into(), json!(directive.date.iso()));
    object.insert(
        "legislationPassedBy".into(),
        json!({ "@type": "Organization", "name": directive.issuer }),
    );
    if let Some(name) = directive.signer.as_ref().and_then(|s| s.name.as_ref()) {
        object.insert(
            "legislationResponsible".into(),
            json!({ "@type": "Person", "name": name }),
        );
    }
    object.insert(
        "legislationJurisdiction".into(),
        json!({ "@type": "Country", "name": "Việt Nam", "identifier": "VN" }),
    );
    object.insert("inLanguage".into(), json!("vi"));
    for relation in &archive.relations[index] {
        let target = target(archive, summaries, relation);
        let entry = object
            .entry(property(relation.relation_type))
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(items) = entry {
            items.push(target);
        }
    }
    script_safe(&Value::Object(object).to_string())
}

fn target(archive: &Archive, summaries: &Summaries, relation: &Relation) -> Value {
    let mut object = Map::new();
    object.insert("@type".into(), json!("Legislation"));
    match relation.target {
        Some(t) => {
            let d = &archive.directives[t];
            object.insert("@id".into(), json!(summaries[t].permalink));
            object.insert("name".into(), json!(d.title));
            if let Some(number) = &d.number {
                object.insert("legislationIdentifier".into(), json!(number));
            }
            object.insert("legislationDate".into(), json!(d.date.iso()));
        }
        None => {
            if let Some(title) = &relation.title {
                object.insert("name".into(), json!(title));
            }
            if let Some(number) = &relation.number {
                object.insert("legislationIdentifier".into(), json!(number));
            }
            if let Some(kind) = &relation.kind {
                object.insert("legislationType".into(), json!(kind));
            }
            if let Some(date) = relation.date {
                object.insert("legislationDate".into(), json!(date.iso()));
            }
        }
    }
    Value::Object(object)
}

/// JSON inside `<script>` must not close the element or open a comment:
/// `<` is written `\u003c`, which JSON readers decode back.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_breakouts_are_escaped() {
        let safe = script_safe(r#"{"name":"</script><script>alert(1)</script>"}"#);
        assert!(!safe.contains("</script"));
        let back: Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script>");
    }
}

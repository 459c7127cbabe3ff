//! A directive file's front matter, read into a [`Directive`].

use crate::body::{lead, references};
use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::load::fields::Fields;
use crate::load::{Node, SourceFile};
use crate::model::{
    Body, Circulation, CirculationAction, Directive, Level, RelationSpec, RelationType, Signer,
    System,
};
use crate::validate::url;
use crate::vietnamese;

/// The contract's fields, then this project's optional additions: what a
/// directive's front matter may hold (and what `vanban new` writes).
pub const KEYS: &[&str] = &[
    "number",
    "kind",
    "title",
    "issuer",
    "level",
    "date",
    "place",
    "signer",
    "addressees",
    "recipients",
    "relations",
    "circulation",
    "tags",
    "localities",
    "source",
    "summary",
    "slug",
    "draft", // additions:
    "system",
    "letterhead",
    "subject",
    "notes",
];
const SIGNER_KEYS: &[&str] = &["name", "title", "authority"];
const RELATION_KEYS: &[&str] = &["type", "number", "issuer", "kind", "title", "date"];
const CIRCULATION_KEYS: &[&str] = &[
    "action",
    "office",
    "number",
    "date",
    "place",
    "note",
    "signer",
    "recipients",
];

/// `None` when a required field is missing or wrong; every problem found
/// is reported either way.
pub(crate) fn read(file: SourceFile, diagnostics: &mut Diagnostics) -> Option<Directive> {
    let Some(node) = &file.front_matter else {
        diagnostics.push(Diagnostic::error(
            &file.path,
            Position::START,
            "a directive needs front matter between `---` lines with at least kind, title, issuer and date",
        ));
        return None;
    };
    let mut fields = Fields::new(&file.path, node, KEYS, diagnostics)?;
    let number = fields.string("number");
    let number_position = fields
        .entry("number")
        .map_or(Position::START, |e| e.key_position);
    let kind = fields.required_string("kind");
    let title = fields.required_string("title");
    let issuer = fields.required_string("issuer");
    let date = fields.required_date("date");
    let level = fields.choice("level", &Level::ALL, Level::key);
    let system = fields.choice("system", &System::ALL, System::key);
    let signer = fields
        .entry("signer")
        .and_then(|e| signer(&mut fields, &e.value));
    let relations = fields
        .tables("relations")
        .into_iter()
        .filter_map(|n| relation(&mut fields, n))
        .collect();
    let circulation = fields
        .tables("circulation")
        .into_iter()
        .filter_map(|n| circulation(&mut fields, n))
        .collect();
    let slug = fields.string("slug");
    let url = directive_url(&mut fields, &file, slug.as_deref());
    let letterhead = fields.strings("letterhead");
    let place = fields.string("place");
    let addressees = fields.strings("addressees");
    let recipients = fields.strings("recipients");
    let tags = fields.strings("tags");
    let localities = fields.strings("localities");
    let source = fields.string("source");
    let summary = fields.string("summary");
    let subject = fields.string("subject");
    let notes = fields.strings("notes");
    let draft = fields.bool("draft").unwrap_or(false);
    // Unknown keys are reported even when a required one is missing.
    fields.finish();
    let issuer = issuer?;
    let body = body(&file, summary.is_none());
    Some(Directive {
        source_path: file.path,
        url: url?,
        system: system.unwrap_or_else(|| infer_system(number.as_deref(), &issuer)),
        letterhead,
        number_key: number.as_deref().map(references::number_key),
        number,
        number_position,
        kind: kind?,
        title: title?,
        folded_issuer: vietnamese::fold(&issuer),
        issuer,
        level,
        date: date?,
        place,
        signer,
        addressees,
        recipients,
        relations,
        circulation,
        tags,
        localities,
        source,
        summary,
        subject,
        notes,
        draft,
        body,
    })
}

/// What the archive keeps of the body: what linking and listings need of
/// it, and where to read it again; the lead only when it stands for a
/// missing summary.
fn body(file: &SourceFile, needs_lead: bool) -> Body {
    Body {
        numbers: references::written_in(&file.body, file.body_line),
        lead: needs_lead
            .then(|| lead::lead(&file.body, lead::LENGTH))
            .flatten(),
        ..file.body_place()
    }
}

fn directive_url(fields: &mut Fields<'_>, file: &SourceFile, slug: Option<&str>) -> Option<String> {
    let position = fields
        .entry("slug")
        .map_or(Position::START, |e| e.value.position);
    if let Some(slug) = slug
        && let Err(message) = url::check_slug(slug)
    {
        fields.error(position, message);
        return None;
    }
    match url::url_of(&file.content_path, slug) {
        Ok(url) => Some(url),
        Err(message) => {
            fields.error(position, message);
            None
        }
    }
}

fn signer(fields: &mut Fields<'_>, node: &Node) -> Option<Signer> {
    let path = fields.path();
    let mut inner = Fields::new(path, node, SIGNER_KEYS, fields.diagnostics())?;
    let signer = Signer {
        name: inner.string("name"),
        title: inner.string("title"),
        authority: inner.string("authority"),
    };
    inner.finish();
    Some(signer)
}

fn relation(fields: &mut Fields<'_>, node: &Node) -> Option<RelationSpec> {
    let path = fields.path();
    let mut inner = Fields::new(path, node, RELATION_KEYS, fields.diagnostics())?;
    let relation_type = match inner.entry("type") {
        Some(_) => inner.choice("type", &RelationType::ALL, RelationType::key),
        None => {
            inner.error(
                node.position,
                format!(
                    "a relation needs a `type` (valid: {})",
                    RelationType::ALL.map(RelationType::key).join(", ")
                ),
            );
            None
        }
    };
    let spec = RelationSpec {
        relation_type: relation_type?,
        number: inner.string("number"),
        issuer: inner.string("issuer"),
        kind: inner.string("kind"),
        title: inner.string("title"),
        date: inner.date("date"),
        position: node.position,
    };
    let names_target = spec.number.is_some() || (spec.title.is_some() && spec.date.is_some());
    if !names_target {
        inner.error(
            node.position,
            "a relation names its target by `number`, or by `title` and `date`",
        );
    }
    inner.finish();
    names_target.then_some(spec)
}

fn circulation(fields: &mut Fields<'_>, node: &Node) -> Option<Circulation> {
    let path = fields.path();
    let mut inner = Fields::new(path, node, CIRCULATION_KEYS, fields.diagnostics())?;
    let action = match inner.entry("action") {
        Some(_) => inner.choice("action", &CirculationAction::ALL, CirculationAction::key),
        None => {
            inner.error(
                node.position,
                "a circulation entry needs an `action` (valid: received, copied)",
            );
            None
        }
    };
    let office = inner.required_string("office");
    let date = inner.required_date("date");
    let signer = inner
        .entry("signer")
        .and_then(|e| signer(&mut inner, &e.value));
    let entry = Circulation {
        action: action?,
        office: office?,
        number: inner.string("number"),
        date: date?,
        place: inner.string("place"),
        note: inner.string("note"),
        signer,
        recipients: inner.strings("recipients"),
    };
    inner.finish();
    Some(entry)
}

/// Words (folded) that only Party bodies have in their names.
const PARTY_BODIES: &[&str] = &[
    "dang",
    "bo chinh tri",
    "ban bi thu",
    "ban chap hanh trung uong",
    "tinh uy",
    "thanh uy",
    "huyen uy",
    "quan uy",
    "thi uy",
    "dang uy",
];

/// Party documents number as `07-KL/TW` (a hyphen after the number) and
/// come from Party bodies; everything else is a state document.
fn infer_system(number: Option<&str>, issuer: &str) -> System {
    let party_number = number.is_some_and(|n| {
        let digits = n.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && n[digits..].trim_start().starts_with('-')
    });
    let issuer = vietnamese::fold(issuer);
    let words: Vec<&str> = issuer
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let words = format!(" {} ", words.join(" "));
    let party_issuer = PARTY_BODIES
        .iter()
        .any(|body| words.contains(&format!(" {body} ")));
    if party_number || party_issuer {
        System::Party
    } else {
        System::State
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn party_or_state() {
        assert_eq!(
            infer_system(Some("07-KL/TW"), "Bộ Chính trị"),
            System::Party
        );
        assert_eq!(
            infer_system(Some("571-CV/TU"), "Tỉnh ủy Bắc Giang"),
            System::Party
        );
        assert_eq!(infer_system(None, "Bộ Chính trị"), System::Party);
        assert_eq!(
            infer_system(Some("4162/VPCP-TKBT"), "Văn phòng Chính phủ"),
            System::State
        );
        assert_eq!(
            infer_system(Some("16/CT-TTg"), "Thủ tướng Chính phủ"),
            System::State
        );
        assert_eq!(
            infer_system(None, "Ủy ban nhân dân tỉnh Bắc Giang"),
            System::State
        );
    }
}

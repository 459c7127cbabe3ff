//! The domain: directives, their relations and circulation, as editors
//! describe them in front matter, after validation.

use std::path::PathBuf;

use serde::Serialize;

use crate::date::Date;
use crate::diagnostic::Position;
use crate::stamp::Stamp;

/// Cấp ban hành: the level of the issuing body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Level {
    Central,
    Government,
    Ministry,
    Province,
    District,
}

impl Level {
    pub(crate) const ALL: [Level; 5] = [
        Level::Central,
        Level::Government,
        Level::Ministry,
        Level::Province,
        Level::District,
    ];

    pub(crate) fn key(self) -> &'static str {
        match self {
            Level::Central => "central",
            Level::Government => "government",
            Level::Ministry => "ministry",
            Level::Province => "province",
            Level::District => "district",
        }
    }

    /// How readers call it.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Level::Central => "Trung ương",
            Level::Government => "Chính phủ",
            Level::Ministry => "Bộ, ngành",
            Level::Province => "Tỉnh, thành phố",
            Level::District => "Quận, huyện",
        }
    }
}

/// Whether a document is a Party or a state document: it decides the
/// national emblem line, the number prefix and the signature abbreviations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum System {
    Party,
    State,
}

impl System {
    pub(crate) const ALL: [System; 2] = [System::Party, System::State];

    pub(crate) fn key(self) -> &'static str {
        match self {
            System::Party => "party",
            System::State => "state",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum RelationType {
    Implements,
    Cites,
    BasedOn,
    Guides,
    Amends,
    Replaces,
}

impl RelationType {
    pub(crate) const ALL: [RelationType; 6] = [
        RelationType::Implements,
        RelationType::Cites,
        RelationType::BasedOn,
        RelationType::Guides,
        RelationType::Amends,
        RelationType::Replaces,
    ];

    pub(crate) fn key(self) -> &'static str {
        match self {
            RelationType::Implements => "implements",
            RelationType::Cites => "cites",
            RelationType::BasedOn => "based_on",
            RelationType::Guides => "guides",
            RelationType::Amends => "amends",
            RelationType::Replaces => "replaces",
        }
    }

    /// The relation read from the citing document ("thực hiện").
    pub(crate) fn label(self) -> &'static str {
        match self {
            RelationType::Implements => "Thực hiện",
            RelationType::Cites => "Dẫn chiếu",
            RelationType::BasedOn => "Căn cứ",
            RelationType::Guides => "Hướng dẫn",
            RelationType::Amends => "Sửa đổi, bổ sung",
            RelationType::Replaces => "Thay thế",
        }
    }

    /// The same relation read from the cited document ("được thực hiện bởi").
    pub(crate) fn inverse_label(self) -> &'static str {
        match self {
            RelationType::Implements => "Được thực hiện bởi",
            RelationType::Cites => "Được dẫn chiếu bởi",
            RelationType::BasedOn => "Là căn cứ của",
            RelationType::Guides => "Được hướng dẫn bởi",
            RelationType::Amends => "Được sửa đổi, bổ sung bởi",
            RelationType::Replaces => "Bị thay thế bởi",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum CirculationAction {
    Received,
    Copied,
}

impl CirculationAction {
    pub(crate) const ALL: [CirculationAction; 2] =
        [CirculationAction::Received, CirculationAction::Copied];

    pub(crate) fn key(self) -> &'static str {
        match self {
            CirculationAction::Received => "received",
            CirculationAction::Copied => "copied",
        }
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            CirculationAction::Received => "Đến",
            CirculationAction::Copied => "Sao lục",
        }
    }
}

/// Who signed, as printed under the document.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub(crate) struct Signer {
    pub(crate) name: Option<String>,
    pub(crate) title: Option<String>,
    /// T/M, T/L, K/T (Party) or TM., TL., KT. (state), as printed.
    pub(crate) authority: Option<String>,
}

/// A relation as the editor wrote it in front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RelationSpec {
    pub(crate) relation_type: RelationType,
    pub(crate) number: Option<String>,
    pub(crate) issuer: Option<String>,
    pub(crate) kind: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) date: Option<Date>,
    /// Where it was written, for problems found while linking.
    pub(crate) position: Position,
}

/// What happened to this copy of a document after it was issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Circulation {
    pub(crate) action: CirculationAction,
    pub(crate) office: String,
    pub(crate) number: Option<String>,
    pub(crate) date: Date,
    pub(crate) place: Option<String>,
    pub(crate) note: Option<String>,
    pub(crate) signer: Option<Signer>,
    pub(crate) recipients: Vec<String>,
}

/// One official document of the archive.
#[derive(Debug, Clone)]
pub struct Directive {
    /// Relative to the site root, for messages.
    pub(crate) source_path: PathBuf,
    /// Path below the site root, `/2021/07-kl-tw/`.
    pub(crate) url: String,
    pub(crate) number: Option<String>,
    /// `number` in its comparison form (`references::number_key`), made
    /// once as the file is read: the uniqueness check and linking both look
    /// directives up by it.
    pub(crate) number_key: Option<String>,
    /// Where `number` is written (the file's start when it is not).
    pub(crate) number_position: Position,
    pub(crate) kind: String,
    pub(crate) title: String,
    pub(crate) issuer: String,
    /// `issuer` folded, made once as the file is read, for the same two.
    pub(crate) folded_issuer: String,
    pub(crate) level: Option<Level>,
    pub(crate) system: System,
    pub(crate) date: Date,
    pub(crate) place: Option<String>,
    pub(crate) signer: Option<Signer>,
    pub(crate) addressees: Vec<String>,
    pub(crate) recipients: Vec<String>,
    pub(crate) relations: Vec<RelationSpec>,
    pub(crate) circulation: Vec<Circulation>,
    pub(crate) tags: Vec<String>,
    pub(crate) localities: Vec<String>,
    pub(crate) source: Option<String>,
    pub(crate) summary: Option<String>,
    pub(crate) letterhead: Vec<String>,
    pub(crate) subject: Option<String>,
    pub(crate) notes: Vec<String>,
    pub(crate) draft: bool,
    pub(crate) body: Body,
}

/// A directive's body (the Markdown after its front matter) as the archive
/// keeps it: what was learnt from it when its file was read, and where to
/// read it again. The text itself is not kept: at 100,000 directives it is
/// most of a gigabyte, and each page needs only its own, once, which
/// rendering reads again from the file ([`crate::load::BodySource`]).
/// Kept in archives small enough to hold it, it saved nothing: the build
/// of 10,000 directives took as long and held 90 MB more memory.
#[derive(Debug, Clone, Default)]
pub(crate) struct Body {
    /// Where the body starts in the file's decoded text, in bytes.
    pub(crate) start: usize,
    /// Its length in bytes.
    pub(crate) len: usize,
    /// The file as it was read: one changed since is not read again.
    pub(crate) stamp: Stamp,
    /// Whether the file's text was its bytes as they are, so reading it
    /// again needs no normalising (see [`crate::load::source::Decoded`]).
    pub(crate) verbatim: bool,
    /// The document numbers written in its running text, in order.
    pub(crate) numbers: Vec<WrittenNumber>,
    /// Its first paragraph, shortened: the summary of a directive that
    /// has none. Left empty when it has one.
    pub(crate) lead: Option<String>,
}

/// A document number written in a directive's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenNumber {
    /// Tidied (see [`crate::body::references::tidy`]).
    pub(crate) number: String,
    /// Where it is written in the file.
    pub(crate) position: Position,
    /// `3.2` when the text cites "điểm 3.2" of it: the page then links to
    /// that point, if the cited directive has it.
    pub(crate) point: Option<String>,
}

impl Directive {
    /// `2021/07-kl-tw`: the url without its outer slashes.
    pub(crate) fn id(&self) -> &str {
        self.url.trim_matches('/')
    }
}

/// A free-standing page (about, editors' guide).
#[derive(Debug, Clone)]
pub struct Page {
    pub(crate) source_path: PathBuf,
    pub(crate) url: String,
    pub(crate) title: String,
    pub(crate) summary: Option<String>,
    /// Order in the site menu; lower first.
    pub(crate) weight: i64,
    pub(crate) draft: bool,
    pub(crate) body: String,
}

/// `content/_index.md`.
#[derive(Debug, Clone, Default)]
pub struct FrontPage {
    pub(crate) title: Option<String>,
    pub(crate) body: String,
}

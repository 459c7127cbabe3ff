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
pub enum Level {
    Central,
    Government,
    Ministry,
    Province,
    District,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::Central,
        Level::Government,
        Level::Ministry,
        Level::Province,
        Level::District,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Level::Central => "central",
            Level::Government => "government",
            Level::Ministry => "ministry",
            Level::Province => "province",
            Level::District => "district",
        }
    }

    /// How readers call it.
    pub fn label(self) -> &'static str {
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
pub enum System {
    Party,
    State,
}

impl System {
    pub const ALL: [System; 2] = [System::Party, System::State];

    pub fn key(self) -> &'static str {
        match self {
            System::Party => "party",
            System::State => "state",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationType {
    Implements,
    Cites,
    BasedOn,
    Guides,
    Amends,
    Replaces,
}

impl RelationType {
    pub const ALL: [RelationType; 6] = [
        RelationType::Implements,
        RelationType::Cites,
        RelationType::BasedOn,
        RelationType::Guides,
        RelationType::Amends,
        RelationType::Replaces,
    ];

    pub fn key(self) -> &'static str {
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
    pub fn label(self) -> &'static str {
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
    pub fn inverse_label(self) -> &'static str {
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
pub enum CirculationAction {
    Received,
    Copied,
}

impl CirculationAction {
    pub const ALL: [CirculationAction; 2] =
        [CirculationAction::Received, CirculationAction::Copied];

    pub fn key(self) -> &'static str {
        match self {
            CirculationAction::Received => "received",
            CirculationAction::Copied => "copied",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CirculationAction::Received => "Đến",
            CirculationAction::Copied => "Sao lục",
        }
    }
}

/// Who signed, as printed under the document.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Signer {
    pub name: Option<String>,
    pub title: Option<String>,
    /// T/M, T/L, K/T (Party) or TM., TL., KT. (state), as printed.
    pub authority: Option<String>,
}

/// A relation as the editor wrote it in front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationSpec {
    pub relation_type: RelationType,
    pub number: Option<String>,
    pub issuer: Option<String>,
    pub kind: Option<String>,
    pub title: Option<String>,
    pub date: Option<Date>,
    /// Where it was written, for problems found while linking.
    pub position: Position,
}

/// What happened to this copy of a document after it was issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Circulation {
    pub action: CirculationAction,
    pub office: String,
    pub number: Option<String>,
    pub date: Date,
    pub place: Option<String>,
    pub note: Option<String>,
    pub signer: Option<Signer>,
    pub recipients: Vec<String>,
}

/// One official document of the archive.
#[derive(Debug, Clone)]
pub struct Directive {
    /// Relative to the site root, for messages.
    pub source_path: PathBuf,
    /// Path below the site root, `/2021/07-kl-tw/`.
    pub url: String,
    pub number: Option<String>,
    /// Where `number` is written (the file's start when it is not).
    pub number_position: Position,
    pub kind: String,
    pub title: String,
    pub issuer: String,
    pub level: Option<Level>,
    pub system: System,
    pub date: Date,
    pub place: Option<String>,
    pub signer: Option<Signer>,
    pub addressees: Vec<String>,
    pub recipients: Vec<String>,
    pub relations: Vec<RelationSpec>,
    pub circulation: Vec<Circulation>,
    pub tags: Vec<String>,
    pub localities: Vec<String>,
    pub source: Option<String>,
    pub summary: Option<String>,
    pub letterhead: Vec<String>,
    pub subject: Option<String>,
    pub notes: Vec<String>,
    pub draft: bool,
    pub body: Body,
}

/// A directive's body (the Markdown after its front matter) as the archive
/// keeps it: what was learnt from it when its file was read, and where to
/// read it again. The text itself is not kept: at 100,000 directives it is
/// most of a gigabyte, and each page needs only its own, once; rendering
/// reads it again from the file ([`crate::load::BodySource`]).
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// Line of the file on which the body starts.
    pub line: usize,
    /// Where the body starts in the file's decoded text, in bytes.
    pub start: usize,
    /// Its length in bytes.
    pub len: usize,
    /// The file as it was read: one changed since is not read again.
    pub stamp: Stamp,
    /// Whether the file's text was its bytes as they are, so reading it
    /// again needs no normalising (see [`crate::load::source::Decoded`]).
    pub verbatim: bool,
    /// The document numbers written in its running text, in order.
    pub numbers: Vec<WrittenNumber>,
    /// Its first paragraph, shortened: the summary of a directive that
    /// has none. Left empty when it has one.
    pub lead: Option<String>,
}

/// A document number written in a directive's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenNumber {
    /// Tidied (see [`crate::body::references::tidy`]).
    pub number: String,
    /// Where it is written in the file.
    pub position: Position,
    /// `3.2` when the text cites "điểm 3.2" of it: the page then links to
    /// that point, if the cited directive has it.
    pub point: Option<String>,
}

impl Directive {
    /// `2021/07-kl-tw`: the url without its outer slashes.
    pub fn id(&self) -> &str {
        self.url.trim_matches('/')
    }
}

/// A free-standing page (about, editors' guide).
#[derive(Debug, Clone)]
pub struct Page {
    pub source_path: PathBuf,
    pub url: String,
    pub title: String,
    pub summary: Option<String>,
    /// Order in the site menu; lower first.
    pub weight: i64,
    pub draft: bool,
    pub body: String,
}

/// `content/_index.md`.
#[derive(Debug, Clone, Default)]
pub struct FrontPage {
    pub title: Option<String>,
    pub body: String,
}

//! Stage 1, **load**: walk the site, read every content file, split off and
//! parse its front matter. Nothing here knows what a field means; [`fields`]
//! reads a parsed table as the types a later stage asks for.

pub(crate) mod confine;
pub(crate) mod fields;
pub mod front_matter;
mod line_yaml;
pub(crate) mod node;
mod plain_yaml;
pub mod source;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::model::{Body, Directive};
use crate::stamp::Stamp;
pub(crate) use node::{Node, Value};

/// Where a content file sits decides what it is (the content contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// `content/_index.md`: the front page's introduction.
    FrontPage,
    /// `content/pages/**.md`: a free-standing page.
    Page,
    /// Every other `.md` file.
    Directive,
}

/// One content file, read and split.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the site root (`content/2021/07-kl-tw.md`), for messages.
    pub path: PathBuf,
    /// Relative to `content/` (`2021/07-kl-tw.md`), for URLs.
    pub content_path: PathBuf,
    /// Which kind of content the file is, from where it sits.
    pub kind: SourceKind,
    /// The front matter, parsed; `None` when the file has none.
    pub front_matter: Option<Node>,
    /// The Markdown after the front matter.
    pub body: String,
    /// Line of the file on which the body starts.
    pub body_line: usize,
    /// Where the body starts in the file's decoded text, in bytes.
    pub body_start: usize,
    /// The file as read.
    pub stamp: Stamp,
    /// Whether the file's text is its bytes as they are (see
    /// [`source::Decoded`]).
    pub verbatim: bool,
}

impl SourceFile {
    /// Where the body is, to read it again ([`BodySource::read`]); nothing read
    /// from the text yet.
    pub(crate) fn body_place(&self) -> Body {
        Body {
            start: self.body_start,
            len: self.body.len(),
            stamp: self.stamp,
            verbatim: self.verbatim,
            numbers: Vec::new(),
            lead: None,
        }
    }
}

/// Everything read from a site's folder.
#[derive(Debug, Clone)]
pub struct LoadedSite {
    /// `site.toml`, parsed but not yet interpreted.
    pub(crate) config: Option<Node>,
    pub(crate) files: Vec<SourceFile>,
}

pub(crate) const CONFIG_FILE: &str = "site.toml";
pub(crate) const CONTENT_DIR: &str = "content";

/// Reads the site at `root`. Files that cannot be read are reported and left
/// out; the others are still read, so one bad file never hides the problems
/// of the rest.
pub fn load(root: &Path) -> (LoadedSite, Diagnostics) {
    let (config, mut diagnostics) = read_config(root);
    let (paths, found) = content_paths(root);
    diagnostics.extend(found);
    let results: Vec<Result<SourceFile, Diagnostics>> = paths
        .par_iter()
        .map(|relative| read_source(root, relative))
        .collect();
    let mut files = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(found) => diagnostics.extend(found),
        }
    }
    let site = LoadedSite { config, files };
    (site, diagnostics)
}

/// `site.toml`, parsed; `None` if there is none or it has errors.
pub(crate) fn read_config(root: &Path) -> (Option<Node>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let config = load_config(root, &mut diagnostics);
    (config, diagnostics)
}

/// Every `.md` file below `content/`, relative to the root, sorted.
pub(crate) fn content_paths(root: &Path) -> (Vec<PathBuf>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let paths = walk_content(root, &mut diagnostics);
    (paths, diagnostics)
}

fn load_config(root: &Path, diagnostics: &mut Diagnostics) -> Option<Node> {
    let relative = Path::new(CONFIG_FILE);
    let bytes = match confine::Root::new(root).check(relative) {
        Ok(None) => return None,
        // Refused unopened: opening a device may do something.
        Ok(Some(found)) if found.kind == confine::Kind::Special => {
            Err(confine::not_regular(relative))
        }
        Ok(Some(found)) => confine::read_file(&found.path, relative),
        Err(refused) => Err(refused),
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(refused) => {
            diagnostics.push(refused);
            return None;
        }
    };
    let parsed = source::decode(bytes)
        .map_err(|e| (e.position, e.message))
        .and_then(|text| node::parse_toml(&text).map_err(|e| (e.position, e.message)));
    match parsed {
        Ok(node) => Some(node),
        Err((position, message)) => {
            diagnostics.push(Diagnostic::error(CONFIG_FILE, position, message));
            None
        }
    }
}

fn walk_content(root: &Path, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    let walk = confine::Walk {
        skip_hidden: true,
        wanted: is_markdown,
    };
    let found = confine::Root::new(root).walk(Path::new(CONTENT_DIR), walk, diagnostics);
    let Some(found) = found else {
        diagnostics.push(Diagnostic::error(
            CONTENT_DIR,
            Position::WHOLE,
            format!(
                "no `content/` folder in {}; is --root the site's folder?",
                root.display()
            ),
        ));
        return Vec::new();
    };
    found.into_iter().map(|file| file.relative).collect()
}

fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md")
}

/// One content file (`relative` to the root), read, decoded and split.
/// Every problem that stops it being read is reported: each control
/// character, say, not only the first.
pub(crate) fn read_source(root: &Path, relative: &Path) -> Result<SourceFile, Diagnostics> {
    let error = |position, message: String| Diagnostic::error(relative, position, message);
    let (bytes, stamp) = read_bytes(root, relative).map_err(Diagnostics::one)?;
    let decoded = source::decode_file(bytes).map_err(|errors| {
        errors
            .iter()
            .map(|e| error(e.position, e.message.clone()))
            .collect::<Diagnostics>()
    })?;
    let split = front_matter::split(decoded.text)
        .map_err(|e| Diagnostics::one(error(e.position, e.message)))?;
    let content_path = relative
        .strip_prefix(CONTENT_DIR)
        .unwrap_or(relative)
        .to_owned();
    Ok(SourceFile {
        kind: kind_of(&content_path),
        path: relative.to_owned(),
        content_path,
        front_matter: split.front_matter,
        body: split.body,
        body_line: split.body_line,
        body_start: split.body_start,
        stamp,
        verbatim: decoded.verbatim,
    })
}

/// Where the directives' bodies are read again from for their pages: the
/// archive keeps only where each body is (see [`Body`]), and rendering
/// asks this for the text.
#[derive(Debug, Clone)]
pub struct BodySource {
    root: PathBuf,
}

impl BodySource {
    /// Bodies of the site in the folder `root`.
    pub fn new(root: impl Into<PathBuf>) -> BodySource {
        BodySource { root: root.into() }
    }

    /// The body of `directive`, read again from its file: the same bytes
    /// decoded the same way, so the same text, unless the file changed
    /// since it was first read (by its stamp and length), which is an
    /// error.
    pub(crate) fn read(&self, directive: &Directive) -> Result<String, Diagnostic> {
        read_body(&self.root, &directive.source_path, &directive.body)
    }
}

/// [`BodySource::read`]: the body at `body` of the file read from
/// `relative`. A file whose text is its bytes (nearly every one) is read
/// from where its body starts, its front matter left on the disk: nothing
/// is decoded or moved but the body, which is all a page needs.
fn read_body(root: &Path, relative: &Path, body: &Body) -> Result<String, Diagnostic> {
    let changed = || {
        Diagnostic::error(
            relative,
            Position::START,
            "the file changed while the site was being built; build again",
        )
    };
    if body.verbatim {
        let bytes = read_range(root, relative, body)?.ok_or_else(changed)?;
        return source::decode_verbatim(bytes).map_err(|_| changed());
    }
    let (bytes, stamp) = read_bytes(root, relative)?;
    // Checked before decoding: a file saved since is "changed", whatever
    // its new text would say when decoded.
    if stamp != body.stamp {
        return Err(changed());
    }
    let mut text =
        source::decode(bytes).map_err(|e| Diagnostic::error(relative, e.position, e.message))?;
    if text.len().checked_sub(body.start) != Some(body.len) || !text.is_char_boundary(body.start) {
        return Err(changed());
    }
    text.drain(..body.start);
    Ok(text)
}

/// The bytes of `body` in a file whose text is its bytes, if the file is
/// still the one read (by its stamp, which holds its length); `None` if
/// it changed since.
#[cfg(unix)]
fn read_range(root: &Path, relative: &Path, body: &Body) -> Result<Option<Vec<u8>>, Diagnostic> {
    use std::os::unix::fs::FileExt;
    let (file, meta) = confine::open_file(&root.join(relative), relative)?;
    if Stamp::from(&meta) != body.stamp || meta.len() != (body.start + body.len) as u64 {
        return Ok(None);
    }
    let mut bytes = vec![0; body.len];
    match file.read_exact_at(&mut bytes, body.start as u64) {
        Ok(()) => Ok(Some(bytes)),
        // Cut short since its length was taken: changed.
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(None),
        Err(e) => Err(confine::cannot_read(relative, &e)),
    }
}

/// [`read_range`] where a file cannot be read at an offset: the whole
/// file is read, and the front matter cut off.
#[cfg(not(unix))]
fn read_range(root: &Path, relative: &Path, body: &Body) -> Result<Option<Vec<u8>>, Diagnostic> {
    let (mut bytes, stamp) = read_bytes(root, relative)?;
    if stamp != body.stamp || bytes.len() != body.start + body.len {
        return Ok(None);
    }
    bytes.drain(..body.start);
    Ok(Some(bytes))
}

/// A content file's bytes, with the stamp of what was read.
fn read_bytes(root: &Path, relative: &Path) -> Result<(Vec<u8>, Stamp), Diagnostic> {
    let error = |position, message: String| Diagnostic::error(relative, position, message);
    let cannot = |e: std::io::Error| confine::cannot_read(relative, &e);
    let (mut file, meta) = confine::open_file(&root.join(relative), relative)?;
    let too_big = |size: u64| {
        error(
            Position::START,
            format!(
                "the file is {size} bytes; content files are limited to {} bytes",
                source::MAX_FILE_BYTES
            ),
        )
    };
    if meta.len() > source::MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    // A file that grows while it is read is cut one byte past the limit,
    // and refused.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::io::Read::read_to_end(
        &mut std::io::Read::take(&mut file, source::MAX_FILE_BYTES + 1),
        &mut bytes,
    )
    .map_err(cannot)?;
    if bytes.len() as u64 > source::MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok((bytes, Stamp::from(&meta)))
}

fn kind_of(content_path: &Path) -> SourceKind {
    if content_path == Path::new("_index.md") {
        SourceKind::FrontPage
    } else if content_path.starts_with("pages") {
        SourceKind::Page
    } else {
        SourceKind::Directive
    }
}

/// The front matter of every file of this repository's archive and pages,
/// and of `VANBAN_YAML_CORPUS` when set (a synthetic archive, say), with
/// each file's path: what the YAML readers' tests hold them to.
#[cfg(test)]
pub(crate) fn front_matter_corpus() -> Vec<(PathBuf, String)> {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let extra = std::env::var("VANBAN_YAML_CORPUS").ok();
    let roots = std::iter::once(content).chain(extra.map(Into::into));
    let mut found = Vec::new();
    for root in roots {
        for entry in walkdir::WalkDir::new(root) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let yaml = text
                .strip_prefix("---\n")
                .and_then(|rest| rest.find("\n---\n").map(|end| rest[..=end].to_owned()));
            found.extend(yaml.map(|yaml| (entry.into_path(), yaml)));
        }
    }
    assert!(found.len() >= 5, "{}", found.len());
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_read_again_is_the_body_first_read() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("content")).unwrap();
        let relative = Path::new("content/a.md");
        // CRLF, a byte-order mark and decomposed diacritics: the text is
        // not the file's bytes, and must come out the same again.
        let text = "\u{feff}---\r\ntitle: Chỉ thị\r\n---\r\nPho\u{302}\u{301} biê\u{301}n.\r\n";
        std::fs::write(root.path().join(relative), text).unwrap();
        let file = read_source(root.path(), relative).unwrap();
        assert_eq!(file.body, "Phố biến.\n");
        assert!(!file.verbatim);
        let again = read_body(root.path(), relative, &file.body_place()).unwrap();
        assert_eq!(again, file.body);
        // A clean file is read again without normalising.
        let clean = Path::new("content/b.md");
        std::fs::write(root.path().join(clean), "---\ntitle: Chỉ thị\n---\nPhố.\n").unwrap();
        let file = read_source(root.path(), clean).unwrap();
        assert!(file.verbatim);
        let again = read_body(root.path(), clean, &file.body_place()).unwrap();
        assert_eq!(again, "Phố.\n");
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_refused() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("content")).unwrap();
        let relative = Path::new("content/a.md");
        let path = root.path().join(relative);
        std::fs::write(&path, "---\ntitle: a\n---\nMột.\n").unwrap();
        let file = read_source(root.path(), relative).unwrap();
        std::fs::write(&path, "---\ntitle: a\n---\nMột hai.\n").unwrap();
        let error = read_body(root.path(), relative, &file.body_place()).unwrap_err();
        assert_eq!(error.path, relative);
        assert!(error.message.contains("changed while"), "{}", error.message);
    }

    #[test]
    fn kinds_follow_the_contract() {
        assert_eq!(kind_of(Path::new("_index.md")), SourceKind::FrontPage);
        assert_eq!(kind_of(Path::new("pages/gioi-thieu.md")), SourceKind::Page);
        assert_eq!(kind_of(Path::new("pages/sub/x.md")), SourceKind::Page);
        assert_eq!(
            kind_of(Path::new("2021/07-kl-tw.md")),
            SourceKind::Directive
        );
        assert_eq!(kind_of(Path::new("2021/_index.md")), SourceKind::Directive);
    }
}

//! Starting points for editors: `vanban new` writes a directive file with
//! every field of the contract present and explained; `vanban init` a new
//! site that builds at once with the built-in theme.

use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use thiserror::Error;

use crate::date::Date;
use crate::load::CONTENT_DIR;

/// Why `vanban init` or `vanban new` wrote nothing.
#[derive(Debug, Error)]
pub enum ScaffoldError {
    /// The file to write is already there, and is never overwritten.
    #[error("already exists; choose another name or edit it")]
    Exists(PathBuf),
    /// The folder to start a site in already holds files.
    #[error("is not empty; `vanban init` starts a site in an empty or new folder")]
    NotEmpty(PathBuf),
    /// A file `vanban new` would write where `build` does not read it.
    #[error("refusing to write a directive here: {reason}")]
    Outside {
        /// The file that was asked for.
        path: PathBuf,
        /// Why `build` would not read it there.
        reason: String,
    },
    /// The file system refused to create a folder or write a file.
    #[error("cannot write: {source}")]
    Io {
        /// The file or folder being written.
        path: PathBuf,
        /// What the file system said.
        source: io::Error,
    },
}

impl ScaffoldError {
    /// The file or folder the problem is about, for `path: error: …`.
    pub fn path(&self) -> &Path {
        match self {
            ScaffoldError::Exists(path)
            | ScaffoldError::NotEmpty(path)
            | ScaffoldError::Outside { path, .. }
            | ScaffoldError::Io { path, .. } => path,
        }
    }
}

/// What `vanban new` knows of the document to come.
#[derive(Debug, Clone, Default)]
pub struct NewDirective {
    /// The kind of document (`Công văn` when not given).
    pub kind: Option<String>,
    /// The number as printed; left as a commented-out example when not
    /// given.
    pub number: Option<String>,
    /// The issuing body; a placeholder to fill in when not given.
    pub issuer: Option<String>,
    /// The title (trích yếu); a placeholder to fill in when not given.
    pub title: Option<String>,
    /// Today when not given.
    pub date: Option<Date>,
}

/// Writes a new directive file, marked a draft, at `path` under the
/// `content/` folder of the site at `root` (never over an existing file).
/// Returns where it was written. `path` is read as in [`directive_path`].
pub fn new_directive(
    root: &Path,
    path: &Path,
    spec: &NewDirective,
) -> Result<PathBuf, ScaffoldError> {
    let target = directive_path(root, path)?;
    let date = spec.date.unwrap_or_else(Date::today);
    create_new(&target, &directive_text(spec, date, Draft::New))?;
    Ok(target)
}

/// Where `vanban new PATH` writes: `build` reads directives only from the
/// `.md` files under `content/` (outside `pages/`, hidden folders and
/// `_index.md`), so a file anywhere else would be silently left out.
/// `path` is relative to `<root>/content/` (`2021/07-kl-tw.md`); a path
/// that starts with `content/`, or an absolute one, must lead into that
/// same folder. `..` is refused whatever it would lead to.
fn directive_path(root: &Path, path: &Path) -> Result<PathBuf, ScaffoldError> {
    let refuse = |reason: &str| ScaffoldError::Outside {
        path: path.to_owned(),
        reason: reason.to_owned(),
    };
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        return Err(refuse(&format!(
            "{} has no `content/` folder; run `vanban new` in the site's folder or give --root",
            root.display()
        )));
    }
    if path.components().any(|c| c == Component::ParentDir) {
        return Err(refuse(
            "`..` is not allowed; give the path below content/, e.g. 2021/07-kl-tw.md",
        ));
    }
    let canonical_content = content
        .canonicalize()
        .map_err(|source| io_error(&content, source))?;
    let within: PathBuf = if path.is_absolute() {
        canonical_prefix(path)
            .strip_prefix(&canonical_content)
            .map(Path::to_path_buf)
            .map_err(|_| {
                refuse(&format!(
                    "it is outside {}, where `vanban build` reads directives",
                    content.display()
                ))
            })?
    } else {
        let written: PathBuf = path
            .components()
            .filter(|c| *c != Component::CurDir)
            .collect();
        written
            .strip_prefix(CONTENT_DIR)
            .map_or(written.clone(), Path::to_path_buf)
    };
    check_directive_place(&within).map_err(refuse)?;
    let target = content.join(&within);
    // A folder of content/ that links elsewhere would take the file out.
    if !canonical_prefix(&target).starts_with(&canonical_content) {
        return Err(refuse(
            "a folder on the way is a link that leads out of content/",
        ));
    }
    Ok(target)
}

/// Whether `build` reads a directive at `within` (relative to `content/`).
fn check_directive_place(within: &Path) -> Result<(), &'static str> {
    let mut parts = within.components().peekable();
    if parts.peek().is_none() {
        return Err("give a file name below content/, e.g. 2021/07-kl-tw.md");
    }
    if within.extension().is_none_or(|e| e != "md") {
        return Err("`vanban build` reads only `.md` files; end the name with .md");
    }
    if within.starts_with("pages") {
        return Err("content/pages/ holds free-standing pages, not directives");
    }
    if within == Path::new("_index.md") {
        return Err("content/_index.md is the front page's introduction");
    }
    let hidden = within.components().any(|c| match c {
        Component::Normal(name) => name.to_string_lossy().starts_with('.'),
        _ => true,
    });
    if hidden {
        return Err("`vanban build` skips names that start with a dot");
    }
    Ok(())
}

/// `path` with its longest existing ancestor resolved (links followed),
/// the rest as written: where the file would land, though it does not
/// exist yet.
fn canonical_prefix(path: &Path) -> PathBuf {
    let mut existing = path;
    let mut rest = Vec::new();
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            return rest
                .iter()
                .rev()
                .fold(canonical, |acc, part| acc.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return path.to_owned(),
        }
    }
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

/// Whether a written directive is a draft still to be filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Draft {
    /// `vanban new`: left out of the site until the editor says it is done.
    New,
    /// `vanban init`'s sample: shown at once, so a new site has something
    /// on its front page, timeline and search.
    Sample,
}

/// The file `new` and `init` write. Each explanation stands on its own
/// line above its field, so it stays in place whatever the value's length.
fn directive_text(spec: &NewDirective, date: Date, draft: Draft) -> String {
    let kind = spec.kind.as_deref().unwrap_or("Công văn");
    let number = match &spec.number {
        Some(n) => format!("number: {}", quoted(n)),
        None => "# number: \"123/UBND-VX\"".to_owned(),
    };
    let issuer = spec.issuer.as_deref().unwrap_or("Tên cơ quan ban hành");
    let title = spec.title.as_deref().unwrap_or("Trích yếu của văn bản");
    let (opening, draft_line) = match draft {
        Draft::New => (
            "# Tệp văn bản mới (vanban new). Điền các trường, rồi đổi dòng\n\
             # `draft: true` ở cuối phần này thành `draft: false` khi đã biên tập xong:\n\
             # đến lúc đó văn bản không có trên trang (trừ khi dựng với --drafts).",
            "# Bản nháp: đổi thành false khi đã biên tập xong.\ndraft: true",
        ),
        Draft::Sample => (
            "# Văn bản mẫu (vanban init): sửa nó thành văn bản thật, hoặc xóa đi\n\
             # khi đã có văn bản khác. Tạo văn bản mới: vanban new 2021/ten-tep.md",
            "# true: bản nháp, không có trên trang (trừ khi dựng với --drafts).\ndraft: false",
        ),
    };
    format!(
        r#"---
{opening}
# Hướng dẫn đầy đủ: trang "Hướng dẫn biên tập" (content/pages/huong-dan-bien-tap.md).
# Bắt buộc: kind, title, issuer, date. Dòng bắt đầu bằng # là chú thích;
# bỏ dấu # ở đầu dòng để dùng một trường.

# Số, ký hiệu như bản in; bỏ đi nếu văn bản không in số.
{number}
# Loại văn bản: Kết luận, Công văn, Thông báo, Chỉ thị…
kind: {kind}
# Trích yếu: tên văn bản như người đọc trích dẫn.
title: {title}
# Cơ quan ban hành.
issuer: {issuer}
# Ngày ban hành, YYYY-MM-DD.
date: {date}
# Cấp ban hành: central | government | ministry | province | district
# level: province
# Địa danh.
# place: "Hà Nội"
# Người ký; authority: T/M, T/L, K/T hoặc TM., TL., KT. như bản in.
# signer:
#   name: "Nguyễn Văn A"
#   title: "Phó Chủ tịch"
#   authority: "KT. Chủ tịch"
# Kính gửi (công văn).
# addressees: ["Các sở, ban, ngành"]
# Nơi nhận.
# recipients: ["Như trên", "Lưu: VT"]
# Văn bản khác mà văn bản này thực hiện, dẫn chiếu…; type: implements |
# cites | based_on | guides | amends | replaces.
# relations:
#   - {{ type: implements, number: "07-KL/TW", date: 2021-06-11 }}
#   - {{ type: cites, title: "Điện của Thường trực Ban Bí thư", date: 2021-07-21 }}
# Dấu đến, sao lục của bản lưu; action: received | copied.
# circulation:
#   - {{ action: received, office: "Văn phòng Tỉnh ủy", number: "963", date: 2021-06-12 }}
# Từ khóa.
# tags: ["vắc-xin"]
# Địa phương được nói đến.
# localities: ["Hà Nội"]
# Nguồn của bản lưu.
# source: "Bản sao lục của …"
# Tóm tắt ngắn; mặc định là đoạn đầu của văn bản.
# summary: "Tóm tắt ngắn"
# Thay phần cuối địa chỉ trang (một đoạn, không có /).
# slug: "ten-khac"
# Các trường bổ sung của vanban (tùy chọn):
# Hệ thống: party | state
# system: state
# Tên cơ quan ở góc trái, từng dòng như bản in.
# letterhead: ["Ủy ban nhân dân", "tỉnh Bắc Giang"]
# Dòng V/v (công văn).
# subject: "nội dung dòng V/v"
# Ghi chú của người biên tập.
# notes: ["Bản quét in …, đúng là …"]
{draft_line}
---

Nội dung văn bản như khi ban hành: từ sau phần trích yếu đến trước "Nơi nhận".

1. Điểm thứ nhất.

2. Điểm thứ hai.
"#,
        kind = quoted(kind),
        title = quoted(title),
        issuer = quoted(issuer),
        date = date.iso(),
    )
}

/// The editors' guide a new site starts with: this archive's own.
const GUIDE: &str = include_str!("../content/pages/huong-dan-bien-tap.md");

/// Creates a site in `dir` (new or empty): site.toml, a front page, the
/// editors' guide and one sample directive. Returns the files written.
pub fn init_site(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(|source| io_error(dir, source))?;
        if entries.next().is_some() {
            return Err(ScaffoldError::NotEmpty(dir.to_owned()));
        }
    }
    let today = Date::today();
    let sample = NewDirective {
        kind: Some("Công văn".to_owned()),
        number: Some("1/VD".to_owned()),
        issuer: Some("Cơ quan mẫu".to_owned()),
        title: Some("Về việc dựng thử kho văn bản".to_owned()),
        date: Some(today),
    };
    let files = [
        (
            PathBuf::from("site.toml"),
            "# Cấu hình trang (mọi khóa đều có mặc định).\ntitle = \"Kho văn bản\"\n# base_url = \"https://example.org/\"\n# paginate = 50\n".to_owned(),
        ),
        (
            PathBuf::from("content/_index.md"),
            "---\ntitle: \"Kho văn bản\"\n---\n\nGiới thiệu ngắn về kho văn bản.\n".to_owned(),
        ),
        (PathBuf::from("content/pages/huong-dan-bien-tap.md"), GUIDE.to_owned()),
        (
            PathBuf::from(format!("content/{}/vi-du.md", today.year)),
            directive_text(&sample, today, Draft::Sample),
        ),
    ];
    let mut written = Vec::new();
    for (relative, text) in files {
        let path = dir.join(&relative);
        create_new(&path, &text)?;
        written.push(path);
    }
    Ok(written)
}

fn io_error(path: &Path, source: io::Error) -> ScaffoldError {
    ScaffoldError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Writes `text` to a file that must not exist yet.
fn create_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|source| io_error(parent, source))?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|source| match source.kind() {
            io::ErrorKind::AlreadyExists => ScaffoldError::Exists(path.to_owned()),
            _ => io_error(path, source),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|source| io_error(path, source))
}

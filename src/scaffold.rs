//! Starting points for editors: `vanban new` writes a directive file with
//! every field of the contract present and explained; `vanban init` a new
//! site that builds at once with the built-in theme.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::vietnamese::Date;

#[derive(Debug, Error)]
pub enum ScaffoldError {
    #[error("{0} already exists; choose another name or edit it")]
    Exists(PathBuf),
    #[error("{0} is not empty; `vanban init` starts a site in an empty or new folder")]
    NotEmpty(PathBuf),
    #[error("`{0}` is not a date written YYYY-MM-DD")]
    BadDate(String),
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// What `vanban new` knows of the document to come.
#[derive(Debug, Clone, Default)]
pub struct NewDirective {
    pub kind: Option<String>,
    pub number: Option<String>,
    pub issuer: Option<String>,
    pub date: Option<String>,
}

/// Writes a new directive file at `path` (never over an existing file).
pub fn new_directive(path: &Path, spec: &NewDirective) -> Result<(), ScaffoldError> {
    let date = match &spec.date {
        Some(text) => Date::parse_iso(text).map_err(|_| ScaffoldError::BadDate(text.clone()))?,
        None => Date::today(),
    };
    let text = directive_text(spec, date);
    create_new(path, &text)
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

fn directive_text(spec: &NewDirective, date: Date) -> String {
    let kind = spec.kind.as_deref().unwrap_or("Công văn");
    let number = match &spec.number {
        Some(n) => format!("number: {}", quoted(n)),
        None => "# number: \"123/UBND-VX\"".to_owned(),
    };
    let issuer = spec.issuer.as_deref().unwrap_or("Tên cơ quan ban hành");
    format!(
        r#"---
# Tệp văn bản mới (vanban new). Điền các trường rồi đổi `draft: true` thành
# `false` khi đã biên tập xong. Hướng dẫn đầy đủ: trang "Hướng dẫn biên tập".
# Bắt buộc: kind, title, issuer, date. Dòng bắt đầu bằng # là chú thích.

{number}                      # số, ký hiệu như bản in; bỏ nếu văn bản không in số
kind: {kind}                      # loại văn bản: Kết luận, Công văn, Thông báo, Chỉ thị…
title: "Trích yếu của văn bản"    # tên văn bản như người đọc trích dẫn
issuer: {issuer}                  # cơ quan ban hành
date: {date}                      # ngày ban hành, YYYY-MM-DD
# level: province                 # central | government | ministry | province | district
# place: "Hà Nội"                 # địa danh
# signer:
#   name: "Nguyễn Văn A"
#   title: "Phó Chủ tịch"
#   authority: "KT. Chủ tịch"     # T/M, T/L, K/T hoặc TM., TL., KT. như bản in
# addressees: ["Các sở, ban, ngành"]   # kính gửi (công văn)
# recipients: ["Như trên", "Lưu: VT"]  # nơi nhận
# relations:                      # thực hiện, dẫn chiếu… văn bản khác
#   - {{ type: implements, number: "07-KL/TW", date: 2021-06-11 }}
#   - {{ type: cites, title: "Điện của Thường trực Ban Bí thư", date: 2021-07-21 }}
#   # type: implements | cites | based_on | guides | amends | replaces
# circulation:                    # dấu đến, sao lục của bản lưu
#   - {{ action: received, office: "Văn phòng Tỉnh ủy", number: "963", date: 2021-06-12 }}
#   # action: received | copied
# tags: ["vắc-xin"]
# localities: ["Hà Nội"]
# source: "Bản sao lục của …"
# summary: "Tóm tắt ngắn"
# slug: "ten-khac"                # thay phần cuối địa chỉ trang
# Trường bổ sung của vanban (tùy chọn):
# system: state                   # party | state
# letterhead: ["Ủy ban nhân dân", "tỉnh Bắc Giang"]
# subject: "nội dung dòng V/v"    # công văn
# notes: ["Bản quét in … , đúng là …"]
draft: true
---

Nội dung văn bản như khi ban hành: từ sau phần trích yếu đến trước "Nơi nhận".

1. Điểm thứ nhất.

2. Điểm thứ hai.
"#,
        number = number,
        kind = quoted(kind),
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
        date: Some(today.iso()),
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
            directive_text(&sample, today).replacen("draft: true", "draft: false", 1),
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

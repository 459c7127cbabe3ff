//! `site.toml`: the site's settings. Every key has a default.

use std::path::Path;

use crate::date::YearMonth;
use crate::diagnostic::{Diagnostics, Position};
use crate::load::fields::Fields;
use crate::load::{CONFIG_FILE, Node};

/// Where the site is published: `https://host/archive/` or just `/`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BaseUrl {
    /// Scheme and host, `https://intranet.example`; empty for a bare path.
    origin: String,
    /// The path every URL starts with, without a trailing slash: `/archive`
    /// or empty for the host's root.
    path: String,
}

impl BaseUrl {
    /// Accepts `https://host`, `https://host/sub/`, `/sub/` or `/`.
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let text = text.trim();
        let (origin, path) = if let Some(rest) = text
            .strip_prefix("https://")
            .map(|r| ("https://", r))
            .or_else(|| text.strip_prefix("http://").map(|r| ("http://", r)))
        {
            let (scheme, rest) = rest;
            let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
            if host.is_empty() {
                return Err(format!("`{text}` has no host name"));
            }
            (format!("{scheme}{host}"), path.to_owned())
        } else if text.starts_with('/') {
            (String::new(), text.to_owned())
        } else {
            return Err(format!(
                "`{text}` is not a base URL; write `https://example.org/` or a path such as `/archive/`"
            ));
        };
        if path.contains(['?', '#', ' ', '"', '<', '>', '\\']) {
            return Err(format!(
                "`{text}` must not contain a query, a fragment, spaces or quotes"
            ));
        }
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        if segments.iter().any(|s| *s == "." || *s == "..") {
            return Err(format!("`{text}` must not contain `.` or `..` segments"));
        }
        let path = segments.iter().map(|s| format!("/{s}")).collect();
        Ok(BaseUrl { origin, path })
    }

    /// The path prefix of every internal link: `` or `/archive`.
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    /// The absolute URL of a site path (`/2021/x/`); root-relative when the
    /// base URL names no host.
    pub(crate) fn absolute(&self, site_path: &str) -> String {
        format!("{}{}{}", self.origin, self.path, site_path)
    }

    pub(crate) fn has_host(&self) -> bool {
        !self.origin.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SiteConfig {
    pub(crate) base_url: BaseUrl,
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    pub(crate) language: String,
    pub(crate) theme: String,
    /// Directives per page of a taxonomy listing.
    pub(crate) paginate: usize,
    /// Entries in the Atom feed (the newest).
    pub(crate) feed_limit: usize,
    /// The months the timeline's overview spans; from the data when unset.
    pub(crate) timeline: TimelineRange,
    /// `[timeline] paginate`: entries per page of a month of the timeline
    /// or of a filtered timeline.
    pub(crate) timeline_paginate: usize,
    /// Build the search index and page.
    pub(crate) search: bool,
    /// `[markdown] raw_html = true`: HTML written in Markdown is passed
    /// through as written. By default it is sanitised (see
    /// [`crate::render::markdown`]): content comes from many editors.
    pub(crate) raw_html: bool,
}

/// `[timeline] start = "2020-01"`, `end = "2021-12"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct TimelineRange {
    pub(crate) start: Option<YearMonth>,
    pub(crate) end: Option<YearMonth>,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            base_url: BaseUrl::default(),
            title: "Văn bản chỉ đạo".to_owned(),
            description: None,
            language: "vi".to_owned(),
            theme: "default".to_owned(),
            paginate: 50,
            feed_limit: 50,
            timeline: TimelineRange::default(),
            timeline_paginate: 150,
            search: true,
            raw_html: false,
        }
    }
}

const KEYS: &[&str] = &[
    "base_url",
    "title",
    "description",
    "language",
    "theme",
    "paginate",
    "feed_limit",
    "timeline",
    "search",
    "markdown",
];
const TIMELINE_KEYS: &[&str] = &["start", "end", "paginate"];
const MARKDOWN_KEYS: &[&str] = &["raw_html"];

impl SiteConfig {
    /// Reads `site.toml`'s table; problems are reported, and a key with a
    /// problem keeps its default.
    pub(crate) fn from_node(node: Option<&Node>, diagnostics: &mut Diagnostics) -> SiteConfig {
        let mut config = SiteConfig::default();
        let Some(node) = node else {
            return config;
        };
        let path = Path::new(CONFIG_FILE);
        let Some(mut fields) = Fields::new(path, node, KEYS, diagnostics) else {
            return config;
        };
        if let Some(text) = fields.string("base_url") {
            match BaseUrl::parse(&text) {
                Ok(url) => config.base_url = url,
                Err(message) => {
                    let position = fields
                        .entry("base_url")
                        .map_or(Position::START, |e| e.value.position);
                    fields.error(position, message);
                }
            }
        }
        if let Some(title) = fields.string("title") {
            config.title = title;
        }
        config.description = fields.string("description");
        if let Some(language) = fields.string("language") {
            config.language = language;
        }
        if let Some(theme) = fields.string("theme") {
            if is_plain_name(&theme) {
                config.theme = theme;
            } else {
                let position = fields
                    .entry("theme")
                    .map_or(Position::START, |e| e.value.position);
                fields.error(
                    position,
                    format!("theme `{theme}` must be a folder name under themes/"),
                );
            }
        }
        config.paginate = positive(&mut fields, "paginate").unwrap_or(config.paginate);
        config.feed_limit = positive(&mut fields, "feed_limit").unwrap_or(config.feed_limit);
        config.search = fields.bool("search").unwrap_or(true);
        if let Some(entry) = fields.entry("timeline") {
            let (range, paginate) = timeline_table(&mut fields, &entry.value);
            config.timeline = range;
            config.timeline_paginate = paginate.unwrap_or(config.timeline_paginate);
        }
        if let Some(entry) = fields.entry("markdown") {
            let path = fields.path();
            if let Some(mut table) =
                Fields::new(path, &entry.value, MARKDOWN_KEYS, fields.diagnostics())
            {
                config.raw_html = table.bool("raw_html").unwrap_or(false);
                table.finish();
            }
        }
        fields.finish();
        config
    }

    /// Overrides the base URL from the command line.
    pub(crate) fn with_base_url(mut self, base_url: BaseUrl) -> SiteConfig {
        self.base_url = base_url;
        self
    }
}

/// A whole number of at least 1.
fn positive(fields: &mut Fields<'_>, key: &str) -> Option<usize> {
    positive_named(fields, key, key)
}

/// [`positive`], its problem naming the key as `name`.
fn positive_named(fields: &mut Fields<'_>, key: &str, name: &str) -> Option<usize> {
    let value = fields.integer(key)?;
    match usize::try_from(value) {
        Ok(n) if n >= 1 => Some(n),
        _ => {
            let position = fields
                .entry(key)
                .map_or(Position::START, |e| e.value.position);
            fields.error(position, format!("`{name}` must be 1 or more"));
            None
        }
    }
}

/// `[timeline]`: the months it spans, and its entries per page.
fn timeline_table(fields: &mut Fields<'_>, node: &Node) -> (TimelineRange, Option<usize>) {
    let path = fields.path();
    let Some(mut table) = Fields::new(path, node, TIMELINE_KEYS, fields.diagnostics()) else {
        return (TimelineRange::default(), None);
    };
    let paginate = positive_named(&mut table, "paginate", "timeline.paginate");
    let mut month = |key: &str| {
        let text = table.string(key)?;
        let parsed = YearMonth::parse(&text);
        if parsed.is_none() {
            let position = table
                .entry(key)
                .map_or(Position::START, |e| e.value.position);
            table.error(
                position,
                format!("`timeline.{key}` must be a month written YYYY-MM, found `{text}`"),
            );
        }
        parsed
    };
    let range = TimelineRange {
        start: month("start"),
        end: month("end"),
    };
    if let (Some(start), Some(end)) = (range.start, range.end)
        && start > end
    {
        let position = table
            .entry("end")
            .map_or(Position::START, |e| e.value.position);
        table.error(position, "`timeline.end` is before `timeline.start`");
    }
    table.finish();
    (range, paginate)
}

fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        let url = BaseUrl::parse("https://intranet.example/archive/").unwrap();
        assert_eq!(url.path(), "/archive");
        assert_eq!(
            url.absolute("/2021/x/"),
            "https://intranet.example/archive/2021/x/"
        );
        let root = BaseUrl::parse("https://vanban.example").unwrap();
        assert_eq!(root.path(), "");
        assert_eq!(root.absolute("/"), "https://vanban.example/");
        let bare = BaseUrl::parse("/").unwrap();
        assert_eq!(bare.absolute("/a/"), "/a/");
        assert!(BaseUrl::parse("example.org").is_err());
        assert!(BaseUrl::parse("https://x/../y").is_err());
        assert!(BaseUrl::parse("https:///y").is_err());
    }

    #[test]
    fn theme_names_stay_inside_themes() {
        assert!(is_plain_name("default"));
        assert!(!is_plain_name("../x"));
        assert!(!is_plain_name(".."));
        assert!(!is_plain_name("a/b"));
    }
}

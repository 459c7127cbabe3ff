//! What other programs read: the Atom feed of the directives, the sitemap
//! and robots.txt.

use std::fmt::Write;

use super::context::DirectiveSummary;
use super::escape_html as escape;
use crate::link::Archive;

/// The Atom feed's path.
pub const ATOM: &str = "atom.xml";

/// An id that stays the same wherever the site moves, when the base URL
/// names no host (Atom wants absolute IRIs).
fn entry_id(archive: &Archive, summary: &DirectiveSummary) -> String {
    if archive.config.base_url.has_host() {
        summary.permalink.clone()
    } else {
        format!("urn:vanban:{}", summary.id)
    }
}

/// The newest `feed_limit` directives, newest first (RFC 4287).
pub fn atom(archive: &Archive, summaries: &[DirectiveSummary]) -> String {
    let config = &archive.config;
    let updated = archive
        .directives
        .first()
        .map_or_else(|| "1970-01-01".to_owned(), |d| d.date.iso());
    let feed_id = if config.base_url.has_host() {
        config.base_url.absolute("/")
    } else {
        "urn:vanban:feed".to_owned()
    };
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape(&config.language)
    );
    let _ = writeln!(xml, "  <title>{}</title>", escape(&config.title));
    if let Some(description) = &config.description {
        let _ = writeln!(xml, "  <subtitle>{}</subtitle>", escape(description));
    }
    let _ = writeln!(xml, "  <id>{}</id>", escape(&feed_id));
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape(&config.base_url.absolute(&format!("/{ATOM}")))
    );
    let _ = writeln!(
        xml,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&config.base_url.absolute("/"))
    );
    let _ = writeln!(xml, "  <updated>{updated}T00:00:00+07:00</updated>");
    let _ = writeln!(xml, "  <generator>vanban</generator>");
    for (directive, summary) in archive
        .directives
        .iter()
        .zip(summaries)
        .take(config.feed_limit)
    {
        let title = match &directive.number {
            Some(number) => format!("{} {}: {}", directive.kind, number, directive.title),
            None => format!("{}: {}", directive.kind, directive.title),
        };
        xml.push_str("  <entry>\n");
        let _ = writeln!(xml, "    <title>{}</title>", escape(&title));
        let _ = writeln!(xml, "    <id>{}</id>", escape(&entry_id(archive, summary)));
        let _ = writeln!(
            xml,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape(&summary.permalink)
        );
        let _ = writeln!(
            xml,
            "    <published>{}T00:00:00+07:00</published>",
            directive.date.iso()
        );
        let _ = writeln!(
            xml,
            "    <updated>{}T00:00:00+07:00</updated>",
            directive.date.iso()
        );
        let _ = writeln!(
            xml,
            "    <author><name>{}</name></author>",
            escape(&directive.issuer)
        );
        let _ = writeln!(xml, "    <category term=\"{}\"/>", escape(&directive.kind));
        if let Some(text) = &summary.summary {
            let _ = writeln!(xml, "    <summary>{}</summary>", escape(text));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// Every page of the site (sitemaps.org 0.9).
pub fn sitemap(archive: &Archive, urls: &[String]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in urls {
        let _ = writeln!(
            xml,
            "  <url><loc>{}</loc></url>",
            escape(&archive.config.base_url.absolute(url))
        );
    }
    xml.push_str("</urlset>\n");
    xml
}

pub fn robots(archive: &Archive) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if archive.config.base_url.has_host() {
        let _ = writeln!(
            text,
            "Sitemap: {}",
            archive.config.base_url.absolute("/sitemap.xml")
        );
    }
    text
}

//! What other programs read: the Atom feed of the directives, the sitemap
//! and robots.txt.

use std::fmt::Write;

use super::output::escape_html as escape;
use super::summary::{DirectiveSummary, Summaries, summary_text};
use crate::config::BaseUrl;
use crate::link::Archive;

/// The Atom feed's path.
pub(crate) const ATOM: &str = "atom.xml";

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
pub(crate) fn atom(archive: &Archive, summaries: &Summaries<'_>) -> String {
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
    for (index, directive) in archive
        .directives
        .iter()
        .enumerate()
        .take(config.feed_limit)
    {
        let summary = &summaries[index];
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
        if let Some(text) = summary_text(directive) {
            let _ = writeln!(xml, "    <summary>{}</summary>", escape(text));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// The most URLs one sitemap file may list (sitemaps.org 0.9).
const SITEMAP_LIMIT: usize = 50_000;

/// The sitemap's path; with more pages than one file may list, it is a
/// sitemap index of [`sitemap_part`] files.
const SITEMAP: &str = "sitemap.xml";

/// The path of the `n`th (from 1) part of a split sitemap.
fn sitemap_part(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// The files of the sitemap of `url_count` pages, as [`sitemaps`] names
/// them.
pub(crate) fn sitemap_paths(url_count: usize) -> Vec<String> {
    let parts = url_count.div_ceil(SITEMAP_LIMIT);
    let mut paths = vec![SITEMAP.to_owned()];
    if parts > 1 {
        paths.extend((1..=parts).map(sitemap_part));
    }
    paths
}

/// Every page of the site (sitemaps.org 0.9), as `(path, xml)`: one
/// `sitemap.xml`, or an index of parts when the pages are too many for one.
pub(crate) fn sitemaps(base: &BaseUrl, urls: &[String]) -> Vec<(String, String)> {
    if urls.len() <= SITEMAP_LIMIT {
        return vec![(SITEMAP.to_owned(), urlset(base, urls))];
    }
    let parts: Vec<(String, String)> = urls
        .chunks(SITEMAP_LIMIT)
        .enumerate()
        .map(|(i, chunk)| (sitemap_part(i + 1), urlset(base, chunk)))
        .collect();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, _) in &parts {
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}</loc></sitemap>",
            escape(&base.absolute(&format!("/{path}")))
        );
    }
    index.push_str("</sitemapindex>\n");
    let mut files = vec![(SITEMAP.to_owned(), index)];
    files.extend(parts);
    files
}

fn urlset(base: &BaseUrl, urls: &[String]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in urls {
        let _ = writeln!(
            xml,
            "  <url><loc>{}</loc></url>",
            escape(&base.absolute(url))
        );
    }
    xml.push_str("</urlset>\n");
    xml
}

pub(crate) fn robots(archive: &Archive) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if archive.config.base_url.has_host() {
        let _ = writeln!(
            text,
            "Sitemap: {}",
            archive.config.base_url.absolute(&format!("/{SITEMAP}"))
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locs(xml: &str, tag: &str) -> Vec<String> {
        let doc = roxmltree::Document::parse(xml).expect("well-formed");
        assert_eq!(doc.root_element().tag_name().name(), tag);
        doc.descendants()
            .filter(|n| n.has_tag_name("loc"))
            .filter_map(|n| n.text().map(str::to_owned))
            .collect()
    }

    #[test]
    fn one_file_holds_up_to_the_protocols_limit() {
        let base = BaseUrl::parse("https://vanban.example/luu-tru/").expect("valid");
        let urls: Vec<String> = (0..SITEMAP_LIMIT).map(|i| format!("/{i}/")).collect();
        let files = sitemaps(&base, &urls);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "sitemap.xml");
        let listed = locs(&files[0].1, "urlset");
        assert_eq!(listed.len(), SITEMAP_LIMIT);
        assert_eq!(listed[7], "https://vanban.example/luu-tru/7/");
        assert_eq!(sitemap_paths(urls.len()), ["sitemap.xml"]);
    }

    #[test]
    fn more_pages_make_an_index_of_parts() {
        let base = BaseUrl::parse("https://vanban.example/").expect("valid");
        let urls: Vec<String> = (0..2 * SITEMAP_LIMIT + 1)
            .map(|i| format!("/{i}/"))
            .collect();
        let files = sitemaps(&base, &urls);
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        assert_eq!(sitemap_paths(urls.len()), paths);
        assert_eq!(
            locs(&files[0].1, "sitemapindex"),
            [
                "https://vanban.example/sitemap-1.xml",
                "https://vanban.example/sitemap-2.xml",
                "https://vanban.example/sitemap-3.xml"
            ]
        );
        let parts: Vec<Vec<String>> = files[1..]
            .iter()
            .map(|(_, xml)| locs(xml, "urlset"))
            .collect();
        assert_eq!(
            parts.iter().map(Vec::len).collect::<Vec<_>>(),
            [SITEMAP_LIMIT, SITEMAP_LIMIT, 1]
        );
        assert_eq!(parts[2], ["https://vanban.example/100000/"]);
    }
}

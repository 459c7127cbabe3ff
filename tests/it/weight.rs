//! The weight a reader's phone or old office PC downloads: a directive page
//! with its stylesheet and scripts under 60 KB compressed, and nothing
//! fetched from another host.

use std::io::Write;

use crate::common;

fn gzipped(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("in memory");
    encoder.finish().expect("in memory").len()
}

#[test]
fn a_directive_page_with_its_css_and_scripts_stays_under_60_kb_compressed() {
    let (_dir, output, run) = common::build_repository(&[]);
    run.success();
    // The archive's largest directive.
    let page = std::fs::read_to_string(output.join("2021/07-kl-tw/index.html")).unwrap();
    let mut total = gzipped(page.as_bytes());
    let mut parts = vec![format!("page {total}")];
    for (at, _) in page
        .match_indices(" href=\"/")
        .chain(page.match_indices(" src=\"/"))
    {
        let rest = &page[at..];
        let start = rest.find('"').unwrap() + 1;
        let url = &rest[start..start + rest[start..].find('"').unwrap()];
        let is_asset = url.ends_with(".css") || url.ends_with(".js");
        if is_asset
            && page[..at].rfind('<').is_some_and(|tag| {
                page[tag..at].starts_with("<link") || page[tag..at].starts_with("<script")
            })
        {
            let bytes = std::fs::read(output.join(url.trim_start_matches('/'))).unwrap();
            let size = gzipped(&bytes);
            parts.push(format!("{url} {size}"));
            total += size;
        }
    }
    assert!(
        parts.iter().any(|p| p.starts_with("/style.css")),
        "{parts:?}"
    );
    assert!(total < 60 * 1024, "{total} bytes gzip: {parts:?}");
    println!("{total} bytes gzip: {parts:?}");
}

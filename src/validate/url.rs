//! A content file's URL: its path under `content/`, slugged segment by
//! segment (as Zola does), the last segment replaceable by `slug`.

use std::collections::HashSet;
use std::hash::BuildHasher;
use std::path::{Component, Path};
use std::sync::LazyLock;

use crate::model::RelationType;
use crate::vietnamese::slugify;

/// `2021/07-kl-tw.md` → `/2021/07-kl-tw/`. Errors are messages for the
/// editor; `slug` has already been checked to be a single segment.
pub(crate) fn url_of(content_path: &Path, slug: Option<&str>) -> Result<String, String> {
    let mut segments = Vec::new();
    let parent = content_path.parent().unwrap_or(Path::new(""));
    for component in parent.components() {
        match component {
            Component::Normal(name) => {
                let segment = slugify(&name.to_string_lossy());
                if segment.is_empty() {
                    return Err(format!(
                        "the folder name `{}` has no letters or digits to make a URL from",
                        name.to_string_lossy()
                    ));
                }
                segments.push(segment);
            }
            _ => return Err("the file's path leaves `content/`".to_owned()),
        }
    }
    let stem = content_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let last = slugify(slug.unwrap_or(&stem));
    if last.is_empty() {
        return Err(match slug {
            Some(s) => format!("`slug` `{s}` has no letters or digits to make a URL from"),
            None => format!(
                "the file name `{stem}` has no letters or digits to make a URL from; set `slug`"
            ),
        });
    }
    segments.push(last);
    Ok(format!("/{}/", segments.join("/")))
}

/// `slug` must be one URL segment: no `/`, no `.` or `..`.
pub(crate) fn check_slug(slug: &str) -> Result<(), String> {
    if slug.contains(['/', '\\']) || slug.contains('%') || slug == "." || slug == ".." {
        Err(format!(
            "`slug` `{slug}` must be a single URL segment (letters, digits and `-`), not a path"
        ))
    } else {
        Ok(())
    }
}

/// Folders the generator writes itself; no content page may take a URL in
/// them.
const RESERVED: &[&str] = &[
    "/timeline/",
    "/search/",
    "/references/",
    "/issuers/",
    "/kinds/",
    "/levels/",
    "/years/",
    "/tags/",
    "/localities/",
];

/// Whether `url` is the generator's own.
pub(crate) fn is_reserved(url: &str) -> bool {
    RESERVED.iter().any(|r| url.starts_with(r))
}

/// The segment, below a directive's URL, of the full list of one group of
/// its relations (`/2021/07-kl-tw/duoc-thuc-hien-boi/`): the group's label
/// slugged, `incoming` for those that relate to it. The generator writes
/// such a list for a directive with many relations of a kind, so these
/// segments below a directive's URL are its own.
pub(crate) fn relation_list_segment(relation: RelationType, incoming: bool) -> String {
    slugify(if incoming {
        relation.inverse_label()
    } else {
        relation.label()
    })
}

/// The directive URL in `directives` that `url` lies below through one of
/// the generator's own segments ([`relation_list_segment`]), if any.
pub(crate) fn relation_list_owner<'a, S: BuildHasher>(
    url: &str,
    directives: &HashSet<&'a str, S>,
) -> Option<&'a str> {
    // Slugged once: every page's URL is asked.
    static SEGMENTS: LazyLock<Vec<String>> = LazyLock::new(|| {
        RelationType::ALL
            .iter()
            .flat_map(|&r| {
                [
                    relation_list_segment(r, false),
                    relation_list_segment(r, true),
                ]
            })
            .collect()
    });
    // Every `/`-ended prefix of the URL but itself, shortest first.
    url.match_indices('/')
        .map(|(at, _)| &url[..=at])
        .filter(|prefix| prefix.len() < url.len())
        .find_map(|prefix| {
            let owner = directives.get(prefix)?;
            let next = url[prefix.len()..].split('/').next()?;
            SEGMENTS.iter().any(|s| s == next).then_some(*owner)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_follow_paths() {
        assert_eq!(
            url_of(Path::new("2021/07-kl-tw.md"), None).unwrap(),
            "/2021/07-kl-tw/"
        );
        assert_eq!(url_of(Path::new("a.md"), None).unwrap(), "/a/");
        assert_eq!(
            url_of(Path::new("Năm 2021/Kết luận 07.md"), None).unwrap(),
            "/nam-2021/ket-luan-07/"
        );
        assert_eq!(
            url_of(Path::new("2021/x.md"), Some("ket-luan")).unwrap(),
            "/2021/ket-luan/"
        );
    }

    #[test]
    fn lists_of_relations_below_a_directive_are_the_generators() {
        let directives = HashSet::from(["/2021/a/"]);
        assert_eq!(
            relation_list_segment(RelationType::Cites, true),
            "duoc-dan-chieu-boi"
        );
        for taken in ["/2021/a/duoc-dan-chieu-boi/", "/2021/a/thuc-hien/page/2/"] {
            assert_eq!(relation_list_owner(taken, &directives), Some("/2021/a/"));
        }
        for free in [
            "/2021/a/",
            "/2021/a/phu-luc/",
            "/2021/b/thuc-hien/",
            "/thuc-hien/",
        ] {
            assert_eq!(relation_list_owner(free, &directives), None, "{free}");
        }
    }

    #[test]
    fn slugs_cannot_leave_their_folder() {
        assert!(check_slug("../../etc").is_err());
        assert!(check_slug("a/b").is_err());
        assert!(check_slug("..").is_err());
        assert!(check_slug("%2e%2e").is_err());
        assert!(check_slug("07-kl-tw").is_ok());
        assert!(url_of(Path::new("2021/x.md"), Some("!!!")).is_err());
    }

    proptest::proptest! {
        /// Whatever the file's path and slug, an accepted URL is a path of
        /// plain segments under the output: no `..`, no `.`, no `/` or backslash
        /// inside a segment, nothing encoded, no empty segment.
        #[test]
        fn urls_never_leave_the_output(
            folders in proptest::collection::vec("\\PC{0,12}", 0..4),
            stem in "\\PC{0,16}",
            slug in proptest::option::of("\\PC{0,16}"),
        ) {
            let mut path = folders.join("/");
            path.push_str(&format!("/{stem}.md"));
            let slug_ok = slug.as_deref().is_none_or(|s| check_slug(s).is_ok());
            if let (true, Ok(url)) = (slug_ok, url_of(Path::new(&path), slug.as_deref())) {
                proptest::prop_assert!(url.starts_with('/') && url.ends_with('/'), "{url}");
                for segment in url.trim_matches('/').split('/') {
                    proptest::prop_assert!(!segment.is_empty(), "{url}");
                    proptest::prop_assert!(
                        segment.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                        "{url}"
                    );
                }
            }
        }
    }
}

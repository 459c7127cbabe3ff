//! Lists that do not fit on one page, split into pages: which items a page
//! holds, and the links between the pages, for any list (the references,
//! a directive's relations of one kind, a document's citers).

use serde::Serialize;

/// Links between the pages of a list, as `partials/pagination.html`
/// shows them.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Pagination {
    pub(crate) current: usize,
    pub(crate) total: usize,
    pub(crate) previous: Option<String>,
    pub(crate) next: Option<String>,
    pub(crate) pages: Vec<PageLink>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageLink {
    pub(crate) number: usize,
    pub(crate) href: String,
    pub(crate) current: bool,
    /// Pages are left out just before this one (shown as "…").
    pub(crate) gap_before: bool,
}

/// Up to this many pages, each page links to every other.
const LIST_ALL: usize = 30;

impl Pagination {
    /// Page `page` (from 1) of `total`, page `n` at `href(n)`, linking the
    /// pages [`page_numbers`] gives.
    pub(crate) fn new(page: usize, total: usize, href: impl Fn(usize) -> String) -> Pagination {
        let mut previous = 0;
        let pages = page_numbers(page, total)
            .into_iter()
            .map(|n| {
                let link = PageLink {
                    number: n,
                    href: href(n),
                    current: n == page,
                    gap_before: n > previous + 1,
                };
                previous = n;
                link
            })
            .collect();
        Pagination {
            current: page,
            total,
            previous: (page > 1).then(|| href(page - 1)),
            next: (page < total).then(|| href(page + 1)),
            pages,
        }
    }
}

/// The page numbers page `page` of `total` links to: all of them when
/// there are few. Otherwise the pages fall into blocks of about the
/// square root of their number: the first page of every block, every page
/// of the current one, and the last. Any page is then two clicks away
/// (its block's first page, then itself), and a page lists about twice
/// the square root of the number of pages: linking every page from every
/// page would grow with the square of the list.
fn page_numbers(page: usize, total: usize) -> Vec<usize> {
    if total <= LIST_ALL {
        return (1..=total).collect();
    }
    let block = total.isqrt() + usize::from(total.isqrt().pow(2) < total);
    let own = (page.max(1) - 1) / block * block + 1;
    let mut numbers: Vec<usize> = (1..=total)
        .step_by(block)
        .chain(own..(own + block).min(total + 1))
        .chain(std::iter::once(total))
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

/// The range of a list of `len` items that page `page` (from 1) holds,
/// `per_page` a page.
pub(crate) fn slice(len: usize, page: usize, per_page: usize) -> std::ops::Range<usize> {
    let per_page = per_page.max(1);
    let start = (page.saturating_sub(1) * per_page).min(len);
    start..(start + per_page).min(len)
}

/// How many pages a list of `len` items takes, `per_page` a page; one for
/// an empty list, which still has its page.
pub(crate) fn page_count(len: usize, per_page: usize) -> usize {
    len.div_ceil(per_page.max(1)).max(1)
}

/// Page `page` of a list whose first page is at `url`: `url` itself, or
/// `<url>page/<n>/`.
pub(crate) fn page_url(url: &str, page: usize) -> String {
    let mut paged = url.to_owned();
    push_page(&mut paged, page);
    paged
}

/// Makes the URL of a list's first page in `url` that of page `page`:
/// nothing to add for the first, `page/<n>/` for the others.
pub(crate) fn push_page(url: &mut String, page: usize) {
    if page > 1 {
        use std::fmt::Write;
        let _ = write!(url, "page/{page}/");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(page: usize, total: usize) -> String {
        let pagination = Pagination::new(page, total, |n| format!("/p/{n}/"));
        pagination
            .pages
            .iter()
            .map(|p| {
                let gap = if p.gap_before { "… " } else { "" };
                let mark = if p.current { "*" } else { "" };
                format!("{gap}{}{mark}", p.number)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_few_pages_link_to_every_other() {
        assert_eq!(shown(1, 1), "1*");
        assert_eq!(shown(2, 4), "1 2* 3 4");
        assert_eq!(
            shown(30, 30).split(' ').count(),
            30,
            "up to thirty, every page"
        );
    }

    #[test]
    fn many_pages_are_each_two_clicks_from_any_other() {
        for total in [31, 99, 100, 101, 400, 2500] {
            let links = |page: usize| page_numbers(page, total);
            let bound = 2 * total.isqrt() + 4;
            for page in 1..=total {
                let first = links(page);
                assert!(
                    first.len() <= bound,
                    "{total}: page {page} lists {}",
                    first.len()
                );
                if total > 400 && page % 97 != 0 {
                    continue;
                }
                let reached: std::collections::BTreeSet<usize> = first
                    .iter()
                    .flat_map(|&p| links(p))
                    .chain(first.iter().copied())
                    .collect();
                assert_eq!(reached.len(), total, "{total}: from page {page}");
            }
        }
        assert_eq!(
            shown(5, 100),
            "1 2 3 4 5* 6 7 8 9 10 11 … 21 … 31 … 41 … 51 … 61 … 71 … 81 … 91 … 100"
        );
        assert_eq!(
            shown(55, 100),
            "1 … 11 … 21 … 31 … 41 … 51 52 53 54 55* 56 57 58 59 60 61 … 71 … 81 … 91 … 100"
        );
    }

    #[test]
    fn pages_hold_their_share_of_the_list() {
        assert_eq!(slice(25, 1, 10), 0..10);
        assert_eq!(slice(25, 3, 10), 20..25);
        assert_eq!(slice(25, 4, 10), 25..25);
        assert_eq!(page_count(25, 10), 3);
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(page_url("/a/b/", 1), "/a/b/");
        assert_eq!(page_url("/a/b/", 3), "/a/b/page/3/");
    }
}

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

/// Pages linked on either side of the current one.
const WINDOW: usize = 2;

impl Pagination {
    /// Page `page` (from 1) of `total`, page `n` at `href(n)`: the first
    /// and last pages and a few around the current one are linked, as
    /// linking every page from every page grows with the square of the
    /// list.
    pub(crate) fn new(page: usize, total: usize, href: impl Fn(usize) -> String) -> Pagination {
        let around = page.saturating_sub(WINDOW).max(1)..=(page + WINDOW).min(total);
        let mut numbers: Vec<usize> = std::iter::once(1)
            .chain(around)
            .chain(std::iter::once(total))
            .filter(|&n| (1..=total).contains(&n))
            .collect();
        numbers.dedup();
        let mut previous = 0;
        let pages = numbers
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
    if page <= 1 {
        url.to_owned()
    } else {
        format!("{url}page/{page}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(page: usize, total: usize) -> String {
        Pagination::new(page, total, |n| n.to_string())
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
    fn the_ends_and_the_pages_around_the_current_one_are_linked() {
        assert_eq!(shown(1, 1), "1*");
        assert_eq!(shown(2, 4), "1 2* 3 4");
        assert_eq!(shown(100, 250), "1 … 98 99 100* 101 102 … 250");
        assert_eq!(shown(250, 250), "1 … 248 249 250*");
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

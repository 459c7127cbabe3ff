//! The timeline's overview, drawn at build time as SVG, in one of two
//! ways. With a few directives, all on the page, one mark per directive on
//! an axis of months, coloured by level, each a link to its entry
//! ([`marks`]). With more, one bar per month, its directives stacked by
//! level, each a link to the month ([`bars`]): drawn the same size
//! whatever the number of directives.

use std::fmt::Write;

use super::output::escape_html as escape;
use super::phrasing;
use super::summary::{Summaries, entry_anchor};
use crate::date::{Date, YearMonth};
use crate::link::Archive;
use crate::model::Level;

const MARK: u32 = 12;
const GAP: u32 = 3;
/// Marks stacked in one column before a month gets another column.
const ROWS: u32 = 12;
const LEFT: u32 = 8;
const TOP: u32 = 8;
const AXIS: u32 = 34;
/// The narrowest a month is drawn, so its label fits.
const MONTH: u32 = 30;
/// The tallest bar.
const BAR_HEIGHT: u32 = 96;
/// The width of a month's bar, and of the room for it.
const BAR: u32 = 12;
const BAR_MONTH: u32 = 22;

/// Up to this many directives, on a page that holds all their entries,
/// an overview draws one mark for each; beyond, a bar for each month.
pub(crate) const MARKS: usize = 40;

/// Directives by level ([`Level::ALL`]'s order, then those of no level).
pub(crate) type LevelCounts = [usize; 6];

/// Where a directive of `level` is counted in [`LevelCounts`].
pub(crate) fn level_slot(level: Option<Level>) -> usize {
    level
        .and_then(|l| Level::ALL.iter().position(|&a| a == l))
        .unwrap_or(Level::ALL.len())
}

/// The class of a [`LevelCounts`] slot: `level-central`, `level-none`.
fn level_class(slot: usize) -> String {
    format!("level-{}", Level::ALL.get(slot).map_or("none", |l| l.key()))
}

/// The opening of an overview: its size, its name and what it draws.
fn open(svg: &mut String, width: u32, height: u32, description: &str) {
    let _ = write!(
        svg,
        "<svg class=\"overview\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" aria-labelledby=\"tong-quan-tieu-de tong-quan-mo-ta\"><title id=\"tong-quan-tieu-de\">{}</title><desc id=\"tong-quan-mo-ta\">{description}</desc>",
        phrasing::OVERVIEW_TITLE,
    );
}

/// A position `x` of an overview `width` wide as a share of its width.
///
/// An overview is drawn `width` wide at the least, and as wide as its
/// box: the stylesheet gives it `min-width: 100%`, and with no viewBox
/// nothing is scaled. Months are placed at a share of the width (an SVG
/// percentage), so on a wide screen they spread out while marks and
/// labels keep their size. On a phone it keeps `width` and scrolls.
fn share(x: u32, width: u32) -> String {
    format!("{:.3}%", f64::from(x) * 100.0 / f64::from(width))
}

/// The month labels under the axis at `baseline`: each month's number at
/// its `centre`, and the year from its `start`, under the first month and
/// under each January.
fn axis_labels(svg: &mut String, months: &[(YearMonth, u32, u32)], baseline: u32, width: u32) {
    for (slot, &(month, start, centre)) in months.iter().enumerate() {
        let _ = write!(
            svg,
            "<text class=\"month\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            share(centre, width),
            baseline + 13,
            month.month
        );
        if slot == 0 || month.month == 1 {
            let _ = write!(
                svg,
                "<text class=\"year\" x=\"{}\" dx=\"1\" y=\"{}\">{}</text>",
                share(start, width),
                baseline + 28,
                month.year
            );
        }
    }
}

/// One mark per directive of `dated` (date, index) over `months`, each
/// linking to its entry's anchor on the page; and a sentence saying what
/// it shows.
pub(crate) fn marks(
    archive: &Archive,
    summaries: &Summaries<'_>,
    dated: &[(Date, usize)],
    span: Option<(YearMonth, YearMonth)>,
) -> (String, String) {
    let Some((first, last)) = span else {
        return (String::new(), phrasing::NOTHING_YET.to_owned());
    };
    let months: Vec<YearMonth> = first.through(last).collect();
    let mut per_month: Vec<Vec<usize>> = vec![Vec::new(); months.len()];
    for &(date, index) in dated {
        let month = YearMonth::of(&date);
        if let Some(slot) = months.iter().position(|m| *m == month) {
            per_month[slot].push(index);
        }
    }
    for marks in &mut per_month {
        marks.sort_by_key(|&i| (archive.directives[i].date, i));
    }
    let busiest = per_month.iter().map(Vec::len).max().unwrap_or(0) as u32;
    let rows = busiest.clamp(1, ROWS);
    let height = TOP + rows * (MARK + GAP) + AXIS;
    let columns = |n: usize| (n as u32).div_ceil(ROWS).max(1);
    let widths: Vec<u32> = per_month
        .iter()
        .map(|m| (columns(m.len()) * (MARK + GAP) + 6).max(MONTH))
        .collect();
    let width = LEFT * 2 + widths.iter().sum::<u32>();

    let mut svg = String::new();
    open(&mut svg, width, height, phrasing::OVERVIEW_DESCRIPTION);
    let baseline = TOP + rows * (MARK + GAP);
    axis(&mut svg, baseline, width);
    let mut x = LEFT;
    let mut centres = Vec::with_capacity(months.len());
    for (slot, month) in months.iter().enumerate() {
        let marks = &per_month[slot];
        let centre = x + widths[slot] / 2;
        // The marks' columns, centred on the month, moved from its centre
        // by a translation in pixels.
        let first_column = -i64::from(columns(marks.len()) * (MARK + GAP) - GAP) / 2;
        for (n, &index) in marks.iter().enumerate() {
            let n = n as u32;
            let column = n / ROWS;
            let row = n % ROWS;
            let dx = first_column + i64::from(column * (MARK + GAP));
            let my = baseline - (row + 1) * (MARK + GAP);
            let directive = &archive.directives[index];
            let level = directive.level.map_or("none", Level::key);
            let name = match &directive.number {
                Some(number) => format!("{} {}", directive.kind, number),
                None => directive.kind.clone(),
            };
            let _ = write!(
                svg,
                "<a href=\"#{}\"><title>{}, {}</title><rect class=\"mark level-{level}\" x=\"{}\" y=\"{my}\" transform=\"translate({dx} 0)\" width=\"{MARK}\" height=\"{MARK}\" rx=\"1\"/></a>",
                entry_anchor(&summaries[index].id),
                escape(&name),
                directive.date.vietnamese_short(),
                share(centre, width)
            );
        }
        centres.push((*month, x, centre));
        x += widths[slot];
    }
    axis_labels(&mut svg, &centres, baseline, width);
    svg.push_str("</svg>");
    let counts: Vec<usize> = per_month.iter().map(Vec::len).collect();
    (svg, phrasing::overview(&months, &counts, dated.len()))
}

fn axis(svg: &mut String, baseline: u32, width: u32) {
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"{}\" y1=\"{baseline}\" x2=\"{}\" y2=\"{baseline}\"/>",
        share(LEFT, width),
        share(width - LEFT, width)
    );
}

/// One month's bar: its directives by level, and the page it leads to.
#[derive(Debug, Clone)]
pub(crate) struct Bar {
    pub(crate) month: YearMonth,
    pub(crate) counts: LevelCounts,
    pub(crate) href: Option<String>,
}

/// One bar per month of `bars`, its directives stacked by level, the
/// centre's at the foot; each a link to its month, named with its count.
/// And a sentence saying what it shows.
pub(crate) fn bars(bars: &[Bar]) -> (String, String) {
    let months: Vec<YearMonth> = bars.iter().map(|b| b.month).collect();
    let totals: Vec<usize> = bars.iter().map(|b| b.counts.iter().sum()).collect();
    let total: usize = totals.iter().sum();
    if bars.is_empty() {
        return (String::new(), phrasing::NOTHING_YET.to_owned());
    }
    let busiest = totals.iter().copied().max().unwrap_or(0).max(1);
    let width = LEFT * 2 + BAR_MONTH * bars.len() as u32;
    let baseline = TOP + BAR_HEIGHT;
    let height = baseline + AXIS;
    let mut svg = String::new();
    open(&mut svg, width, height, phrasing::BARS_DESCRIPTION);
    axis(&mut svg, baseline, width);
    let mut centres = Vec::with_capacity(bars.len());
    for (slot, bar) in bars.iter().enumerate() {
        let left = LEFT + slot as u32 * BAR_MONTH + (BAR_MONTH - BAR) / 2;
        centres.push((bar.month, left, left + BAR / 2));
        let count = totals[slot];
        if count == 0 {
            continue;
        }
        // At least two pixels, so that a month of one directive shows.
        let tall = ((count as u64 * u64::from(BAR_HEIGHT)).div_ceil(busiest as u64) as u32).max(2);
        let title = escape(&phrasing::month_count(bar.month, count));
        match &bar.href {
            Some(href) => {
                let _ = write!(svg, "<a href=\"{}\"><title>{title}</title>", escape(href));
            }
            None => {
                let _ = write!(svg, "<g><title>{title}</title>");
            }
        }
        let x = share(left, width);
        let mut below = 0usize;
        let mut bottom = baseline;
        for (level, &n) in bar.counts.iter().enumerate().filter(|(_, n)| **n > 0) {
            below += n;
            let top = baseline - (below as u64 * u64::from(tall)).div_ceil(count as u64) as u32;
            let _ = write!(
                svg,
                "<rect class=\"{}\" x=\"{x}\" y=\"{top}\" width=\"{BAR}\" height=\"{}\"/>",
                level_class(level),
                bottom - top
            );
            bottom = top;
        }
        svg.push_str(if bar.href.is_some() { "</a>" } else { "</g>" });
    }
    axis_labels(&mut svg, &centres, baseline, width);
    svg.push_str("</svg>");
    (svg, phrasing::overview(&months, &totals, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(year: i32, month: u8) -> YearMonth {
        YearMonth { year, month }
    }

    #[test]
    fn bars_stack_levels_to_their_month_total_and_link_to_it() {
        let (svg, text) = bars(&[
            Bar {
                month: month(2021, 5),
                counts: [2, 0, 0, 2, 0, 0],
                href: Some("/timeline/2021/05/".to_owned()),
            },
            Bar {
                month: month(2021, 6),
                counts: [0; 6],
                href: None,
            },
            Bar {
                month: month(2021, 7),
                counts: [0, 0, 0, 0, 0, 1],
                href: Some("/timeline/2021/07/".to_owned()),
            },
        ]);
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let links: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("a")).collect();
        assert_eq!(links.len(), 2, "an empty month is no link");
        assert_eq!(links[0].attribute("href"), Some("/timeline/2021/05/"));
        let heights = |link: &roxmltree::Node| -> Vec<u32> {
            link.children()
                .filter(|n| n.has_tag_name("rect"))
                .map(|n| n.attribute("height").unwrap().parse().unwrap())
                .collect()
        };
        assert_eq!(heights(&links[0]), [BAR_HEIGHT / 2, BAR_HEIGHT / 2]);
        assert_eq!(heights(&links[1]), [24], "a quarter of the busiest");
        let title = links[0].children().find(|n| n.has_tag_name("title"));
        assert_eq!(
            title.and_then(|t| t.text()),
            Some("Tháng 5/2021: 4 văn bản")
        );
        assert!(svg.contains("class=\"level-central\"") && svg.contains("class=\"level-none\""));
        assert_eq!(
            text,
            "5 văn bản từ tháng 5/2021 đến tháng 7/2021; nhiều nhất vào tháng 5/2021 (4 văn bản)."
        );
    }
}

//! The timeline's overview, drawn at build time as SVG: months on an axis,
//! one mark per directive coloured by level, each mark a link to its entry.

use std::fmt::Write;

use super::output::escape_html as escape;
use super::phrasing;
use super::summary::{Summaries, entry_anchor};
use crate::config::TimelineRange;
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

/// The SVG and a sentence saying what it shows.
pub(crate) fn draw(
    archive: &Archive,
    summaries: &Summaries<'_>,
    dated: &[(Date, usize)],
    range: TimelineRange,
) -> (String, String) {
    let Some((first, last)) = months_spanned(dated, range) else {
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

    // Drawn `width` wide at the least, and as wide as its box: the
    // stylesheet gives it `min-width: 100%`, and with no viewBox nothing
    // is scaled. Months are placed at a share of the width (an SVG
    // percentage), so on a wide screen they spread out while marks and
    // labels keep their size; a mark is moved from its month's centre by
    // a translation in pixels. On a phone it keeps `width` and scrolls.
    let share = |x: u32| format!("{:.3}%", f64::from(x) * 100.0 / f64::from(width));
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"overview\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" aria-labelledby=\"tong-quan-tieu-de tong-quan-mo-ta\"><title id=\"tong-quan-tieu-de\">{}</title><desc id=\"tong-quan-mo-ta\">{}</desc>",
        phrasing::OVERVIEW_TITLE,
        phrasing::OVERVIEW_DESCRIPTION,
    );
    let baseline = TOP + rows * (MARK + GAP);
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"{}\" y1=\"{baseline}\" x2=\"{}\" y2=\"{baseline}\"/>",
        share(LEFT),
        share(width - LEFT)
    );
    let mut x = LEFT;
    for (slot, month) in months.iter().enumerate() {
        let marks = &per_month[slot];
        let centre = x + widths[slot] / 2;
        // The marks' columns, centred on the month.
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
                share(centre)
            );
        }
        let _ = write!(
            svg,
            "<text class=\"month\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            share(centre),
            baseline + 13,
            month.month
        );
        if slot == 0 || month.month == 1 {
            let _ = write!(
                svg,
                "<text class=\"year\" x=\"{}\" dx=\"1\" y=\"{}\">{}</text>",
                share(x),
                baseline + 28,
                month.year
            );
        }
        x += widths[slot];
    }
    svg.push_str("</svg>");
    let counts: Vec<usize> = per_month.iter().map(Vec::len).collect();
    (svg, phrasing::overview(&months, &counts, dated.len()))
}

/// The first and last month drawn: from the site's range if set, else
/// from the directives' dates. The timeline starts where the overview does.
pub(super) fn months_spanned(
    dated: &[(Date, usize)],
    range: TimelineRange,
) -> Option<(YearMonth, YearMonth)> {
    let from_data = dated.iter().map(|(d, _)| YearMonth::of(d));
    let first = range.start.or_else(|| from_data.clone().min())?;
    let last = range.end.or_else(|| from_data.max())?;
    Some((first, last.max(first)))
}

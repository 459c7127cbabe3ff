//! What the pages say to a reader, in Vietnamese: every phrase made from
//! the archive's data is made here, so the wording is read and changed in
//! one place. The names of the contract's values (kinds of relation,
//! levels, circulation actions) are the model's; the language's rules
//! (folding, capitals, dates) are [`crate::vietnamese`]'s and
//! [`crate::date`]'s.

use std::fmt::Write as _;

use crate::date::{Date, YearMonth};
use crate::model::{Circulation, CirculationAction, Directive, System};
use crate::vietnamese;

/// "11 ngày sau", "cùng ngày", "3 ngày trước".
pub(crate) fn days(days: i64) -> String {
    match days {
        0 => "cùng ngày".to_owned(),
        d if d > 0 => format!("{d} ngày sau"),
        d => format!("{} ngày trước", -d),
    }
}

/// A circulation event's distance from the issue: "3 ngày sau khi ban hành".
pub(crate) fn days_after_issue(days_after: i64) -> String {
    format!("{} khi ban hành", days(days_after))
}

/// The first moment of a directive's life.
pub(crate) const ISSUED: &str = "Ban hành";

/// What an entry for a cited document with neither kind nor number says.
pub(crate) const UNNAMED_DOCUMENT: &str = "Văn bản";

/// How a tie names a directive: by its number ("07-KL/TW", whose symbol
/// says its kind), or by its kind and date.
pub(crate) fn directive_name(directive: &Directive) -> String {
    match &directive.number {
        Some(n) => n.clone(),
        None => format!(
            "{} ngày {}",
            directive.kind,
            directive.date.vietnamese_short()
        ),
    }
}

/// A directive as a link names it: "Công văn 571-CV/TU", or its kind
/// alone when it prints no number.
pub(crate) fn kind_and_number(directive: &Directive) -> String {
    match &directive.number {
        Some(number) => format!("{} {number}", directive.kind),
        None => directive.kind.clone(),
    }
}

/// The office that received or copied a directive, and under what number.
pub(crate) fn circulation_detail(event: &Circulation) -> String {
    match &event.number {
        Some(number) => format!("{}, số {}", event.office, number),
        None => event.office.clone(),
    }
}

/// The verb of a circulation tie: the office "nhận" or "sao lục" it.
pub(crate) fn circulation_verb(action: CirculationAction) -> &'static str {
    match action {
        CirculationAction::Received => "nhận",
        CirculationAction::Copied => "sao lục",
    }
}

/// The national line and motto of a document's header, by system.
pub(crate) fn national_lines(system: System) -> (&'static str, Option<&'static str>) {
    match system {
        System::Party => ("ĐẢNG CỘNG SẢN VIỆT NAM", None),
        System::State => (
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            Some("Độc lập - Tự do - Hạnh phúc"),
        ),
    }
}

/// "Số 07-KL/TW" (Party) or "Số: 4162/VPCP-TKBT" (state).
pub(crate) fn number_line(system: System, number: &str) -> String {
    match system {
        System::Party => format!("Số {number}"),
        System::State => format!("Số: {number}"),
    }
}

/// "Hà Nội, ngày 11 tháng 6 năm 2021", or "Ngày …" without a place.
pub(crate) fn place_date(place: Option<&str>, date: Date) -> String {
    match place {
        Some(place) => format!("{place}, {}", date.vietnamese_long()),
        None => capitalise(&date.vietnamese_long()),
    }
}

/// Splits a title as documents print it: "KẾT LUẬN CỦA BỘ CHÍNH TRỊ" in
/// capitals, "về …" below. A title that does not begin with its kind gets
/// the kind as its capital line.
pub(crate) fn heading(kind: &str, title: &str) -> (String, Option<String>) {
    if !vietnamese::fold(title).starts_with(&vietnamese::fold(kind)) {
        return (vietnamese::upper(kind), Some(title.to_owned()));
    }
    match title.find(" về ") {
        Some(i) => (
            vietnamese::upper(&title[..i]),
            Some(title[i + 1..].to_owned()),
        ),
        None => (vietnamese::upper(title), None),
    }
}

/// What a title says after its kind, when it begins with it (in any case)
/// and a space: "về việc …" of "Công văn về việc …". A list that has just
/// named the document by its kind and number goes on with this, as one
/// document cites another ("Công văn 2/BGTVT-VT (3/1/2020) về việc …"),
/// instead of saying the kind twice.
pub(crate) fn after_kind<'t>(title: &'t str, kind: &str) -> Option<&'t str> {
    let mut chars = title.char_indices();
    for k in kind.chars() {
        let (_, t) = chars.next()?;
        if !t.to_lowercase().eq(k.to_lowercase()) {
            return None;
        }
    }
    let (at, ' ') = chars.next()? else {
        return None;
    };
    let rest = title[at + 1..].trim_start();
    (!kind.is_empty() && !rest.is_empty()).then_some(rest)
}

/// Whether a document is a letter (công văn): it carries a "V/v" line
/// under its number instead of a printed title.
pub(crate) fn is_letter(kind: &str) -> bool {
    vietnamese::fold(kind) == "cong van"
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A year as the timeline names it: "Năm 2021".
pub(crate) fn year_label(year: i32) -> String {
    format!("Năm {year}")
}

/// The column of the timeline's table for directives of no level.
pub(crate) const NO_LEVEL: &str = "Chưa rõ cấp";

/// The link from a filter's most common terms to the facet's index.
pub(crate) fn all_terms(count: usize) -> String {
    format!("Tất cả {count} mục")
}

/// What an entry of a document outside the archive says of the
/// directives citing it beyond those it ties to: "và 12 văn bản khác".
pub(crate) fn more_citing(others: usize) -> String {
    format!("và {others} văn bản khác")
}

/// The timeline's overview's title and what it draws, for those who
/// cannot see it.
pub(crate) const OVERVIEW_TITLE: &str = "Tổng quan dòng thời gian";
pub(crate) const OVERVIEW_DESCRIPTION: &str =
    "Mỗi ô là một văn bản, xếp theo tháng ban hành, tô màu theo cấp ban hành.";

pub(crate) const BARS_DESCRIPTION: &str =
    "Mỗi cột là một tháng, cao theo số văn bản ban hành trong tháng, chia màu theo cấp ban hành.";

/// What a month's bar of the overview is named: "Tháng 6/2021: 412 văn bản".
pub(crate) fn month_count(month: YearMonth, count: usize) -> String {
    format!("{}: {count} văn bản", month.label())
}

/// What the timeline's overview says when there is nothing to draw.
pub(crate) const NOTHING_YET: &str = "Chưa có văn bản nào.";

/// The sentence that says what the overview shows: "120 văn bản từ tháng
/// 3/2020 đến tháng 12/2021; nhiều nhất vào tháng 7/2021 (14 văn bản)."
pub(crate) fn overview(months: &[YearMonth], per_month: &[usize], total: usize) -> String {
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return String::new();
    };
    let mut text = format!(
        "{total} văn bản từ {} đến {}",
        first.label().to_lowercase(),
        last.label().to_lowercase()
    );
    let busiest = per_month.iter().copied().max().unwrap_or(0);
    if busiest > 0 {
        let names: Vec<String> = months
            .iter()
            .zip(per_month)
            .filter(|&(_, &marks)| marks == busiest)
            .map(|(m, _)| m.label().to_lowercase())
            .collect();
        let _ = write!(
            text,
            "; nhiều nhất vào {} ({busiest} văn bản)",
            names.join(", ")
        );
    }
    text.push('.');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_split_at_ve() {
        assert_eq!(
            heading("Kết luận", "Kết luận của Bộ Chính trị về một số nhiệm vụ"),
            (
                "KẾT LUẬN CỦA BỘ CHÍNH TRỊ".to_owned(),
                Some("về một số nhiệm vụ".to_owned())
            )
        );
        assert_eq!(
            heading("Chỉ thị", "Về thực hiện cách ly"),
            (
                "CHỈ THỊ".to_owned(),
                Some("Về thực hiện cách ly".to_owned())
            )
        );
    }

    #[test]
    fn a_title_goes_on_after_its_kind() {
        assert_eq!(
            after_kind("Công văn về việc thí điểm", "Công văn"),
            Some("về việc thí điểm")
        );
        assert_eq!(
            after_kind("CÔNG VĂN về việc thí điểm", "Công văn"),
            Some("về việc thí điểm")
        );
        // The kind must be a word of its own, with diacritics as written.
        assert_eq!(after_kind("Công văn", "Công văn"), None);
        assert_eq!(after_kind("Công vănx về", "Công văn"), None);
        assert_eq!(after_kind("Công vấn về việc", "Công văn"), None);
        assert_eq!(after_kind("Về việc thực hiện Chỉ thị 05", "Công văn"), None);
        assert_eq!(after_kind("Kế", "Kế hoạch"), None);
        assert_eq!(after_kind("Về việc", ""), None);
    }

    #[test]
    fn letters_are_cong_van() {
        assert!(is_letter("Công văn"));
        assert!(is_letter("công văn"));
        assert!(!is_letter("Công điện"));
    }

    #[test]
    fn days_read_both_ways() {
        assert_eq!(days(0), "cùng ngày");
        assert_eq!(days(11), "11 ngày sau");
        assert_eq!(days(-3), "3 ngày trước");
    }
}

//! Vietnamese text in one place: Unicode normalisation, folding for
//! comparison, URL slugs, and dates written out the way documents print them.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Normalises text to NFC, so a file saved decomposed (NFD) means the same.
/// Takes the text by value: nearly every file is NFC already and is
/// returned as it came, without a copy.
pub fn nfc(text: String) -> String {
    if is_nfc(&text) {
        return text;
    }
    text.nfc().collect()
}

/// Whether `text` is in NFC already (by the quick check: "maybe" counts
/// as no, and [`nfc`] then normalises, which changes nothing).
pub fn is_nfc(text: &str) -> bool {
    surely_nfc(text)
        || unicode_normalization::is_nfc_quick(text.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// A quick answer for the usual Vietnamese text: characters below the
/// combining marks (U+0300), the precomposed Vietnamese letters
/// (U+1E00–U+1EFF) and common punctuation (U+2010–U+205E) never change
/// under NFC and never combine with what follows. Anything else gets the
/// full check. Read from the bytes: this runs over every file.
fn surely_nfc(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // ASCII, a continuation byte, or the lead of U+0080–U+02FF.
        if b < 0xCC {
            i += 1;
            continue;
        }
        let (Some(&b1), Some(&b2)) = (bytes.get(i + 1), bytes.get(i + 2)) else {
            return false;
        };
        let c = (u32::from(b & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
        let known = matches!(b, 0xE1 | 0xE2)
            && ((0x1E00..=0x1EFF).contains(&c) || (0x2010..=0x205E).contains(&c));
        if !known {
            return false;
        }
        i += 3;
    }
    true
}

/// Lower-cases and strips every diacritic (tones and vowel marks), with
/// `đ` → `d`: the form readers type on a keyboard without Vietnamese input.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match FoldTable::get().of(c) {
            Some(Folded::Dropped) => {}
            Some(Folded::Char(f)) => out.push(f),
            None => fold_char_slowly(c, &mut out),
        }
    }
    out
}

/// One character folded through Unicode: decomposed, marks dropped,
/// lower-cased. Folding a text character by character gives what folding
/// it whole does: decomposition maps each character on its own, and the
/// reordering of marks it adds does not matter once they are dropped.
fn fold_char_slowly(c: char, out: &mut String) {
    for c in std::iter::once(c).nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            // U+0110's look-alike from OCR (Latin capital eth / African D).
            'Ð' | 'ð' | 'Ɖ' | 'ɖ' => out.push('d'),
            _ => out.extend(c.to_lowercase()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Folded {
    Dropped,
    Char(char),
}

/// [`fold_char_slowly`] worked out once for the blocks Vietnamese text is
/// written in (Latin-1, Latin Extended-A and -B, the combining marks,
/// Latin Extended Additional): folding is in every lookup of a reference
/// and every search word, and Unicode decomposition is slow.
struct FoldTable {
    low: Vec<Option<Folded>>,
    high: Vec<Option<Folded>>,
}

const LOW: std::ops::Range<u32> = 0x80..0x370;
const HIGH: std::ops::Range<u32> = 0x1E00..0x1F00;

impl FoldTable {
    fn get() -> &'static FoldTable {
        static TABLE: std::sync::OnceLock<FoldTable> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| FoldTable {
            low: LOW.map(Self::entry).collect(),
            high: HIGH.map(Self::entry).collect(),
        })
    }

    /// `None` where one character folds to several, or is not a character.
    fn entry(code: u32) -> Option<Folded> {
        let c = char::from_u32(code)?;
        let mut out = String::new();
        fold_char_slowly(c, &mut out);
        let mut chars = out.chars();
        match (chars.next(), chars.next()) {
            (None, _) => Some(Folded::Dropped),
            (Some(f), None) => Some(Folded::Char(f)),
            _ => None,
        }
    }

    fn of(&self, c: char) -> Option<Folded> {
        let code = c as u32;
        if LOW.contains(&code) {
            self.low[(code - LOW.start) as usize]
        } else if HIGH.contains(&code) {
            self.high[(code - HIGH.start) as usize]
        } else {
            None
        }
    }
}

/// A URL segment: folded, ASCII letters and digits, words joined by `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c);
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// Upper-cases Vietnamese text; letters with diacritics map correctly
/// through Unicode, this only keeps the result in NFC.
pub fn upper(text: &str) -> String {
    text.to_uppercase().nfc().collect()
}

/// "Thực hiện" → "thực hiện": a label used inside a sentence.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A calendar date as printed on a document (no time, no zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`; carries a suggestion when the text is a
    /// Vietnamese-style `d/m/yyyy` date.
    Format { suggestion: Option<String> },
    /// Well formed but not on the calendar (2021-02-30).
    Impossible,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && (1000..=9999).contains(&year);
        valid.then_some(Date { year, month, day })
    }

    /// Parses an ISO date `YYYY-MM-DD`. Anything else is refused, with a
    /// hint for the day-first forms editors copy from the documents.
    pub fn parse_iso(text: &str) -> Result<Date, DateError> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if parts.len() == 3 && digits(parts[0], 4) && digits(parts[1], 2) && digits(parts[2], 2) {
            let parsed = (parts[0].parse(), parts[1].parse(), parts[2].parse());
            if let (Ok(y), Ok(m), Ok(d)) = parsed {
                return Date::new(y, m, d).ok_or(DateError::Impossible);
            }
        }
        Err(DateError::Format {
            suggestion: Self::parse_day_first(text).map(|d| d.iso()),
        })
    }

    /// `11/6/2021`, `11-6-2021`, `11.06.2021`: how dates are printed.
    fn parse_day_first(text: &str) -> Option<Date> {
        let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
        if parts.len() != 3 || parts[2].len() != 4 {
            return None;
        }
        let day = parts[0].parse().ok()?;
        let month = parts[1].parse().ok()?;
        let year = parts[2].parse().ok()?;
        Date::new(year, month, day)
    }

    /// `2021-06-11`
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `ngày 11 tháng 6 năm 2021`, `ngày 05 tháng 01 năm 2020`: the
    /// administrative style (Nghị định 30/2020/NĐ-CP) zero-pads days below
    /// 10 and the months January and February.
    pub fn vietnamese_long(&self) -> String {
        let month = if self.month <= 2 {
            format!("{:02}", self.month)
        } else {
            self.month.to_string()
        };
        format!("ngày {:02} tháng {} năm {}", self.day, month, self.year)
    }

    /// `11/6/2021`: the short form used in running text and lists.
    pub fn vietnamese_short(&self) -> String {
        format!("{}/{}/{}", self.day, self.month, self.year)
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for differences.
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's civil_from_days).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Today, by the system clock (UTC).
    pub fn today() -> Date {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days_since_epoch((seconds / 86_400) as i64)
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(&self, later: &Date) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.iso())
    }
}

/// A month of a year, for timelines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    pub month: u8,
}

impl YearMonth {
    /// `2020-01`.
    pub fn parse(text: &str) -> Option<YearMonth> {
        let (year, month) = text.trim().split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let month: u8 = month.parse().ok()?;
        let year: i32 = year.parse().ok()?;
        ((1..=12).contains(&month) && (1000..=9999).contains(&year))
            .then_some(YearMonth { year, month })
    }

    pub fn of(date: &Date) -> YearMonth {
        YearMonth {
            year: date.year,
            month: date.month,
        }
    }

    pub fn next(self) -> YearMonth {
        if self.month == 12 {
            YearMonth {
                year: self.year + 1,
                month: 1,
            }
        } else {
            YearMonth {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// `2021-06`: for anchors and keys.
    pub fn key(&self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// `Tháng 6/2021`.
    pub fn label(&self) -> String {
        format!("Tháng {}/{}", self.month, self.year)
    }

    /// Months from `self` to `end`, both included.
    pub fn through(self, end: YearMonth) -> impl Iterator<Item = YearMonth> {
        std::iter::successors(Some(self), move |m| (*m < end).then(|| m.next()))
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fold_table_agrees_with_unicode_folding() {
        // The whole text decomposed at once, as folding was first written.
        let whole = |text: &str| {
            let mut out = String::new();
            for c in text.nfd().filter(|&c| !is_combining_mark(c)) {
                match c {
                    'đ' | 'Đ' | 'Ð' | 'ð' | 'Ɖ' | 'ɖ' => out.push('d'),
                    _ => out.extend(c.to_lowercase()),
                }
            }
            out
        };
        for code in (0..0x2000).chain(0x1E00..0x1F00) {
            if let Some(c) = char::from_u32(code) {
                let text = format!("A{c}b");
                assert_eq!(fold(&text), whole(&text), "U+{code:04X}");
            }
        }
        // Decomposed input: the marks are dropped either way.
        let decomposed: String = "Kết luận Đảng".nfd().collect();
        assert_eq!(fold(&decomposed), "ket luan dang");
    }

    #[test]
    fn fold_drops_tones_vowel_marks_and_d_bar() {
        assert_eq!(fold("Phòng, chống dịch"), "phong, chong dich");
        assert_eq!(fold("ĐẢNG CỘNG SẢN VIỆT NAM"), "dang cong san viet nam");
        assert_eq!(fold("ă â ê ô ơ ư đ"), "a a e o o u d");
        assert_eq!(fold("Hộ chiếu vắc-xin"), "ho chieu vac-xin");
    }

    #[test]
    fn the_quick_nfc_answer_agrees_with_the_full_one() {
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        let ranges = [0u32..0x300, 0x1E00..0x1F00, 0x2010..0x205F];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(
                is_nfc_quick(text.chars()),
                IsNormalized::Yes,
                "U+{:04X}",
                c as u32
            );
            assert_eq!(nfc(text.clone()), text);
        }
        assert!(!surely_nfc("e\u{0301}"));
        assert_eq!(nfc("e\u{0301}".to_owned()), "é");
    }

    #[test]
    fn the_byte_level_quick_answer_reads_characters_right() {
        let sure =
            |c: u32| c < 0x300 || (0x1E00..=0x1EFF).contains(&c) || (0x2010..=0x205E).contains(&c);
        for c in (0u32..0x3000)
            .chain(0x1_F600..0x1_F610)
            .filter_map(char::from_u32)
        {
            let text = format!("aễ{c}b");
            assert_eq!(surely_nfc(&text), sure(c as u32), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn nfd_input_means_the_same() {
        let decomposed: String = "Kết luận".nfd().collect();
        assert_ne!(decomposed, "Kết luận");
        assert_eq!(nfc(decomposed.clone()), "Kết luận");
        assert_eq!(fold(&decomposed), "ket luan");
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("07-KL/TW"), "07-kl-tw");
        assert_eq!(slugify("4162/VPCP-TKBT"), "4162-vpcp-tkbt");
        assert_eq!(slugify("Đường đi  — đến!"), "duong-di-den");
        assert_eq!(slugify("1354-BC/BCSĐCP"), "1354-bc-bcsdcp");
        assert_eq!(slugify("..//"), "");
    }

    #[test]
    fn iso_dates_and_hints() {
        assert_eq!(
            Date::parse_iso("2021-06-11"),
            Ok(Date {
                year: 2021,
                month: 6,
                day: 11
            })
        );
        assert_eq!(Date::parse_iso("2021-02-29"), Err(DateError::Impossible));
        assert!(Date::parse_iso("2020-02-29").is_ok());
        assert_eq!(Date::parse_iso("2021-13-01"), Err(DateError::Impossible));
        assert_eq!(
            Date::parse_iso("11/6/2021"),
            Err(DateError::Format {
                suggestion: Some("2021-06-11".into())
            })
        );
        assert_eq!(
            Date::parse_iso("hôm qua"),
            Err(DateError::Format { suggestion: None })
        );
        assert_eq!(
            Date::parse_iso("2021-6-11"),
            Err(DateError::Format { suggestion: None })
        );
    }

    #[test]
    fn written_out_dates() {
        let d = Date::new(2021, 6, 11).unwrap();
        assert_eq!(d.vietnamese_long(), "ngày 11 tháng 6 năm 2021");
        assert_eq!(d.vietnamese_short(), "11/6/2021");
        let jan = Date::new(2020, 1, 5).unwrap();
        assert_eq!(jan.vietnamese_long(), "ngày 05 tháng 01 năm 2020");
        let feb = Date::new(2020, 2, 28).unwrap();
        assert_eq!(feb.vietnamese_long(), "ngày 28 tháng 02 năm 2020");
        let dec = Date::new(2020, 12, 1).unwrap();
        assert_eq!(dec.vietnamese_long(), "ngày 01 tháng 12 năm 2020");
    }

    #[test]
    fn months() {
        let start = YearMonth::parse("2020-11").unwrap();
        let end = YearMonth::parse("2021-02").unwrap();
        let keys: Vec<String> = start.through(end).map(|m| m.key()).collect();
        assert_eq!(keys, ["2020-11", "2020-12", "2021-01", "2021-02"]);
        assert_eq!(start.label(), "Tháng 11/2020");
        assert_eq!(YearMonth::parse("2020-13"), None);
        assert_eq!(YearMonth::parse("2020-1"), None);
    }

    #[test]
    fn days_round_trip() {
        for days in [-1000, 0, 18_000, 18_686, 20_000, 60_000] {
            let date = Date::from_days_since_epoch(days);
            assert_eq!(date.days_since_epoch(), days, "{date}");
        }
        assert_eq!(Date::from_days_since_epoch(18_789).iso(), "2021-06-11");
    }

    #[test]
    fn day_differences() {
        let a = Date::new(2021, 6, 11).unwrap();
        let b = Date::new(2021, 6, 22).unwrap();
        assert_eq!(a.days_until(&b), 11);
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(
            Date::new(2020, 3, 1).unwrap().days_since_epoch()
                - Date::new(2020, 2, 28).unwrap().days_since_epoch(),
            2
        );
    }

    proptest::proptest! {
        /// Any text: a date or an error, never a panic; a date read is on
        /// the calendar and reads back the same.
        #[test]
        fn dates_parse_or_refuse_and_round_trip(text in "\\PC{0,14}|[0-9]{4}-[0-9]{2}-[0-9]{2}") {
            if let Ok(date) = Date::parse_iso(&text) {
                proptest::prop_assert!((1..=12).contains(&date.month), "{text}");
                proptest::prop_assert!(date.day >= 1 && date.day <= 31, "{text}");
                proptest::prop_assert_eq!(Date::parse_iso(&date.iso()), Ok(date));
                proptest::prop_assert_eq!(date.iso(), text.trim());
            }
        }

        /// A slug is empty or plain lower-case letters, digits and single
        /// dashes inside, whatever it is made from.
        #[test]
        fn slugs_are_plain(text in "\\PC{0,40}") {
            let slug = slugify(&text);
            proptest::prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"), "{slug:?}");
            proptest::prop_assert!(slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{slug:?}");
        }
    }
}

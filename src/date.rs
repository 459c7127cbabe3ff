//! Calendar dates as documents print them: a day ([`Date`]), read from
//! ISO text and written out the Vietnamese way, and a month of a year
//! ([`YearMonth`]) for timelines.

/// A calendar date as printed on a document (no time, no zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub(crate) year: i32,
    pub(crate) month: u8,
    pub(crate) day: u8,
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`; carries a suggestion when the text is a
    /// Vietnamese-style `d/m/yyyy` date.
    Format {
        /// The same date as `YYYY-MM-DD`, to offer as the fix.
        suggestion: Option<String>,
    },
    /// Well formed but not on the calendar (2021-02-30).
    Impossible,
}

impl Date {
    pub(crate) fn new(year: i32, month: u8, day: u8) -> Option<Date> {
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
    pub(crate) fn iso(&self) -> String {
        let mut out = String::with_capacity(10);
        push_year(&mut out, self.year, true);
        out.push('-');
        push_padded(&mut out, self.month);
        out.push('-');
        push_padded(&mut out, self.day);
        out
    }

    /// `ngày 11 tháng 6 năm 2021`, `ngày 05 tháng 01 năm 2020`: the
    /// administrative style (Nghị định 30/2020/NĐ-CP) zero-pads days below
    /// 10 and the months January and February.
    pub(crate) fn vietnamese_long(&self) -> String {
        let mut out = String::with_capacity(32);
        out.push_str("ngày ");
        push_padded(&mut out, self.day);
        out.push_str(" tháng ");
        if self.month <= 2 {
            push_padded(&mut out, self.month);
        } else {
            push_small(&mut out, self.month);
        }
        out.push_str(" năm ");
        push_year(&mut out, self.year, false);
        out
    }

    /// `5/3` for 5 March, as the timeline heads a day's entries.
    pub(crate) fn day_and_month(&self) -> String {
        let mut text = String::with_capacity(5);
        push_small(&mut text, self.day);
        text.push('/');
        push_small(&mut text, self.month);
        text
    }

    /// `11/6/2021`: the short form used in running text and lists.
    pub(crate) fn vietnamese_short(&self) -> String {
        let mut out = String::with_capacity(10);
        push_small(&mut out, self.day);
        out.push('/');
        push_small(&mut out, self.month);
        out.push('/');
        push_year(&mut out, self.year, false);
        out
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for differences.
    fn days_since_epoch(&self) -> i64 {
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
    fn from_days_since_epoch(days: i64) -> Date {
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
    pub(crate) fn today() -> Date {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days_since_epoch((seconds / 86_400) as i64)
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub(crate) fn days_until(&self, later: &Date) -> i64 {
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
pub(crate) struct YearMonth {
    pub(crate) year: i32,
    pub(crate) month: u8,
}

impl YearMonth {
    /// `2020/01` pushed onto `out`, as a page's path names a month:
    /// by hand, since it names the month of every timeline link.
    pub(crate) fn push_path(&self, out: &mut String) {
        push_year(out, self.year, true);
        out.push('/');
        push_padded(out, self.month);
    }

    /// `2020-01`.
    pub(crate) fn parse(text: &str) -> Option<YearMonth> {
        let (year, month) = text.trim().split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let month: u8 = month.parse().ok()?;
        let year: i32 = year.parse().ok()?;
        ((1..=12).contains(&month) && (1000..=9999).contains(&year))
            .then_some(YearMonth { year, month })
    }

    pub(crate) fn of(date: &Date) -> YearMonth {
        YearMonth {
            year: date.year,
            month: date.month,
        }
    }

    pub(crate) fn next(self) -> YearMonth {
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
    pub(crate) fn key(&self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// `Tháng 6/2021`.
    pub(crate) fn label(&self) -> String {
        format!("Tháng {}/{}", self.month, self.year)
    }

    /// Months from `self` to `end`, both included.
    pub(crate) fn through(self, end: YearMonth) -> impl Iterator<Item = YearMonth> {
        std::iter::successors(Some(self), move |m| (*m < end).then(|| m.next()))
    }
}

// Dates are written for every link and list row of every page; these
// write their digits directly, where `format!` with padding cost a tenth
// of a microsecond each.

/// A day or month, at least two digits (`05`).
fn push_padded(out: &mut String, n: u8) {
    if n < 10 {
        out.push('0');
    }
    push_small(out, n);
}

/// A day or month as it is (`5`, `11`).
fn push_small(out: &mut String, n: u8) {
    if n >= 100 {
        out.push(char::from(b'0' + n / 100));
    }
    if n >= 10 {
        out.push(char::from(b'0' + n / 10 % 10));
    }
    out.push(char::from(b'0' + n % 10));
}

/// A year: four digits, as every valid date has; another as `{:04}`
/// writes it when `padded`, else as `{}` does.
fn push_year(out: &mut String, year: i32, padded: bool) {
    use std::fmt::Write;
    if (1000..=9999).contains(&year) {
        let y = year as u32;
        for divisor in [1000, 100, 10, 1] {
            // A digit: below 10 by the range checked above.
            out.push(char::from(b'0' + (y / divisor % 10) as u8));
        }
    } else {
        // Only a date built by hand in a test gets here.
        let _ = if padded {
            write!(out, "{year:04}")
        } else {
            write!(out, "{year}")
        };
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

    /// A month's path written by hand reads as `format!` writes it.
    #[test]
    fn months_are_written_as_format_writes_them() {
        for year in [5, 987, 1999, 2020, 2021, 12345] {
            for month in 1..=12 {
                let mut path = String::new();
                YearMonth { year, month }.push_path(&mut path);
                assert_eq!(path, format!("{year:04}/{month:02}"));
            }
        }
    }

    /// The digits written by hand read as `format!` writes them, for
    /// every day of two centuries and for years outside four digits.
    #[test]
    fn dates_are_written_as_format_writes_them() {
        let mut day = Date::new(1999, 1, 1).unwrap();
        let end = Date::new(2101, 1, 1).unwrap();
        while day < end {
            let Date {
                year,
                month,
                day: d,
            } = day;
            assert_eq!(day.iso(), format!("{year:04}-{month:02}-{d:02}"));
            assert_eq!(day.vietnamese_short(), format!("{d}/{month}/{year}"));
            assert_eq!(day.day_and_month(), format!("{d}/{month}"));
            let m = if month <= 2 {
                format!("{month:02}")
            } else {
                month.to_string()
            };
            assert_eq!(
                day.vietnamese_long(),
                format!("ngày {d:02} tháng {m} năm {year}")
            );
            day = Date::from_days_since_epoch(day.days_since_epoch() + 1);
        }
        let odd = Date {
            year: 987,
            month: 3,
            day: 4,
        };
        assert_eq!(odd.iso(), "0987-03-04");
        assert_eq!(odd.vietnamese_short(), "4/3/987");
        assert_eq!(odd.vietnamese_long(), "ngày 04 tháng 3 năm 987");
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
    }
}

//! Finding the directive a reference means. A number and symbol is not a
//! unique key: numbering restarts every year and symbols such as `/TU` are
//! shared by every province. So a reference resolves only to a document
//! issued on or before the citing one, preferring the citing document's own
//! issuer, then the most recent; what stays ambiguous is never guessed.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::body::references::number_key;
use crate::date::Date;
use crate::model::{Directive, RelationSpec};
use crate::vietnamese;

/// What a reference means, and when it means no directive, why not: the
/// editor is told a different thing for each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Resolution {
    Found(usize),
    /// No directive of the archive has that number (or title and date).
    NotFound,
    /// Only directives issued after the citing one match: the first of
    /// them. Every relation points back in time, so none is linked.
    Later(usize),
    /// Only the citing directive itself matches.
    Itself,
    Ambiguous(Vec<usize>),
}

impl Resolution {
    pub(crate) fn target(&self) -> Option<usize> {
        match self {
            Resolution::Found(index) => Some(*index),
            _ => None,
        }
    }
}

/// Indexes built once per build, so each lookup only sees the documents
/// that share a number or a date.
pub(crate) struct Resolver<'a> {
    directives: &'a [Arc<Directive>],
    by_number: FxHashMap<&'a str, Vec<usize>>,
    by_date: FxHashMap<Date, Vec<usize>>,
}

impl<'a> Resolver<'a> {
    pub(crate) fn new(directives: &'a [Arc<Directive>]) -> Resolver<'a> {
        let mut by_number: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        let mut by_date: FxHashMap<Date, Vec<usize>> = FxHashMap::default();
        for (index, directive) in directives.iter().enumerate() {
            if let Some(number) = &directive.number_key {
                by_number.entry(number).or_default().push(index);
            }
            by_date.entry(directive.date).or_default().push(index);
        }
        Resolver {
            directives,
            by_number,
            by_date,
        }
    }

    /// A front-matter relation: by number, else by title and date.
    pub(crate) fn resolve_spec(&self, citing: usize, spec: &RelationSpec) -> Resolution {
        match (&spec.number, &spec.title, spec.date) {
            (Some(number), _, date) => {
                self.resolve_number(citing, number, spec.issuer.as_deref(), date)
            }
            (None, Some(title), Some(date)) => self.resolve_title(citing, title, date),
            _ => Resolution::NotFound,
        }
    }

    /// A number as written, optionally narrowed by issuer and exact date.
    pub(crate) fn resolve_number(
        &self,
        citing: usize,
        number: &str,
        issuer: Option<&str>,
        date: Option<Date>,
    ) -> Resolution {
        let Some(candidates) = self.by_number.get(number_key(number).as_str()) else {
            return Resolution::NotFound;
        };
        let issuer = issuer.map(vietnamese::fold);
        let matching: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| date.is_none_or(|d| self.directives[i].date == d))
            .filter(|&i| {
                issuer
                    .as_ref()
                    .is_none_or(|s| &self.directives[i].folded_issuer == s)
            })
            .collect();
        self.earlier(citing, matching)
    }

    /// Chooses among the directives that match a reference those issued
    /// on or before the citing one; when none is, says why.
    fn earlier(&self, citing: usize, matching: Vec<usize>) -> Resolution {
        let citing_date = self.directives[citing].date;
        let (earlier, rest): (Vec<usize>, Vec<usize>) = matching
            .into_iter()
            .partition(|&i| i != citing && self.directives[i].date <= citing_date);
        if !earlier.is_empty() {
            return self.choose(citing, earlier);
        }
        let later = rest
            .iter()
            .copied()
            .filter(|&i| i != citing)
            .min_by_key(|&i| (self.directives[i].date, i));
        match later {
            Some(index) => Resolution::Later(index),
            None if rest.contains(&citing) => Resolution::Itself,
            None => Resolution::NotFound,
        }
    }

    /// The directive of `date` whose title begins with `title`, ignoring
    /// case and diacritics.
    fn resolve_title(&self, citing: usize, title: &str, date: Date) -> Resolution {
        let prefix = vietnamese::fold(title);
        let matching = self
            .by_date
            .get(&date)
            .map(|same_day| {
                same_day
                    .iter()
                    .copied()
                    .filter(|&i| vietnamese::fold(&self.directives[i].title).starts_with(&prefix))
                    .collect()
            })
            .unwrap_or_default();
        self.earlier(citing, matching)
    }

    /// Own issuer first, then the most recent; several issuers left, or
    /// several documents on the most recent date, is ambiguous.
    fn choose(&self, citing: usize, candidates: Vec<usize>) -> Resolution {
        if candidates.is_empty() {
            return Resolution::NotFound;
        }
        let own: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| self.directives[i].folded_issuer == self.directives[citing].folded_issuer)
            .collect();
        let pool = if own.is_empty() { candidates } else { own };
        let first_issuer = &self.directives[pool[0]].folded_issuer;
        if pool
            .iter()
            .any(|&i| &self.directives[i].folded_issuer != first_issuer)
        {
            return Resolution::Ambiguous(pool);
        }
        let latest = pool.iter().map(|&i| self.directives[i].date).max();
        let newest: Vec<usize> = pool
            .into_iter()
            .filter(|&i| Some(self.directives[i].date) == latest)
            .collect();
        match newest.as_slice() {
            [single] => Resolution::Found(*single),
            _ => Resolution::Ambiguous(newest),
        }
    }

    /// "07-KL/TW of Tỉnh ủy A (2021-06-11) or 07-KL/TW of Tỉnh ủy B
    /// (2021-05-02)", the latest first, for messages; past
    /// [`NAMED_CANDIDATES`], "A, B, C, D or one of 3 more".
    pub(crate) fn describe(&self, candidates: &[usize]) -> String {
        let named = |&i: &usize| {
            let d = &self.directives[i];
            format!(
                "{} of {} ({})",
                d.number.as_deref().unwrap_or(&d.title),
                d.issuer,
                d.date
            )
        };
        // A citation nearly always means a recent document. Sorting is
        // stable: of one date, the archive's order.
        let mut latest = candidates.to_vec();
        latest.sort_by_key(|&i| std::cmp::Reverse(self.directives[i].date));
        if latest.len() <= NAMED_CANDIDATES {
            return latest.iter().map(named).collect::<Vec<_>>().join(" or ");
        }
        // A number that many issuers use is ambiguous among many
        // documents of a large archive (up to 15 in the synthetic one of
        // 100,000): the message names the latest few and counts the rest.
        let shown: Vec<String> = latest[..NAMED_CANDIDATES].iter().map(named).collect();
        format!(
            "{} or one of {} more",
            shown.join(", "),
            latest.len() - NAMED_CANDIDATES
        )
    }
}

/// The most candidates a message names: an editor chooses among a few,
/// and a message stays one readable line however large the archive.
const NAMED_CANDIDATES: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Position;
    use crate::model::{Body, Directive, System};

    fn directive(number: Option<&str>, issuer: &str, date: &str, title: &str) -> Arc<Directive> {
        Arc::new(Directive {
            source_path: "content/x.md".into(),
            url: format!(
                "/{}/",
                vietnamese::slugify(&format!("{issuer} {date} {number:?}"))
            ),
            number: number.map(str::to_owned),
            number_key: number.map(number_key),
            number_position: Position::START,
            kind: "Công văn".into(),
            title: title.into(),
            issuer: issuer.into(),
            folded_issuer: vietnamese::fold(issuer),
            level: None,
            system: System::State,
            date: Date::parse_iso(date).unwrap(),
            place: None,
            signer: None,
            addressees: vec![],
            recipients: vec![],
            relations: vec![],
            circulation: vec![],
            tags: vec![],
            localities: vec![],
            source: None,
            summary: None,
            letterhead: vec![],
            subject: None,
            notes: vec![],
            draft: false,
            body: Body::default(),
        })
    }

    #[test]
    fn numbering_restarts_every_year_so_the_latest_earlier_one_wins() {
        let d = vec![
            directive(Some("05/CT-TTg"), "Thủ tướng Chính phủ", "2020-01-28", "a"),
            directive(Some("05/CT-TTg"), "Thủ tướng Chính phủ", "2021-01-28", "b"),
            directive(None, "Bộ Y tế", "2020-06-01", "citing in 2020"),
            directive(None, "Bộ Y tế", "2021-06-01", "citing in 2021"),
        ];
        let r = Resolver::new(&d);
        assert_eq!(
            r.resolve_number(2, "05/CT-TTg", None, None),
            Resolution::Found(0)
        );
        assert_eq!(
            r.resolve_number(3, "05/CT-TTg", None, None),
            Resolution::Found(1)
        );
        let dated = Date::parse_iso("2020-01-28").ok();
        assert_eq!(
            r.resolve_number(3, "05/CT-TTg", None, dated),
            Resolution::Found(0)
        );
    }

    #[test]
    fn shared_symbols_prefer_the_citing_issuer_and_otherwise_stay_ambiguous() {
        let d = vec![
            directive(Some("105-KL/TU"), "Tỉnh ủy Bắc Giang", "2021-05-16", "a"),
            directive(Some("105-KL/TU"), "Tỉnh ủy Kiên Giang", "2021-05-10", "b"),
            directive(Some("571-CV/TU"), "Tỉnh ủy Bắc Giang", "2021-07-22", "c"),
            directive(None, "Bộ Y tế", "2021-07-22", "d"),
        ];
        let r = Resolver::new(&d);
        assert_eq!(
            r.resolve_number(2, "105-KL/TU", None, None),
            Resolution::Found(0)
        );
        assert!(matches!(
            r.resolve_number(3, "105-KL/TU", None, None),
            Resolution::Ambiguous(_)
        ));
        assert_eq!(
            r.resolve_number(3, "105-KL/TU", Some("tỉnh ủy kiên giang"), None),
            Resolution::Found(1)
        );
    }

    #[test]
    fn a_message_names_the_latest_few_candidates_and_counts_the_rest() {
        let d: Vec<Arc<Directive>> = (1..=6)
            .map(|day| {
                let issuer = format!("UBND {day}");
                directive(Some("7/KH-UBND"), &issuer, &format!("2021-03-0{day}"), "a")
            })
            .collect();
        let r = Resolver::new(&d);
        let one = |day: usize| format!("7/KH-UBND of UBND {day} (2021-03-0{day})");
        // The latest first, in whatever order the candidates come.
        assert_eq!(r.describe(&[0, 1]), format!("{} or {}", one(2), one(1)));
        assert_eq!(r.describe(&[1, 0]), format!("{} or {}", one(2), one(1)));
        assert_eq!(
            r.describe(&[0, 1, 2, 3]),
            format!("{} or {} or {} or {}", one(4), one(3), one(2), one(1))
        );
        assert_eq!(
            r.describe(&[4, 0, 1, 2, 3]),
            format!(
                "{}, {}, {}, {} or one of 1 more",
                one(5),
                one(4),
                one(3),
                one(2)
            )
        );
        assert_eq!(
            r.describe(&[0, 1, 2, 3, 4, 5]),
            format!(
                "{}, {}, {}, {} or one of 2 more",
                one(6),
                one(5),
                one(4),
                one(3)
            )
        );
    }

    #[test]
    fn never_forward_in_time_and_never_itself() {
        let d = vec![
            directive(Some("1/X"), "A", "2021-01-02", "a"),
            directive(Some("2/X"), "A", "2021-01-01", "b"),
        ];
        let r = Resolver::new(&d);
        assert_eq!(r.resolve_number(1, "1/X", None, None), Resolution::Later(0));
        assert_eq!(r.resolve_number(0, "1/X", None, None), Resolution::Itself);
        assert_eq!(r.resolve_number(0, "2/X", None, None), Resolution::Found(1));
        assert_eq!(r.resolve_number(0, "3/X", None, None), Resolution::NotFound);
        let later = Date::parse_iso("2021-01-02").unwrap();
        assert_eq!(r.resolve_title(1, "a", later), Resolution::Later(0));
        assert_eq!(r.resolve_title(0, "a", later), Resolution::Itself);
    }

    #[test]
    fn title_and_date_match_a_title_prefix() {
        let d = vec![
            directive(
                None,
                "Ban Bí thư",
                "2021-07-21",
                "Điện của Thường trực Ban Bí thư về việc tiếp tục",
            ),
            directive(None, "Tỉnh ủy Bắc Giang", "2021-07-22", "x"),
        ];
        let r = Resolver::new(&d);
        let date = Date::parse_iso("2021-07-21").unwrap();
        assert_eq!(
            r.resolve_title(1, "dien cua thuong truc ban bi thu", date),
            Resolution::Found(0)
        );
        assert_eq!(r.resolve_title(1, "Chỉ thị", date), Resolution::NotFound);
    }
}

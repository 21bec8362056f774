//! A normalized query term → the date it names, when the whole term is one (`3月8日`,
//! `2023年3月8日`, `2023-03-08`, `2023年3月`), and whether a document's date is that date.
//!
//! A reader who types a date means the day's news more than a passing mention of it; the
//! ranking prefers the documents dated so among those that print it.

/// A date typed as a query term: a day or a month, with or without its year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Typed {
    year: Option<i64>,
    month: i64,
    day: Option<i64>,
}

impl Typed {
    /// The date `term` names, when the whole term is a date.
    pub fn read(term: &str) -> Option<Typed> {
        let (year, rest) = match term.split_once('年') {
            Some((year, rest)) => (Some(number(year, 4)?), rest),
            None => return Typed::dashed(term),
        };
        let (month, rest) = rest.split_once('月')?;
        let month = number(month, 2)?;
        let day = match rest {
            "" if year.is_some() => None,
            _ => Some(number(rest.strip_suffix(['日', '号'])?, 2)?),
        };
        Typed::valid(year, month, day)
    }

    /// `3月8日` alone, or a `YYYY-MM-DD` / `YYYY.MM.DD` / `YYYY/MM/DD` day.
    fn dashed(term: &str) -> Option<Typed> {
        if let Some((month, day)) = term.split_once('月') {
            let day = number(day.strip_suffix(['日', '号'])?, 2)?;
            return Typed::valid(None, number(month, 2)?, Some(day));
        }
        let separator = term.chars().find(|c| "-./".contains(*c))?;
        let parts: Vec<&str> = term.split(separator).collect();
        let [year, month, day] = parts[..] else {
            return None;
        };
        (year.len() == 4).then_some(())?;
        Typed::valid(Some(number(year, 4)?), number(month, 2)?, Some(number(day, 2)?))
    }

    fn valid(year: Option<i64>, month: i64, day: Option<i64>) -> Option<Typed> {
        let valid = (1..=12).contains(&month) && day.is_none_or(|d| (1..=31).contains(&d));
        valid.then_some(Typed { year, month, day })
    }

    /// Whether a document dated `date` (`YYYYMMDD`; `YYYY0000` for a year alone) is of this
    /// date.
    pub fn holds(&self, date: i64) -> bool {
        let (year, month, day) = (date / 10000, date / 100 % 100, date % 100);
        self.year.is_none_or(|y| y == year) && month == self.month && self.day.is_none_or(|d| d == day)
    }
}

/// The number `digits` prints (one to `most` ASCII digits), when that is all it prints.
fn number(digits: &str, most: usize) -> Option<i64> {
    let ok = (1..=most).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| digits.parse().ok())?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_months_as_papers_print_them() {
        let march_8 = Typed::read("3月8日").unwrap();
        assert!(march_8.holds(20230308) && march_8.holds(20240308));
        assert!(!march_8.holds(20230309) && !march_8.holds(20230000));
        let day = Typed::read("2023年3月8日").unwrap();
        assert!(day.holds(20230308) && !day.holds(20240308));
        assert_eq!(Typed::read("2023-03-08"), Some(day));
        assert_eq!(Typed::read("2023.3.8"), Some(day));
        assert_eq!(Typed::read("3月8号"), Some(march_8));
        let month = Typed::read("2023年3月").unwrap();
        assert!(month.holds(20230301) && month.holds(20230331) && !month.holds(20220315));
    }

    #[test]
    fn other_terms_name_no_date() {
        for term in [
            "3月",
            "城管",
            "13月8日",
            "3月32日",
            "2063.42亿元",
            "12.5",
            "2023年",
            "第3月8日",
            "1-2-3",
        ] {
            assert_eq!(Typed::read(term), None, "{term}");
        }
    }
}

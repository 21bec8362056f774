//! Queries and filters → how many documents match each one per period (day, week, month or
//! year), split by paper, region, city, province or kind: [`Trend`], counted by a collector
//! over the date and string fast fields, without loading or scoring a document.
//!
//! A query matches as a strict `search` does (every word, no relaxing), under the same
//! filters, so a period's count is the `total` of `search --strict --since P --until P`.
//! Periods run without gaps from the first to the last (from `--since` to `--until` when
//! given): a period without hits counts 0. A document without a date of the period's
//! precision (undated, or dated only to its year when the periods are shorter) is counted
//! apart, as `undated`.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::{filtered, query, Options, Query};
use crate::error::usage;
use crate::index::{schema, Store};

/// The most periods a trend may span.
const MAX_PERIODS: i64 = 5_000;

/// The length of a period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// One calendar day.
    Day,
    /// Monday to Sunday, named by its Monday.
    Week,
    /// One calendar month.
    #[default]
    Month,
    /// One calendar year.
    Year,
}

/// What the documents of one query are told apart by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    /// The paper that printed it.
    Paper,
    /// Its region (county, district or city).
    Region,
    /// Its prefecture-level city.
    City,
    /// Its province.
    Province,
    /// Article, column, photo caption or table row.
    Kind,
}

impl Split {
    fn field(self) -> &'static str {
        match self {
            Split::Paper => schema::PAPER,
            Split::Region => schema::REGION,
            Split::City => schema::CITY,
            Split::Province => schema::PROVINCE,
            Split::Kind => schema::KIND,
        }
    }
}

/// One period of a trend: its name and the first and last days it covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Span {
    /// `2023-03-08` (a day, or the Monday of a week), `2023-03` or `2023`.
    pub period: String,
    /// First day, `YYYY-MM-DD`.
    pub since: String,
    /// Last day, `YYYY-MM-DD`.
    pub until: String,
}

/// The counts of one query, or of one value of the split among its documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series {
    /// The query as written.
    pub query: String,
    /// The split's value (`牡丹晚报`); `None` for documents without one, or without a split.
    pub value: Option<String>,
    /// Matching documents in each period of [`Trend::periods`].
    pub counts: Vec<usize>,
    /// Matching documents without a date of the periods' precision.
    pub undated: usize,
}

impl Series {
    /// Every matching document of the series, dated or not.
    pub fn total(&self) -> usize {
        self.counts.iter().sum::<usize>() + self.undated
    }
}

/// Document counts per period for each query (and split value).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trend {
    /// The length of the periods.
    pub by: Period,
    /// What each query's documents are told apart by.
    pub split: Option<Split>,
    /// The periods, in order, without gaps.
    pub periods: Vec<Span>,
    /// One series per query, or per query and split value (most documents first).
    pub series: Vec<Series>,
}

impl Trend {
    /// A series' name: its query, its split value, or both when there are several queries
    /// and a split; `不详` for documents without a value.
    pub fn key(&self, series: &Series) -> String {
        let value = || series.value.clone().unwrap_or_else(|| "不详".to_string());
        let several = self.series.iter().any(|s| s.query != series.query);
        match (self.split, several) {
            (None, _) => series.query.clone(),
            (Some(_), false) => value(),
            (Some(_), true) => format!("{} · {}", series.query, value()),
        }
    }
}

/// Counts the documents matching each of `queries` (text as written, parsed) under the
/// filters of `options`, per `by` period, split by `split`.
pub fn trend(
    store: &Store,
    queries: &[(String, Query)],
    options: &Options,
    by: Period,
    split: Option<Split>,
) -> anyhow::Result<Trend> {
    let searcher = store.searcher();
    let mut tallies = Vec::with_capacity(queries.len());
    for (text, query) in queries {
        let planner = query::plan::Planner {
            fields: &store.fields,
            searcher: &searcher,
            expansions: &query.expansions,
        };
        let matching = filtered(store, &searcher, planner.plan(&query.tree), options)?;
        tallies.push((text.clone(), searcher.search(&matching, &Tally { by, split })?));
    }
    let dated = tallies.iter().flat_map(|(_, t)| t.keys().filter_map(|(_, p)| *p));
    let first = options.since.map(|d| by.of(start_of(d)).expect("a full date"));
    let last = options
        .until
        .map(|d| by.of(d).expect("an end date is a full date"));
    let (first, last) = match (first.or(dated.clone().min()), last.or(dated.max())) {
        (Some(first), Some(last)) => (first, last),
        _ => (0, -1),
    };
    if last - first >= MAX_PERIODS {
        return Err(usage(format!(
            "{} periods of a {} from {} to {} are too many (at most {MAX_PERIODS}); use a longer --by or narrow --since/--until",
            last - first + 1,
            by.name(),
            by.span(first).period,
            by.span(last).period,
        )));
    }
    let periods: Vec<Span> = (first..=last).map(|n| by.span(n)).collect();
    let mut series = Vec::new();
    for (text, tally) in tallies {
        let mut values: BTreeMap<Option<String>, Series> = BTreeMap::new();
        if split.is_none() {
            values.insert(None, empty(&text, None, periods.len()));
        }
        for ((value, period), count) in tally {
            let one = values
                .entry(value.clone())
                .or_insert_with(|| empty(&text, value, periods.len()));
            match period {
                Some(n) if (first..=last).contains(&n) => one.counts[(n - first) as usize] += count,
                Some(_) => {}
                None => one.undated += count,
            }
        }
        let mut values: Vec<Series> = values.into_values().collect();
        values.sort_by_key(|s| std::cmp::Reverse(s.total()));
        series.extend(values);
    }
    Ok(Trend {
        by,
        split,
        periods,
        series,
    })
}

fn empty(query: &str, value: Option<String>, periods: usize) -> Series {
    Series {
        query: query.to_string(),
        value,
        counts: vec![0; periods],
        undated: 0,
    }
}

/// `YYYYMMDD` → the first day it stands for (`YYYY0000`, a year, starts on January 1).
fn start_of(date: i64) -> i64 {
    if date % 10_000 == 0 {
        date + 101
    } else {
        date
    }
}

impl Period {
    /// `day`, `week`, `month` or `year`, as `--by` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Year => "year",
        }
    }

    /// The number of the period holding `date` (`YYYYMMDD`), periods counted in a row; `None`
    /// for a date known only to its year (`YYYY0000`) when periods are shorter than a year.
    pub fn of(self, date: i64) -> Option<i64> {
        let (year, month, day) = (date / 10_000, date / 100 % 100, date % 100);
        if month == 0 {
            return (self == Period::Year).then_some(year);
        }
        Some(match self {
            Period::Year => year,
            Period::Month => year * 12 + month - 1,
            Period::Day => days(year, month, day),
            // Day 0 (1970-01-01) is a Thursday: weeks start on the Monday three days before.
            Period::Week => (days(year, month, day) + 3).div_euclid(7),
        })
    }

    /// Period number `n` (as [`Period::of`] counts) named, with its first and last days.
    pub fn span(self, n: i64) -> Span {
        let day = |d: i64| {
            let (y, m, d) = civil(d);
            format!("{y:04}-{m:02}-{d:02}")
        };
        match self {
            Period::Year => Span {
                period: format!("{n:04}"),
                since: format!("{n:04}-01-01"),
                until: format!("{n:04}-12-31"),
            },
            Period::Month => {
                let (year, month) = (n.div_euclid(12), n.rem_euclid(12) + 1);
                let next = days(year + month / 12, month % 12 + 1, 1);
                Span {
                    period: format!("{year:04}-{month:02}"),
                    since: format!("{year:04}-{month:02}-01"),
                    until: day(next - 1),
                }
            }
            Period::Day => Span {
                period: day(n),
                since: day(n),
                until: day(n),
            },
            Period::Week => Span {
                period: day(n * 7 - 3),
                since: day(n * 7 - 3),
                until: day(n * 7 + 3),
            },
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of day `n` since 1970-01-01: the inverse of [`days`].
fn civil(n: i64) -> (i64, i64, i64) {
    let z = n + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Matching documents counted by (split value, period number).
type Counts = HashMap<(Option<String>, Option<i64>), usize>;

/// Counts matching documents by split value and period.
struct Tally {
    by: Period,
    split: Option<Split>,
}

impl Collector for Tally {
    type Fruit = Counts;
    type Child = SegmentTally;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentTally> {
        let fast = segment.fast_fields();
        let split = match self.split {
            Some(split) => fast.str(split.field())?,
            None => None,
        };
        Ok(SegmentTally {
            by: self.by,
            date: fast.i64(schema::DATE)?,
            split,
            counts: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut all = Counts::new();
        for fruit in fruits {
            for (key, count) in fruit {
                *all.entry(key).or_default() += count;
            }
        }
        Ok(all)
    }
}

/// One segment's counts, by term ordinal of the split column and period.
struct SegmentTally {
    by: Period,
    date: Column<i64>,
    split: Option<StrColumn>,
    counts: HashMap<(Option<u64>, Option<i64>), usize>,
}

impl SegmentCollector for SegmentTally {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _: Score) {
        let period = self.date.first(doc).and_then(|date| self.by.of(date));
        let mut ords = self
            .split
            .as_ref()
            .map(|c| c.term_ords(doc))
            .into_iter()
            .flatten()
            .peekable();
        if ords.peek().is_none() {
            *self.counts.entry((None, period)).or_default() += 1;
        }
        for ord in ords {
            *self.counts.entry((Some(ord), period)).or_default() += 1;
        }
    }

    fn harvest(self) -> Counts {
        let mut out = Counts::new();
        let mut value = String::new();
        for ((ord, period), count) in self.counts {
            let name = match (ord, &self.split) {
                (Some(ord), Some(column)) => {
                    value.clear();
                    column
                        .ord_to_str(ord, &mut value)
                        .unwrap_or(false)
                        .then(|| value.clone())
                }
                _ => None,
            };
            *out.entry((name, period)).or_default() += count;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_dates_round_trip_across_leap_years_and_eras() {
        assert_eq!(days(1970, 1, 1), 0);
        assert_eq!(days(2000, 3, 1) - days(2000, 2, 28), 2, "2000 is a leap year");
        assert_eq!(days(1900, 3, 1) - days(1900, 2, 28), 1, "1900 is not");
        for n in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil(n);
            assert_eq!(days(y, m, d), n);
        }
    }

    #[test]
    fn periods_name_their_days() {
        let span = |by: Period, date| by.span(by.of(date).unwrap());
        assert_eq!(
            span(Period::Week, 20230308),
            Span {
                period: "2023-03-06".into(),
                since: "2023-03-06".into(),
                until: "2023-03-12".into()
            },
            "2023-03-08 is a Wednesday: its week runs Monday 6 to Sunday 12"
        );
        assert_eq!(span(Period::Week, 20230306), span(Period::Week, 20230312));
        assert_ne!(span(Period::Week, 20230312), span(Period::Week, 20230313));
        assert_eq!(span(Period::Month, 20240215).until, "2024-02-29");
        assert_eq!(span(Period::Month, 20231231).until, "2023-12-31");
        assert_eq!(span(Period::Day, 20230308).period, "2023-03-08");
        assert_eq!(span(Period::Year, 20230000).period, "2023");
        assert_eq!(Period::Month.of(20230000), None, "a year alone is in no month");
        assert_eq!(
            Period::Month.of(20240101).unwrap() - Period::Month.of(20231201).unwrap(),
            1,
            "December and January are neighbours"
        );
    }
}

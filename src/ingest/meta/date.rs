//! Dates: the `M月D日` of an article's lead, completed with the page's year; a date in a
//! file's path; the year of a table's title.

use crate::analysis::normalize_str;
use crate::document::{DatePrecision, FoundDate};
use crate::ingest::calendar::{number_before, valid};

/// How far into the lead paragraph a report date may stand.
const LEAD_CHARS: usize = 160;

/// The years written as `YYYY年` in `text` (1990–2099, ASCII or full-width digits), in order of
/// appearance.
fn stated_years(text: &str) -> Vec<i32> {
    let digit = |c: char| match c {
        '0'..='9' => Some(c as i32 - '0' as i32),
        '０'..='９' => Some(c as i32 - '０' as i32),
        _ => None,
    };
    let mut last = [None; 5];
    let mut years = Vec::new();
    for c in text.chars() {
        if c == '年' {
            if let [before, Some(a), Some(b), Some(c), Some(d)] = last {
                let year = ((a * 10 + b) * 10 + c) * 10 + d;
                if before.is_none() && (1990..=2099).contains(&year) {
                    years.push(year);
                }
            }
        }
        last.rotate_left(1);
        last[4] = digit(c);
    }
    years
}

/// The latest plausible year written as `YYYY年` in `text`.
pub fn latest_year(text: &str) -> Option<i32> {
    stated_years(text).into_iter().max()
}

/// What a page tells about the year of its `M月D日` dates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageYear {
    /// The year of the page's printed date: it holds for every month.
    printed: Option<i32>,
    /// The latest year the text states (`2023年重点工作`), and whether it states the year before
    /// too (`2022年工作`).
    latest: Option<(i32, bool)>,
}

/// First month of the quarter in which a report looks ahead to the next year.
const LOOKING_AHEAD_FROM: u32 = 10;

impl PageYear {
    /// The year of a page dated `printed`, else the years its `text` states.
    pub fn of(printed: Option<i32>, text: &str) -> PageYear {
        if printed.is_some() {
            return PageYear {
                printed,
                latest: None,
            };
        }
        let years = stated_years(text);
        let latest = years.iter().max().map(|&max| (max, years.contains(&(max - 1))));
        PageYear { printed, latest }
    }

    /// The year of an `M月D日` of `month` on this page. Undated, a report states this year's
    /// work and plans, so the latest year it names is its own, except late in the year, when
    /// a report naming two years reviews this year's work and plans the next
    /// (`12月18日 … 2024年度 … 2025年度` → 2024).
    pub fn for_month(self, month: u32) -> Option<i32> {
        self.printed.or_else(|| {
            let (latest, with_year_before) = self.latest?;
            Some(if month >= LOOKING_AHEAD_FROM && with_year_before {
                latest - 1
            } else {
                latest
            })
        })
    }
}

/// The first `M月D日` in the lead (the paragraph that holds the byline, and the next one when
/// the byline stands alone), skipping dates announced for the future (`将于5月7日`).
pub fn lead_date(body: &str, year: PageYear) -> Option<FoundDate> {
    let mut paragraphs = body
        .split("\n\n")
        .skip_while(|p| !(p.contains("本报") || p.contains("记者")));
    let lead = [paragraphs.next()?, paragraphs.next().unwrap_or("")].concat();
    let lead: String = normalize_str(&lead).chars().take(LEAD_CHARS).collect();
    let chars: Vec<char> = lead.chars().collect();
    (0..chars.len()).find_map(|i| {
        let future = chars[..i].ends_with(&['将', '于']);
        let starts_number = i == 0 || !chars[i - 1].is_ascii_digit();
        month_day(&chars, i, year).filter(|_| starts_number && !future)
    })
}

/// Characters that may stand before the date that opens a digest item (`●12月16日,`).
const ITEM_MARKS: &str = "●○◆■□★☆▲△◎•·-—";

/// How many characters of an item's opening may hold the date it opens with (`10月18、19日`).
const OPENING_CHARS: usize = 12;

/// The `M月D日` an unsigned item opens with (`12月16日,黔江区政协…`): a digest item or a
/// caption is dated by its first words, never by a date deeper in its text.
pub fn opening_date(body: &str, year: PageYear) -> Option<FoundDate> {
    let first = body.split("\n\n").find(|p| !p.trim().is_empty())?;
    let opening: String = normalize_str(first)
        .chars()
        .filter(|c| !c.is_whitespace())
        .skip_while(|&c| ITEM_MARKS.contains(c))
        .take(OPENING_CHARS)
        .collect();
    let chars: Vec<char> = opening.chars().collect();
    month_day(&chars, 0, year)
}

/// Marks between the first and last day of a span (`18、19日`, `21日至22日`).
const DAY_SPANS: &str = "、至-—～~";

/// A valid `M月D日` starting at `chars[i]`, or the first day of a span of days printed
/// `M月D、D日` (`10月18、19日`).
fn month_day(chars: &[char], i: usize, year: PageYear) -> Option<FoundDate> {
    let (month, after_month) = number_before(chars, i, '月')?;
    let span = || {
        let digits = chars[after_month..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let mark = *chars.get(after_month + digits)?;
        let (_, end) = number_before(chars, after_month + digits + 1, '日')?;
        let day: String = chars[after_month..after_month + digits].iter().collect();
        (DAY_SPANS.contains(mark) && (1..=2).contains(&digits)).then(|| Some((day.parse().ok()?, end)))?
    };
    let (day, end) = number_before(chars, after_month, '日').or_else(span)?;
    let valid = (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then(|| found(month, day, year.for_month(month), chars[i..end].iter().collect()))
}

/// The year a table's title states (`菏泽市人民政府2023年经济社会发展责任目标…`), which its rows
/// carry: only the year is known.
pub fn table_year(title: &str) -> Option<FoundDate> {
    let year = latest_year(title)?;
    Some(FoundDate {
        date: None,
        text: format!("{year}年"),
        precision: DatePrecision::Year,
        source: "table",
    })
}

/// A year a file's path names alone (`pj_rb_1991.txt`, `1991/p3.txt`): four digits from 1990
/// on, between separators.
pub fn path_year(path: &str) -> Option<i32> {
    path.split(['/', '\\', '_', '-', '.', ' '])
        .filter(|part| part.len() == 4 && part.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|part| part.parse().ok())
        .find(|year| (1990..=2099).contains(year))
}

/// A date in a file's path: `2023-03-08`, `20230308`, `2023_03_08` or `2023/03/08`.
pub fn path_date(path: &str) -> Option<FoundDate> {
    let chars: Vec<char> = path.chars().collect();
    let digits = |at: usize, n: usize| -> Option<u32> {
        let run: String = chars.get(at..at + n)?.iter().collect();
        run.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| run.parse().ok())?
    };
    (0..chars.len()).find_map(|i| {
        if i > 0 && chars[i - 1].is_ascii_digit() {
            return None;
        }
        let year = digits(i, 4)?;
        let separator = chars.get(i + 4).filter(|c| "-_./".contains(**c));
        let step = usize::from(separator.is_some());
        let month = digits(i + 4 + step, 2)?;
        if step == 1 && chars.get(i + 6 + step) != separator {
            return None;
        }
        let day = digits(i + 6 + 2 * step, 2)?;
        let end = i + 8 + 2 * step;
        if chars.get(end).is_some_and(char::is_ascii_digit) {
            return None;
        }
        let date = valid(year as i32, month, day)?;
        Some(FoundDate {
            date: Some(date),
            text: chars[i..end].iter().collect(),
            precision: DatePrecision::Day,
            source: "path",
        })
    })
}

fn found(month: u32, day: u32, year: Option<i32>, text: String) -> FoundDate {
    FoundDate {
        date: year.map(|y| format!("{y:04}-{month:02}-{day:02}")),
        text,
        precision: if year.is_some() {
            DatePrecision::Day
        } else {
            DatePrecision::MonthDay
        },
        source: "text",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_dates() {
        let body = "副题\n\n本报讯(记者 时苏建)4月23日下午,会议召开。";
        let got = lead_date(body, PageYear::of(Some(2023), "")).unwrap();
        assert_eq!(got.date.as_deref(), Some("2023-04-23"));
        assert_eq!(got.text, "4月23日");
        let partial = lead_date("记者 王海楠\n\n3 月 20 日，发布会召开。", PageYear::default()).unwrap();
        assert_eq!((partial.date, partial.text.as_str()), (None, "3月20日"));
        assert_eq!(partial.precision, DatePrecision::MonthDay);
        assert!(lead_date(
            "本报讯(记者 张慧)比赛将于5月7日鸣枪开跑。",
            PageYear::of(Some(2023), "")
        )
        .is_none());
        assert!(lead_date("本报讯(记者 张慧)日前,记者获悉。", PageYear::of(Some(2023), "")).is_none());
    }

    #[test]
    fn an_unsigned_item_is_dated_by_the_date_it_opens_with() {
        let year = PageYear::of(None, "完成2024年度任务,部署2025年度工作");
        let got = opening_date("●12月16日,区政协召开会议。(王明)", year).unwrap();
        assert_eq!(got.date.as_deref(), Some("2024-12-16"));
        let spring = PageYear::of(None, "回顾2022年工作,部署2023年重点工作任务");
        let got = opening_date("3月8日,全市城管工作会议召开。", spring).unwrap();
        assert_eq!(got.date.as_deref(), Some("2023-03-08"));
        assert!(opening_date("会议指出,3月8日以来全市推进工作。", spring).is_none());
        let span = opening_date("10月18、19日,会议召开。", PageYear::of(Some(1991), "")).unwrap();
        assert_eq!(
            (span.date.as_deref(), span.text.as_str()),
            (Some("1991-10-18"), "10月18、19日")
        );
        let printed = PageYear::of(Some(2019), "2025年度");
        assert_eq!(printed.for_month(12), Some(2019));
    }

    #[test]
    fn path_dates() {
        for path in [
            "mdwb/2023-03-08/a3.txt",
            "20230308_a3.txt",
            "2023/03/08/a3.txt",
            "x_2023_03_08.txt",
        ] {
            assert_eq!(
                path_date(path).and_then(|d| d.date).as_deref(),
                Some("2023-03-08"),
                "{path}"
            );
        }
        for path in [
            "000_fd35be6c5f40bf06.txt",
            "2023-13-08.txt",
            "120230308.txt",
            "2023-03_08.txt",
        ] {
            assert!(path_date(path).is_none(), "{path}");
        }
    }

    #[test]
    fn path_years() {
        assert_eq!(path_year("pj_rb_1991.txt"), Some(1991));
        assert_eq!(path_year("1991/p3.txt"), Some(1991));
        assert_eq!(path_year("page_0012.txt"), None);
        assert_eq!(path_year("20230308_a3.txt"), None);
    }

    #[test]
    fn latest_year_ignores_other_numbers() {
        assert_eq!(latest_year("2022年工作,2023年任务,12345热线,10000人"), Some(2023));
        assert_eq!(latest_year("３０年来"), None);
        assert_eq!(latest_year("２０２２年"), Some(2022));
        assert_eq!(latest_year("12023年"), None, "five digits are no year");
    }
}

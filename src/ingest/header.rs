//! A line of a page → whether it is the header an e-paper or a news website prints above a
//! page or an article, and what it says: the issue date and the paper or site named.
//!
//! Headers are short lines without sentence punctuation, made of a date and the furniture
//! around it, in the forms papers and sites print:
//! `2021年05月12日 第A3版:要闻`, `潍坊日报 2023年12月28日 星期四`, `《四平日报》(2022年11月8日) 08版`,
//! `2019-02-15 来源:温州日报`, `兰州日报 2019-04-16`, `日期:2021年2月2日`, `2011.05.06`,
//! `12.03.2015 15:31`, `A1:某县*要闻总第3678期 >2021-04-28编印`, and the
//! dateless edition lines `当前版:01版`, `第002版:荆州要闻`, `本期共4版`, `发布日期:`. A name before the
//! date must read as a masthead (ending in 报, 网, 新闻, 融媒体中心 …), so that a sentence holding
//! a date (`会议于2022年8月30日召开`) is never taken for a header.

use super::calendar::{number_before, valid};
use crate::analysis::normalize_str;
use crate::document::{DatePrecision, FoundDate};

/// Longest header line, in characters of its normalized text.
const MAX_CHARS: usize = 48;

/// Longest masthead name before a header's date.
const MAX_NAME_CHARS: usize = 16;

/// Labels that may open a header before its date.
const DATE_LABELS: [&str; 5] = ["发布日期:", "发布时间:", "出版日期:", "日期:", "时间:"];

/// How mastheads and news sites end their names.
const MASTHEAD_ENDINGS: [&str; 8] = [
    "报",
    "网",
    "新闻",
    "融媒体中心",
    "融媒",
    "电视台",
    "广播电视台",
    "刊",
];

/// Endings of a `来源:` name that make it a government or other website, not a paper.
const SITE_ENDINGS: [&str; 6] = ["网站", "政府", "委员会", "局", "办公室", "部"];

/// What a header line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    /// The issue date, when the line prints one.
    pub date: Option<FoundDate>,
    /// The paper or news site the line names (a masthead, `来源:`), as printed.
    pub paper: Option<String>,
}

/// The header a paragraph's `lines` make when each of them is a header line (`2014年1月17日 星期`
/// over `第01版:要闻`): the first date and the first paper they print.
pub(crate) fn of_lines(lines: &[String]) -> Option<Header> {
    let mut headers = lines.iter().map(|line| read(line));
    let first = headers.next()??;
    headers.try_fold(first, |merged, header| {
        let header = header?;
        Some(Header {
            date: merged.date.or(header.date),
            paper: merged.paper.or(header.paper),
        })
    })
}

/// The header `line` is, if it is one.
pub(crate) fn read(line: &str) -> Option<Header> {
    // Folding never lengthens a line but by its full-width forms: most lines are far too long.
    if line
        .chars()
        .filter(|c| !c.is_whitespace())
        .nth(MAX_CHARS * 2)
        .is_some()
    {
        return None;
    }
    // Every header prints a number (a date, an edition) or names its date: most lines do not.
    let numbered = line
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if !numbered && !line.contains("日期") {
        return None;
    }
    let text = normalize_str(line);
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() || chars.len() > MAX_CHARS || text.contains(['。', ',', '!', '?', ';']) {
        return None;
    }
    if let Some(header) = edition_only(&text) {
        return Some(header);
    }
    if let Some(header) = issue_line(&chars) {
        return Some(header);
    }
    let start = DATE_LABELS
        .iter()
        .find_map(|label| text.strip_prefix(label))
        .map_or(0, |rest| chars.len() - rest.chars().count());
    let (at, date, end) = (start..chars.len()).find_map(|i| {
        date_at(&chars, i)
            .or_else(|| day_first_at(&chars, i))
            .map(|(d, e)| (i, d, e))
    })?;
    let name = masthead(&chars[start..at])?;
    let source = furniture(&chars[end..])?;
    let printed: String = chars[at..end].iter().collect();
    Some(Header {
        date: Some(FoundDate {
            date: Some(date),
            text: printed,
            precision: DatePrecision::Day,
            source: "page",
        }),
        paper: name.or(source),
    })
}

/// Whether `line` opens with a whole date (`2023年06月26日`, `2023-06-26`): a post's date line
/// (`2023年06月26日  某某`), never a headline.
pub(crate) fn opens_with_date(line: &str) -> bool {
    let chars: Vec<char> = normalize_str(line.trim_start()).chars().take(MAX_CHARS).collect();
    !chars.is_empty() && date_at(&chars, 0).is_some()
}

/// A line naming only an edition (`当前版:01版`, `第A1版:要闻`, `本期共4版`) or an empty date
/// label (`发布日期:`).
fn edition_only(text: &str) -> Option<Header> {
    let dateless = Header {
        date: None,
        paper: None,
    };
    let edition = text
        .strip_prefix("当前版:")
        .or_else(|| text.strip_prefix("本期共"))
        .is_some_and(|rest| {
            rest.trim_start_matches(|c: char| c.is_ascii_alphanumeric())
                .starts_with('版')
        });
    if edition || DATE_LABELS.contains(&text) || is_edition(text) {
        return Some(dateless);
    }
    None
}

/// A line numbering the issue (`A1:某县*要闻总第3678期 >2021-04-28编印`), as county papers print
/// over a page: a header, dated by the first date it prints.
fn issue_line(chars: &[char]) -> Option<Header> {
    let at = chars.windows(2).position(|w| w == ['总', '第'])?;
    let digits = chars[at + 2..].iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || chars.get(at + 2 + digits) != Some(&'期') {
        return None;
    }
    let date = (0..chars.len()).find_map(|i| date_at(chars, i).map(|(date, end)| (i, date, end)));
    Some(Header {
        date: date.map(|(start, date, end)| FoundDate {
            date: Some(date),
            text: chars[start..end].iter().collect(),
            precision: DatePrecision::Day,
            source: "page",
        }),
        paper: None,
    })
}

/// `第A3版`, `第002版:荆州要闻`: an edition number, then nothing or a colon and its rubric.
fn is_edition(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('第') else {
        return false;
    };
    let number = rest.trim_start_matches(|c: char| c.is_ascii_alphanumeric());
    number.len() < rest.len()
        && number
            .strip_prefix('版')
            .is_some_and(|r| r.is_empty() || r.starts_with(':'))
}

/// The date starting at `chars[i]` and the index after it: `YYYY年M月D日` (`日` may be left
/// out before `星期`), or `YYYY-M-D`, `YYYY.M.D`, `YYYY/M/D`.
fn date_at(chars: &[char], i: usize) -> Option<(String, usize)> {
    if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
        return None;
    }
    let year: String = chars.get(i..i + 4)?.iter().collect();
    let year: i32 = year
        .parse()
        .ok()
        .filter(|_| year.bytes().all(|b| b.is_ascii_digit()))?;
    let separator = *chars.get(i + 4)?;
    let (month, day, end) = if separator == '年' {
        let (month, after_month) = number_before(chars, i + 5, '月')?;
        match number_before(chars, after_month, '日') {
            Some((day, end)) => (month, day, end),
            None => {
                let digits = chars[after_month..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count();
                let day: String = chars[after_month..after_month + digits].iter().collect();
                let end = after_month + digits;
                if !(1..=2).contains(&digits) || !chars[end..].starts_with(&['星', '期']) {
                    return None;
                }
                (month, day.parse().ok()?, end)
            }
        }
    } else if "-./".contains(separator) {
        let number = |from: usize| -> Option<(u32, usize)> {
            let digits = chars
                .get(from..)?
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            let value: String = chars[from..from + digits].iter().collect();
            (1..=2)
                .contains(&digits)
                .then(|| Some((value.parse().ok()?, from + digits)))?
        };
        let (month, after_month) = number(i + 5)?;
        if chars.get(after_month) != Some(&separator) {
            return None;
        }
        let (day, end) = number(after_month + 1)?;
        (month, day, end)
    } else {
        return None;
    };
    Some((valid(year, month, day)?, end))
}

/// A day-first dotted date starting at `chars[i]` (`12.03.2015`, as web CMSes print a post's
/// time) and the index after it.
fn day_first_at(chars: &[char], i: usize) -> Option<(String, usize)> {
    let digits = |from: usize, n: usize| -> Option<u32> {
        let run: String = chars.get(from..from + n)?.iter().collect();
        run.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| run.parse().ok())?
    };
    if i > 0 && chars[i - 1].is_ascii_digit() {
        return None;
    }
    let day = digits(i, 2)?;
    let month = digits(i + 3, 2)?;
    let year = digits(i + 6, 4)?;
    let dotted = chars.get(i + 2) == Some(&'.') && chars.get(i + 5) == Some(&'.');
    let end = i + 10;
    let open = chars.get(end).is_none_or(|c| !c.is_ascii_digit());
    (dotted && open).then_some(())?;
    Some((valid(year as i32, month, day)?, end))
}

/// The masthead printed before a header's date: nothing, or a name such as `潍坊日报` or
/// `《四平日报》`. `None` when the text there is not a masthead; `Some(None)` when it is empty.
fn masthead(before: &[char]) -> Option<Option<String>> {
    let name: String = before.iter().collect();
    let name = name
        .trim()
        .trim_start_matches('《')
        .trim_end_matches(['(', ' '])
        .trim_end_matches('》');
    if name.is_empty() {
        return Some(None);
    }
    let plausible = name.chars().count() <= MAX_NAME_CHARS
        && name.chars().all(|c| !c.is_ascii_digit() && c != ':')
        && MASTHEAD_ENDINGS.iter().any(|ending| name.ends_with(ending));
    plausible.then(|| Some(name.to_string()))
}

/// What may follow a header's date: a weekday (`星期四`, `星期`), a closing bracket, a time, an
/// edition (`第A3版:要闻`, `08版`) and a source (`来源:温州日报`). `None` when anything else
/// does; else the source's paper, if it names one.
fn furniture(after: &[char]) -> Option<Option<String>> {
    let mut rest: String = after.iter().collect();
    loop {
        let trimmed = rest.trim_start_matches([' ', ')', '(']);
        if trimmed.is_empty() || is_edition(trimmed) {
            return Some(None);
        }
        if let Some(name) = trimmed.strip_prefix("来源:") {
            let name = name.split('(').next().unwrap_or_default().trim();
            let site = SITE_ENDINGS.iter().any(|ending| name.ends_with(ending));
            return Some((!name.is_empty() && !site).then(|| name.to_string()));
        }
        let next = if let Some(weekday) = trimmed.strip_prefix("星期") {
            weekday
                .strip_prefix(['一', '二', '三', '四', '五', '六', '日', '天'])
                .unwrap_or(weekday)
        } else if let Some(day) = trimmed.strip_prefix('周') {
            day.strip_prefix(['一', '二', '三', '四', '五', '六', '日'])
                .unwrap_or(day)
        } else {
            let digits = trimmed.trim_start_matches(|c: char| c.is_ascii_digit() || c == ':');
            let edition = digits.strip_prefix('版').filter(|_| digits.len() < trimmed.len());
            let time = (digits.len() < trimmed.len() && trimmed.contains(':')).then_some(digits);
            edition.or(time)?
        };
        if next.len() == trimmed.len() {
            return None;
        }
        rest = next.to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (date, paper) of `line` read as a header.
    fn read_as(line: &str) -> Option<(Option<String>, Option<String>)> {
        read(line).map(|h| (h.date.and_then(|d| d.date), h.paper))
    }

    fn some(date: &str, paper: Option<&str>) -> Option<(Option<String>, Option<String>)> {
        Some((Some(date.to_string()), paper.map(str::to_string)))
    }

    #[test]
    fn e_paper_and_masthead_headers() {
        assert_eq!(
            read_as("2021年05月12日 第A3版:今日牡丹区"),
            some("2021-05-12", None)
        );
        assert_eq!(read_as("2014年1月17日 星期"), some("2014-01-17", None));
        assert_eq!(read_as("2019年09月18星期三"), some("2019-09-18", None));
        assert_eq!(
            read_as("盐城晚报 2023年6月15日 星期四"),
            some("2023-06-15", Some("盐城晚报"))
        );
        assert_eq!(
            read_as("某某县融媒体中心 2023年12月22日 星期五"),
            some("2023-12-22", Some("某某县融媒体中心"))
        );
        assert_eq!(
            read_as("《某市日报》(2022年11月8日) 08版"),
            some("2022-11-08", Some("某市日报"))
        );
        assert_eq!(
            read_as("牡丹晚报 2022年08月30日 第A2版"),
            some("2022-08-30", Some("牡丹晚报"))
        );
    }

    #[test]
    fn web_and_government_headers() {
        assert_eq!(
            read_as("2019-02-15 来源:某市日报"),
            some("2019-02-15", Some("某市日报"))
        );
        assert_eq!(
            read_as("2018-01-21 来源：某某新闻网"),
            some("2018-01-21", Some("某某新闻网"))
        );
        assert_eq!(
            read_as("2023-03-02 来源:某市发改委网站"),
            some("2023-03-02", None)
        );
        assert_eq!(
            read_as("2007-12-06 来源:某某团网站(来源:某区)"),
            some("2007-12-06", None)
        );
        assert_eq!(
            read_as("某州日报 2019-04-16"),
            some("2019-04-16", Some("某州日报"))
        );
        assert_eq!(read_as("日期:2021年2月2日"), some("2021-02-02", None));
        assert_eq!(read_as("2011.05.06"), some("2011-05-06", None));
        assert_eq!(read_as("12.03.2015 15:31"), some("2015-03-12", None));
        assert_eq!(
            read_as("A1:某县*要闻总第3678期 >2021-04-28编印"),
            some("2021-04-28", None)
        );
        assert_eq!(read_as("25.08.2015"), some("2015-08-25", None));
        assert_eq!(read_as("2024年02月03日 第A05版:要闻"), some("2024-02-03", None));
    }

    #[test]
    fn edition_lines_are_headers_without_a_date() {
        for line in [
            "当前版:01版",
            "当前版：01版",
            "第002版:荆州要闻",
            "第A1版",
            "本期共4版(1-2-4)",
            "发布日期:",
        ] {
            assert_eq!(read_as(line), Some((None, None)), "{line}");
        }
    }

    #[test]
    fn a_date_line_over_an_edition_line_is_one_header() {
        let lines = ["2014年1月17日 星期".to_string(), "第01版:要闻".to_string()];
        let header = of_lines(&lines).unwrap();
        assert_eq!(header.date.and_then(|d| d.date).as_deref(), Some("2014-01-17"));
        let mixed = ["2014年1月17日".to_string(), "市委召开常委会议".to_string()];
        assert_eq!(of_lines(&mixed), None, "a headline under a date is no header");
    }

    #[test]
    fn sentences_and_bylines_are_not_headers() {
        for line in [
            "2021年是关键之年",
            "会议于2022年8月30日召开",
            "2023年3月8日，全市城管工作会议召开。",
            "2023年06月26日  某某某",
            "第一版面设计大赛",
            "2063.42亿元",
            "12.03.2015亿元",
            "这是总第3678期报纸的头版,2021-04-28出版。",
            "本报讯(记者 张三)2023年3月8日上午",
        ] {
            assert_eq!(read(line), None, "{line}");
        }
    }
}

//! A line of a page → whether it is the header an e-paper or a news website prints above a
//! page or an article, and what it says: the issue date and the paper or site named.
//!
//! Headers are short lines without sentence punctuation, made of a date and the fields
//! printed around it, in the forms papers and sites print:
//! `2021年05月12日 第A3版:要闻`, `潍坊日报 2023年12月28日 星期四`, `《四平日报》(2022年11月8日) 08版`,
//! `2019-02-15 来源:温州日报`, `兰州日报 2019-04-16`, `日期:2021年2月2日`, `2011.05.06`,
//! `12.03.2015 15:31`, `A1:某县*要闻总第3678期 >2021-04-28编印`,
//! `发布时间:2023-03-08 10:20 来源:某报 浏览次数:123`, `版次:A03 版名:要闻 日期:2023-03-08`,
//! `2023年3月8日 第3版 要闻`, `A3 要闻 2023年3月8日`, and the dateless lines `当前版:01版`,
//! `第002版:荆州要闻`, `本期共4版`, `发布日期:`, `首页 > 新闻中心`. A masthead alone on its line
//! (`某州晚报`) is part of the header printed beside it. Every field of a header must read as
//! one (a masthead ends in 报, 网, 新闻, 融媒体中心 …), so that a sentence holding a date
//! (`会议于2022年8月30日召开`) is never taken for a header.

use super::calendar::{number_before, valid};
use crate::analysis::{is_han, normalize_str};
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
/// over `第01版:要闻`) or a masthead alone (`某州晚报` over `2023年3月8日 第A3版`), and one is a
/// header line: the first date and the first paper they print.
pub(crate) fn of_lines(lines: &[String]) -> Option<Header> {
    let mut date = None;
    let mut paper = None;
    let mut headed = false;
    for line in lines {
        match read(line) {
            Some(header) => {
                headed = true;
                date = date.or(header.date);
                paper = paper.or(header.paper);
            }
            None => paper = paper.or(Some(masthead_line(line)?)),
        }
    }
    headed.then_some(Header { date, paper })
}

/// How a masthead printed alone on its line ends its name (not `新闻` or `刊`, which rubrics
/// such as `图片新闻` end with too).
const MASTHEAD_LINE_ENDINGS: [&str; 4] = ["报", "网", "融媒体中心", "广播电视台"];

/// The paper a line printing only a masthead names (`某州晚报`, `《某市日报》`, `某报数字报`):
/// a header's part when a header line stands beside it.
pub(crate) fn masthead_line(line: &str) -> Option<String> {
    // Most lines are far longer than a masthead.
    if line
        .chars()
        .filter(|c| !c.is_whitespace())
        .nth(MAX_NAME_CHARS + 2)
        .is_some()
    {
        return None;
    }
    let tokens = tokens(line);
    let [token] = tokens.as_slice() else {
        return None;
    };
    let (name, rest) = masthead(token)?;
    let strong = MASTHEAD_LINE_ENDINGS.iter().any(|ending| name.ends_with(ending));
    (rest.is_empty() && strong && name.chars().count() >= 3).then_some(name)
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
    if !numbered && !line.contains("日期") && !line.contains("首页") {
        return None;
    }
    let text = normalize_str(line);
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() || chars.len() > MAX_CHARS || text.contains(['。', ',', '!', '?', ';']) {
        return None;
    }
    if let Some(header) = dateless(&text) {
        return Some(header);
    }
    if let Some(header) = issue_line(&chars) {
        return Some(header);
    }
    let tokens = tokens(line);
    let mut fields = Fields::default();
    let mut k = 0;
    while k < tokens.len() {
        k = fields.read(&tokens, k)?;
    }
    (fields.date.is_some() || fields.edition).then(|| Header {
        date: fields.date.map(|(date, printed)| FoundDate {
            date: Some(date),
            text: printed,
            precision: DatePrecision::Day,
            source: "page",
        }),
        paper: fields.paper,
    })
}

/// Characters that part a header's fields besides whitespace: `【来源:某报】`, `《某报》(日期)`,
/// `日期 | 来源`.
const FIELD_BRACKETS: [char; 11] = ['(', ')', '（', '）', '【', '】', '[', ']', '《', '》', '|'];

/// The fields of a header line as printed, each normalized: parted by whitespace and brackets,
/// except the spaces a date is printed with (`2023年 3月 8日`).
fn tokens(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut tokens = Vec::new();
    let mut current = String::new();
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    for (i, &c) in chars.iter().enumerate() {
        let parting = c.is_whitespace() || FIELD_BRACKETS.contains(&c);
        if parting {
            // A space inside a date (`2023年 3月`, `3月 8日`) is no parting.
            let before = chars[..i].iter().rev().find(|c| !c.is_whitespace());
            let after = chars[i..].iter().find(|c| !c.is_whitespace());
            let inside_date = c.is_whitespace()
                && match (before, after) {
                    (Some(&b), Some(&a)) => {
                        (digit(b) && "年月日".contains(a)) || ("年月".contains(b) && digit(a))
                    }
                    _ => false,
                };
            if inside_date {
                continue;
            }
            if !current.is_empty() {
                tokens.push(normalize_str(&current));
                current.clear();
            }
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        tokens.push(normalize_str(&current));
    }
    tokens.retain(|t| !t.is_empty());
    tokens
}

/// Labels of a header field whose value is not read: who wrote or edited the page, how often
/// it was read, the font size links of a web page.
const OTHER_LABELS: [&str; 14] = [
    "作者:",
    "责任编辑:",
    "责编:",
    "编辑:",
    "审核:",
    "通讯员:",
    "记者:",
    "浏览次数:",
    "浏览:",
    "点击数:",
    "点击:",
    "阅读数:",
    "阅读:",
    "字号:",
];

/// Labels of an edition field: `版次:A03`, `版名:要闻`, `版面:要闻`.
const EDITION_LABELS: [&str; 4] = ["版次:", "版号:", "版名:", "版面:"];

/// What a mastheads's name may end with after the paper's name: its e-paper's name.
const E_PAPER_SUFFIXES: [&str; 4] = ["数字报", "电子报", "电子版", "数字版"];

/// Longest rubric of an edition (`第A3版 杭州新闻`), in characters.
const MAX_RUBRIC_CHARS: usize = 10;

/// What the fields of a header line read so far say.
#[derive(Debug, Default)]
struct Fields {
    /// The first date, with its printed form.
    date: Option<(String, String)>,
    /// The paper of the masthead or the first `来源:`.
    paper: Option<String>,
    /// Whether a `来源:` was read (a website's leaves the paper unknown).
    sourced: bool,
    /// Whether an edition was read (`第A3版`, `08版`, `版次:A03`); a bare code (`A3`) beside
    /// a date is read too, but alone makes no header.
    edition: bool,
}

impl Fields {
    /// Reads `tokens[k]` (and its value's token when a label stands alone), returning the
    /// index of the next token, or `None` when it is no header field.
    fn read(&mut self, tokens: &[String], k: usize) -> Option<usize> {
        let token = tokens[k].as_str();
        let next_value = |rest: &str| {
            if rest.is_empty() {
                (k + 2).min(tokens.len())
            } else {
                k + 1
            }
        };
        let mut rest = token;
        while !rest.is_empty() {
            if let Some(value) = rest.strip_prefix("来源:") {
                let name = match value {
                    "" => tokens.get(k + 1).map_or("", String::as_str),
                    _ => value,
                };
                if !self.sourced {
                    self.sourced = true;
                    self.paper = self.paper.take().or_else(|| source_paper(name));
                }
                return Some(next_value(value));
            }
            if let Some(value) = OTHER_LABELS.iter().find_map(|label| rest.strip_prefix(label)) {
                return Some(next_value(value));
            }
            if let Some(value) = EDITION_LABELS.iter().find_map(|label| rest.strip_prefix(label)) {
                self.edition = true;
                return Some(next_value(value));
            }
            if rest.starts_with("农历") {
                return Some(k + 1);
            }
            let chars: Vec<char> = rest.chars().collect();
            if let Some(label) = DATE_LABELS.iter().find(|label| rest.starts_with(*label)) {
                rest = &rest[label.len()..];
            } else if let Some((date, end)) = date_at(&chars, 0).or_else(|| day_first_at(&chars, 0)) {
                let printed: String = chars[..end].iter().collect();
                self.date.get_or_insert((date, printed));
                rest = &rest[chars[..end].iter().map(|c| c.len_utf8()).sum::<usize>()..];
            } else if let Some(after) = weekday(rest)
                .or_else(|| time(rest))
                .or_else(|| issue_number(rest))
            {
                rest = after;
            } else if let Some(after) = edition(rest) {
                self.edition = true;
                // An edition's rubric follows a colon, or stands as the next field.
                if after.starts_with(':') {
                    return Some(k + 1);
                }
                if after.is_empty() {
                    return Some(k + 1 + usize::from(tokens.get(k + 1).is_some_and(|t| is_rubric(t))));
                }
                rest = after;
            } else if rest == token && is_bare_code(rest) {
                return Some(k + 1 + usize::from(tokens.get(k + 1).is_some_and(|t| is_rubric(t))));
            } else {
                let (name, after) = masthead(rest)?;
                if self.paper.is_none() {
                    self.paper = Some(name);
                }
                rest = after;
            }
        }
        Some(k + 1)
    }
}

/// `text` after the weekday it opens with (`星期四`, `星期`, `周四`).
fn weekday(text: &str) -> Option<&str> {
    if let Some(rest) = text.strip_prefix("星期") {
        return Some(
            rest.strip_prefix(['一', '二', '三', '四', '五', '六', '日', '天'])
                .unwrap_or(rest),
        );
    }
    text.strip_prefix('周')?
        .strip_prefix(['一', '二', '三', '四', '五', '六', '日'])
}

/// `text` after the time of day it opens with (`15:31`, `10:20:31`).
fn time(text: &str) -> Option<&str> {
    let end = text
        .find(|c: char| !c.is_ascii_digit() && c != ':')
        .unwrap_or(text.len());
    let clock = &text[..end];
    let parts: Vec<&str> = clock.split(':').collect();
    let valid = (2..=3).contains(&parts.len()) && parts.iter().all(|p| (1..=2).contains(&p.len()));
    valid.then(|| &text[end..])
}

/// `text` after the issue number it opens with (`总第3678期`, `第3678期`).
fn issue_number(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("总第").or_else(|| text.strip_prefix('第'))?;
    let number = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    (number.len() < rest.len()).then_some(())?;
    number.strip_prefix('期')
}

/// `text` after the edition it opens with (`第A3版`, `08版`, `A03版`).
fn edition(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('第').unwrap_or(text);
    let digits = rest.trim_start_matches(|c: char| c.is_ascii_lowercase());
    let number = digits.trim_start_matches(|c: char| c.is_ascii_digit());
    (number.len() < digits.len() && digits.len() + 2 >= rest.len()).then_some(())?;
    number.strip_prefix('版')
}

/// An edition printed as a bare code (`A3`, `B02`): letters then up to three digits.
fn is_bare_code(text: &str) -> bool {
    let digits = text.trim_start_matches(|c: char| c.is_ascii_lowercase());
    (1..=2).contains(&(text.len() - digits.len()))
        && (1..=3).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
}

/// An edition's rubric printed as a field of its own: a few Han characters (`杭州新闻`,
/// `社会·民生`).
fn is_rubric(text: &str) -> bool {
    let count = text.chars().count();
    (2..=MAX_RUBRIC_CHARS).contains(&count) && text.chars().all(|c| is_han(c) || c == '·')
}

/// The masthead `text` opens with (`潍坊日报`, `某某县融媒体中心`, `某报数字报` → `某报`), up to
/// a digit or the end, and what follows it.
fn masthead(text: &str) -> Option<(String, &str)> {
    let end = text.find(|c: char| c.is_ascii_digit()).unwrap_or(text.len());
    let name = &text[..end];
    let name = E_PAPER_SUFFIXES
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix).filter(|n| n.ends_with('报')))
        .unwrap_or(name);
    let plausible = (2..=MAX_NAME_CHARS).contains(&name.chars().count())
        && name.chars().all(is_han)
        && !name.starts_with("本报")
        && MASTHEAD_ENDINGS.iter().any(|ending| name.ends_with(ending));
    plausible.then(|| (name.to_string(), &text[end..]))
}

/// The paper a source names (`来源:某市日报` → 某市日报), unless it is a government or other
/// website (`某市发改委网站`, `某区政府`).
fn source_paper(name: &str) -> Option<String> {
    let site = SITE_ENDINGS.iter().any(|ending| name.ends_with(ending));
    (!name.is_empty() && !site).then(|| name.to_string())
}

/// The paper a source line printed under a piece names: `来源:某市日报`, `(来源：某市日报)`,
/// `来源:某市日报 作者:张某`.
pub(crate) fn source_line_paper(line: &str) -> Option<String> {
    let tokens = tokens(line);
    let first = tokens.first()?;
    let value = first.strip_prefix("来源:")?;
    let name = if value.is_empty() { tokens.get(1)? } else { value };
    let plausible = name.chars().count() <= MAX_NAME_CHARS && name.chars().all(is_han);
    source_paper(name).filter(|_| plausible)
}

/// Whether `line` opens with a whole date (`2023年06月26日`, `2023-06-26`): a post's date line
/// (`2023年06月26日  某某`), never a headline.
pub(crate) fn opens_with_date(line: &str) -> bool {
    let chars: Vec<char> = normalize_str(line.trim_start()).chars().take(MAX_CHARS).collect();
    !chars.is_empty() && date_at(&chars, 0).is_some()
}

/// A line opening a page without a date: its edition named in words (`当前版:01版`,
/// `本期共4版`), an empty date label (`发布日期:`), a breadcrumb trail.
fn dateless(text: &str) -> Option<Header> {
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
    (edition || DATE_LABELS.contains(&text) || is_breadcrumb(text)).then_some(dateless)
}

/// Labels of a web page's breadcrumb trail before its first link.
const BREADCRUMB_LABELS: [&str; 5] = [
    "当前位置:",
    "您的位置:",
    "您现在的位置:",
    "您当前的位置:",
    "位置:",
];

/// A web page's breadcrumb trail (`首页 > 新闻中心 > 本地新闻`, `当前位置:首页»要闻`): what
/// opens a page, never a headline.
fn is_breadcrumb(text: &str) -> bool {
    let trail = BREADCRUMB_LABELS
        .iter()
        .find_map(|label| text.strip_prefix(label))
        .unwrap_or(text);
    let home = ["首页", "网站首页", "主页"].iter().any(|h| trail.starts_with(h));
    home && trail.contains(['>', '»', '→'])
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
    fn fields_in_any_order_and_spacing() {
        for (line, date, paper) in [
            ("2023年3月8日 星期三 第A3版 某州新闻", "2023-03-08", None),
            ("第A3版：某州新闻 2023年3月8日", "2023-03-08", None),
            (
                "发布时间：2023-03-08 10:20  来源：某州日报  浏览次数：123",
                "2023-03-08",
                Some("某州日报"),
            ),
            (
                "2023-03-08 08:30:15 来源：某州日报 作者：张某",
                "2023-03-08",
                Some("某州日报"),
            ),
            ("来源：某州日报  2023-03-08", "2023-03-08", Some("某州日报")),
            ("版次：A03  版名：某州新闻  日期：2023-03-08", "2023-03-08", None),
            ("2023年03月08日 星期三 农历癸卯年二月十七", "2023-03-08", None),
            ("A3 某州新闻 2023年3月8日", "2023-03-08", None),
            ("某州日报数字报 2023-03-08", "2023-03-08", Some("某州日报")),
            ("2023年3月8日\u{3000}第3版\u{3000}要闻", "2023-03-08", None),
            (
                "【发布时间：2023-03-08】【来源：某州日报】",
                "2023-03-08",
                Some("某州日报"),
            ),
            (
                "时间：2023-03-08 10:20:31 来源：某州日报 编辑：李某",
                "2023-03-08",
                Some("某州日报"),
            ),
            ("2023年 3月 8日 第3678期", "2023-03-08", None),
        ] {
            assert_eq!(read_as(line), some(date, paper), "{line}");
        }
        assert_eq!(read_as("第A3版 某州新闻"), Some((None, None)));
        assert_eq!(read("A3 某州新闻"), None, "a bare code needs a date beside it");
        assert_eq!(read("2023年3月8日 全市召开会议"), None, "a headline is no field");
        assert_eq!(read("2023年3月8日 星期三 晴"), None);
    }

    #[test]
    fn a_masthead_alone_over_a_date_line_is_the_header_s() {
        let lines = [
            "某州晚报".to_string(),
            "2023年3月8日 星期三 第A3版 某州新闻".to_string(),
        ];
        let header = of_lines(&lines).unwrap();
        assert_eq!(header.paper.as_deref(), Some("某州晚报"));
        assert_eq!(header.date.and_then(|d| d.date).as_deref(), Some("2023-03-08"));
        assert_eq!(masthead_line("《某市日报》").as_deref(), Some("某市日报"));
        assert_eq!(masthead_line("图片新闻"), None, "a rubric ends in 新闻 too");
        assert_eq!(masthead_line("市民爱读晚报 天天读报"), None);
        let alone = ["某州晚报".to_string(), "某州晚报".to_string()];
        assert_eq!(of_lines(&alone), None, "mastheads alone make no header");
    }

    #[test]
    fn a_source_line_names_its_paper() {
        assert_eq!(source_line_paper("来源：某市日报").as_deref(), Some("某市日报"));
        assert_eq!(
            source_line_paper("（来源：某市日报）").as_deref(),
            Some("某市日报")
        );
        assert_eq!(
            source_line_paper("来源: 某市日报  作者：张某").as_deref(),
            Some("某市日报")
        );
        assert_eq!(source_line_paper("来源：某市发改委网站"), None);
        assert_eq!(source_line_paper("数据来源：某市统计局"), None);
        assert_eq!(source_line_paper("来源：2023年统计公报"), None);
    }

    #[test]
    fn a_breadcrumb_trail_opens_a_page() {
        for line in [
            "首页 > 新闻中心 > 本地新闻",
            "当前位置：首页 » 要闻",
            "您现在的位置: 网站首页 > 正文",
        ] {
            assert_eq!(read_as(line), Some((None, None)), "{line}");
        }
        assert_eq!(read("首页新闻"), None);
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

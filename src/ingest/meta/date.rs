//! Dates: the `M月D日` of an article's lead, completed with the page's year; a date in a
//! file's path; the year of a table's title.

use crate::analysis::normalize_str;
use crate::document::{DatePrecision, FoundDate};
use crate::ingest::calendar::{number_before, valid};

/// How far into the lead paragraph a report date may stand.
const LEAD_CHARS: usize = 160;

/// The latest plausible year written as `YYYY年` on the page.
pub fn latest_year(text: &str) -> Option<i32> {
    let text = normalize_str(text);
    text.match_indices('年')
        .filter_map(|(at, _)| {
            let digits = text[..at].get(at.saturating_sub(4)..)?;
            let year: i32 = digits.parse().ok()?;
            (digits.len() == 4 && (1990..=2099).contains(&year)).then_some(year)
        })
        .max()
}

/// The first `M月D日` in the lead (the paragraph that holds the byline, and the next one when
/// the byline stands alone), skipping dates announced for the future (`将于5月7日`).
pub fn lead_date(body: &str, year: Option<i32>) -> Option<FoundDate> {
    let mut paragraphs = body
        .split("\n\n")
        .skip_while(|p| !(p.contains("本报") || p.contains("记者")));
    let lead = [paragraphs.next()?, paragraphs.next().unwrap_or("")].concat();
    let lead: String = normalize_str(&lead).chars().take(LEAD_CHARS).collect();
    let chars: Vec<char> = lead.chars().collect();
    (0..chars.len()).find_map(|i| {
        let (month, after_month) = number_before(&chars, i, '月')?;
        let (day, end) = number_before(&chars, after_month, '日')?;
        let future = chars[..i].ends_with(&['将', '于']);
        let valid = (1..=12).contains(&month) && (1..=31).contains(&day);
        let starts_number = i == 0 || !chars[i - 1].is_ascii_digit();
        (valid && starts_number && !future).then(|| found(month, day, year, chars[i..end].iter().collect()))
    })
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
        let got = lead_date(body, Some(2023)).unwrap();
        assert_eq!(got.date.as_deref(), Some("2023-04-23"));
        assert_eq!(got.text, "4月23日");
        let partial = lead_date("记者 王海楠\n\n3 月 20 日，发布会召开。", None).unwrap();
        assert_eq!((partial.date, partial.text.as_str()), (None, "3月20日"));
        assert_eq!(partial.precision, DatePrecision::MonthDay);
        assert!(lead_date("本报讯(记者 张慧)比赛将于5月7日鸣枪开跑。", Some(2023)).is_none());
        assert!(lead_date("本报讯(记者 张慧)日前,记者获悉。", Some(2023)).is_none());
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
    fn latest_year_ignores_other_numbers() {
        assert_eq!(latest_year("2022年工作,2023年任务,12345热线,10000人"), Some(2023));
        assert_eq!(latest_year("３０年来"), None);
    }
}

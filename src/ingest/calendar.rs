//! Printed dates → calendar dates: the number before a unit (`5月`, `12日`), a plausible
//! `YYYY-MM-DD`, and the full date an e-paper header line opens with. Shared by the page
//! splitter, which sets a header line apart, and the metadata, which dates the page by it.

use crate::analysis::normalize_str;
use crate::document::{DatePrecision, FoundDate};

/// The full date of an e-paper header line: one that opens with `2021年05月12日`, or names
/// its edition (`牡丹晚报 2021年05月12日 第A3版`).
pub(super) fn header_date(line: &str) -> Option<FoundDate> {
    let line = normalize_str(line);
    let chars: Vec<char> = line.chars().collect();
    (0..chars.len())
        .filter(|&i| i == 0 || line.contains('版'))
        .find_map(|i| {
            if i > 0 && chars[i - 1].is_ascii_digit() {
                return None;
            }
            let year: String = chars[i..].iter().take(4).collect();
            if !year.bytes().all(|b| b.is_ascii_digit()) || chars.get(i + 4) != Some(&'年') {
                return None;
            }
            let (month, after_month) = number_before(&chars, i + 5, '月')?;
            let (day, end) = number_before(&chars, after_month, '日')?;
            let date = valid(year.parse().ok()?, month, day)?;
            let text = chars[i..end].iter().collect();
            Some(FoundDate {
                date: Some(date),
                text,
                precision: DatePrecision::Day,
                source: "page",
            })
        })
}

/// Digits at `start` followed by `unit`: the number and the index after the unit.
pub(super) fn number_before(chars: &[char], start: usize, unit: char) -> Option<(u32, usize)> {
    let digits: String = chars[start..].iter().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 2 || chars.get(start + digits.len()) != Some(&unit) {
        return None;
    }
    Some((digits.parse().ok()?, start + digits.len() + 1))
}

/// `YYYY-MM-DD` for a plausible calendar date.
pub(super) fn valid(year: i32, month: u32, day: u32) -> Option<String> {
    let ok = (1990..=2099).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day);
    ok.then(|| format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_dates() {
        let header = header_date("2021年05月12日 第A3版:今日牡丹区").unwrap();
        assert_eq!(
            (header.date.as_deref(), header.source),
            (Some("2021-05-12"), "page")
        );
        assert!(header_date("2021年是关键之年").is_none());
        let named = header_date("牡丹晚报 2022年08月30日 第A2版").unwrap();
        assert_eq!(named.date.as_deref(), Some("2022-08-30"));
        assert!(
            header_date("会议于2022年8月30日召开").is_none(),
            "a sentence is not a header"
        );
    }
}

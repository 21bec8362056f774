//! Printed dates → calendar dates: the number before a unit (`5月`, `12日`) and a plausible
//! `YYYY-MM-DD`. Shared by the header lines (`header`) and the dates of the text (`meta`).

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

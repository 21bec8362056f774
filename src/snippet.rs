//! Stored text + normalized query terms → a short display window with highlight ranges.
//!
//! Matches are found in the normalized text (so `精细管\n理` highlights for `精细管理`) and
//! mapped back through the normalizer's origin table to the printed characters. The window
//! is the one of about [`WIDTH`] characters holding the most distinct terms. Whitespace is
//! shown the way the normalizer reads it (dropped beside CJK, else one space), so a snippet
//! never shows a broken line. Offsets are in characters, never splitting one.

use crate::analysis::normalize::{is_cjk, normalize};

/// Target snippet length in characters.
pub const WIDTH: usize = 100;
/// Characters of context kept before the first match.
const LEAD: usize = 20;

/// A display window of a text, with `[start, end)` character ranges to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
}

/// The best window of `text` for normalized `terms`, at most `width` normalized characters.
pub fn snippet(text: &str, terms: &[String], width: usize) -> Snippet {
    let normalized = normalize(text);
    let matches = find_matches(&normalized.text, terms);
    let total = normalized.origin.len();
    if total == 0 {
        return Snippet {
            text: String::new(),
            highlights: Vec::new(),
        };
    }
    let start = best_start(&matches, total, width);
    let end = (start + width).min(total);
    let original: Vec<char> = text.chars().collect();
    let from = normalized.origin[start];
    let to = if end == total {
        original.len()
    } else {
        normalized.origin[end]
    };
    let (mut shown, display) = display(&original, from, to);
    let mut offset = 0;
    if from > 0 {
        shown.insert(0, '…');
        offset = 1;
    }
    if to < original.len() {
        shown.push('…');
    }
    let mut highlights: Vec<[usize; 2]> = matches
        .iter()
        .filter(|m| m.0 >= start && m.1 <= end)
        .filter_map(|&(s, e, _)| {
            let first = display[normalized.origin[s] - from]?;
            let last = display[normalized.origin[e - 1] - from]?;
            Some([first + offset, last + 1 + offset])
        })
        .collect();
    highlights.sort_unstable();
    highlights.dedup_by(|next, prev| {
        let overlaps = next[0] < prev[1];
        if overlaps {
            prev[1] = prev[1].max(next[1]);
        }
        overlaps
    });
    Snippet {
        text: shown,
        highlights,
    }
}

/// Every occurrence of every term: `(start, end, term index)` in normalized characters.
fn find_matches(text: &str, terms: &[String]) -> Vec<(usize, usize, usize)> {
    let char_at: Vec<usize> = {
        let mut table = vec![0; text.len() + 1];
        for (n, (byte, _)) in text.char_indices().enumerate() {
            table[byte] = n;
        }
        table[text.len()] = text.chars().count();
        table
    };
    let mut out = Vec::new();
    for (t, term) in terms.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
        for (byte, found) in text.match_indices(term.as_str()) {
            out.push((char_at[byte], char_at[byte + found.len()], t));
        }
    }
    out.sort_unstable();
    out
}

/// Start of the window holding the most distinct terms (earliest on ties).
fn best_start(matches: &[(usize, usize, usize)], total: usize, width: usize) -> usize {
    let mut best = (0, 0);
    for &(s, _, _) in matches {
        let start = s.saturating_sub(LEAD).min(total.saturating_sub(width));
        let mut seen: Vec<usize> = matches
            .iter()
            .filter(|m| m.0 >= start && m.1 <= start + width)
            .map(|m| m.2)
            .collect();
        seen.sort_unstable();
        seen.dedup();
        if seen.len() > best.0 {
            best = (seen.len(), start);
        }
    }
    best.1
}

/// The characters `from..to` of `original` as shown, and for each of them its index in the
/// shown string (`None` for whitespace that is not shown).
fn display(original: &[char], from: usize, to: usize) -> (String, Vec<Option<usize>>) {
    let mut shown = String::new();
    let mut count = 0;
    let mut index = Vec::with_capacity(to - from);
    let mut previous: Option<char> = None;
    let mut k = from;
    while k < to {
        let c = original[k];
        if c.is_whitespace() {
            let run_end = (k..to).find(|&j| !original[j].is_whitespace()).unwrap_or(to);
            let next = original.get(run_end).copied().filter(|_| run_end < to);
            let keep = matches!((previous, next), (Some(p), Some(n)) if !is_cjk(p) && !is_cjk(n));
            index.extend(std::iter::repeat_n(None, run_end - k));
            if keep {
                shown.push(' ');
                count += 1;
            }
            k = run_end;
            continue;
        }
        index.push(Some(count));
        shown.push(c);
        count += 1;
        previous = Some(c);
        k += 1;
    }
    (shown, index)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(s: &Snippet) -> String {
        let chars: Vec<char> = s.text.chars().collect();
        let mut out = String::new();
        for (i, c) in chars.iter().enumerate() {
            if s.highlights.iter().any(|h| h[0] == i) {
                out.push('[');
            }
            out.push(*c);
            if s.highlights.iter().any(|h| h[1] == i + 1) {
                out.push(']');
            }
        }
        out
    }

    #[test]
    fn broken_lines_and_full_width() {
        let s = snippet("推进精细管\n理、扮靓民生", &["精细管理".into()], WIDTH);
        assert_eq!(marked(&s), "推进[精细管理]、扮靓民生");
        let s = snippet(
            "机 扫 保 洁 率 达 到 92.5％",
            &["机扫保洁率".into(), "92.5%".into()],
            WIDTH,
        );
        assert_eq!(marked(&s), "[机扫保洁率]达到[92.5％]");
    }

    #[test]
    fn window_prefers_all_terms_and_never_splits_characters() {
        let text = format!(
            "{}城管{}黄河城管{}",
            "甲".repeat(200),
            "乙".repeat(200),
            "丙".repeat(200)
        );
        let s = snippet(&text, &["城管".into(), "黄河".into()], 60);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        assert!(marked(&s).contains("[黄河][城管]"), "{}", marked(&s));
        let s = snippet("😀 emoji ＡＢ text", &["ab".into()], WIDTH);
        assert_eq!(marked(&s), "😀 emoji [ＡＢ] text");
    }
}

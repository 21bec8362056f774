//! Stored text + normalized query terms → a short display window with highlight ranges.
//!
//! Matches are found in the normalized text (so `精细管\n理` highlights for `精细管理`, and
//! `營商環境` for `营商环境`) and mapped back through the normalizer's origin table to the
//! printed characters. The window, about `WIDTH` characters, is centred on the shortest
//! stretch holding the most distinct terms. Whitespace is shown the way the normalizer reads
//! it (dropped beside CJK, else one space), so a snippet never shows a broken line.
//! Highlights never overlap; offsets are in characters, never splitting one.

use crate::analysis::normalize::{normalize, normalize_prefix, Normalized};
use crate::search::matches::{self, Match};

/// Target snippet length in characters.
pub(crate) const WIDTH: usize = 100;

/// A display window of a text, with `[start, end)` character ranges to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The window as printed, `…` marking a cut.
    pub text: String,
    /// `[start, end)` of each match in `text`, in characters, in order, never overlapping.
    pub highlights: Vec<[usize; 2]>,
}

/// The best window of `text` for normalized `terms`, at most `width` normalized characters.
pub fn snippet(text: &str, terms: &[String], width: usize) -> Snippet {
    let normalized = normalize(text);
    let found = matches::find(&normalized.text, terms);
    render(text, &normalized, found, width)
}

/// Every match of normalized `terms` in the whole of `text`, as `[start, end)` ranges of its
/// printed characters (nothing dropped or cut, so they index `text` itself), in order and
/// never overlapping. A match across a line break spans the break.
pub fn highlights(text: &str, terms: &[String]) -> Vec<[usize; 2]> {
    let normalized = normalize(text);
    let found = matches::find(&normalized.text, terms);
    let mut out: Vec<[usize; 2]> = Vec::with_capacity(found.len());
    for m in matches::disjoint(&found) {
        let range = [normalized.origin[m.start], normalized.origin[m.end - 1] + 1];
        if out.last().is_none_or(|previous| previous[1] <= range[0]) {
            out.push(range);
        }
    }
    out
}

/// The same window as [`snippet`] when the terms' matches in the normalized text are known
/// already (from the index's positions, labelled by term as [`matches::find`] labels them):
/// the text is normalized only as far as the window reaches.
pub(crate) fn snippet_of_matches(text: &str, found: Vec<Match>, width: usize) -> Snippet {
    let reach = matches::best_span(&found).map_or(0, |s| s.start + (s.end - s.start).max(width));
    // One character past the window, so a window that stops early is not taken for the end.
    let normalized = normalize_prefix(text, reach.max(width) + 1);
    render(text, &normalized, found, width)
}

/// The window of `text` around the best span of `found`; `normalized` reaches at least one
/// character past the window, or to the end of the text.
fn render(text: &str, normalized: &Normalized, found: Vec<Match>, width: usize) -> Snippet {
    let total = normalized.origin.len();
    if total == 0 {
        return Snippet {
            text: String::new(),
            highlights: Vec::new(),
        };
    }
    let (start, end) = window(matches::best_span(&found), total, width);
    let original: Vec<char> = text.chars().collect();
    let from = normalized.origin[start];
    // One past the printed character of the window's last normalized character: a window
    // may end inside a character that folds to several (`㎡` → `m2`).
    let to = if end == total {
        original.len()
    } else {
        normalized.origin[end].max(normalized.origin[end - 1] + 1)
    };
    let kept_spaces: Vec<usize> = normalized
        .text
        .chars()
        .zip(&normalized.origin)
        .filter(|(c, _)| *c == ' ')
        .map(|(_, &i)| i)
        .collect();
    let (mut shown, display) = display(&original, from, to, &kept_spaces);
    let offset = usize::from(from > 0);
    if from > 0 {
        shown.insert(0, '…');
    }
    if to < original.len() {
        shown.push('…');
    }
    let inside: Vec<Match> = found
        .into_iter()
        .filter(|m| m.start >= start && m.end <= end)
        .collect();
    // Disjoint in normalized text can still overlap once mapped back to printed characters,
    // when two matches split one character that folds to several (`㎡` → `m2`): keep the first.
    let mut highlights: Vec<[usize; 2]> = Vec::with_capacity(inside.len());
    for m in matches::disjoint(&inside) {
        let first = display[normalized.origin[m.start] - from];
        let last = display[normalized.origin[m.end - 1] - from];
        if let (Some(first), Some(last)) = (first, last) {
            let range = [first + offset, last + 1 + offset];
            if highlights.last().is_none_or(|previous| previous[1] <= range[0]) {
                highlights.push(range);
            }
        }
    }
    Snippet {
        text: shown,
        highlights,
    }
}

/// `[start, end)` of the window: `width` characters centred on the best span (its start
/// when the span is wider), clamped to the text; the text's start when nothing matched.
fn window(span: Option<matches::Span>, total: usize, width: usize) -> (usize, usize) {
    let start = span.map_or(0, |s| {
        let slack = width.saturating_sub(s.end - s.start);
        s.start.saturating_sub(slack / 2).min(total.saturating_sub(width))
    });
    (start, start.saturating_add(width).min(total))
}

/// The characters `from..to` of `original` as shown, and for each of them its index in the
/// shown string (`None` for whitespace that is not shown). A whitespace run shows as one
/// space when the normalizer kept one for it (`kept_spaces` holds the input index where
/// each kept run starts) or when it breaks paragraphs (a blank line), so that a subtitle and
/// the byline under it do not run together.
fn display(original: &[char], from: usize, to: usize, kept_spaces: &[usize]) -> (String, Vec<Option<usize>>) {
    let mut shown = String::new();
    let mut count = 0;
    let mut index = Vec::with_capacity(to - from);
    let mut k = from;
    while k < to {
        let c = original[k];
        if c.is_whitespace() {
            let run_end = (k..to).find(|&j| !original[j].is_whitespace()).unwrap_or(to);
            index.extend(std::iter::repeat_n(None, run_end - k));
            let paragraphs = original[k..run_end]
                .iter()
                .filter(|&&c| c == '\n')
                .nth(1)
                .is_some();
            if kept_spaces.binary_search(&k).is_ok() || (paragraphs && k > from && run_end < to) {
                shown.push(' ');
                count += 1;
            }
            k = run_end;
            continue;
        }
        index.push(Some(count));
        shown.push(c);
        count += 1;
        k += 1;
    }
    (shown, index)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::analysis::normalize::{fold, normalize_str};

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
        let s = snippet("打造城管品牌\n\n本报讯 城管工作会议召开", &["城管".into()], WIDTH);
        assert_eq!(
            marked(&s),
            "打造[城管]品牌 本报讯[城管]工作会议召开",
            "a blank line shows as a space"
        );
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

    #[test]
    fn traditional_text_highlights_for_a_simplified_term() {
        let s = snippet("持續優化營商環境。", &["营商环境".into()], WIDTH);
        assert_eq!(marked(&s), "持續優化[營商環境]。");
    }

    #[test]
    fn highlights_index_the_printed_text_across_breaks_spaces_and_traditional_forms() {
        let text = "全市 城市管\n理工作會議　召開";
        let terms = vec!["城市管理".to_string(), "会议".to_string()];
        let lit: Vec<String> = highlights(text, &terms)
            .iter()
            .map(|&[start, end]| text.chars().skip(start).take(end - start).collect())
            .collect();
        assert_eq!(lit, ["城市管\n理", "會議"]);
        assert!(highlights(text, &["停车".to_string()]).is_empty());
    }

    #[test]
    fn window_is_centred_on_the_closest_terms() {
        let text = format!(
            "城管{}黄河{}城管停车{}",
            "甲".repeat(300),
            "乙".repeat(300),
            "丙".repeat(300)
        );
        let terms = ["城管".to_string(), "停车".to_string()];
        let s = snippet(&text, &terms, 100);
        let chars = s.text.chars().count();
        assert!((95..=110).contains(&chars), "{chars} characters: {}", s.text);
        let lit = marked(&s);
        let at = lit.find("[城管][停车]").expect("both terms lit side by side");
        let (before, after) = (lit[..at].chars().count(), lit[at..].chars().count());
        assert!(before.abs_diff(after) < 20, "centred: {lit}");
    }

    #[test]
    fn overlapping_terms_light_disjoint_whole_terms() {
        let s = snippet(
            "市城管局长",
            &["城管".into(), "管局".into(), "局长".into()],
            WIDTH,
        );
        assert_eq!(marked(&s), "市[城管][局长]");
    }

    /// Printed text mixing full-width forms, emoji, Traditional characters, broken lines and
    /// characters that fold to several (`㎡` → `m2`).
    fn printed() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "營商", "环境", "城管", "黃河", "经济", "，", "。", "“", "”", " ", "\n", "　", "Ａ", "b", "０",
            "9", "%", "％", "😀", "🇨🇳", "é", "㎡", "ﬁ", "İ", "a b", "-", "：",
        ]);
        prop::collection::vec(pieces, 0..120).prop_map(|v| v.concat())
    }

    /// Whether a highlight's first or last character folds to several characters, so a match
    /// may cover only part of it.
    fn splits_a_character(lit: &str) -> bool {
        let mut folded = Vec::new();
        [lit.chars().next(), lit.chars().last()]
            .into_iter()
            .flatten()
            .any(|c| {
                fold(c, &mut folded);
                folded.len() > 1
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn every_highlight_is_a_query_word(
            text in printed(),
            picks in prop::collection::vec((0usize..400, 1usize..6), 1..4),
            width in 20usize..140,
        ) {
            let normalized: Vec<char> = normalize_str(&text).chars().collect();
            let terms: Vec<String> = picks
                .iter()
                .map(|&(at, len)| {
                    let at = at.min(normalized.len());
                    normalize_str(&normalized[at..(at + len).min(normalized.len())].iter().collect::<String>())
                })
                .collect();
            let s = snippet(&text, &terms, width);
            let chars: Vec<char> = s.text.chars().collect();
            let mut previous_end = 0;
            for &[start, end] in &s.highlights {
                prop_assert!(previous_end <= start && start < end && end <= chars.len());
                previous_end = end;
                let lit: String = chars[start..end].iter().collect();
                let seen = normalize_str(&lit);
                prop_assert!(
                    terms.contains(&seen) || (splits_a_character(&lit) && terms.iter().any(|t| !t.is_empty() && seen.contains(t.as_str()))),
                    "highlight {:?} (normalized {:?}) is not one of {:?} in {:?}", lit, seen, terms, s.text
                );
            }
            let any_match = terms.iter().any(|t| !t.is_empty() && normalized.iter().collect::<String>().contains(t.as_str()));
            prop_assert_eq!(!s.highlights.is_empty(), any_match, "{:?} in {:?}", terms, s.text);
            let found = matches::find(&normalize_str(&text), &terms);
            prop_assert_eq!(snippet_of_matches(&text, found, width), s, "known matches give the same snippet");
        }
    }
}

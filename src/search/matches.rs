//! Normalized text + normalized query terms → where the terms occur, and the shortest stretch
//! of text holding the most distinct terms.
//!
//! Offsets are in characters of the normalized text. Snippets centre their window on the
//! best span; ranking rewards documents whose best span is short (the query words close).

/// One occurrence of a term: `[start, end)` in normalized characters, and which term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Match {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Which term (its index in the query's terms).
    pub term: usize,
}

/// The shortest stretch holding the most distinct terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
    /// How many distinct terms it holds.
    pub distinct: usize,
}

/// Every occurrence of every non-empty term in `text`, sorted by start (longer first).
pub(crate) fn find(text: &str, terms: &[String]) -> Vec<Match> {
    let mut char_at = vec![0; text.len() + 1];
    for (n, (byte, _)) in text.char_indices().enumerate() {
        char_at[byte] = n;
    }
    char_at[text.len()] = text.chars().count();
    let mut out = Vec::new();
    for (term, word) in terms.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
        let mut from = 0;
        // Overlapping occurrences count (`哈哈` twice in `哈哈哈`), so step one character.
        while let Some(at) = text[from..].find(word.as_str()) {
            let byte = from + at;
            out.push(Match {
                start: char_at[byte],
                end: char_at[byte + word.len()],
                term,
            });
            from = byte + text[byte..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out.sort_unstable_by_key(|m| (m.start, std::cmp::Reverse(m.end), m.term));
    out
}

/// The shortest span holding as many distinct terms as occur at all (earliest on ties);
/// `None` when nothing matches. `matches` must be sorted by start, as [`find`] returns them.
pub(crate) fn best_span(matches: &[Match]) -> Option<Span> {
    let wanted = distinct(matches);
    let mut best: Option<Span> = None;
    for (i, first) in matches.iter().enumerate() {
        let mut seen = Vec::with_capacity(wanted);
        let mut end = first.end;
        for m in &matches[i..] {
            if !seen.contains(&m.term) {
                seen.push(m.term);
            }
            end = end.max(m.end);
            if seen.len() == wanted {
                break;
            }
        }
        if seen.len() < wanted {
            break;
        }
        let span = Span {
            start: first.start,
            end,
            distinct: wanted,
        };
        if best.is_none_or(|b| span.end - span.start < b.end - b.start) {
            best = Some(span);
        }
    }
    best
}

/// Matches that do not overlap an earlier kept one: what can be highlighted side by side.
pub(crate) fn disjoint(matches: &[Match]) -> Vec<Match> {
    let mut kept: Vec<Match> = Vec::with_capacity(matches.len());
    for m in matches {
        if kept.last().is_none_or(|k| m.start >= k.end) {
            kept.push(*m);
        }
    }
    kept
}

fn distinct(matches: &[Match]) -> usize {
    let mut terms: Vec<usize> = matches.iter().map(|m| m.term).collect();
    terms.sort_unstable();
    terms.dedup();
    terms.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn occurrences_in_characters_overlapping_included() {
        let found = find("哈哈哈 城管a城管", &terms(&["哈哈", "城管", ""]));
        let spans: Vec<(usize, usize, usize)> = found.iter().map(|m| (m.start, m.end, m.term)).collect();
        assert_eq!(spans, [(0, 2, 0), (1, 3, 0), (4, 6, 1), (7, 9, 1)]);
    }

    #[test]
    fn shortest_span_with_every_term() {
        //          0123456789012345678
        let text = "城管甲乙丙丁停车戊己城管停车庚";
        let found = find(text, &terms(&["城管", "停车", "黄河"]));
        let span = best_span(&found).expect("matches");
        assert_eq!((span.start, span.end, span.distinct), (10, 14, 2));
        assert_eq!(best_span(&[]), None);
    }

    #[test]
    fn disjoint_keeps_the_first_of_overlapping_matches() {
        let found = find("城管局长", &terms(&["管局", "城管", "局长"]));
        let kept: Vec<usize> = disjoint(&found).iter().map(|m| m.term).collect();
        assert_eq!(kept, [1, 2]);
    }
}

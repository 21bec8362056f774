//! Traditional → Simplified Chinese, one character for one: the 2,734 Han characters that
//! change, read at compile time from `t2s.txt`.
//!
//! `t2s.txt` is data, written by `examples/t2s_table.rs` from fast2s (MIT; its table is
//! OpenCC's `TSCharacters`) by converting every character of U+3400..=U+9FFF and
//! U+F900..=U+FAFF alone, so no context rule applies and no chain exists (simplifying twice
//! changes nothing). Its lines are `#` comments or two characters, Traditional then
//! Simplified, in code point order; the compiler parses and checks them. A bitmap built at
//! compile time answers "does this character change" in one lookup; only those few are looked
//! up in the table. The test `table_matches_fast2s` checks every character against fast2s,
//! which is therefore only a dev-dependency.

/// The table as written by `examples/t2s_table.rs`.
const DATA: &str = include_str!("t2s.txt");

/// The first code point the bitmap covers, and how many it covers (to U+FAFF).
const FIRST: u32 = 0x3400;
const SPAN: usize = (0xFB00 - FIRST) as usize;

/// Number of pairs in [`DATA`].
const PAIR_COUNT: usize = pairs::<0>(DATA.as_bytes()).1;

/// (Traditional, Simplified), sorted by the Traditional character.
static PAIRS: [(char, char); PAIR_COUNT] = pairs::<PAIR_COUNT>(DATA.as_bytes()).0;

/// The first `N` pairs of the table `data` and how many it holds in all. Panics (so the
/// build fails) on a line that is not a comment or two characters, or on pairs out of order.
const fn pairs<const N: usize>(data: &[u8]) -> ([(char, char); N], usize) {
    let mut out = [('\0', '\0'); N];
    let mut count = 0;
    let mut at = 0;
    while at < data.len() {
        if data[at] == b'#' || data[at] == b'\n' {
            while at < data.len() && data[at] != b'\n' {
                at += 1;
            }
            at += 1;
            continue;
        }
        let (traditional, after) = decode_utf8(data, at);
        let (simplified, end) = decode_utf8(data, after);
        assert!(
            end < data.len() && data[end] == b'\n',
            "t2s.txt: a line holds two characters"
        );
        if count > 0 && count <= N {
            assert!(
                out[count - 1].0 < traditional,
                "t2s.txt: pairs in code point order"
            );
        }
        if count < N {
            out[count] = (traditional, simplified);
        }
        count += 1;
        at = end + 1;
    }
    (out, count)
}

/// The character whose UTF-8 starts at `bytes[at]`, and the index after it.
const fn decode_utf8(bytes: &[u8], at: usize) -> (char, usize) {
    let lead = bytes[at] as u32;
    let (len, mut code) = match lead {
        0x00..=0x7F => (1, lead),
        0xC0..=0xDF => (2, lead & 0x1F),
        0xE0..=0xEF => (3, lead & 0x0F),
        _ => (4, lead & 0x07),
    };
    let mut k = 1;
    while k < len {
        code = (code << 6) | (bytes[at + k] as u32 & 0x3F);
        k += 1;
    }
    match char::from_u32(code) {
        Some(c) => (c, at + len),
        None => panic!("t2s.txt: not UTF-8"),
    }
}

/// Bit `c - FIRST` is set when `c` is the Traditional side of a pair.
static CHANGES: [u64; SPAN.div_ceil(64)] = changes();

const fn changes() -> [u64; SPAN.div_ceil(64)] {
    let mut bits = [0; SPAN.div_ceil(64)];
    let mut i = 0;
    while i < PAIRS.len() {
        let at = (PAIRS[i].0 as u32 - FIRST) as usize;
        bits[at / 64] |= 1 << (at % 64);
        i += 1;
    }
    bits
}

/// The Simplified form of `c`; any character without one unchanged.
pub fn simplified(c: char) -> char {
    let at = (c as u32).wrapping_sub(FIRST) as usize;
    if at >= SPAN || CHANGES[at / 64] & (1 << (at % 64)) == 0 {
        return c;
    }
    PAIRS
        .binary_search_by_key(&c, |&(traditional, _)| traditional)
        .map_or(c, |i| PAIRS[i].1)
}

/// `text` in Simplified characters, borrowed when it has no Traditional one.
pub fn simplified_text(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(|c| simplified(c) == c) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().map(simplified).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_borrowed_unless_it_changes() {
        assert!(matches!(
            simplified_text("齐齐哈尔"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(simplified_text("齊齊哈爾市"), "齐齐哈尔市");
    }

    #[test]
    fn table_matches_fast2s() {
        for c in (0x3400..=0x9FFF)
            .chain(0xF900..=0xFAFF)
            .filter_map(char::from_u32)
        {
            let mut alone = c.to_string();
            fast2s::replace(&mut alone);
            assert_eq!(simplified(c), alone.chars().next().unwrap(), "{c:?}");
        }
        assert!(PAIRS.windows(2).all(|w| w[0].0 < w[1].0), "sorted");
        assert!(PAIRS.iter().all(|&(_, s)| simplified(s) == s), "no chains");
    }

    #[test]
    fn outside_the_han_ranges_nothing_changes() {
        for c in ['a', '，', '\u{33FF}', '\u{FB00}', '😀', '\u{0}'] {
            assert_eq!(simplified(c), c);
        }
        assert_eq!(simplified('營'), '营');
        assert_eq!(simplified('营'), '营');
    }
}

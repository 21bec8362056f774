//! Text → the normalized form that matching, highlighting and segmentation all see.
//!
//! Applied identically to documents and queries, character by character: NFKC (full-width
//! `％ ０ Ａ` fold to `% 0 A`), lowercase, Traditional → Simplified Chinese (`營商環境` →
//! `营商环境`, one character for one, from the table in [`super::t2s`]), and whitespace repair: a
//! whitespace run (line breaks included) next to a CJK character is removed (`3 月 20 日` →
//! `3月20日`, `精细管\n理` → `精细管理`), any other run becomes one space. Every normalized
//! character remembers which character of the input it came from, so matches map back to the
//! printed text. Normalizing twice changes nothing, and normalizing a piece of normalized text
//! gives that piece (trimmed): what makes "every substring is found" hold.

use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

use super::t2s;

/// Normalized text plus, for each of its characters, the index of the input character it
/// came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    /// `origin[k]` is the input character index of normalized character `k`.
    pub origin: Vec<usize>,
}

/// Normalizes `input`; see the module doc for the rules.
pub fn normalize(input: &str) -> Normalized {
    normalize_prefix(input, usize::MAX)
}

/// The first `chars` characters of the normalized `input` (all of it when shorter), with
/// their origins: what a snippet needs when it knows where its window ends.
pub fn normalize_prefix(input: &str, chars: usize) -> Normalized {
    let mut text = String::with_capacity(input.len().min(chars.saturating_mul(4)));
    let mut origin = Vec::new();
    if chars == 0 {
        return Normalized { text, origin };
    }
    each_normalized(input, |c, index| {
        text.push(c);
        origin.push(index);
        origin.len() < chars
    });
    Normalized { text, origin }
}

/// The normalized text alone, for queries, ranking and segmentation.
pub fn normalize_str(input: &str) -> String {
    let mut text = String::with_capacity(input.len());
    each_normalized(input, |c, _| {
        text.push(c);
        true
    });
    text
}

/// Each of `parts` normalized, one a line: names that no query term (which has no line
/// break) matches across, as a table's column names are indexed.
pub fn normalize_lines<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    parts
        .into_iter()
        .map(normalize_str)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Calls `emit` with each normalized character and the index of the input character it
/// came from, in order, until `emit` answers `false`.
fn each_normalized(input: &str, mut emit: impl FnMut(char, usize) -> bool) {
    // A whitespace run waiting for the next visible character: (index of its first char,
    // whether the visible character before it was CJK).
    let mut pending: Option<(usize, bool)> = None;
    let mut last_cjk: Option<bool> = None;
    let mut folded = Vec::with_capacity(4);
    for (index, c) in input.chars().enumerate() {
        if c.is_whitespace() {
            if let (None, Some(prev_cjk)) = (pending, last_cjk) {
                pending = Some((index, prev_cjk));
            }
            continue;
        }
        // Fast path, same result as below: a unified ideograph folds to one CJK character.
        if matches!(c as u32, 0x4E00..=0x9FFF) {
            pending = None;
            last_cjk = Some(true);
            if !emit(t2s::simplified(c), index) {
                return;
            }
            continue;
        }
        fold(c, &mut folded);
        if folded.is_empty() {
            continue;
        }
        let cjk = is_cjk(c) || folded.iter().any(|&f| is_cjk(f));
        if let Some((space_index, prev_cjk)) = pending.take() {
            if !prev_cjk && !cjk && !emit(' ', space_index) {
                return;
            }
        }
        for &f in &folded {
            if !emit(f, index) {
                return;
            }
        }
        last_cjk = Some(cjk);
    }
}

/// The visible characters one input character becomes: NFKC, lowercase, simplified; the
/// whitespace some compatibility forms expand to (`¨` → space + diaeresis) is dropped.
pub fn fold(c: char, out: &mut Vec<char>) {
    out.clear();
    // Fast paths, same result: ASCII and unified ideographs have no NFKC mapping, and
    // ideographs no case.
    if c.is_ascii() {
        if !c.is_whitespace() {
            out.push(c.to_ascii_lowercase());
        }
        return;
    }
    if matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF) {
        out.push(t2s::simplified(c));
        return;
    }
    if let Some(f) = punctuation_slot(c).and_then(|slot| PUNCTUATION[slot]) {
        out.push(f);
        return;
    }
    fold_slowly(c, out);
}

/// The general rule of [`fold`].
fn fold_slowly(c: char, out: &mut Vec<char>) {
    out.extend(
        std::iter::once(c)
            .nfkc()
            .flat_map(char::to_lowercase)
            .filter(|f| !f.is_whitespace())
            .map(t2s::simplified),
    );
}

/// The blocks of punctuation printed with Chinese text: general punctuation, CJK symbols,
/// full-width forms. Their characters fold through [`PUNCTUATION`].
const PUNCTUATION_BLOCKS: [std::ops::RangeInclusive<u32>; 3] =
    [0x2000..=0x206F, 0x3000..=0x303F, 0xFF00..=0xFFEF];

/// Where `c` stands in [`PUNCTUATION`], if in one of its blocks.
fn punctuation_slot(c: char) -> Option<usize> {
    let mut before = 0;
    for block in &PUNCTUATION_BLOCKS {
        if block.contains(&(c as u32)) {
            return Some(before + (c as u32 - block.start()) as usize);
        }
        before += block.clone().count();
    }
    None
}

/// What each character of [`PUNCTUATION_BLOCKS`] folds to, built on first use: the one
/// character it becomes, or `None` when it becomes none or several (the general rule then).
static PUNCTUATION: LazyLock<Vec<Option<char>>> = LazyLock::new(|| {
    let mut out = Vec::new();
    PUNCTUATION_BLOCKS
        .iter()
        .flat_map(|block| block.clone())
        .map(|u| {
            fold_slowly(
                char::from_u32(u).expect("no surrogates in these blocks"),
                &mut out,
            );
            match out[..] {
                [f] => Some(f),
                _ => None,
            }
        })
        .collect()
});

/// A Han ideograph: the basic block, extension A, the compatibility ideographs and the
/// supplementary planes' extensions.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Han ideographs and the punctuation and full-width forms printed with them: whitespace
/// beside these is layout, not a word separator. Full-width letters and digits (`Ａ`, `０`)
/// are not: they read as their ASCII forms.
pub fn is_cjk(c: char) -> bool {
    if matches!(c as u32, 0xFF10..=0xFF5A) && c.is_alphanumeric() {
        return false;
    }
    matches!(c as u32,
        0x2010..=0x206F      // general punctuation: dashes, “ ” ‘ ’, …
        | 0x2E80..=0x2FFF    // radicals
        | 0x3000..=0x303F    // CJK symbols and punctuation
        | 0x3040..=0x30FF    // kana
        | 0x3400..=0x4DBF    // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFE30..=0xFE4F    // compatibility forms
        | 0xFF00..=0xFFEF    // half- and full-width forms
        | 0x20000..=0x3134F) // extensions B–G
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn lines_keep_names_apart() {
        let names = normalize_lines(["序号", "責任人", "是否按计划完成进度"]);
        assert_eq!(names, "序号\n责任人\n是否按计划完成进度");
        assert!(!names.contains("号责"), "no word across two names");
        assert_eq!(normalize_lines([]), "");
    }

    #[test]
    fn traps() {
        let cases = [
            ("３ 月 ２０ 日", "3月20日"),
            ("机 扫 保 洁 率 达 到 92.5％ ，洒 水", "机扫保洁率达到92.5%,洒水"),
            ("精细管\n理", "精细管理"),
            ("城管服\n\n\n\n务站", "城管服务站"),
            ("ＧＤＰ增长", "gdp增长"),
            ("ｕｓｅ ＡＢ text", "use ab text"),
            ("2063.42亿元", "2063.42亿元"),
            ("LED  display\tscreen", "led display screen"),
            ("  leading and trailing \n", "leading and trailing"),
            ("G327线", "g327线"),
            ("规整扎线 4.73 万余米", "规整扎线4.73万余米"),
            ("營商環境", "营商环境"),
            ("黃河流域 經濟", "黄河流域经济"),
            ("優化營商環境ＡＢ", "优化营商环境ab"),
            ("㊀ ㊀", "一一"), // circled ideographs fold to Han: the space is layout
        ];
        for (input, want) in cases {
            assert_eq!(normalize_str(input), want, "input {input:?}");
        }
    }

    #[test]
    fn origin_points_back_into_the_input() {
        let input = "精细管\n理 ＡＢ";
        let normalized = normalize(input);
        let chars: Vec<char> = input.chars().collect();
        assert_eq!(normalized.origin.len(), normalized.text.chars().count());
        for (c, &i) in normalized.text.chars().zip(&normalized.origin) {
            let source: String = std::iter::once(chars[i])
                .nfkc()
                .flat_map(char::to_lowercase)
                .collect();
            assert!(source.contains(c) || c == ' ', "{c:?} from {:?}", chars[i]);
        }
    }

    #[test]
    fn traditional_and_simplified_meet_character_for_character() {
        let traditional = normalize("菏澤市城市管理局 發佈");
        assert_eq!(traditional.text, "菏泽市城市管理局发布");
        assert_eq!(traditional.origin, [0, 1, 2, 3, 4, 5, 6, 7, 9, 10]);
        assert_eq!(normalize_str("营商环境"), "营商环境");
    }

    #[test]
    fn fast_paths_fold_like_the_general_rule() {
        let ranges = [
            0..0x80,
            0x2000..0x2070,
            0x3000..0x3040,
            0x3400..0x4DC0,
            0x4E00..0xA000,
            0xFF00..0xFFF0,
        ];
        let mut fast = Vec::new();
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            fold(c, &mut fast);
            let general: Vec<char> = std::iter::once(c)
                .nfkc()
                .flat_map(char::to_lowercase)
                .filter(|f| !f.is_whitespace())
                .map(t2s::simplified)
                .collect();
            assert_eq!(fast, general, "{c:?}");
        }
    }

    /// Text mixing every kind of character the rules treat differently.
    fn mixed_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "營", "商", "环", "境", "黃", "河", "经", "濟", "城", "管", "　", " ", "\n", "\t", "Ａ", "ｂ",
            "a", "Z", "０", "7", ".", "％", "%", "，", ",", "“", "㊀", "㈠", "㎡", "½", "ﬁ", "İ", "ß", "😀",
            "é", "e\u{301}", "¨", "-", "(", "ｱ", "豈", "—",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn normalizing_twice_changes_nothing(input in mixed_text()) {
            let once = normalize_str(&input);
            prop_assert_eq!(normalize_str(&once), once);
        }

        #[test]
        fn a_piece_of_normalized_text_normalizes_to_itself(
            input in mixed_text(), from in 0usize..40, len in 1usize..9
        ) {
            let chars: Vec<char> = normalize_str(&input).chars().collect();
            let from = from.min(chars.len());
            let piece: String = chars[from..(from + len).min(chars.len())].iter().collect();
            prop_assert_eq!(normalize_str(&piece), piece.trim());
        }

        #[test]
        fn a_prefix_is_the_start_of_the_whole(input in mixed_text(), chars in 0usize..30) {
            let whole = normalize(&input);
            let prefix = normalize_prefix(&input, chars);
            let n = chars.min(whole.origin.len());
            prop_assert_eq!(&prefix.origin[..], &whole.origin[..n]);
            prop_assert_eq!(prefix.text.chars().count(), n);
            prop_assert!(whole.text.starts_with(&prefix.text));
        }

        #[test]
        fn origin_is_one_input_index_per_character_in_order(input in mixed_text()) {
            let normalized = normalize(&input);
            prop_assert_eq!(normalized.origin.len(), normalized.text.chars().count());
            prop_assert!(normalized.origin.windows(2).all(|w| w[0] <= w[1]));
            prop_assert!(normalized.origin.iter().all(|&i| i < input.chars().count()));
        }
    }
}

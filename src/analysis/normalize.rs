//! Text → the normalized form that matching, highlighting and segmentation all see.
//!
//! Applied identically to documents and queries: per-character NFKC (full-width `％ ０ Ａ`
//! fold to `% 0 A`), lowercase, and whitespace repair: a whitespace run (line breaks included)
//! next to a CJK character is removed (`3 月 20 日` → `3月20日`, `精细管\n理` → `精细管理`),
//! any other run becomes one space. Every normalized character remembers which character of
//! the input it came from, so matches map back to the printed text.

use unicode_normalization::UnicodeNormalization;

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
    let mut text = String::with_capacity(input.len());
    let mut origin = Vec::with_capacity(input.len() / 2);
    // A whitespace run waiting for the next visible character: (index of its first char,
    // whether the visible character before it was CJK).
    let mut pending: Option<(usize, bool)> = None;
    let mut last_cjk: Option<bool> = None;
    for (index, c) in input.chars().enumerate() {
        if c.is_whitespace() {
            if let (None, Some(prev_cjk)) = (pending, last_cjk) {
                pending = Some((index, prev_cjk));
            }
            continue;
        }
        let cjk = is_cjk(c);
        if let Some((space_index, prev_cjk)) = pending.take() {
            if !prev_cjk && !cjk {
                text.push(' ');
                origin.push(space_index);
            }
        }
        for folded in std::iter::once(c).nfkc().flat_map(char::to_lowercase) {
            if folded.is_whitespace() {
                continue;
            }
            text.push(folded);
            origin.push(index);
        }
        last_cjk = Some(cjk);
    }
    Normalized { text, origin }
}

/// The normalized text alone, for queries and segmentation.
pub fn normalize_str(input: &str) -> String {
    normalize(input).text
}

/// Han ideographs and the punctuation and full-width forms printed with them: whitespace
/// beside these is layout, not a word separator. Full-width letters and digits (`Ａ`, `０`)
/// are not: they read as their ASCII forms.
pub fn is_cjk(c: char) -> bool {
    if c.is_alphanumeric() && matches!(c as u32, 0xFF10..=0xFF5A) {
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
    use super::*;

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
    fn idempotent() {
        for input in ["３ 月 ２０ 日", "a  b\n c", "城管 服务站 ｇ327"] {
            let once = normalize_str(input);
            assert_eq!(normalize_str(&once), once);
        }
    }
}

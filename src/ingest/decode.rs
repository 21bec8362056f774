//! Bytes of a corpus file → UTF-8 text with `\n` line ends, or the reason it cannot be text.
//!
//! Handles UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM, or without when the NUL
//! pattern or the characters are unmistakable) and GB18030/GBK. A UTF-8 file with a few broken
//! sequences is read as UTF-8 with U+FFFD in their place, and says how many. Binary files are
//! refused, never decoded as mojibake.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// Text decoded from a file.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Decoded {
    /// The text, with `\n` line ends.
    pub text: String,
    /// Invalid sequences replaced by U+FFFD (only for mostly-valid UTF-8).
    pub replaced: usize,
}

/// Why a file is not text: the reason it is skipped.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum NotText {
    /// NUL bytes outside UTF-16.
    #[error("binary file (NUL bytes)")]
    Binary,
    /// Bytes that none of the encodings reads.
    #[error("undecodable bytes (not UTF-8, UTF-16 or GB18030)")]
    Undecodable,
}

/// Decodes `bytes`, trying the BOM, then UTF-16 by NUL pattern or by its characters, UTF-8,
/// mostly-valid UTF-8, then GB18030.
pub(super) fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => (encoding, &bytes[bom_len..]),
        None => (sniff(bytes)?, bytes),
    };
    let (text, replaced) = match encoding.decode_without_bom_handling_and_without_replacement(body) {
        Some(text) => (text, 0),
        None if encoding == UTF_8 => (String::from_utf8_lossy(body), invalid_sequences(body)),
        None => return Err(NotText::Undecodable),
    };
    if encoding != UTF_16LE && encoding != UTF_16BE && text.contains('\0') {
        return Err(NotText::Binary);
    }
    Ok(Decoded {
        text: unify_line_ends(&text),
        replaced,
    })
}

/// Picks the encoding of a file without a BOM.
fn sniff(bytes: &[u8]) -> Result<&'static Encoding, NotText> {
    if let Some(utf16) = utf16_by_nuls(bytes) {
        return Ok(utf16);
    }
    let nul = bytes.contains(&0);
    let utf8 = std::str::from_utf8(bytes).is_ok();
    if nul || !utf8 {
        if let Some(utf16) = utf16_by_characters(bytes) {
            return Ok(utf16);
        }
    }
    if nul {
        return Err(NotText::Binary);
    }
    if utf8 {
        return Ok(UTF_8);
    }
    if mostly_utf8(bytes) {
        return Ok(UTF_8);
    }
    Ok(GB18030)
}

/// Valid multi-byte UTF-8 characters outnumber broken sequences twenty to one: text saved as
/// UTF-8 with a few damaged bytes. GBK text almost never forms valid UTF-8 sequences.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let multibyte: usize = bytes
        .utf8_chunks()
        .map(|chunk| chunk.valid().chars().filter(|c| c.len_utf8() > 1).count())
        .sum();
    multibyte >= 20 * invalid_sequences(bytes).max(1)
}

/// Number of invalid sequences in `bytes` (each becomes one U+FFFD when decoded lossily).
fn invalid_sequences(bytes: &[u8]) -> usize {
    bytes
        .utf8_chunks()
        .filter(|chunk| !chunk.invalid().is_empty())
        .count()
}

/// UTF-16 text without a BOM has a NUL in most high bytes of ASCII and CJK-light text;
/// we only claim it when every other byte of a long enough sample is NUL on one side.
fn utf16_by_nuls(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nul * 10 >= pairs * 4 && even_nul == 0 {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 4 && odd_nul == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// CJK-heavy UTF-16 without a BOM has few NULs; we claim it when the whole file decodes
/// strictly in one byte order and nearly every character of a sample is CJK, CJK punctuation,
/// full-width or ASCII text. GBK and UTF-8 bytes read as UTF-16 land mostly in Hangul,
/// surrogates and private use, far from those ranges.
fn utf16_by_characters(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 8 || bytes.len() % 2 == 1 {
        return None;
    }
    [UTF_16LE, UTF_16BE].into_iter().find(|encoding| {
        let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) else {
            return false;
        };
        let sample = text.chars().take(2048);
        let (total, plausible) = sample.fold((0, 0), |(total, plausible), c| {
            (total + 1, plausible + usize::from(plausible_char(c)))
        });
        plausible * 100 >= total * 95
    })
}

/// Characters a Chinese text file is made of.
fn plausible_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~'
        | '\u{3000}'..='\u{303F}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{2010}'..='\u{2027}')
}

/// `\r\n` and lone `\r` become `\n`, so line numbers count the same on every platform.
fn unify_line_ends(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("城管".as_bytes()).unwrap().text, "城管");
        assert_eq!(decode(b"\xEF\xBB\xBF\xE5\x9F\x8E").unwrap().text, "城");
    }

    #[test]
    fn gbk_and_utf16() {
        let (gbk, _, _) = GB18030.encode("全市城管工作会议召开\r\n");
        let decoded = decode(&gbk).unwrap();
        assert_eq!(decoded.text, "全市城管工作会议召开\n");
        assert_eq!(sniff(&gbk), Ok(GB18030));

        let mut le = vec![0xFF, 0xFE];
        le.extend("黄河 ok".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le).unwrap().text, "黄河 ok");

        let bare: Vec<u8> = "plain ascii text"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(decode(&bare).unwrap().text, "plain ascii text");
    }

    #[test]
    fn utf16_without_bom_or_nuls() {
        let text = "全市城管工作会议召开，下足“绣花”功夫。\n菏泽市城市管理局";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(utf16_by_nuls(&le), None, "too few NULs to go by");
        assert_eq!(decode(&le).unwrap().text, text);
        assert_eq!(sniff(&be), Ok(UTF_16BE));
        assert_eq!(decode(&be).unwrap().text, text);
        let (gbk, _, _) = GB18030.encode(text);
        assert_eq!(sniff(&gbk), Ok(GB18030), "GBK is not taken for UTF-16");
        assert_eq!(decode(&gbk).unwrap().text, text);
    }

    #[test]
    fn a_few_broken_bytes_in_utf8_are_replaced_and_counted() {
        let mut bytes = "城管执法".repeat(20).into_bytes();
        bytes.splice(12..12, [0xFF, 0xFE]);
        bytes.extend([0xE5, 0x9F]);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(sniff(&bytes), Ok(UTF_8));
        assert_eq!(decoded.replaced, 3, "FF, FE and the cut-off E5 9F");
        assert!(decoded.text.starts_with("城管执法\u{FFFD}\u{FFFD}城管"));
        assert_eq!(decoded.text.matches('\u{FFFD}').count(), 3);
        assert_eq!(decode("城管".as_bytes()).unwrap().replaced, 0);
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(decode(b"\x7fELF\x02\x01\x01\0\0\0\x01\x02"), Err(NotText::Binary));
        assert_eq!(
            decode(&[0x81, 0x20, 0xff, 0xfe, 0x80]).err(),
            Some(NotText::Undecodable)
        );
    }
}

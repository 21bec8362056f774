//! Bytes of a corpus file → UTF-8 text with `\n` line ends, or the reason it cannot be text.
//!
//! Handles UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM, or without when the NUL
//! pattern is unmistakable) and GB18030/GBK. Binary files are refused, never decoded as mojibake.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// Text decoded from a file, with the encoding it was read as.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Why a file is not text.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("binary file (NUL bytes)")]
    Binary,
    #[error("undecodable bytes (not UTF-8, UTF-16 or GB18030)")]
    Undecodable,
}

/// Decodes `bytes`, trying the BOM, then UTF-8, UTF-16 without BOM, then GB18030.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => (encoding, &bytes[bom_len..]),
        None => (sniff(bytes)?, bytes),
    };
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(body)
        .ok_or(DecodeError::Undecodable)?;
    if encoding != UTF_16LE && encoding != UTF_16BE && text.contains('\0') {
        return Err(DecodeError::Binary);
    }
    Ok(Decoded {
        text: unify_line_ends(&text),
        encoding: encoding.name(),
    })
}

/// Picks the encoding of a file without a BOM.
fn sniff(bytes: &[u8]) -> Result<&'static Encoding, DecodeError> {
    if let Some(utf16) = utf16_without_bom(bytes) {
        return Ok(utf16);
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Ok(UTF_8);
    }
    Ok(GB18030)
}

/// UTF-16 text without a BOM has a NUL in most high bytes of ASCII and CJK-light text;
/// we only claim it when every other byte of a long enough sample is NUL on one side.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
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
        assert_eq!(decoded.encoding, "gb18030");

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
    fn binary_is_refused() {
        assert_eq!(
            decode(b"\x7fELF\x02\x01\x01\0\0\0\x01\x02"),
            Err(DecodeError::Binary)
        );
        assert_eq!(
            decode(&[0x81, 0x20, 0xff, 0xfe, 0x80]).err(),
            Some(DecodeError::Undecodable)
        );
    }
}

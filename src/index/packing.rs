//! A document's JSON ⇄ the bytes the index stores for it.
//!
//! The stored form is the JSON encoded as GB18030, behind a one-byte tag. GB18030 writes a
//! common Han character in two bytes where UTF-8 takes three, and its byte values are
//! skewed enough that zstd, which compresses the document store, packs the result about a
//! fifth tighter than the same text in UTF-8 (measured on the seeds and on generated
//! corpora; see the README's Performance section). The encoding covers every Unicode
//! scalar value and decodes back to the same text, except in the Private Use Area: U+E5E5
//! has no encoding, and 18 characters there encode to bytes that decode as the standard
//! characters GB18030-2005 moved them to. A text with a private-use character (rare in
//! news, though PDF extraction makes some) is therefore stored as UTF-8 under the other
//! tag, so packing never loses anything: a test checks every character.

use std::sync::LazyLock;

use encoding_rs::GB18030;

/// Tag of a GB18030 body.
const GB18030_TAG: u8 = b'g';
/// Tag of a UTF-8 body.
const UTF8_TAG: u8 = b'u';

/// The two-byte GB18030 code of each character of the Basic Multilingual Plane that has one
/// (0 for the others: ASCII, private use, and those GB18030 writes in four bytes), read from
/// encoding_rs once per process. Packing looks characters up here, four times as fast as
/// encoding_rs's own encoder; a text with any character not in the table takes that encoder.
static TWO_BYTE_CODES: LazyLock<Vec<u16>> = LazyLock::new(|| {
    (0..=u32::from(u16::MAX))
        .map(|u| match char::from_u32(u) {
            Some(c) if !c.is_ascii() && !is_private_use(c) => two_byte_code(c),
            _ => 0,
        })
        .collect()
});

fn two_byte_code(c: char) -> u16 {
    match GB18030.encode(c.encode_utf8(&mut [0; 4])) {
        (bytes, _, false) if bytes.len() == 2 => u16::from_be_bytes([bytes[0], bytes[1]]),
        _ => 0,
    }
}

/// The stored bytes of `json`.
pub fn pack(json: &str) -> Vec<u8> {
    let codes = &*TWO_BYTE_CODES;
    let mut packed = Vec::with_capacity(json.len() + 1);
    packed.push(GB18030_TAG);
    for c in json.chars() {
        if c.is_ascii() {
            packed.push(c as u8);
            continue;
        }
        match codes.get(c as usize) {
            Some(&code) if code != 0 => packed.extend_from_slice(&code.to_be_bytes()),
            _ => return pack_with_encoder(json),
        }
    }
    packed
}

/// [`pack`] through encoding_rs's encoder: for texts with private-use characters (stored as
/// UTF-8) or characters GB18030 writes in four bytes.
fn pack_with_encoder(json: &str) -> Vec<u8> {
    let tagged = |tag: u8, body: &[u8]| {
        let mut packed = Vec::with_capacity(body.len() + 1);
        packed.push(tag);
        packed.extend_from_slice(body);
        packed
    };
    if json.chars().any(is_private_use) {
        return tagged(UTF8_TAG, json.as_bytes());
    }
    match GB18030.encode(json) {
        (encoded, _, false) => tagged(GB18030_TAG, &encoded),
        (_, _, true) => tagged(UTF8_TAG, json.as_bytes()),
    }
}

/// Whether `c` is in the Basic Multilingual Plane's Private Use Area, where GB18030 does not
/// always decode to what it encoded.
fn is_private_use(c: char) -> bool {
    ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// The JSON `packed` holds, or `None` when the bytes are not a packed text.
pub fn unpack(packed: &[u8]) -> Option<String> {
    let (&tag, body) = packed.split_first()?;
    match tag {
        GB18030_TAG => GB18030
            .decode_without_bom_handling_and_without_replacement(body)
            .map(String::from),
        UTF8_TAG => String::from_utf8(body.to_vec()).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_comes_back() {
        let lost: Vec<char> = (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .filter(|&c| unpack(&pack(c.encode_utf8(&mut [0; 4]))).as_deref() != Some(&*c.to_string()))
            .collect();
        assert!(lost.is_empty(), "characters that do not round-trip: {lost:?}");
    }

    #[test]
    fn the_table_packs_as_the_encoder_does() {
        for c in (0..=0x2_FFFF).filter_map(char::from_u32) {
            let one = c.encode_utf8(&mut [0; 4]).to_string();
            assert_eq!(pack(&one), pack_with_encoder(&one), "{c:?}");
        }
        let han: String = ('\u{4E00}'..='\u{9FFF}').chain("ａ１，。“”、".chars()).collect();
        assert_eq!(pack(&han), pack_with_encoder(&han));
    }

    #[test]
    fn han_text_takes_two_bytes_a_character() {
        let json = r#"{"title":"菏泽市城市管理局2063.42亿元"}"#;
        let packed = pack(json);
        assert_eq!(packed[0], GB18030_TAG);
        let han = json.chars().filter(|c| !c.is_ascii()).count();
        assert_eq!(
            packed.len(),
            1 + json.len() - han,
            "each Han character saves a byte"
        );
        assert_eq!(unpack(&packed).as_deref(), Some(json));
    }

    #[test]
    fn private_use_text_is_kept_as_utf8() {
        for odd in ['\u{E5E5}', '\u{E78D}', '\u{E864}'] {
            let json = format!("{{\"t\":\"a{odd}b 城管\"}}");
            let packed = pack(&json);
            assert_eq!(packed[0], UTF8_TAG);
            assert_eq!(unpack(&packed), Some(json));
        }
    }

    #[test]
    fn damaged_bytes_are_refused() {
        assert_eq!(unpack(b""), None);
        assert_eq!(unpack(b"x{}"), None);
        assert_eq!(unpack(b"u\xff"), None);
        assert_eq!(unpack(b"g\x81"), None, "a lead byte without its trail");
    }
}

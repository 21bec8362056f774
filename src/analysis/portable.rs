//! baokan's tokens → the same tokens written so that an engine splitting its input on
//! whitespace (OpenSearch's `whitespace` tokenizer, Lucene's `WhitespaceAnalyzer`) reads each
//! as one token, in order: the form in which `export --opensearch` and `search --dsl` hand
//! the grams and words fields to a cluster, so that its positions are baokan's.
//!
//! A character that is whitespace or a control character (for Rust or for Java, whose sets
//! differ), or a backslash, is written `\uXXXX` (`\u000a` for a line break, `\u0000` for the
//! end mark of a text's last bigram); every other character as itself. The writing is
//! one-to-one, so two tokens are equal exactly when their writings are, and a token starts
//! with a character exactly when its writing starts with that character's writing.

use super::grams;

/// `token` written without whitespace or control characters.
pub fn portable(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    token.chars().for_each(|c| push(&mut out, c));
    out
}

/// The grams of normalized `text` (one bigram a character, the last one closed by
/// the end mark), written portably, one space between two: what [`joined`] makes of the
/// grams tokenizer's tokens, without a string a bigram.
pub fn grams(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !out.is_empty() {
            out.push(' ');
        }
        push(&mut out, c);
        push(&mut out, chars.peek().copied().unwrap_or(grams::END));
    }
    out
}

/// Appends `c` written portably.
fn push(out: &mut String, c: char) {
    if c.is_whitespace() || c.is_control() || c == '\\' {
        out.push_str(&format!("\\u{:04x}", c as u32));
    } else {
        out.push(c);
    }
}

/// `tokens` written portably, one space between two.
pub fn joined<'a>(tokens: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for token in tokens {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&portable(token));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grams_are_the_tokenizers_bigrams_written_portably() {
        use tantivy::tokenizer::{TokenStream, Tokenizer};
        for text in ["城管 局", "", "a", "城管\n执法\\", "２０６３.42亿元"] {
            let mut tokenizer = grams::GramTokenizer;
            let mut stream = tokenizer.token_stream(text);
            let mut tokens = Vec::new();
            while stream.advance() {
                tokens.push(stream.token().text.clone());
            }
            assert_eq!(grams(text), joined(tokens.iter().map(String::as_str)), "{text:?}");
        }
    }

    #[test]
    fn tokens_keep_no_whitespace_and_stay_apart() {
        assert_eq!(portable("城管"), "城管");
        assert_eq!(portable("管\n"), "管\\u000a");
        assert_eq!(portable("a b"), "a\\u0020b");
        assert_eq!(portable("理\0"), "理\\u0000");
        assert_eq!(
            portable("\\u"),
            "\\u005cu",
            "a backslash is written too, so no writing is ambiguous"
        );
        assert_eq!(portable("\u{3000}\u{1c}"), "\\u3000\\u001c");
        assert_eq!(joined(["城管", "管局", "局\0"]), "城管 管局 局\\u0000");
        for token in ["城管", "a b", "\t\u{a0}", "１２"] {
            assert!(!portable(token).chars().any(char::is_whitespace), "{token:?}");
        }
    }
}

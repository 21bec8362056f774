//! Normalized text → jieba words (search mode) of three or more characters, with byte
//! offsets: the ranking fields; and whether a text is one of jieba's dictionary words.
//!
//! A word of one or two characters is already a term of the grams field (its bigram, or the
//! bigrams it starts), which scores it by BM25 as it matches; indexing it again as a word
//! would double the postings for nothing (two thirds of jieba's words are that short). The
//! words kept are those the grams cannot score as one term: `城市管理局`, `马拉松`, `2063.42`.
//!
//! Positions are jieba's character `start`, so search-mode sub-words (`马拉` inside `马拉松`)
//! share their parent's coordinates instead of pushing later words further away; the stream
//! is sorted by position, as tantivy requires. Whitespace and punctuation are not words.
//! The dictionary loads lazily on first use (about 100 ms), so commands that never segment
//! never pay for it.

use std::sync::LazyLock;

use jieba_rs::Jieba;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Name under which the tokenizer is registered.
pub const NAME: &str = "baokan_words";

static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// Words shorter than this are left to the grams field.
pub const MIN_CHARS: usize = 3;

/// The jieba words of normalized `text` with at least [`MIN_CHARS`] characters, as tantivy
/// tokens sorted by position.
pub fn words(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = JIEBA
        .cut_for_search(text, true)
        .into_iter()
        .filter(|t| t.word.chars().nth(MIN_CHARS - 1).is_some())
        .filter(|t| t.word.chars().any(char::is_alphanumeric))
        .map(|t| Token {
            offset_from: t.byte_start,
            offset_to: t.byte_end,
            position: t.start,
            text: t.word.to_string(),
            position_length: 1,
        })
        .collect();
    tokens.sort_by_key(|t| t.position);
    tokens
}

/// Whether `text` is a word of jieba's dictionary (`提高`, `信息`; not `市曹`).
pub fn is_word(text: &str) -> bool {
    JIEBA.has_word(text)
}

/// Tokenizer over jieba for already-normalized text.
#[derive(Clone, Default)]
pub struct WordTokenizer;

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream {
        WordStream {
            tokens: words(text),
            next: 0,
        }
    }
}

/// Token stream of [`WordTokenizer`].
pub struct WordStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for WordStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_mode_sub_words_share_the_parent_position() {
        let tokens = words("菏泽市城市管理局马拉松赛");
        let at = |word: &str| tokens.iter().find(|t| t.text == word).map(|t| t.position);
        assert_eq!(at("菏泽市"), Some(0));
        assert_eq!(at("管理局"), Some(5));
        assert_eq!(at("马拉松赛"), Some(8));
        assert_eq!(
            at("马拉松"),
            Some(8),
            "sub-word keeps its parent's position: {tokens:?}"
        );
        assert_eq!(at("城市"), None, "two characters are the grams' term");
        assert!(tokens.windows(2).all(|w| w[0].position <= w[1].position));
    }

    #[test]
    fn offsets_slice_the_text_and_punctuation_is_dropped() {
        let text = "2063.42亿元,gdp增长3.6%。“城管”";
        let tokens = words(text);
        for t in &tokens {
            assert_eq!(&text[t.offset_from..t.offset_to], t.text);
        }
        assert!(tokens.iter().all(|t| t.text.chars().any(char::is_alphanumeric)));
        assert!(tokens.iter().any(|t| t.text == "2063.42"));
        assert!(
            tokens.iter().all(|t| t.text.chars().count() >= MIN_CHARS),
            "short words are the grams' terms: {tokens:?}"
        );
    }
}

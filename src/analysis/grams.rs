//! Normalized text → character bigrams with positions: the exact-match field.
//!
//! Character `i` yields the bigram `c_i c_{i+1}` at position `i` (the last character pairs
//! with [`END`]), with byte offsets into the text. A query run of n ≥ 2 characters is the
//! slop-0 phrase of its n − 1 bigrams (a single term when n = 2), and one character is any
//! bigram it starts (a range of the term dictionary), so a document matches exactly when its
//! normalized text contains the run. One token per character, not two: no unigram field.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Stands after the last character in its bigram, so every character starts one bigram.
pub const END: char = '\0';

/// Name under which the tokenizer is registered.
pub const NAME: &str = "baokan_grams";

/// The bigrams of a normalized query run, in order (empty for fewer than two characters).
pub fn bigrams(run: &str) -> Vec<String> {
    let chars: Vec<char> = run.chars().collect();
    chars.windows(2).map(|pair| pair.iter().collect()).collect()
}

/// Tokenizer emitting the bigrams of already-normalized text.
#[derive(Clone, Default)]
pub struct GramTokenizer;

impl Tokenizer for GramTokenizer {
    type TokenStream<'a> = GramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> GramStream<'a> {
        GramStream {
            text,
            chars: text.char_indices().collect(),
            next: 0,
            token: Token::default(),
        }
    }
}

/// Token stream of [`GramTokenizer`]: one bigram per character.
pub struct GramStream<'a> {
    text: &'a str,
    chars: Vec<(usize, char)>,
    /// Index of the character whose bigram comes next.
    next: usize,
    token: Token,
}

impl TokenStream for GramStream<'_> {
    fn advance(&mut self) -> bool {
        let index = self.next;
        let Some(&(start, c)) = self.chars.get(index) else {
            return false;
        };
        self.next += 1;
        let following = self.chars.get(index + 1);
        self.token.text.clear();
        self.token.text.push(c);
        self.token.text.push(following.map_or(END, |&(_, c)| c));
        self.token.offset_from = start;
        let end = self
            .chars
            .get(index + 2)
            .map_or(self.text.len(), |&(offset, _)| offset);
        self.token.offset_to = end;
        self.token.position = index;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut tokenizer = GramTokenizer;
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn one_bigram_per_character_at_its_position() {
        let got = tokens("城管a");
        let want = [("城管", 0, 0, 6), ("管a", 1, 3, 7), ("a\0", 2, 6, 7)];
        let want: Vec<_> = want
            .iter()
            .map(|&(t, p, f, e)| (t.to_string(), p, f, e))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn every_token_slices_its_text() {
        let text = "2063.42亿元 ％😀ok";
        for (token, _, from, to) in tokens(text) {
            assert_eq!(&text[from..to], token.trim_end_matches(END));
        }
        assert!(tokens("").is_empty());
    }

    #[test]
    fn query_bigrams() {
        assert_eq!(bigrams("城管服务站"), ["城管", "管服", "服务", "务站"]);
        assert!(bigrams("城").is_empty());
    }
}

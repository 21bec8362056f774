//! Text analysis: the normalizer and the two tokenizers the index is built with.
//!
//! In: stored text. Out: normalized text ([`mod@normalize`]), exact-match grams ([`grams`]) and
//! ranking words ([`words`]). [`register`] installs the tokenizers on an opened index; tantivy
//! does not persist them, so it runs on every open.

pub mod grams;
pub mod normalize;
pub mod t2s;
pub mod words;

pub use normalize::{normalize, normalize_str, Normalized};

/// Registers the grams and words tokenizers on `index`.
pub fn register(index: &tantivy::Index) {
    let manager = index.tokenizers();
    manager.register(grams::NAME, grams::GramTokenizer);
    manager.register(words::NAME, words::WordTokenizer);
}

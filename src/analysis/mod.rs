//! Text analysis: the normalizer and the two tokenizers the index is built with.
//!
//! In: stored text. Out: normalized text (`normalize`, with the Traditional → Simplified table
//! of `t2s`), exact-match grams (`grams`) and ranking words ([`words`]), and those tokens
//! written for an engine that splits on whitespace ([`portable`]), and the MinHash sketch that
//! tells a reprint of a text from another text ([`sketch`]). `register` installs
//! the tokenizers on an opened index; tantivy does not persist them, so it runs on every open.

pub(crate) mod grams;
pub(crate) mod normalize;
pub mod portable;
pub mod sketch;
mod t2s;
pub mod words;

pub use normalize::{is_han, normalize_lines, normalize_str};
pub(crate) use t2s::simplified_text;

/// Registers the grams and words tokenizers on `index`.
pub(crate) fn register(index: &tantivy::Index) {
    let manager = index.tokenizers();
    manager.register(grams::NAME, grams::GramTokenizer);
    manager.register(words::NAME, words::WordTokenizer);
}

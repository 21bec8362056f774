//! baokan (报刊): full-text search over Chinese regional newspaper pages and government tables.
//!
//! ```text
//! corpus dir ─corpus─▶ files ─decode─▶ text ─split─▶ pieces ─meta─▶ Document (ingest)
//!   ─analysis (normalize, grams, words)─▶ tantivy index (schema, indexer, store)
//! query text ─query::syntax─▶ Node ─query::plan─▶ tantivy query ─search─▶ hits
//!   ─snippet─▶ output::text | output::json
//! ```
//!
//! - [`corpus`]: walk a folder, skip what is not text.
//! - [`decode`]: bytes → UTF-8 (UTF-8, UTF-16, GB18030).
//! - [`split`]: page → articles/columns/captions, table → rows.
//! - [`meta`]: dates, papers, regions, reporters.
//! - [`ingest`]: one file → its documents.
//! - [`analysis`]: normalizer and tokenizers.
//! - [`schema`], [`indexer`], [`store`], [`manifest`], [`lock`], [`progress`]: the index on
//!   disk, kept up to date incrementally and safely.
//! - [`query`], [`search`], [`rank`], [`mod@matches`], [`snippet`], [`facets`]: from query text
//!   to ranked hits with snippets and counts.
//! - [`output`], [`stats`], [`cli`], [`app`]: what users type and read.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod corpus;
pub mod decode;
pub mod document;
pub mod error;
pub mod facets;
pub mod indexer;
pub mod ingest;
pub mod lock;
pub mod manifest;
pub mod matches;
pub mod meta;
pub mod occurrences;
pub mod output;
pub mod packing;
pub mod progress;
pub mod query;
pub mod rank;
pub mod schema;
pub mod search;
pub mod snippet;
pub mod split;
pub mod stats;
pub mod store;

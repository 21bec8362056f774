//! baokan (报刊): full-text search over Chinese regional newspaper pages and government tables.
//!
//! ```text
//!             ┌───────────────────────── ingest ─────────────────────────┐
//! corpus dir ─┤ corpus ─bytes─▶ decode ─text─▶ split ─pieces─▶ meta ─────┼─▶ Document
//!             └──────────────────────────────────────────────────────────┘
//! Document ─index (codec: analysis::normalize, grams, words)─▶ tantivy generation in DIR/
//! query text ─search::query─▶ Query ─plan, filters, collect, rank─▶ hits ─snippet─▶ Results
//! Results, Summary, Stats ─output::text | output::json─▶ terminal, scripts
//! ```
//!
//! The rooms, each importing only the ones listed before it:
//! - [`document`], [`error`]: the unit of search and the error kinds, shared by all.
//! - [`analysis`]: normalized text, and the tokenizers the index is built with.
//! - [`ingest`]: one corpus file's bytes → its documents ([`ingest::ingest`]).
//! - [`index`]: documents → an index on disk, kept up to date incrementally and safely.
//! - [`search`]: a query and filters → ranked hits with snippets, facets, stats.
//! - [`output`]: what people and scripts read.
//! - [`cli`], [`app`]: what users type, and running it.
#![deny(missing_docs)]

pub mod analysis;
pub mod app;
pub mod cli;
pub mod document;
pub mod error;
pub mod index;
pub mod ingest;
pub mod output;
pub mod search;

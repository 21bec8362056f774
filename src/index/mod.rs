//! Documents → a tantivy index on disk, kept up to date incrementally and safely, and opened
//! for reading.
//!
//! ```text
//! corpus ─indexer (workers: ingest, codec)─▶ tantivy generation + manifest ─store─▶ DIR/
//! DIR/ ─store::open─▶ Store ─documents─▶ Document
//! ```
//!
//! `schema` names every field and says why it exists; `codec` turns a
//! [`Document`](crate::document::Document) into a tantivy document and back (the stored JSON
//! packed by `packing`); [`indexer`] compares the corpus with the current generation's
//! `manifest` and writes only what changed into a new generation; `store` publishes
//! generations by an atomic rename of the pointer file and opens the current one; `lock`
//! keeps one writer at a time and keeps a generation alive while a search reads it;
//! [`opensearch`] writes what a cluster ingests (template and bulk files); [`reprints`]
//! groups the articles printed more than once at the end of each run and reads the groups
//! back.

mod codec;
mod disk;
mod documents;
pub mod indexer;
mod lock;
mod manifest;
pub mod opensearch;
mod packing;
pub mod reprints;
pub(crate) mod schema;
mod store;

pub use indexer::{build, run, Options, Progress, Summary};
pub use store::{exists, open, pointer, recorded, Store};

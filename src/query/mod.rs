//! Queries: [`syntax`] reads the text into a tree, [`plan`] turns the tree into tantivy.

pub mod plan;
pub mod syntax;

pub use syntax::{parse, positive_terms, Node, Scope, SyntaxError};

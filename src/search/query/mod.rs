//! Queries: [`syntax`] reads the text into a tree, [`expand`] finds the other forms of its
//! terms, [`plan`] turns the tree into tantivy.

pub mod expand;
pub mod plan;
pub mod syntax;

pub use expand::{expansions, Expansion, Synonyms};
pub use syntax::{parse, positive_terms, Node, Scope, SyntaxError};

//! Every byte a person or a script reads: [`text`] for terminals, [`json`] for scripts, and
//! the progress bar `index` draws on stderr.

pub mod json;
pub(crate) mod progress;
pub mod text;

//! Every byte a person or a script reads: [`text`] for terminals, [`json`] for scripts,
//! [`sheet`] for spreadsheets, [`chart`] for trends, and the progress bar `index` draws on
//! stderr.

pub mod chart;
pub mod json;
pub(crate) mod progress;
pub mod sheet;
pub mod text;

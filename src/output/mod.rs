//! Results → what people and scripts read: [`text`] for terminals, [`json`] for scripts.

pub mod json;
pub mod text;

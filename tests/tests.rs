//! The integration suite: runs the real `baokan` binary in a temporary folder per test.
//! One binary (`autotests = false`), one module per area.

mod util;

mod commands;
mod encoding;
mod errors;
mod exact;
mod gold;
mod help;
mod robustness;
mod search;

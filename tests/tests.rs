//! The integration suite: runs the real `baokan` binary in a temporary folder per test.
//! One binary (`autotests = false`), one module per area.

mod util;

mod architecture;

mod browser;
mod chinese;
mod commands;
mod encoding;
mod errors;
mod exact;
mod gold;
mod help;
mod hostile;
mod incremental;
mod opensearch;
mod properties;
mod ranking;
mod reprints;
mod robustness;
mod search;
mod serve;
mod sheets;
mod trend;

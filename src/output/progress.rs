//! Bytes and files read by `index` → a progress bar on stderr (files and MB done, rate, ETA).
//!
//! Drawn only when asked and stderr is a terminal; otherwise every call does nothing.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

const TEMPLATE: &str =
    "{spinner} [{elapsed_precise}] {bar:30} {msg} files, {decimal_bytes}/{decimal_total_bytes} ({decimal_bytes_per_sec}, ETA {eta})";

/// The bar of one `index` run.
pub struct Progress {
    bar: ProgressBar,
    files_total: usize,
    files_done: usize,
}

impl Progress {
    /// A bar for `files` files of `bytes` bytes in all; hidden unless `wanted` and stderr is
    /// a terminal.
    pub fn new(wanted: bool, files: usize, bytes: u64) -> Progress {
        let target = if wanted && std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(Some(bytes), target);
        bar.set_style(
            ProgressStyle::with_template(TEMPLATE).unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        let progress = Progress {
            bar,
            files_total: files,
            files_done: 0,
        };
        progress.show_files();
        progress
    }

    /// One more file of `bytes` bytes is done.
    pub fn file_done(&mut self, bytes: u64) {
        self.files_done += 1;
        self.bar.inc(bytes);
        self.show_files();
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }

    fn show_files(&self) {
        self.bar
            .set_message(format!("{}/{}", self.files_done, self.files_total));
    }
}

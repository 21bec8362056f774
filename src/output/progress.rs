//! What `index` reads, as it goes → a progress bar on stderr (files and MB done, rate, ETA).
//!
//! Drawn only when stderr is a terminal; otherwise every call does nothing.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::index::Progress;

const TEMPLATE: &str =
    "{spinner} [{elapsed_precise}] {bar:30} {msg} files, {decimal_bytes}/{decimal_total_bytes} ({decimal_bytes_per_sec}, ETA {eta})";

/// The bar of one `index` run, drawn once reading starts.
#[derive(Default)]
pub(crate) struct Bar {
    bar: Option<ProgressBar>,
    files_total: usize,
    files_done: usize,
}

impl Bar {
    fn show_files(&self) {
        if let Some(bar) = &self.bar {
            bar.set_message(format!("{}/{}", self.files_done, self.files_total));
        }
    }
}

impl Progress for Bar {
    fn start(&mut self, files: usize, bytes: u64) {
        let target = if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(Some(bytes), target);
        bar.set_style(
            ProgressStyle::with_template(TEMPLATE).unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        self.bar = Some(bar);
        self.files_total = files;
        self.show_files();
    }

    fn file_done(&mut self, bytes: u64) {
        self.files_done += 1;
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
        }
        self.show_files();
    }

    fn finish(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

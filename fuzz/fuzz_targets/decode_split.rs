//! Arbitrary file bytes → ingest (decode, split, describe), as the indexer runs it: never
//! panics, and the documents of whatever is text point at lines that exist and hold no
//! carriage return.
#![no_main]

use baokan::ingest::{ingest, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(ingested) = ingest(&Source::named("fuzz.txt", "corpus/fuzz.txt"), bytes) else {
        return;
    };
    // A file has at most one line more than it has line-end bytes.
    let lines = bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() + 1;
    for doc in &ingested.documents {
        assert!(!doc.body.contains('\r') && !doc.title.contains('\r'), "line ends are unified");
        assert!(1 <= doc.lines[0] && doc.lines[0] <= doc.lines[1], "{:?}", doc.lines);
        assert!(doc.lines[1] <= lines + 1, "{:?} beyond {lines} lines", doc.lines);
    }
});

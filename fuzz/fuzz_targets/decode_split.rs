//! Arbitrary file bytes → decode → split and describe: never panics, and whatever is
//! decoded is clean text whose documents point at lines that exist.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(decoded) = baokan::decode::decode(bytes) else {
        return;
    };
    assert!(!decoded.text.contains('\r'), "line ends are unified");
    let lines = decoded.text.lines().count().max(1);
    let ingested = baokan::ingest::documents(
        "fuzz.txt",
        "corpus/fuzz.txt",
        &decoded.text,
        baokan::meta::sidecar::Given::default(),
    );
    for doc in &ingested.documents {
        assert!(1 <= doc.lines[0] && doc.lines[0] <= doc.lines[1], "{:?}", doc.lines);
        assert!(doc.lines[1] <= lines + 1, "{:?} beyond {lines} lines", doc.lines);
    }
});

//! Arbitrary query text → the query parser: never panics; an error names a position inside
//! the query.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|query: &str| {
    if let Err(err) = baokan::search::query::syntax::parse(query) {
        assert!(err.position <= query.chars().count() + 1, "{err} in {query:?}");
        assert!(err.to_string().contains(&err.position.to_string()));
    }
});

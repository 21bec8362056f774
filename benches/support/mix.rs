//! The fixed query mix shared by the criterion `queries` bench (`benches/pipeline.rs`) and the
//! `latency` example, so both measure the same queries.

use baokan::search::{Options, Sort};

/// The query mix, as (query text, search options), each asking for one page of 10 hits:
/// a 2-character word, a 5-character run that is not itself an indexed word, a person's name,
/// three words (AND), a quoted phrase, a word within one paper (`--paper`), a word sorted newest
/// first (`--sort newest`), and a query with no hits.
pub fn mix() -> Vec<(&'static str, Options)> {
    let page = || Options {
        limit: 10,
        ..Options::default()
    };
    vec![
        ("城管", page()),
        ("城管服务站", page()),
        ("冯锴", page()),
        ("城管 停车 管理", page()),
        ("\"推进精细管理\"", page()),
        (
            "城管",
            Options {
                papers: vec!["牡丹晚报".into()],
                ..page()
            },
        ),
        (
            "城管",
            Options {
                sort: Sort::Newest,
                ..page()
            },
        ),
        ("不存在的词语", page()),
    ]
}

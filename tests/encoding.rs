//! Decoding: the same page in several encodings indexes to the same documents; binary and
//! empty files are skipped or yield nothing, without failing the build.

use std::collections::BTreeMap;

use crate::util::{seed_text, Dir, Doc, Summary};

/// Everything a document says except where it came from (`id`, `path`).
fn content(doc: &Doc) -> Doc {
    Doc {
        id: String::new(),
        path: String::new(),
        ..doc.clone()
    }
}

/// Export records grouped by the file name they came from.
fn by_file(docs: &[Doc]) -> BTreeMap<String, Vec<Doc>> {
    let mut out: BTreeMap<String, Vec<Doc>> = BTreeMap::new();
    for doc in docs {
        let name = doc.path.rsplit('/').next().unwrap_or(&doc.path).to_string();
        out.entry(name).or_default().push(doc.clone());
    }
    out
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

#[test]
fn every_encoding_of_a_page_gives_the_same_documents() {
    let dir = Dir::new("encodings");
    let text = seed_text("000");
    let (gbk, _, lossy) = encoding_rs::GBK.encode(&text);
    assert!(!lossy, "seed 000 is representable in GBK");
    assert!(
        std::str::from_utf8(&gbk).is_err(),
        "the GBK copy is not accidentally UTF-8"
    );
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    dir.create("corpus/utf8.txt", &text);
    dir.create("corpus/utf8-bom.txt", bom);
    dir.create("corpus/gbk.txt", &gbk[..]);
    dir.create("corpus/utf16le.txt", utf16(&text, false));
    dir.create("corpus/utf16be.txt", utf16(&text, true));
    dir.create("corpus/crlf.txt", text.replace('\n', "\r\n"));
    dir.create("corpus/cr.txt", text.replace('\n', "\r"));

    let summary: Summary = dir
        .command(&["index", "corpus", "--index", "idx", "--json"])
        .json();
    assert_eq!(summary.files_indexed, 7, "{summary:#?}");
    assert!(summary.files_skipped.is_empty(), "{summary:#?}");

    let files = by_file(&dir.export());
    let original: Vec<Doc> = files["utf8.txt"].iter().map(content).collect();
    assert!(original.len() >= 2, "seed 000 holds several documents");
    assert!(
        original.iter().any(|d| d.title == "全市城管工作会议召开"),
        "the UTF-8 page is read correctly: {original:#?}"
    );
    for copy in [
        "utf8-bom.txt",
        "gbk.txt",
        "utf16le.txt",
        "utf16be.txt",
        "crlf.txt",
        "cr.txt",
    ] {
        let docs = files
            .get(copy)
            .unwrap_or_else(|| panic!("{copy} produced no documents"));
        let got: Vec<Doc> = docs.iter().map(content).collect();
        assert_eq!(got, original, "{copy} reads like the UTF-8 original");
        assert!(docs
            .iter()
            .all(|d| !d.body.contains('\r') && !d.body.contains('\u{FEFF}')));
    }

    // The decoded copies are searchable as text, not as mojibake.
    let hits = dir.search(&["城管服务站", "--limit", "100"]);
    assert_eq!(hits.total, 7, "one hit per copy: {hits:#?}");
}

#[test]
fn binary_files_are_skipped_with_a_reason() {
    let dir = Dir::new("binary");
    dir.create("corpus/page.txt", seed_text("000"));
    let mut junk = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
    junk.extend((0u8..=255).cycle().take(4096));
    dir.create("corpus/junk.bin", &junk);
    let mut text_with_nul = "全市城管工作会议召开\n".as_bytes().to_vec();
    text_with_nul.extend_from_slice(b"\0\0\0\x01\x02binary tail\0");
    dir.create("corpus/junk.txt", text_with_nul);

    let summary: Summary = dir
        .command(&["index", "corpus", "--index", "idx", "--json"])
        .json();
    assert_eq!(summary.files_indexed, 1, "{summary:#?}");
    let reason = |name: &str| {
        summary
            .files_skipped
            .iter()
            .find(|s| s.path.ends_with(name))
            .map(|s| s.reason.clone())
            .unwrap_or_else(|| panic!("{name} is not listed as skipped: {summary:#?}"))
    };
    assert!(reason("junk.txt").contains("binary"), "{summary:#?}");
    assert!(!reason("junk.bin").trim().is_empty(), "{summary:#?}");
    assert_eq!(summary.files_skipped.len(), 2, "{summary:#?}");

    let docs = dir.export();
    assert!(!docs.is_empty());
    assert!(
        docs.iter().all(|d| d.path.ends_with("page.txt")),
        "only the page is indexed"
    );
    assert!(
        docs.iter()
            .all(|d| !d.body.contains('\0') && !d.title.contains('\0')),
        "no NUL reaches the index"
    );

    // The text summary lists the skipped files too.
    let run = dir.command(&["index", "corpus", "--index", "idx"]).run().quiet();
    run.check(
        run.stdout.contains("junk.txt") && run.stdout.contains("junk.bin"),
        "the text summary names the skipped files",
    );
}

#[test]
fn empty_files_give_no_documents() {
    let dir = Dir::new("empty");
    dir.create("corpus/empty.txt", "");
    dir.create("corpus/blank.txt", "\n\n   \n\t\n");
    dir.create("corpus/page.txt", seed_text("000"));
    let summary: Summary = dir
        .command(&["index", "corpus", "--index", "idx", "--json"])
        .json();
    let docs = dir.export();
    assert!(!docs.is_empty());
    assert!(
        docs.iter().all(|d| d.path.ends_with("page.txt")),
        "empty and blank files produce no documents: {docs:#?}"
    );
    assert_eq!(
        summary.documents.values().sum::<usize>(),
        docs.len(),
        "{summary:#?}"
    );

    // A corpus with nothing to index builds an empty index that answers every query.
    let only_empty = Dir::new("only-empty");
    only_empty.create("corpus/empty.txt", "");
    let summary: Summary = only_empty
        .command(&["index", "corpus", "--index", "idx", "--json"])
        .json();
    assert_eq!(summary.documents.values().sum::<usize>(), 0, "{summary:#?}");
    assert!(only_empty.export().is_empty());
    let results = only_empty.search(&["城管"]);
    assert_eq!(results.total, 0);
    assert!(results.hits.is_empty());
    let stats: crate::util::Stats = only_empty.command(&["stats", "--index", "idx", "--json"]).json();
    assert_eq!(stats.documents, 0);
    assert_eq!(stats.date_span, None);
}

#[test]
fn stored_documents_come_back_character_for_character() {
    // The index stores documents packed as GB18030, which does not round-trip some
    // private-use characters: those documents must be stored another way, not altered.
    let dir = Dir::new("packing");
    let odd = "\u{E78D}𠀀😀€％";
    let text = seed_text("000");
    let anchor = "全面推动全市城市管理事业高质量发展";
    assert!(text.contains(anchor));
    dir.create(
        "corpus/odd.txt",
        text.replacen(anchor, &format!("{anchor}{odd}"), 1),
    );
    dir.create("corpus/plain.txt", &text);
    dir.command(&["index", "corpus", "--index", "idx"])
        .run()
        .success();

    let files = by_file(&dir.export());
    let with_odd: Vec<&Doc> = files["odd.txt"].iter().filter(|d| d.body.contains(odd)).collect();
    assert_eq!(with_odd.len(), 1, "{:#?}", files["odd.txt"]);
    let plain: Vec<Doc> = files["plain.txt"].iter().map(content).collect();
    let back: Vec<Doc> = files["odd.txt"]
        .iter()
        .map(|d| Doc {
            body: d.body.replace(odd, ""),
            ..content(d)
        })
        .collect();
    assert_eq!(back, plain, "nothing else differs");
    assert_eq!(plain.len(), files["plain.txt"].len());
}

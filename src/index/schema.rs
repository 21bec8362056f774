//! The tantivy schema: every field, and why it exists.
//!
//! Text fields receive already-normalized text (see `analysis::normalize`); the stored
//! document is a JSON copy of [`crate::document::Document`] (written and read by `codec`),
//! so the index never has to rebuild a document from its fields. Every field is named by one
//! constant here, which the codec, the searches and the facets use too.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::IndexSettings;

use crate::analysis::sketch::WORDS;
use crate::analysis::{grams, words};

/// Version of the on-disk format; an index of another version must be rebuilt. 3: text is
/// indexed with Traditional characters folded to Simplified. 4: one bigram per character (no
/// unigrams), words fields without positions. 5: zstd document store. 6: words fields keep
/// jieba words of three or more characters only. 7: stored documents packed as GB18030. 8:
/// regions from the national gazetteer; documents carry `region_code`, `city` and `province`,
/// indexed with the codes of the places the region lies in. 9: pages re-read (digest items,
/// papers of any place, undated items' opening dates), so older indexes are rebuilt. 10: a
/// fast `order` field, the ranking's last tie-break. 11: a table row's column names in a
/// `columns` grams field, which relaxed searches match. 12: a `sketch` of each article's body
/// (reprints, 16 numeric fast fields), and the groups of reprints beside the index. 13: pages
/// re-read (a subtitle printed on the line under its title is searchable text, a kicker ending
/// in a colon is no part of the title, pages without blank lines are cut into paragraphs). 14:
/// regions and papers re-read (place names inside other words, press groups' credits). 15:
/// headers read field by field (any order, labels, mastheads on their own line), a page's
/// staff line is no headline, a paper's `我市` is its home. 16: pages re-read (a web article's
/// meta line under its headline, sidebars, digests after an article, titles over decks and
/// with commas, more photo credits, source lines), tables between pipes, row titles.
pub const FORMAT_VERSION: u32 = 16;

/// Field names.
pub(crate) const ID: &str = "id";
pub(crate) const PATH: &str = "path";
pub(crate) const KIND: &str = "kind";
pub(crate) const PAPER: &str = "paper";
pub(crate) const REGION: &str = "region";
pub(crate) const CITY: &str = "city";
pub(crate) const PROVINCE: &str = "province";
pub(crate) const PLACES: &str = "places";
pub(crate) const DATE: &str = "date";
pub(crate) const ORDER: &str = "order";
pub(crate) const TITLE_GRAMS: &str = "title_grams";
pub(crate) const BODY_GRAMS: &str = "body_grams";
pub(crate) const TITLE_WORDS: &str = "title_words";
pub(crate) const BODY_WORDS: &str = "body_words";
pub(crate) const COLUMNS: &str = "columns";
/// The fields of an article's sketch, one 64-bit word each: `sketch0` … `sketch15`.
pub(crate) fn sketch_field(word: usize) -> String {
    format!("sketch{word}")
}
pub(crate) const DOC: &str = "doc";

/// Handles to every field of the schema.
#[derive(Clone, Debug)]
pub struct Fields {
    /// Stable document id, for `show` (exact term).
    pub id: Field,
    /// Corpus-relative source path (exact term), for replacing a file's documents.
    pub path: Field,
    /// `article`, `column`, `photo_caption`, `table_row`: filter and facet.
    pub kind: Field,
    /// Canonical paper name: filter and facet.
    pub paper: Field,
    /// Region name: filter and facet.
    pub region: Field,
    /// The region's prefecture-level city (or municipality): facet.
    pub city: Field,
    /// The region's province: facet.
    pub province: Field,
    /// Every code the region lies in (`32`, `3209`, `320902` for 亭湖区): the `--region` filter
    /// of a province or a city finds the documents of all its places.
    pub places: Field,
    /// Date as the number `YYYYMMDD`: range filter and date sorts. Absent when the year is unknown.
    pub date: Field,
    /// The document's place in the corpus ([`crate::document::Document::corpus_order`]): the
    /// last tie-break of the ranking, so equals come in one order in every build.
    pub order: Field,
    /// Title bigrams (one per character) with positions: exact substring matching in titles.
    pub title_grams: Field,
    /// Body bigrams (one per character) with positions: exact substring matching in bodies.
    pub body_grams: Field,
    /// Title jieba words of three or more characters: BM25 ranking, boosted (shorter words
    /// are scored through the grams fields).
    pub title_words: Field,
    /// Body jieba words of three or more characters: BM25 ranking.
    pub body_words: Field,
    /// A table row's column names, one a line, as grams:
    /// only relaxed searches match them (`进度` in `是否按计划完成进度`), so that a strict
    /// search finds what the text prints.
    pub columns: Field,
    /// An article's MinHash sketch (`analysis::sketch`), read back at the end of every index
    /// run to group reprints (`reprints`).
    pub sketch: Vec<Field>,
    /// The whole document as packed JSON, returned with hits.
    pub doc: Field,
}

/// zstd level of the document store: level 4 packs the store about as tightly as level 6
/// at the speed of level 3 (measured on the 100 MB generated corpus).
const STORE_LEVEL: i32 = 4;

/// Bytes of documents compressed together in the store. Three times tantivy's default: zstd
/// finds more to share in a larger block (the store shrinks by a fifth), while fetching a
/// document decompresses 48 KiB instead of 16 (tens of microseconds, a few times per page).
const STORE_BLOCK: usize = 48 * 1024;

/// Index settings: the stored documents are compressed with zstd in blocks of
/// 48 KiB; with the GB18030 packing of `packing`, the store takes
/// about 0.29× the corpus instead of 0.53× (UTF-8 JSON, level 3, 16 KiB blocks).
pub fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(STORE_LEVEL),
        }),
        docstore_blocksize: STORE_BLOCK,
        ..IndexSettings::default()
    }
}

/// Builds the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = |tokenizer: &str, record: IndexRecordOption| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(record),
        )
    };
    let positions = IndexRecordOption::WithFreqsAndPositions;
    builder.add_text_field(ID, STRING);
    builder.add_text_field(PATH, STRING);
    builder.add_text_field(KIND, STRING | FAST);
    builder.add_text_field(PAPER, STRING | FAST);
    builder.add_text_field(REGION, STRING | FAST);
    builder.add_text_field(CITY, STRING | FAST);
    builder.add_text_field(PROVINCE, STRING | FAST);
    builder.add_text_field(PLACES, STRING);
    builder.add_i64_field(DATE, NumericOptions::default().set_indexed().set_fast());
    builder.add_u64_field(ORDER, NumericOptions::default().set_fast());
    builder.add_text_field(TITLE_GRAMS, text(grams::NAME, positions));
    builder.add_text_field(BODY_GRAMS, text(grams::NAME, positions));
    builder.add_text_field(TITLE_WORDS, text(words::NAME, IndexRecordOption::WithFreqs));
    builder.add_text_field(BODY_WORDS, text(words::NAME, IndexRecordOption::WithFreqs));
    builder.add_text_field(COLUMNS, text(grams::NAME, positions));
    for word in 0..WORDS {
        builder.add_u64_field(&sketch_field(word), NumericOptions::default().set_fast());
    }
    builder.add_bytes_field(DOC, STORED);
    let schema = builder.build();
    let fields = fields(&schema).expect("every field was just added");
    (schema, fields)
}

/// Field handles of an opened index's schema.
pub fn fields(schema: &Schema) -> tantivy::Result<Fields> {
    let get = |name: &str| schema.get_field(name);
    Ok(Fields {
        id: get(ID)?,
        path: get(PATH)?,
        kind: get(KIND)?,
        paper: get(PAPER)?,
        region: get(REGION)?,
        city: get(CITY)?,
        province: get(PROVINCE)?,
        places: get(PLACES)?,
        date: get(DATE)?,
        order: get(ORDER)?,
        title_grams: get(TITLE_GRAMS)?,
        body_grams: get(BODY_GRAMS)?,
        title_words: get(TITLE_WORDS)?,
        body_words: get(BODY_WORDS)?,
        columns: get(COLUMNS)?,
        sketch: (0..WORDS)
            .map(|word| get(&sketch_field(word)))
            .collect::<Result<_, _>>()?,
        doc: get(DOC)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The schema, the index settings and the packing of a stored document, as one string:
    /// what an index written by this build looks like on disk.
    fn on_disk_format() -> String {
        let (schema, _) = build();
        format!(
            "{}\n{}\n{:?}",
            serde_json::to_string(&schema).expect("schema"),
            serde_json::to_string(&settings()).expect("settings"),
            crate::index::packing::pack(r#"{"title":"城管 €％"}"#),
        )
    }

    #[test]
    fn format_version_follows_the_on_disk_format() {
        let fingerprint =
            crate::index::manifest::hex(crate::ingest::corpus::content_hash(on_disk_format().as_bytes()));
        assert_eq!(
            (FORMAT_VERSION, fingerprint.as_str()),
            (16, "2d3b891de5852829"),
            "the schema, the settings or the packing changed: bump FORMAT_VERSION (an old index \
             must be rebuilt, not misread) and update this fingerprint\n{}",
            on_disk_format()
        );
    }
}

//! A [`Document`] ⇄ what the index holds for it: the tantivy document (filter fields, the
//! normalized title and body for the grams and words fields, the packed JSON) and back.
//!
//! Writing runs in two steps: [`Encoded::of`] does the work that needs no index (normalizing,
//! JSON, packing) on the worker threads, [`Encoded::tantivy`] makes the document the writer
//! adds. Reading ([`decode`]) unpacks the stored JSON, so a document comes back exactly as
//! it went in.

use anyhow::Context;
use tantivy::schema::Value;
use tantivy::TantivyDocument;

use super::packing;
use super::schema::Fields;
use crate::analysis::sketch::{Sketch, WORDS};
use crate::analysis::{normalize_lines, normalize_str};
use crate::document::{Document, Kind};

/// A document with everything the index needs computed: normalized title and body, JSON.
pub(crate) struct Encoded {
    id: String,
    path: String,
    kind: &'static str,
    paper: Option<String>,
    region: Option<String>,
    city: Option<String>,
    province: Option<String>,
    /// The region's code and the codes of the places it lies in.
    places: Vec<String>,
    date: Option<i64>,
    order: u64,
    title: String,
    body: String,
    /// A table row's column names, normalized.
    columns: String,
    /// An article's sketch, for grouping reprints.
    sketch: Option<[u64; WORDS]>,
    /// The document's JSON as the index stores it (see `packing`).
    stored: Vec<u8>,
}

impl Encoded {
    /// Prepares `doc` for the index.
    pub(crate) fn of(doc: &Document) -> Encoded {
        let body = normalize_str(&doc.body);
        let sketch = match doc.kind {
            Kind::Article => Sketch::of(&body).map(|s| s.to_words()),
            _ => None,
        };
        Encoded {
            id: doc.id.clone(),
            path: doc.path.clone(),
            kind: doc.kind.as_str(),
            paper: doc.paper.clone(),
            region: doc.region.clone(),
            city: doc.city.clone(),
            province: doc.province.clone(),
            places: places_of(doc),
            date: doc.date_number(),
            order: doc.corpus_order(),
            title: normalize_str(&doc.title),
            body,
            sketch,
            columns: normalize_lines(doc.column_names()),
            stored: packing::pack(&serde_json::to_string(doc).expect("a document serializes to JSON")),
        }
    }

    /// The tantivy document: filter fields, normalized text fields, stored JSON.
    pub(crate) fn tantivy(&self, fields: &Fields) -> TantivyDocument {
        let mut out = TantivyDocument::default();
        out.add_text(fields.id, &self.id);
        out.add_text(fields.path, &self.path);
        out.add_text(fields.kind, self.kind);
        if let Some(paper) = &self.paper {
            out.add_text(fields.paper, paper);
        }
        if let Some(region) = &self.region {
            out.add_text(fields.region, region);
        }
        if let Some(city) = &self.city {
            out.add_text(fields.city, city);
        }
        if let Some(province) = &self.province {
            out.add_text(fields.province, province);
        }
        for code in &self.places {
            out.add_text(fields.places, code);
        }
        if let Some(date) = self.date {
            out.add_i64(fields.date, date);
        }
        out.add_u64(fields.order, self.order);
        out.add_text(fields.title_grams, &self.title);
        out.add_text(fields.body_grams, &self.body);
        out.add_text(fields.title_words, &self.title);
        out.add_text(fields.body_words, &self.body);
        if !self.columns.is_empty() {
            out.add_text(fields.columns, &self.columns);
        }
        for (&field, &word) in fields.sketch.iter().zip(self.sketch.iter().flatten()) {
            out.add_u64(field, word);
        }
        out.add_bytes(fields.doc, &self.stored);
        out
    }
}

/// The codes of the places `doc`'s region lies in, its own included.
pub(super) fn places_of(doc: &Document) -> Vec<String> {
    doc.region_code.iter().flat_map(|code| places(code)).collect()
}

/// A GB/T 2260 code and the codes of the places it lies in: `320902` → `32`, `3209`, `320902`.
fn places(code: &str) -> Vec<String> {
    [2, 4, 6]
        .into_iter()
        .filter(|&n| n <= code.len())
        .map(|n| code[..n].to_string())
        .collect()
}

/// The document a stored tantivy document holds.
pub(crate) fn decode(stored: &TantivyDocument, fields: &Fields) -> anyhow::Result<Document> {
    let packed = stored
        .get_first(fields.doc)
        .and_then(|v| v.as_bytes())
        .context("a stored document is missing; rebuild with `baokan index --rebuild`")?;
    let json = packing::unpack(packed)
        .context("a stored document is damaged; rebuild with `baokan index --rebuild`")?;
    serde_json::from_str(&json)
        .context("a stored document is unreadable; rebuild with `baokan index --rebuild`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_comes_back_as_it_went_in() {
        let doc = Document {
            id: "0123456789-1".into(),
            kind: Kind::Article,
            title: "營商環境 ％".into(),
            subtitle: Some("副题".into()),
            date: Some("2023-03-08".into()),
            date_text: Some("3月8日".into()),
            date_precision: Some(crate::document::DatePrecision::Day),
            date_source: Some("text".into()),
            paper: Some("牡丹晚报".into()),
            source: Some("新华社".into()),
            region: Some("盐城市".into()),
            region_code: Some("3209".into()),
            city: Some("盐城市".into()),
            province: Some("江苏省".into()),
            reporters: vec!["冯锴".into()],
            path: "seeds/a.txt".into(),
            lines: [3, 25],
            fields: None,
            table_title: None,
            body: "机 扫\n保洁率 92.5％ \u{E78D}".into(),
        };
        let (_, fields) = super::super::schema::build();
        let encoded = Encoded::of(&doc);
        assert_eq!(encoded.title, "营商环境%", "the grams see the normalized title");
        assert_eq!(encoded.date, Some(20230308));
        assert_eq!(encoded.places, ["32", "3209"]);
        assert_eq!(places("320902"), ["32", "3209", "320902"]);
        assert_eq!(decode(&encoded.tantivy(&fields), &fields).unwrap(), doc);
        assert!(decode(&TantivyDocument::default(), &fields).is_err());
    }
}

//! An opened index → its stored documents: one at an address (a search's hits), one by id
//! (`show`), or all of them in path order (`export`, the gold scorer).

use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, Term};

use super::codec;
use super::store::Store;
use crate::document::Document;

impl Store {
    /// The stored document at `address` of `searcher` (taken from this store).
    pub(crate) fn load(&self, searcher: &Searcher, address: DocAddress) -> anyhow::Result<Document> {
        codec::decode(&searcher.doc(address)?, &self.fields)
    }

    /// Every stored document, ordered by path then first line.
    pub fn all_documents(&self) -> anyhow::Result<Vec<Document>> {
        let searcher = self.searcher();
        let mut docs = Vec::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            for doc_id in segment.doc_ids_alive() {
                docs.push(self.load(&searcher, DocAddress::new(ord as u32, doc_id))?);
            }
        }
        docs.sort_by(|a, b| (&a.path, a.lines[0]).cmp(&(&b.path, b.lines[0])));
        Ok(docs)
    }

    /// The document with `id`, if any.
    pub fn find(&self, id: &str) -> anyhow::Result<Option<Document>> {
        let searcher = self.searcher();
        let query = TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        );
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        top.first()
            .map(|&(_, address)| self.load(&searcher, address))
            .transpose()
    }
}

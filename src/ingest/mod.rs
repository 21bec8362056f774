//! A corpus file's bytes → its documents, or the reason it is not text: the one way into the
//! index, taken by the indexer, the benches, the fuzz target and the tests alike.
//!
//! ```text
//! corpus (walk, read) ─bytes─▶ decode ─text─▶ split ─pieces─▶ meta ─▶ Document
//! ```
//!
//! `corpus` lists a folder's files and reads them; [`ingest`] decodes one file's bytes
//! (`decode`), cuts the text into articles, captions, columns or table rows (`split`, which
//! also repairs PDF damage) and reads each piece's date, paper, region and reporters (`meta`,
//! which also reads the sidecars). Ids are the file's path hash plus the piece's ordinal, so
//! they survive a rebuild of an unchanged corpus.

mod calendar;
pub(crate) mod corpus;
mod decode;
mod header;
pub(crate) mod meta;
mod split;

use std::path::Path;

use corpus::CorpusFile;
pub use decode::NotText;
use meta::sidecar::{self, Given};

use crate::document::Document;

/// A file as ingestion sees it: where it is, and what its sidecars state.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to the corpus root, `/`-separated: ids, and dates and papers named in the
    /// path, come from it.
    pub(crate) relative: String,
    /// The path the documents show (the corpus folder as given, joined with `relative`).
    pub(crate) shown: String,
    /// What the file's sidecars state.
    pub(crate) given: Given,
    /// Why a sidecar of the file was ignored, when one could not be read.
    pub(crate) sidecar_warning: Option<String>,
}

impl Source {
    /// A file at corpus-relative `relative`, shown as `shown`, without sidecars.
    pub fn named(relative: &str, shown: &str) -> Source {
        Source {
            relative: relative.to_string(),
            shown: shown.to_string(),
            given: Given::default(),
            sidecar_warning: None,
        }
    }

    /// A corpus file with what its sidecars state. A sidecar that cannot be read gives a
    /// warning, and the file is indexed without it.
    pub(crate) fn of(file: &CorpusFile) -> Source {
        let depth = file.relative.split('/').count();
        let root = file.path.ancestors().nth(depth).unwrap_or(Path::new("/"));
        let (given, sidecar_warning) = match sidecar::read(&file.path, root) {
            Ok(given) => (given, None),
            Err(err) => (
                Given::default(),
                Some(format!("{}: sidecar ignored: {err}", file.shown)),
            ),
        };
        Source {
            relative: file.relative.clone(),
            shown: file.shown.clone(),
            given,
            sidecar_warning,
        }
    }

    /// A hash of what the sidecars state, and of why one was ignored: it changes when they do.
    pub(crate) fn sidecars_hash(&self) -> u64 {
        let stated = (&self.given, &self.sidecar_warning);
        corpus::content_hash(serde_json::to_string(&stated).expect("plain data").as_bytes())
    }
}

/// A file's documents and what the user should hear about it.
#[derive(Debug)]
pub struct Ingested {
    /// The file's articles, columns, photo captions or table rows, in printed order.
    pub documents: Vec<Document>,
    /// Rows with a different number of cells, an ignored sidecar, replaced bytes; each names
    /// the file.
    pub warnings: Vec<String>,
}

/// The documents of the file `source` whose bytes are `bytes`, or why it is not text.
pub fn ingest(source: &Source, bytes: &[u8]) -> Result<Ingested, NotText> {
    let decoded = decode::decode(bytes)?;
    let text = &decoded.text;
    let split::Split {
        pieces,
        warnings,
        pages: printed,
    } = split::split(text, &source.relative);
    let pages: Vec<meta::Page> = printed
        .iter()
        .map(|page| meta::Page::read(&source.relative, page, &source.given))
        .collect();
    let prefix = path_hash(&source.relative);
    let documents = pieces
        .into_iter()
        .enumerate()
        .map(|(n, piece)| {
            let meta = meta::describe(&piece, &pages[piece.page]);
            let date = meta.date.as_ref();
            Document {
                id: format!("{prefix}-{}", n + 1),
                kind: piece.kind,
                title: piece.title,
                subtitle: piece.subtitle,
                date: date.and_then(|d| d.date.clone()),
                date_text: date.map(|d| d.text.clone()),
                date_precision: date.map(|d| d.precision),
                date_source: date.map(|d| d.source.to_string()),
                paper: meta.paper,
                source: meta.source.map(str::to_string),
                region: meta.region,
                region_code: meta.place.map(|p| p.code().to_string()),
                city: meta.place.and_then(meta::Region::city).map(str::to_string),
                province: meta.place.map(|p| p.province().to_string()),
                reporters: meta.reporters,
                path: source.shown.clone(),
                lines: piece.lines,
                fields: piece.fields,
                table_title: piece.table_title,
                body: piece.body,
            }
        })
        .collect();
    let mut warnings: Vec<String> = warnings
        .into_iter()
        .map(|w| format!("{}: {w}", source.shown))
        .collect();
    warnings.extend(source.sidecar_warning.clone());
    if decoded.replaced > 0 {
        warnings.push(format!(
            "{}: {} invalid UTF-8 sequences replaced by U+FFFD",
            source.shown, decoded.replaced
        ));
    }
    Ok(Ingested { documents, warnings })
}

/// First 10 hex digits of the FNV-1a hash of a path: short, stable across runs and platforms.
fn path_hash(path: &str) -> String {
    format!("{:010x}", corpus::content_hash(path.as_bytes()) >> 24)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_ordinal() {
        let text = "标题一\n\n本报讯(记者 甲乙)3月1日,正文。\n\n标题二\n\n本报讯(记者 丙丁)正文。";
        let ids = |shown: &str| -> Vec<String> {
            ingest(&Source::named("a/b.txt", shown), text.as_bytes())
                .expect("text")
                .documents
                .into_iter()
                .map(|d| d.id)
                .collect()
        };
        assert_eq!(ids("corpus/a/b.txt").len(), 2);
        assert_eq!(ids("corpus/a/b.txt"), ids("./elsewhere/a/b.txt"));
        assert!(ids("x")[0].ends_with("-1") && ids("x")[1].ends_with("-2"));
        assert_ne!(path_hash("a/b.txt"), path_hash("a/c.txt"));
        assert_eq!(path_hash("a/b.txt").len(), 10);
    }

    #[test]
    fn what_is_not_text_says_why() {
        let err = ingest(&Source::named("a.bin", "a.bin"), b"\x7fELF\0\0\0\x01").unwrap_err();
        assert_eq!(err.to_string(), "binary file (NUL bytes)");
    }
}

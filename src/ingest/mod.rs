//! One corpus file → its documents: read, decode, split, describe.
//!
//! The glue between `decode`, `split` and `meta`; ids are the file's path hash plus the
//! piece's ordinal, so they survive a rebuild of an unchanged corpus.

use std::path::Path;

use crate::corpus::CorpusFile;
use crate::document::Document;
use crate::meta::sidecar::{self, Given};
use crate::{decode, meta, split};

/// A file's documents and what the split warned about.
#[derive(Debug)]
pub struct Ingested {
    pub documents: Vec<Document>,
    pub warnings: Vec<String>,
    pub encoding: &'static str,
}

/// Reads and splits `file`; the error is the reason it was skipped.
pub fn ingest(file: &CorpusFile) -> Result<Ingested, String> {
    let bytes = std::fs::read(&file.path).map_err(|e| format!("unreadable: {e}"))?;
    let decoded = decode::decode(&bytes).map_err(|e| e.to_string())?;
    let (given, warning) = stated(file);
    let mut ingested = documents(&file.relative, &file.shown, &decoded.text, given);
    ingested.warnings.extend(warning);
    ingested.encoding = decoded.encoding;
    Ok(ingested)
}

/// What the sidecars of `file` state. A sidecar that cannot be read gives a warning, and the
/// file is indexed without it.
pub fn stated(file: &CorpusFile) -> (Given, Option<String>) {
    let depth = file.relative.split('/').count();
    let root = file.path.ancestors().nth(depth).unwrap_or(Path::new("/"));
    match sidecar::read(&file.path, root) {
        Ok(given) => (given, None),
        Err(err) => (
            Given::default(),
            Some(format!("{}: sidecar ignored: {err}", file.shown)),
        ),
    }
}

/// The documents of decoded `text` found at corpus-relative `relative`, shown as `path`, with
/// what its sidecars state.
pub fn documents(relative: &str, path: &str, text: &str, given: Given) -> Ingested {
    let split = split::split(text, relative);
    let page = meta::Page::read(relative, split.header.as_deref(), text, given);
    let prefix = path_hash(relative);
    let documents = split
        .pieces
        .into_iter()
        .enumerate()
        .map(|(n, piece)| {
            let meta = meta::describe(&piece, &page);
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
                region: meta.region,
                reporters: meta.reporters,
                path: path.to_string(),
                lines: piece.lines,
                fields: piece.fields,
                table_title: piece.table_title,
                body: piece.body,
            }
        })
        .collect();
    let warnings = split
        .warnings
        .into_iter()
        .map(|w| format!("{path}: {w}"))
        .collect();
    Ingested {
        documents,
        warnings,
        encoding: "utf-8",
    }
}

/// First 10 hex digits of the FNV-1a hash of a path: short, stable across runs and platforms.
fn path_hash(path: &str) -> String {
    let hash = path.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    format!("{:010x}", hash >> 24)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_ordinal() {
        let text = "标题一\n\n本报讯(记者 甲乙)3月1日,正文。\n\n标题二\n\n本报讯(记者 丙丁)正文。";
        let ids = |shown: &str| -> Vec<String> {
            documents("a/b.txt", shown, text, Given::default())
                .documents
                .into_iter()
                .map(|d| d.id)
                .collect()
        };
        assert_eq!(ids("corpus/a/b.txt").len(), 2);
        assert_eq!(ids("corpus/a/b.txt"), ids("./elsewhere/a/b.txt"));
        assert!(ids("x")[0].ends_with("-1") && ids("x")[1].ends_with("-2"));
        assert_ne!(path_hash("a/b.txt"), path_hash("a/c.txt"));
    }
}

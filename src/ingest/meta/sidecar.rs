//! Metadata a user states beside the corpus, which outranks anything read from the text.
//!
//! `NAME.meta.json` next to a file (`a3.txt.meta.json` or `a3.meta.json`) sets `paper`,
//! `date` and `region` for that file; `baokan.toml` in a folder sets them for every file
//! below it, the nearest folder winning. Paper names resolve through the alias table; a
//! date is `YYYY-MM-DD`. A sidecar that cannot be read is reported, not silently ignored.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::paper::resolve_paper;
use super::region::Region;
use crate::document::{DatePrecision, FoundDate};

/// The name of a folder's metadata file.
pub const FOLDER_FILE: &str = "baokan.toml";
/// The ending of a file's metadata file.
pub const FILE_SUFFIX: &str = ".meta.json";

/// What sidecars state about one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Given {
    pub paper: Option<String>,
    pub date: Option<FoundDate>,
    pub region: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stated {
    paper: Option<String>,
    date: Option<String>,
    region: Option<String>,
}

/// Whether a corpus entry is a sidecar rather than a page.
pub fn is_sidecar(name: &str) -> bool {
    name == FOLDER_FILE || name.ends_with(FILE_SUFFIX)
}

/// The sidecar metadata of the file at `path` in the corpus at `root`: its own
/// `NAME.meta.json` field by field over the nearest `baokan.toml` (up to `root`).
pub fn read(path: &Path, root: &Path) -> Result<Given, String> {
    let mut stated = Stated::default();
    for candidate in file_sidecars(path) {
        if candidate.is_file() {
            stated = parse(&candidate, |text| {
                serde_json::from_str(text).map_err(|e| e.to_string())
            })?;
            break;
        }
    }
    let folder = path
        .ancestors()
        .skip(1)
        .take_while(|dir| dir.starts_with(root))
        .map(|dir| dir.join(FOLDER_FILE));
    if let Some(toml_path) = folder.into_iter().find(|p| p.is_file()) {
        let folder: Stated = parse(&toml_path, |text| {
            toml::from_str(text).map_err(|e| e.message().to_string())
        })?;
        stated.paper = stated.paper.or(folder.paper);
        stated.date = stated.date.or(folder.date);
        stated.region = stated.region.or(folder.region);
    }
    given(stated)
}

/// `a3.txt.meta.json` and `a3.meta.json` for `a3.txt`.
fn file_sidecars(path: &Path) -> [PathBuf; 2] {
    let with = |base: &Path| PathBuf::from(format!("{}{FILE_SUFFIX}", base.display()));
    [with(path), with(&path.with_extension(""))]
}

fn parse(path: &Path, from: impl Fn(&str) -> Result<Stated, String>) -> Result<Stated, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    from(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn given(stated: Stated) -> Result<Given, String> {
    let date = stated.date.map(|d| sidecar_date(&d)).transpose()?;
    let within = stated.region.as_deref().and_then(Region::named);
    let paper = stated.paper.map(|p| resolve_paper(&p, within).unwrap_or(p));
    Ok(Given {
        paper,
        date,
        region: stated.region,
    })
}

fn sidecar_date(text: &str) -> Result<FoundDate, String> {
    let parts: Vec<u32> = text.split('-').filter_map(|p| p.parse().ok()).collect();
    match parts[..] {
        [y, m, d] if text.len() == 10 && (1..=12).contains(&m) && (1..=31).contains(&d) => Ok(FoundDate {
            date: Some(format!("{y:04}-{m:02}-{d:02}")),
            text: text.to_string(),
            precision: DatePrecision::Day,
            source: "sidecar",
        }),
        _ => Err(format!("date '{text}' is not YYYY-MM-DD")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_sidecar_over_folder_file() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("2023");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(
            dir.path().join(FOLDER_FILE),
            "paper = \"mdwb\"\nregion = \"菏泽市\"\n",
        )
        .unwrap();
        std::fs::write(
            folder.join("a3.meta.json"),
            r#"{"date": "2023-03-08", "region": "曹县"}"#,
        )
        .unwrap();
        let given = read(&folder.join("a3.txt"), dir.path()).unwrap();
        assert_eq!(given.paper.as_deref(), Some("牡丹晚报"));
        assert_eq!(given.region.as_deref(), Some("曹县"));
        assert_eq!(given.date.unwrap().date.as_deref(), Some("2023-03-08"));
        assert_eq!(
            read(&folder.join("b.txt"), dir.path()).unwrap().region.as_deref(),
            Some("菏泽市")
        );
    }

    #[test]
    fn bad_sidecars_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt.meta.json"), r#"{"date": "2023-3-8"}"#).unwrap();
        assert!(read(&dir.path().join("a.txt"), dir.path())
            .unwrap_err()
            .contains("YYYY-MM-DD"));
        std::fs::write(dir.path().join("b.txt.meta.json"), r#"{"papr": "x"}"#).unwrap();
        assert!(read(&dir.path().join("b.txt"), dir.path())
            .unwrap_err()
            .contains("papr"));
        assert!(is_sidecar("baokan.toml") && is_sidecar("a3.meta.json") && !is_sidecar("a3.txt"));
    }
}

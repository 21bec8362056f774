//! The shape of `src/`: the rooms (top-level modules) import only the rooms listed before them
//! in [`ROOMS`], and no two modules of one folder import each other, directly or round a loop.
//!
//! Read from the source: every `crate::…` and `super::…` path outside comments, resolved to the
//! deepest module file it names. A module using its own parent's items, or a parent using its
//! children, is not an import between rooms; a path into a sibling (or a sibling's
//! descendant) is an edge between the two siblings.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The rooms of `src/`, lowest first: each may import only those before it.
const ROOMS: &[&str] = &[
    "document", "error", "analysis", "ingest", "index", "search", "output", "cli", "app",
];

/// Every module of the crate (`["ingest", "split", "page"]`) with its source.
fn modules() -> BTreeMap<Vec<String>, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.expect("walk src");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("main.rs") {
            continue;
        }
        let relative = path.strip_prefix(&root).expect("under src");
        let mut module: Vec<String> = relative
            .with_extension("")
            .iter()
            .map(|part| part.to_string_lossy().into_owned())
            .collect();
        if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
            module.pop();
        }
        out.insert(module, std::fs::read_to_string(path).expect("read source"));
    }
    out
}

/// The paths the source of `module` names through `crate::` or `super::`, outside comments
/// and tests, as segments relative to the crate root. `use a::{b, c::{d}}` gives `a::b` and
/// `a::c::d`.
fn paths(module: &[String], source: &str) -> Vec<Vec<String>> {
    let code: String = source
        .split("#[cfg(test)]")
        .next()
        .unwrap_or_default()
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_word =
            i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_' || chars[i - 1] == ':');
        let rest: String = chars[i..(i + 7).min(chars.len())].iter().collect();
        if starts_word && (rest.starts_with("crate::") || rest.starts_with("super::")) {
            let (tree, end) = path_tree(&chars, i);
            for path in tree {
                if let Some(resolved) = resolve(module, &path) {
                    out.push(resolved);
                }
            }
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// The paths of a `a::b::{c, d::e}` tree starting at `at`, and where it ends.
fn path_tree(chars: &[char], mut at: usize) -> (Vec<Vec<String>>, usize) {
    let mut prefix = Vec::new();
    loop {
        let start = at;
        while at < chars.len() && (chars[at].is_alphanumeric() || chars[at] == '_') {
            at += 1;
        }
        if at > start {
            prefix.push(chars[start..at].iter().collect::<String>());
        }
        if chars.get(at..at + 2) == Some(&[':', ':']) {
            at += 2;
            if chars.get(at) == Some(&'{') {
                let mut paths = Vec::new();
                at += 1;
                loop {
                    while chars.get(at).is_some_and(|c| c.is_whitespace() || *c == ',') {
                        at += 1;
                    }
                    match chars.get(at) {
                        None => return (paths, at),
                        Some('}') => return (paths, at + 1),
                        _ => {}
                    }
                    let (inner, end) = path_tree(chars, at);
                    paths.extend(inner.into_iter().map(|p| [prefix.clone(), p].concat()));
                    at = end.max(at + 1);
                }
            }
        } else {
            return (vec![prefix], at);
        }
    }
}

/// `path` (starting with `crate` or `super`), named in `module`, relative to the crate root,
/// `self` dropped. `super` is the module's parent, whether its file is `x.rs` or `x/mod.rs`.
fn resolve(module: &[String], path: &[String]) -> Option<Vec<String>> {
    let mut base = module.to_vec();
    let mut rest = path;
    if rest.first().map(String::as_str) == Some("crate") {
        base.clear();
        rest = &rest[1..];
    }
    while rest.first().map(String::as_str) == Some("super") {
        base.pop()?;
        rest = &rest[1..];
    }
    base.extend(rest.iter().filter(|s| *s != "self").cloned());
    Some(base)
}

/// The longest prefix of `path` that is a module.
fn module_of(path: &[String], modules: &BTreeMap<Vec<String>, String>) -> Vec<String> {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|prefix| modules.contains_key(prefix))
        .unwrap_or_default()
}

/// The edges between siblings: (parent, from child, to child).
fn sibling_edges() -> BTreeSet<(Vec<String>, String, String)> {
    let modules = modules();
    let mut edges = BTreeSet::new();
    for (module, source) in &modules {
        for path in paths(module, source) {
            let target = module_of(&path, &modules);
            let common = module.iter().zip(&target).take_while(|(a, b)| a == b).count();
            if common == module.len() || common == target.len() {
                continue; // the module itself, an ancestor or a descendant
            }
            edges.insert((
                module[..common].to_vec(),
                module[common].clone(),
                target[common].clone(),
            ));
        }
    }
    edges
}

#[test]
fn rooms_import_only_rooms_below_them() {
    let edges = sibling_edges();
    let rank = |room: &str| ROOMS.iter().position(|r| *r == room);
    let mut wrong = Vec::new();
    for (parent, from, to) in &edges {
        if !parent.is_empty() {
            continue;
        }
        match (rank(from), rank(to)) {
            (Some(a), Some(b)) if b < a => {}
            _ => wrong.push(format!("{from} imports {to}")),
        }
    }
    assert!(wrong.is_empty(), "rooms out of order ({ROOMS:?}): {wrong:#?}");
    let rooms: BTreeSet<&str> = edges
        .iter()
        .filter(|e| e.0.is_empty())
        .map(|e| e.1.as_str())
        .collect();
    assert!(
        rooms.contains("search") && rooms.contains("index"),
        "the edges were read: {edges:?}"
    );
}

#[test]
fn no_two_modules_of_a_folder_import_each_other() {
    let edges = sibling_edges();
    let mut by_folder: BTreeMap<&Vec<String>, Vec<(&str, &str)>> = BTreeMap::new();
    for (parent, from, to) in &edges {
        by_folder.entry(parent).or_default().push((from, to));
    }
    for (folder, edges) in by_folder {
        let mut remaining: BTreeSet<&str> = edges.iter().flat_map(|&(a, b)| [a, b]).collect();
        // Peel off modules that import no remaining module; what cannot be peeled is a loop.
        while let Some(leaf) = remaining
            .iter()
            .copied()
            .find(|&m| !edges.iter().any(|&(a, b)| a == m && remaining.contains(b)))
        {
            remaining.remove(leaf);
        }
        assert!(
            remaining.is_empty(),
            "an import loop in src/{}: {remaining:?} ({edges:?})",
            folder.join("/")
        );
    }
}

#[test]
fn paths_resolve_as_rust_does() {
    let segments = |p: &str| p.split("::").map(str::to_string).collect::<Vec<_>>();
    let page = segments("ingest::split::page");
    let split = segments("ingest::split");
    let resolved = |module: &[String], path: &str| resolve(module, &segments(path)).map(|p| p.join("::"));
    assert_eq!(
        resolved(&page, "super::recognize::is_han").as_deref(),
        Some("ingest::split::recognize::is_han")
    );
    assert_eq!(
        resolved(&page, "super::super::calendar").as_deref(),
        Some("ingest::calendar")
    );
    assert_eq!(resolved(&split, "super::meta").as_deref(), Some("ingest::meta"));
    assert_eq!(
        resolved(&split, "crate::document::Kind").as_deref(),
        Some("document::Kind")
    );
    let source = "use crate::search::{self, query::{Query, syntax}};\n// crate::app\nlet x = super::Piece;\n#[cfg(test)]\nuse crate::cli;";
    let found: Vec<String> = paths(&page, source).iter().map(|p| p.join("::")).collect();
    assert_eq!(
        found,
        [
            "search",
            "search::query::Query",
            "search::query::syntax",
            "ingest::split::Piece"
        ]
    );
}

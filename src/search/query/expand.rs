//! Query terms + a table of interchangeable names → the other forms each term may be written
//! in (`住建局` ↔ `住房和城乡建设局`).
//!
//! The table is groups of forms, one group a line, forms separated by `=`, `#` comments: the
//! built-in `synonyms.txt` of government bodies, plus any file the user gives. Forms are
//! normalized like the text. A form of three or more characters is also replaced inside a
//! longer term (`市城管局` → `市城市管理局`); a two-character form (`人大`) only when it is the
//! whole term, since it hides inside unrelated words. No tantivy here: `plan` matches the
//! alternatives, scored below the term as written.

use std::collections::BTreeSet;

use serde::Serialize;

use super::syntax::Node;
use crate::analysis::normalize_str;

/// The built-in table.
const BUILT_IN: &str = include_str!("synonyms.txt");

/// Forms shorter than this are only expanded when they are the whole term.
const MIN_INNER_FORM: usize = 3;

/// Groups of interchangeable forms, normalized.
#[derive(Clone, Debug, Default)]
pub struct Synonyms {
    groups: Vec<Vec<String>>,
}

/// A query term and the other forms it was also searched as.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Expansion {
    /// The term, normalized.
    pub term: String,
    /// Its other forms, normalized and sorted.
    pub alternatives: Vec<String>,
}

impl Synonyms {
    /// The built-in table of government bodies.
    pub fn built_in() -> Synonyms {
        Synonyms::parse(BUILT_IN).expect("the built-in table is well formed")
    }

    /// Reads a table; an error names the 1-based line and what is wrong with it.
    pub fn parse(text: &str) -> Result<Synonyms, String> {
        let mut groups = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or_default().trim();
            if line.is_empty() {
                continue;
            }
            let forms: Vec<String> = line.split('=').map(normalize_str).collect();
            if forms.len() < 2 || forms.iter().any(String::is_empty) {
                return Err(format!(
                    "line {}: '{line}' is not forms joined by '=' (e.g. 住建局=住房和城乡建设局)",
                    number + 1
                ));
            }
            groups.push(forms);
        }
        Ok(Synonyms { groups })
    }

    /// Adds the groups of `other`.
    pub fn extend(&mut self, other: Synonyms) {
        self.groups.extend(other.groups);
    }

    /// Number of interchangeable pairs in the table.
    pub fn pairs(&self) -> usize {
        self.groups.iter().map(|g| g.len() * (g.len() - 1) / 2).sum()
    }

    /// The other forms of normalized `term`, sorted, without `term` itself.
    pub fn alternatives(&self, term: &str) -> Vec<String> {
        let mut out = BTreeSet::new();
        for group in &self.groups {
            for form in group.iter().filter(|f| applies(f, term)) {
                for other in group.iter().filter(|o| *o != form) {
                    out.insert(term.replace(form.as_str(), other));
                }
            }
        }
        out.remove(term);
        out.into_iter().collect()
    }
}

/// Whether `form` is to be replaced in `term`.
fn applies(form: &str, term: &str) -> bool {
    term == form || (form.chars().count() >= MIN_INNER_FORM && term.contains(form))
}

/// The expansions of every term of `node` (normalized) that has alternatives, each term
/// once, in query order. Excluded terms expand too: `-住建局` also excludes `住房和城乡建设局`.
pub(crate) fn expansions(node: &Node, synonyms: &Synonyms) -> Vec<Expansion> {
    let mut out: Vec<Expansion> = Vec::new();
    for term in terms(node) {
        if out.iter().any(|e| e.term == term) {
            continue;
        }
        let alternatives = synonyms.alternatives(term);
        if !alternatives.is_empty() {
            out.push(Expansion {
                term: term.to_string(),
                alternatives,
            });
        }
    }
    out
}

/// Every term of the tree, excluded ones included, in order.
fn terms(node: &Node) -> Vec<&str> {
    match node {
        Node::Term { text, .. } => vec![text.as_str()],
        Node::And(children) | Node::Or(children) => children.iter().flat_map(terms).collect(),
        Node::Not(inner) => terms(inner),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::syntax::parse;

    #[test]
    fn built_in_table_is_large_and_symmetric() {
        let table = Synonyms::built_in();
        assert!(table.pairs() >= 40, "{} pairs", table.pairs());
        assert_eq!(
            table.alternatives("住建局"),
            ["住房和城乡建设局", "住房城乡建设局"]
        );
        assert_eq!(
            table.alternatives("住房和城乡建设局"),
            ["住建局", "住房城乡建设局"]
        );
        assert_eq!(table.alternatives("市城管局"), ["市城市管理局"]);
        assert_eq!(table.alternatives("市场监督管理局"), ["市场监管局", "市监局"]);
    }

    #[test]
    fn short_forms_only_as_whole_terms() {
        let table = Synonyms::built_in();
        assert_eq!(table.alternatives("人大"), ["人民代表大会"]);
        assert!(table.alternatives("人大建议").is_empty());
        assert!(table.alternatives("城管").is_empty(), "城管 alone is not a body");
    }

    #[test]
    fn user_tables_are_normalized_and_checked() {
        let mut table = Synonyms::parse("# comment\n\n市體育局 = 市体育运动局 # trailing\n").unwrap();
        assert_eq!(table.alternatives("市体育局"), ["市体育运动局"]);
        table.extend(Synonyms::built_in());
        assert_eq!(table.alternatives("人社局"), ["人力资源和社会保障局"]);
        for bad in ["住建局", "住建局=", "=住建局"] {
            let err = Synonyms::parse(&format!("# ok\n{bad}")).unwrap_err();
            assert!(err.starts_with("line 2:"), "{err}");
        }
    }

    #[test]
    fn every_term_expands_once() {
        let node = parse("(住建局 OR 黄河) -发改委 住建局").unwrap();
        let found = expansions(&node, &Synonyms::built_in());
        let terms: Vec<&str> = found.iter().map(|e| e.term.as_str()).collect();
        assert_eq!(terms, ["住建局", "发改委"]);
        assert!(expansions(&node, &Synonyms::default()).is_empty());
    }
}

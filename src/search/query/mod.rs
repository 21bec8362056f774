//! Query text → a query ready to run: its tree with every term normalized once, the other
//! forms of its terms, and the forms that ranking and highlighting look for.
//!
//! [`syntax`] reads the text into a tree (no tantivy), [`expand`] finds the other forms of its
//! terms in a name table, `plan` turns the tree into tantivy clauses, [`part`] labels each
//! scoring clause with what it scores. A [`Query`] is normalized
//! when it is made, and the planner, the ranker and the snippets all read it as it is.

pub mod expand;
pub mod part;
pub(crate) mod plan;
pub mod syntax;

pub use expand::{Expansion, Synonyms};
pub use syntax::{Node, Scope, SyntaxError};

use super::rank;
use crate::analysis::normalize_str;

/// A parsed query with its terms normalized like the text, and their other forms.
#[derive(Clone, Debug)]
pub struct Query {
    /// The tree, every term normalized.
    pub(crate) tree: Node,
    /// The terms that have other forms, with those forms.
    pub(crate) expansions: Vec<Expansion>,
    /// The positive terms' forms, for ranking and highlighting.
    pub(crate) forms: Forms,
}

/// The forms of the query's positive terms (as written, then alternatives): for ranking, and
/// for highlighting in titles (all) and bodies (those not limited to titles).
#[derive(Clone, Debug)]
pub(crate) struct Forms {
    /// Every positive term with its forms, for the ranking signals.
    pub(crate) rank: rank::Terms,
    /// Every form, for title highlights.
    pub(crate) title: Vec<String>,
    /// The forms of the terms that may match bodies, for snippets.
    pub(crate) body: Vec<String>,
    /// `body`, each form its own term: how the index labels the matches snippets use.
    pub(crate) snippet: rank::Terms,
}

impl Query {
    /// Reads `text` with the query syntax; `synonyms` gives terms their other forms.
    pub fn parse(text: &str, synonyms: &Synonyms) -> Result<Query, SyntaxError> {
        Ok(Query::new(syntax::parse(text)?, synonyms))
    }

    /// The query of a tree built by hand (its terms as typed).
    pub fn new(tree: Node, synonyms: &Synonyms) -> Query {
        let tree = normalized(tree);
        let expansions = expand::expansions(&tree, synonyms);
        let forms = Forms::new(&tree, &expansions);
        Query {
            tree,
            expansions,
            forms,
        }
    }

    /// The terms that are also searched in other forms.
    pub fn expansions(&self) -> &[Expansion] {
        &self.expansions
    }
}

/// What a query is relaxed to when no document holds every word: the same words, any `k` of
/// them required. Its words are the terms of a query that requires them all (`高速公路 建设
/// 进度`), or the words of a lone term that no document holds whole (`数字经济园区` →
/// `数字经济` `园区`), as `split` cuts it.
pub(crate) struct Relaxation {
    /// The query of the words, excluded terms kept.
    pub(crate) query: Query,
    /// How many words.
    pub(crate) words: usize,
    /// Whether the words are the pieces of one term, so that all of them together is already
    /// a relaxation.
    pub(crate) split: bool,
}

impl Query {
    /// The relaxation of this query, when it has two words or more to relax.
    pub(crate) fn relaxation(&self, split: impl Fn(&str) -> Vec<String>) -> Option<Relaxation> {
        let (tree, split) = match &self.tree {
            Node::And(children)
                if children
                    .iter()
                    .all(|c| matches!(c, Node::Term { .. } | Node::Not(_))) =>
            {
                (self.tree.clone(), false)
            }
            Node::Term { text, scope } => {
                let pieces = split(text);
                let terms = pieces.into_iter().map(|text| Node::Term { text, scope: *scope });
                (Node::And(terms.collect()), true)
            }
            _ => return None,
        };
        let words = syntax::positive_terms(&tree).len();
        if words < 2 {
            return None;
        }
        let forms = Forms::new(&tree, &self.expansions);
        let query = Query {
            tree,
            expansions: self.expansions.clone(),
            forms,
        };
        Some(Relaxation { query, words, split })
    }
}

/// `tree` with every term normalized like the documents' text.
fn normalized(tree: Node) -> Node {
    match tree {
        Node::Term { text, scope } => Node::Term {
            text: normalize_str(&text),
            scope,
        },
        Node::And(children) => Node::And(children.into_iter().map(normalized).collect()),
        Node::Or(children) => Node::Or(children.into_iter().map(normalized).collect()),
        Node::Not(inner) => Node::Not(Box::new(normalized(*inner))),
    }
}

impl Forms {
    fn new(tree: &Node, expansions: &[Expansion]) -> Forms {
        let mut terms: Vec<(String, Scope)> = Vec::new();
        for (term, scope) in syntax::positive_terms(tree) {
            if !terms.iter().any(|(t, _)| *t == term) {
                terms.push((term, scope));
            }
        }
        let forms_of = |term: &String| -> Vec<String> {
            let alternatives = expansions.iter().filter(|e| e.term == *term);
            std::iter::once(term.clone())
                .chain(alternatives.flat_map(|e| e.alternatives.clone()))
                .collect()
        };
        let rank = rank::Terms::new(terms.iter().map(|(t, _)| forms_of(t)).collect());
        let body: Vec<String> = terms
            .iter()
            .filter(|(_, scope)| *scope == Scope::Any)
            .flat_map(|(t, _)| forms_of(t))
            .collect();
        Forms {
            title: rank.all_forms(),
            snippet: rank::Terms::new(body.iter().map(|form| vec![form.clone()]).collect()),
            body,
            rank,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_normalized_once_for_every_reader() {
        let query = Query::parse("營商環境 ＡＢ -停車 住建局", &Synonyms::built_in()).unwrap();
        let terms: Vec<String> = syntax::positive_terms(&query.tree)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert_eq!(terms, ["营商环境", "ab", "住建局"]);
        assert_eq!(query.expansions()[0].term, "住建局");
        assert_eq!(
            query.forms.title,
            ["营商环境", "ab", "住建局", "住房和城乡建设局", "住房城乡建设局"]
        );
        let excluded = Query::parse("城管 -停車", &Synonyms::default()).unwrap();
        assert!(format!("{:?}", excluded.tree).contains("停车"));
    }

    #[test]
    fn title_terms_are_not_looked_for_in_bodies() {
        let query = Query::parse("title:马拉松 城管 城管", &Synonyms::default()).unwrap();
        assert_eq!(query.forms.title, ["马拉松", "城管"]);
        assert_eq!(query.forms.body, ["城管"]);
    }
}

//! Query text → syntax tree. No tantivy here.
//!
//! Grammar: terms separated by spaces must all match; `a OR b` matches either; `-term`
//! excludes; `"…"` keeps spaces inside a phrase; `title:term` limits a term to titles;
//! parentheses group. An unclosed quote runs to the end of the query. Other mistakes (a
//! dangling `OR`, a lone `-`, unbalanced parentheses, an empty query) are errors that name
//! the character position.

use std::fmt;

/// Where a term must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Title or body.
    Any,
    /// Title only.
    Title,
}

/// A query tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A run of characters that must occur in the text.
    Term {
        /// The characters.
        text: String,
        /// Where they must occur.
        scope: Scope,
    },
    /// Every child must match (negated children must not).
    And(Vec<Node>),
    /// At least one child must match.
    Or(Vec<Node>),
    /// The child must not match.
    Not(Box<Node>),
}

/// A malformed query, with the 1-based character position of the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// What is wrong, and what to do.
    pub message: String,
    /// Where, in characters from 1.
    pub position: usize,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.position)
    }
}

impl std::error::Error for SyntaxError {}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Word { text: String, quoted: bool, title: bool },
    Or,
    Minus,
    Open,
    Close,
}

/// Parses a query.
pub fn parse(query: &str) -> Result<Node, SyntaxError> {
    let tokens = lex(query);
    if tokens.is_empty() {
        return Err(SyntaxError {
            message: "empty query: give at least one word".into(),
            position: 1,
        });
    }
    let mut parser = Parser {
        tokens,
        next: 0,
        end: query.chars().count() + 1,
    };
    let node = parser.sequence()?;
    if let Some((_, at)) = parser.tokens.get(parser.next) {
        return Err(SyntaxError {
            message: "unbalanced ')'".into(),
            position: *at,
        });
    }
    Ok(node)
}

/// Splits the query into tokens with their 1-based start positions.
fn lex(query: &str) -> Vec<(Token, usize)> {
    let chars: Vec<char> = query.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let at = i + 1;
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' || c == ')' {
            tokens.push((if c == '(' { Token::Open } else { Token::Close }, at));
            i += 1;
        } else if c == '-' {
            tokens.push((Token::Minus, at));
            i += 1;
        } else {
            let title = chars[i..].starts_with(&['t', 'i', 't', 'l', 'e', ':']) && chars.len() > i + 6;
            if title {
                i += 6;
            }
            let (text, quoted, end) = if chars[i] == '"' {
                let close = chars[i + 1..].iter().position(|&c| c == '"').map(|p| i + 1 + p);
                let end = close.unwrap_or(chars.len());
                (
                    chars[i + 1..end].iter().collect(),
                    true,
                    (end + 1).min(chars.len()),
                )
            } else {
                let end = (i..chars.len())
                    .find(|&j| {
                        chars[j].is_whitespace() || chars[j] == '(' || chars[j] == ')' || chars[j] == '"'
                    })
                    .unwrap_or(chars.len());
                let end = end.max(i + 1);
                (chars[i..end].iter().collect::<String>(), false, end)
            };
            if !quoted && !title && text == "OR" {
                tokens.push((Token::Or, at));
            } else {
                tokens.push((Token::Word { text, quoted, title }, at));
            }
            i = end;
        }
    }
    tokens
}

struct Parser {
    tokens: Vec<(Token, usize)>,
    next: usize,
    /// Position just past the query, for errors at its end.
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.next).map(|(t, _)| t)
    }

    fn position(&self) -> usize {
        self.tokens.get(self.next).map_or(self.end, |(_, at)| *at)
    }

    /// Terms until `)` or the end, all required.
    fn sequence(&mut self) -> Result<Node, SyntaxError> {
        let mut items = Vec::new();
        while self.peek().is_some_and(|t| *t != Token::Close) {
            items.push(self.alternatives()?);
        }
        match items.len() {
            0 => Err(SyntaxError {
                message: "empty group: put words inside '( )'".into(),
                position: self.position(),
            }),
            1 => Ok(items.pop().expect("one item")),
            _ => Ok(Node::And(items)),
        }
    }

    /// `unary (OR unary)*`.
    fn alternatives(&mut self) -> Result<Node, SyntaxError> {
        let mut options = vec![self.unary()?];
        while self.peek() == Some(&Token::Or) {
            let at = self.position();
            self.next += 1;
            if matches!(self.peek(), None | Some(Token::Or | Token::Close)) {
                return Err(SyntaxError {
                    message: "OR needs a word on each side".into(),
                    position: at,
                });
            }
            options.push(self.unary()?);
        }
        Ok(if options.len() == 1 {
            options.pop().expect("one option")
        } else {
            Node::Or(options)
        })
    }

    fn unary(&mut self) -> Result<Node, SyntaxError> {
        let at = self.position();
        match self.tokens.get(self.next).map(|(t, _)| t.clone()) {
            Some(Token::Minus) => {
                self.next += 1;
                if matches!(self.peek(), None | Some(Token::Or | Token::Close)) {
                    return Err(SyntaxError {
                        message: "'-' must be followed by a word to exclude".into(),
                        position: at,
                    });
                }
                Ok(Node::Not(Box::new(self.unary()?)))
            }
            Some(Token::Open) => {
                self.next += 1;
                let inner = self.sequence()?;
                if self.peek() != Some(&Token::Close) {
                    return Err(SyntaxError {
                        message: "unclosed '('".into(),
                        position: at,
                    });
                }
                self.next += 1;
                Ok(inner)
            }
            Some(Token::Word { text, quoted, title }) => {
                self.next += 1;
                if text.trim().is_empty() {
                    let what = if quoted { "empty phrase \"\"" } else { "empty term" };
                    return Err(SyntaxError {
                        message: what.into(),
                        position: at,
                    });
                }
                let scope = if title { Scope::Title } else { Scope::Any };
                Ok(Node::Term { text, scope })
            }
            Some(Token::Or) => Err(SyntaxError {
                message: "OR needs a word on each side".into(),
                position: at,
            }),
            Some(Token::Close) => Err(SyntaxError {
                message: "unbalanced ')'".into(),
                position: at,
            }),
            None => Err(SyntaxError {
                message: "the query ends where a word was expected".into(),
                position: at,
            }),
        }
    }
}

/// The terms a document must contain for the query to match it (those not under a `-`),
/// with their scopes: what snippets highlight.
pub fn positive_terms(node: &Node) -> Vec<(String, Scope)> {
    match node {
        Node::Term { text, scope } => vec![(text.clone(), *scope)],
        Node::And(children) | Node::Or(children) => children.iter().flat_map(positive_terms).collect(),
        Node::Not(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn term(text: &str) -> Node {
        Node::Term {
            text: text.into(),
            scope: Scope::Any,
        }
    }

    #[test]
    fn grammar() {
        assert_eq!(parse("城管").unwrap(), term("城管"));
        assert_eq!(
            parse("城管 黄河").unwrap(),
            Node::And(vec![term("城管"), term("黄河")])
        );
        assert_eq!(
            parse("城管 OR 黄河").unwrap(),
            Node::Or(vec![term("城管"), term("黄河")])
        );
        assert_eq!(
            parse("城管 -黄河").unwrap(),
            Node::And(vec![term("城管"), Node::Not(Box::new(term("黄河")))])
        );
        assert_eq!(parse("\"3 月 20 日\"").unwrap(), term("3 月 20 日"));
        assert_eq!(
            parse("title:马拉松").unwrap(),
            Node::Term {
                text: "马拉松".into(),
                scope: Scope::Title
            }
        );
        assert_eq!(
            parse("(城管 OR 城市管理) 停车").unwrap(),
            Node::And(vec![Node::Or(vec![term("城管"), term("城市管理")]), term("停车")])
        );
        assert_eq!(parse("\"unclosed phrase").unwrap(), term("unclosed phrase"));
        assert_eq!(
            parse("G327线 2063.42亿元").unwrap(),
            Node::And(vec![term("G327线"), term("2063.42亿元")])
        );
        assert_eq!(parse("a-b").unwrap(), term("a-b"));
        assert_eq!(parse("or").unwrap(), term("or"));
    }

    #[test]
    fn errors_name_the_position() {
        let cases = [
            ("", 1),
            ("   ", 1),
            ("城管 OR", 4),
            ("城管 OR OR 黄河", 4),
            ("OR 城管", 1),
            ("城管 -", 4),
            ("(城管", 1),
            ("城管)", 3),
            ("\"\"", 1),
            ("()", 2),
        ];
        for (query, position) in cases {
            let err = parse(query).unwrap_err();
            assert_eq!(err.position, position, "{query:?}: {err}");
        }
    }

    #[test]
    fn positive_terms_skip_exclusions() {
        let node = parse("城管 -黄河 (停车 OR title:马拉松)").unwrap();
        let terms: Vec<_> = positive_terms(&node).into_iter().map(|(t, _)| t).collect();
        assert_eq!(terms, ["城管", "停车", "马拉松"]);
    }

    /// Queries built from the pieces the grammar treats specially.
    fn query_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "城管",
            "黄河",
            "a",
            " ",
            "  ",
            "\t",
            "\"",
            "(",
            ")",
            "-",
            "OR",
            "or",
            "title:",
            "title",
            ":",
            "营商環境",
            "😀",
            "Ｏ",
            "\u{3000}",
            "\n",
        ]);
        prop::collection::vec(pieces, 0..16).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn never_panics_and_errors_point_into_the_query(query in query_text()) {
            check(&query)?;
        }

        #[test]
        fn arbitrary_text_never_panics(query in "\\PC{0,30}") {
            check(&query)?;
        }
    }

    /// Parses `query`: a tree whose terms are non-empty, or an error at a position from 1 to
    /// one past the last character.
    fn check(query: &str) -> Result<(), TestCaseError> {
        match parse(query) {
            Ok(node) => prop_assert!(positive_terms(&node).iter().all(|(t, _)| !t.trim().is_empty())),
            Err(e) => prop_assert!(
                (1..=query.chars().count() + 1).contains(&e.position),
                "{:?}: {}",
                query,
                e
            ),
        }
        Ok(())
    }
}

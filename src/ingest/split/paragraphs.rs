//! Page text → paragraphs: runs of non-blank lines, each with its 1-based line range.

/// A run of non-blank lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// The lines as printed (trailing whitespace removed), or as repaired.
    pub lines: Vec<String>,
    pub first_line: usize,
    pub last_line: usize,
}

impl Paragraph {
    /// The lines joined with `\n`, as printed.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// The lines joined without breaks and trimmed: how a headline broken over lines reads.
    pub fn joined(&self) -> String {
        self.lines.iter().map(|l| l.trim()).collect()
    }

    /// Number of visible characters.
    pub fn visible_chars(&self) -> usize {
        self.lines
            .iter()
            .flat_map(|l| l.chars())
            .filter(|c| !c.is_whitespace())
            .count()
    }

    /// The last visible character.
    pub fn last_char(&self) -> Option<char> {
        self.lines.last().and_then(|l| l.trim_end().chars().last())
    }
}

/// Splits `text` into paragraphs at blank lines.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut open = false;
    for (index, line) in text.split('\n').enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            open = false;
            continue;
        }
        match out.last_mut() {
            Some(paragraph) if open => {
                paragraph.lines.push(line.to_string());
                paragraph.last_line = index + 1;
            }
            _ => out.push(Paragraph {
                lines: vec![line.to_string()],
                first_line: index + 1,
                last_line: index + 1,
            }),
        }
        open = true;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_separate_and_lines_count_from_one() {
        let got = paragraphs("\n\n标题\n\n第一行\n第二行  \n \n尾");
        let summary: Vec<_> = got
            .iter()
            .map(|p| (p.text(), p.first_line, p.last_line))
            .collect();
        assert_eq!(
            summary,
            [
                ("标题".into(), 3, 3),
                ("第一行\n第二行".into(), 5, 6),
                ("尾".into(), 8, 8)
            ]
        );
        assert_eq!(got[1].joined(), "第一行第二行");
    }
}

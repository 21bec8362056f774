//! Paragraphs as extracted from a PDF → paragraphs as printed, minus the damage.
//!
//! Four repairs, in order. Lines apart: on a page that is not hard-wrapped, a paragraph
//! printed without blank lines is cut where a line ends one (after `。` or a photo credit,
//! before an indented line or `①`). Hard wraps: on a page whose lines break at a fixed width
//! (seed 001, about 18 characters), a full line is joined to the next (`精细管` + `理`). Cut
//! paragraphs: a body paragraph that cannot end where it does (no closing punctuation, no
//! credit) is joined with the next one, stepping over a short complete caption printed in
//! between (`对标` … `创建标准`, `城管服` … `务站`). Spaced letters: spaces beside a lone Han
//! character or between digits and Han are removed from body text (`机 扫 保 洁 率`,
//! `3 月 20 日`, `扎线 4.73 万`). Headlines keep their spaces (`小手拉大手 节水进校园`), and
//! line ranges stay those of the file.

use super::paragraphs::Paragraph;
use super::recognize::{is_byline, trailing_credit, MAX_HEADLINE_CHARS};
use crate::analysis::is_han;

/// Fewest line breaks inside paragraphs for a page to be judged hard-wrapped.
const MIN_WRAPPED_LINES: usize = 8;
/// Longest caption, in visible characters, that a cut paragraph steps over.
const MAX_CAPTION_CHARS: usize = 40;

/// Most passes of hard-wrap joining (a page re-wrapped narrower than its first wrap needs
/// two: the first restores the original lines, the second joins them).
const MAX_UNWRAP_PASSES: usize = 3;

/// Repairs a page's paragraphs.
pub fn repair(mut paras: Vec<Paragraph>) -> Vec<Paragraph> {
    if wrap_width(&paras).is_none() {
        paras = paras.into_iter().flat_map(lines_apart).collect();
    }
    for _ in 0..MAX_UNWRAP_PASSES {
        let Some(width) = wrap_width(&paras) else { break };
        let lines_before: usize = paras.iter().map(|p| p.lines.len()).sum();
        paras = paras.into_iter().map(|p| unwrap_lines(p, width)).collect();
        if paras.iter().map(|p| p.lines.len()).sum::<usize>() == lines_before {
            break;
        }
    }
    join_cut(paras).into_iter().map(unspace).collect()
}

/// `p`, of a page that is not hard-wrapped, cut where one line ends a paragraph (a page
/// printed without blank lines): after a finished sentence or a photo credit (`…过年。`,
/// `本报记者 甲乙 摄`), or before an indented line or a numbered caption (`  素质…`, `⑤在…`).
fn lines_apart(p: Paragraph) -> Vec<Paragraph> {
    let ends = |line: &str| line.trim_end().ends_with(['。', '！', '？', '摄', '攝']);
    let opens = |line: &str| {
        line.starts_with([' ', '\u{3000}', '\t'])
            || line
                .trim_start()
                .starts_with(|c| ('\u{2460}'..='\u{2473}').contains(&c))
    };
    let mut out: Vec<Paragraph> = Vec::new();
    for (k, line) in p.lines.iter().enumerate() {
        let number = p.first_line + k;
        let apart = k > 0 && (ends(&p.lines[k - 1]) || opens(line));
        match out.last_mut() {
            Some(open) if !apart => {
                open.lines.push(line.clone());
                open.last_line = number;
            }
            _ => out.push(Paragraph {
                lines: vec![line.clone()],
                first_line: number,
                last_line: number,
            }),
        }
    }
    out
}

/// Display width: Han and full-width forms count two columns, everything else one.
fn columns(line: &str) -> usize {
    line.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

/// The wrap width of a hard-wrapped page, measured both in display columns (a PDF wraps by
/// width) and in characters (a text export wraps by count).
#[derive(Clone, Copy, Debug)]
struct Wrap {
    columns: usize,
    chars: usize,
}

impl Wrap {
    /// Whether `line` reaches three quarters of the wrap width in either measure (names and
    /// half-width digits make wrapped lines of one page uneven).
    fn reached_by(self, line: &str) -> bool {
        let line = line.trim();
        reaches(columns(line), self.columns) || reaches(line.chars().count(), self.chars)
    }
}

fn reaches(measure: usize, width: usize) -> bool {
    measure * 4 >= width * 3
}

/// The wrap of a hard-wrapped page, if it is one: the ninetieth percentile of the widths of
/// the lines that continue a paragraph, when at least two in five of them reach it.
fn wrap_width(paras: &[Paragraph]) -> Option<Wrap> {
    let continuing: Vec<&str> = paras
        .iter()
        .flat_map(|p| p.lines[..p.lines.len() - 1].iter().map(|l| l.trim()))
        .collect();
    if continuing.len() < MIN_WRAPPED_LINES {
        return None;
    }
    let percentile = |measure: fn(&str) -> usize| {
        let mut widths: Vec<usize> = continuing.iter().map(|l| measure(l)).collect();
        widths.sort_unstable();
        widths[widths.len() * 9 / 10]
    };
    let wrap = Wrap {
        columns: percentile(columns),
        chars: percentile(|l| l.chars().count()),
    };
    let close = continuing.iter().filter(|l| wrap.reached_by(l)).count();
    (close * 5 >= continuing.len() * 2 && wrap.columns <= 96).then_some(wrap)
}

/// Joins each line of `p` that reaches the wrap width to the line after it.
fn unwrap_lines(p: Paragraph, wrap: Wrap) -> Paragraph {
    let mut lines: Vec<String> = Vec::with_capacity(p.lines.len());
    let mut open = false;
    for line in &p.lines {
        match lines.last_mut() {
            Some(last) if open => join_onto(last, line),
            _ => lines.push(line.clone()),
        }
        open = wrap.reached_by(line);
    }
    Paragraph { lines, ..p }
}

/// Appends `next` to `line` as one line. No space is added: these pages wrap by character,
/// so a break inside `LED` or `2063.42` is not a word boundary.
fn join_onto(line: &mut String, next: &str) {
    line.push_str(next.trim_start());
}

/// Joins paragraphs cut by a column or page break. Only long paragraphs are joined: a short
/// one may be a headline, which a full-width line cannot be told from.
fn join_cut(paras: Vec<Paragraph>) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::with_capacity(paras.len());
    let mut rest = paras.into_iter().peekable();
    while let Some(next) = rest.next() {
        let Some(cut) = out.last_mut().filter(|a| is_cut(a)) else {
            out.push(next);
            continue;
        };
        if is_caption(&next) && rest.peek().is_some_and(continues) {
            merge(cut, rest.next().expect("peeked"));
            out.push(next);
        } else if continues(&next) {
            merge(cut, next);
        } else {
            out.push(next);
        }
    }
    out
}

/// A body paragraph that stops where no paragraph can end.
fn is_cut(p: &Paragraph) -> bool {
    let open = p
        .last_char()
        .is_some_and(|c| c.is_alphanumeric() || "，、,《“(（".contains(c));
    p.visible_chars() > MAX_HEADLINE_CHARS && open && trailing_credit(p).is_none() && !is_byline(p)
}

/// Whether `next` can be the rest of a cut paragraph: body text, not a headline or byline.
fn continues(next: &Paragraph) -> bool {
    let short = next.visible_chars() <= MAX_HEADLINE_CHARS && !next.joined().contains('。');
    !short && !is_byline(next)
}

/// A short complete sentence of one clause standing alone: a photo caption printed inside
/// an article (`菏泽市“十大创新”行动新闻发布会现场。`).
fn is_caption(p: &Paragraph) -> bool {
    let text = p.joined();
    p.visible_chars() <= MAX_CAPTION_CHARS && text.ends_with('。') && !text.contains(['，', ','])
}

fn merge(cut: &mut Paragraph, next: Paragraph) {
    let mut lines = next.lines.into_iter();
    if let (Some(last), Some(first)) = (cut.lines.last_mut(), lines.next()) {
        join_onto(last, &first);
    }
    cut.lines.extend(lines);
    cut.first_line = cut.first_line.min(next.first_line);
    cut.last_line = cut.last_line.max(next.last_line);
}

/// Removes spaces inside words of a body paragraph.
fn unspace(p: Paragraph) -> Paragraph {
    if p.visible_chars() <= MAX_HEADLINE_CHARS {
        return p;
    }
    let lines = p.lines.iter().map(|l| unspace_line(l)).collect();
    Paragraph { lines, ..p }
}

/// `机 扫 保 洁 率 达 到 92.5％ ，洒 水` → `机扫保洁率达到92.5％，洒水`; `记者 王燕` stays.
fn unspace_line(line: &str) -> String {
    let tokens: Vec<&str> = line.split(' ').collect();
    let mut out = String::with_capacity(line.len());
    for (i, token) in tokens.iter().enumerate() {
        if i > 0 && !token.is_empty() {
            let before = tokens[..i]
                .iter()
                .rev()
                .find(|t| !t.is_empty())
                .copied()
                .unwrap_or("");
            if !before.is_empty() && !spaced_within_word(before, token) {
                out.push(' ');
            }
        }
        out.push_str(token);
    }
    out
}

/// Whether the space between tokens `before` and `after` is damage inside a word.
fn spaced_within_word(before: &str, after: &str) -> bool {
    let single_han = |t: &str| t.chars().count() == 1 && t.chars().all(is_han);
    let (Some(a), Some(b)) = (before.chars().last(), after.chars().next()) else {
        return false;
    };
    let wide_punct = |c: char| matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20);
    single_han(before)
        || single_han(after)
        || (a.is_ascii_digit() && is_han(b))
        || (is_han(a) && b.is_ascii_digit())
        || (wide_punct(a) && (wide_punct(b) || single_han(after)))
        || (wide_punct(b) && (a.is_ascii_digit() || single_han(before)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::split::paragraphs::paragraphs;

    fn repaired(text: &str) -> Vec<(String, usize, usize)> {
        repair(paragraphs(text))
            .into_iter()
            .map(|p| (p.text(), p.first_line, p.last_line))
            .collect()
    }

    #[test]
    fn pages_without_blank_lines_are_cut_at_paragraph_ends() {
        let page = "城区绿道全线贯通\n  市民沿河骑行。\n  沿线新栽树木三千株，\n设座椅二百处。\n①晨练的市民。\n本报记者 甲乙 摄\n②傍晚的河岸。 本报记者 丙丁 摄";
        let got: Vec<String> = repaired(page).into_iter().map(|(text, ..)| text).collect();
        assert_eq!(
            got,
            [
                "城区绿道全线贯通",
                "  市民沿河骑行。",
                "  沿线新栽树木三千株，\n设座椅二百处。",
                "①晨练的市民。",
                "本报记者 甲乙 摄",
                "②傍晚的河岸。 本报记者 丙丁 摄",
            ]
        );
        assert_eq!(
            repaired(page)[2].1..=repaired(page)[2].2,
            3..=4,
            "line numbers as printed"
        );
    }

    #[test]
    fn spaced_letters_inside_words() {
        let cases = [
            (
                "机 扫 保 洁 率 达 到 92.5％ ，洒 水 率 达 到",
                "机扫保洁率达到92.5％，洒水率达到",
            ),
            ("3 月 20 日，枣庄市", "3月20日，枣庄市"),
            (
                "累计割除线缆约19万余米、规整扎线 4.73 万余米",
                "累计割除线缆约19万余米、规整扎线4.73万余米",
            ),
            (
                "本报讯(记者 王燕 通讯员 王传峰 曹红立)优化",
                "本报讯(记者 王燕 通讯员 王传峰 曹红立)优化",
            ),
            ("提供有力支撑。 记者 张品", "提供有力支撑。 记者 张品"),
            ("LED display 显示屏", "LED display 显示屏"),
        ];
        for (input, want) in cases {
            assert_eq!(unspace_line(input), want, "{input}");
        }
    }

    #[test]
    fn paragraphs_cut_by_a_column_break_are_joined() {
        let long = "全市城管系统上下紧抓“六城同创”机遇，".repeat(4);
        let text = format!("{long}对标\n\n\n\n创建标准，坚持问题导向。\n\n下一段。");
        let got = repaired(&text);
        assert_eq!(got[0], (format!("{long}对标创建标准，坚持问题导向。"), 1, 5));
        assert_eq!(got[1].0, "下一段。");
    }

    #[test]
    fn a_caption_between_the_halves_is_stepped_over() {
        let long = "坚持领导领衔推进“十大创新”。".repeat(5);
        let text = format!("{long}全面构建市委书记\n\n\n\n菏泽市“十大创新”行动新闻发布会现场。\n\n负总责、市级领导分工抓落实。");
        let got: Vec<String> = repaired(&text).into_iter().map(|p| p.0).collect();
        assert_eq!(
            got,
            [
                format!("{long}全面构建市委书记负总责、市级领导分工抓落实。"),
                "菏泽市“十大创新”行动新闻发布会现场。".into()
            ]
        );
    }

    #[test]
    fn headlines_and_signed_paragraphs_are_not_joined() {
        let long =
            "通过节水宣传进校园活动,进一步激发了学生节约用水资源、保护水生态的积极性和责任感。".repeat(2);
        let text =
            format!("{long} 记者 张品\n\n小手拉大手 节水进校园\n\n——东明县水务局大力开展节水宣传活动侧记");
        assert_eq!(repaired(&text).len(), 3);
    }

    #[test]
    fn hard_wrapped_seed_lines_are_joined() {
        let seed = include_str!("../../../seeds/001_51a4d49ad683df12.txt");
        let text: Vec<String> = repaired(seed).into_iter().map(|p| p.0).collect();
        let has = |s: &str| text.iter().any(|p| p.contains(s));
        assert!(has(
            "3月20日，枣庄市市中区“推进精细管理、扮靓民生底色”新闻发布会在区融媒体中心召开。"
        ));
        assert!(has("机扫保洁率达到92.5％，洒水率达到98.6％。"));
        assert!(has("规整扎线4.73万余米"));
        assert!(text.iter().any(|p| p == "权威发布"), "headlines stay apart");
        assert!(
            text.iter().any(|p| p.starts_with("发布人\n")),
            "short lines keep their breaks"
        );
    }
}

//! Newspaper page text → articles, columns and photo captions.
//!
//! The page is read paragraph by paragraph. A new piece starts at a headline group (up to
//! three short unpunctuated paragraphs) followed by a byline, at a photo headline followed by a
//! caption ending in a credit (`记者 X摄`), at a lone headline after a finished sentence, or at
//! a caption signed on its own after a photo group's credit line (`本报记者 X 摄`). A
//! rubric label such as `重点项目落地见效年（区科学技术局）` closes a column. A headline group at the
//! end of the page after a body signed `记者 X` is a headline printed after its body; where
//! that body starts is decided by which headline its paragraphs share more words with. Body
//! text right under a photo headline and its caption continues it as an article (its lead
//! photo), and a digest's rubric is body text of its first item, never a deck or a title.
//! A section's heading (`一、…`, `■…` in a signed article) and a sidebar's label (`记者手记`)
//! continue their article; a web article's meta line under its headline is moved over it as
//! the header of its page, and a web page's buttons and links (`上一篇：…`) belong to no piece.

use std::collections::HashSet;

use super::paragraphs::{paragraphs, Paragraph};
use super::recognize::{
    byline_text, is_byline, is_column_label, is_credit_line, is_headline, is_photo_caption, is_photo_story,
    is_web_furniture, trailing_credit, MAX_HEADLINE_CHARS,
};
use super::{repair, Page, Piece};
use crate::analysis::is_han;
use crate::document::Kind;
use crate::ingest::header::{self, Header};

/// Splits a page into pieces, and returns them with the file's pages (each with its header
/// lines and its pieces' text). A header line
/// (`2021年05月12日 第A3版:今日牡丹区`, `2019-02-15 来源:温州日报`) is never a piece: it ends the
/// piece before it and opens a page, which holds the pieces up to the next header. A file of
/// several web pages prints a header above each; headers on consecutive paragraphs (a date
/// line, then an edition line) make one.
pub fn split(text: &str) -> (Vec<Piece>, Vec<Page>) {
    let paras = without_repeats(repair::repair(headers_apart(paragraphs(text))));
    let mut headers: Vec<Option<Header>> = paras.iter().map(header_of).collect();
    // A masthead printed on its own over a header is that header's; at the top of a page, over
    // a headline, it is the page's header.
    for i in (0..paras.len().saturating_sub(1)).rev() {
        let top = i == 0 || headers[i - 1].is_some();
        let heads = headers[i + 1].is_some() || (top && is_headline(&paras[i + 1]));
        if headers[i].is_none() && heads {
            if let [line] = paras[i].lines.as_slice() {
                headers[i] = header::masthead_line(line).map(|paper| Header {
                    date: None,
                    paper: Some(paper),
                });
            }
        }
    }
    let (paras, headers) = meta_lines_first(paras, headers);
    let mut page_of = Vec::with_capacity(paras.len());
    let mut pages: Vec<Page> = Vec::new();
    // Whether the last paragraph was a date line closing its page.
    let mut closed = false;
    for (i, p) in paras.iter().enumerate() {
        match &headers[i] {
            Some(header) => {
                let after_header = i > 0 && headers[i - 1].is_some() && !closed;
                closed = pages.last().is_some_and(|page| closes_page(&headers, i, page));
                match pages.last_mut() {
                    Some(page) if after_header || closed => page.header = merged(page.header.take(), header),
                    _ => pages.push(Page {
                        header: Some(header.clone()),
                        text: String::new(),
                    }),
                }
            }
            None => {
                closed = false;
                if pages.is_empty() {
                    pages.push(Page::default());
                }
            }
        }
        let page = pages.last_mut().expect("a page is open");
        page.text.push_str(&p.text());
        page.text.push_str("\n\n");
        page_of.push(pages.len().saturating_sub(1));
    }
    let mut drafts: Vec<Draft> = Vec::new();
    let mut current: Option<Draft> = None;
    let mut i = 0;
    while i < paras.len() {
        if headers[i].is_some() {
            drafts.extend(current.take());
            i += 1;
        } else if is_web_furniture(&paras[i]) {
            i += 1;
        } else if is_digest_rubric(&paras[i]) && paras.get(i + 1).is_some_and(is_bullet_item) {
            // A digest's rubric (`简讯`) over its first item ends the piece before it: the
            // digest's items follow, each a piece.
            drafts.extend(current.take());
            current = Some(Draft::new(Kind::Article, i..i + 1, None));
            i += 1;
        } else if let Some(heads) = headline_group_before_byline(&paras, i) {
            drafts.extend(current.take());
            current = Some(Draft::new(Kind::Article, i..i + heads, Some(i + heads)));
            i += heads + 1;
        } else if is_headline(&paras[i])
            && paras
                .get(i + 1)
                .is_some_and(|p| is_photo_caption(p) && !is_bullet_item(p))
        {
            // A bulleted caption opens a bundle of items under the headline instead.
            drafts.extend(current.take());
            drafts.push(Draft::new(Kind::PhotoCaption, i..i + 1, Some(i + 1)));
            i += 2;
        } else if is_column_label(&paras[i]) {
            let column = close_column(current.take(), i);
            drafts.extend(column);
            i += 1;
        } else if let Some(heads) = trailing_headline_group(&paras, i) {
            let (before, piece) = headline_after_body(&paras, current.take(), i..i + heads);
            drafts.extend(before);
            drafts.push(piece);
            i += heads;
        } else if let Some(heads) = lone_headline_group(&paras, &headers, i)
            .filter(|_| !current.as_ref().is_some_and(|draft| draft.has_section(&paras[i])))
        {
            drafts.extend(current.take());
            current = Some(Draft::new(Kind::Article, i..i + heads, None));
            i += heads;
        } else if current.is_none() && is_furniture(&paras, &headers, i) {
            i += 1;
        } else if current.is_some() && i > 0 && is_photo_credit(&paras[i - 1]) && is_photo_caption(&paras[i])
        {
            // A photo group's credit line closes it; a caption signed on its own is another photo.
            drafts.extend(current.take());
            let mut photo = Draft::new(Kind::PhotoCaption, i..i, None);
            photo.body.push(i);
            current = Some(photo);
            i += 1;
        } else if current.as_ref().is_some_and(|d| d.next_digest_item(&paras, i)) {
            drafts.extend(current.take());
            let mut item = Draft::new(Kind::Article, i..i, None);
            item.body.push(i);
            item.digest_item = true;
            current = Some(item);
            i += 1;
        } else {
            if current.is_none() && opens_after_lead_photo(drafts.last(), &paras, i) {
                // The headline and caption before it are this article's head and lead photo.
                current = drafts.pop().map(|photo| Draft {
                    kind: Kind::Article,
                    byline: None,
                    ..photo
                });
            }
            current
                .get_or_insert_with(|| Draft::new(Kind::Article, i..i, None))
                .body
                .push(i);
            i += 1;
        }
    }
    drafts.extend(current);
    let pieces = drafts
        .into_iter()
        .filter_map(|d| d.into_piece(&paras, &page_of))
        .collect();
    (pieces, pages)
}

/// A photographer's credit printed alone (`本报记者 甲乙 摄`, `(记者甲乙通讯员丙丁摄)`).
fn is_photo_credit(p: &Paragraph) -> bool {
    if !p.last_char().is_some_and(|c| "摄攝)）".contains(c)) {
        return false;
    }
    let text = p.joined();
    let bare = text.trim_start_matches(['(', '（']).trim_end_matches([')', '）']);
    bare.ends_with(['摄', '攝'])
        && !bare.contains(['。', '，', ','])
        && (is_credit_line(bare) || trailing_credit(p).is_some_and(|credit| credit == bare))
}

/// Bullets that open the sections of an article (`■坚持规划引领`).
const SECTION_BULLETS: [char; 8] = ['■', '□', '◆', '◇', '▲', '●', '★', '☆'];

/// Numerals of a section's number (`一、`, `（二）`, `3.`).
const NUMERALS: &str = "一二三四五六七八九十0123456789";

/// Whether `text` opens with a section's number: `一、`, `十二、`, `（一）`, `(3)`, `3、`, `3.` (not
/// `3.8`, a number).
fn is_numbered(text: &str) -> bool {
    let text = text.trim_start();
    let numeral = |c: char| NUMERALS.contains(c);
    if let Some(inner) = text.strip_prefix(['（', '(']) {
        let rest = inner.trim_start_matches(numeral);
        return rest.len() < inner.len() && rest.starts_with(['）', ')']);
    }
    let rest = text.trim_start_matches(numeral);
    let mut after = rest.chars();
    let mark = after.next();
    rest.len() < text.len()
        && (mark == Some('、')
            || (matches!(mark, Some('.' | '．')) && !after.next().is_some_and(|c| c.is_ascii_digit())))
}

/// Bullets that open the items of a digest.
const BULLETS: [char; 4] = ['●', '■', '◆', '▲'];

/// Words of a rubric that heads a digest of short items: `要闻`, `简讯`, `摘要`, `周报` …
const DIGEST_WORDS: [&str; 8] = ["要闻", "简讯", "快讯", "摘要", "周报", "速览", "动态", "短波"];

/// Longest digest rubric, in visible characters.
const MAX_RUBRIC_CHARS: usize = 16;

/// A paragraph of text opened by a bullet (`●7月2日,市委…`), not a bullet-framed label.
fn is_bullet_item(p: &Paragraph) -> bool {
    let text = p.joined();
    text.starts_with(BULLETS) && text.contains(['，', ',', '。'])
}

/// A short line naming a digest (`要 闻 周 报`, `[摘要] 本市要闻`).
fn is_digest_rubric(p: &Paragraph) -> bool {
    if p.lines.len() > 2 || p.lines.iter().map(|l| l.len()).sum::<usize>() > 8 * MAX_RUBRIC_CHARS {
        return false;
    }
    let text: String = p.joined().chars().filter(|c| !c.is_whitespace()).collect();
    text.chars().count() <= MAX_RUBRIC_CHARS && DIGEST_WORDS.iter().any(|w| text.contains(w))
}

/// Whether the header paragraph `i` is the date line printed under the last article of `page`
/// (`2015年4月27日` closing it, before the next page's header or the end of the file) rather
/// than the header of a page: a lone date, after body text, on a page with no date yet.
fn closes_page(headers: &[Option<Header>], i: usize, page: &Page) -> bool {
    let dated = |h: &Option<Header>| h.as_ref().is_some_and(|h| h.date.is_some());
    let date_only = headers[i]
        .as_ref()
        .is_some_and(|h| h.date.is_some() && h.paper.is_none());
    let after_body = i > 0 && headers[i - 1].is_none();
    let undated = page.header.as_ref().is_none_or(|h| h.date.is_none());
    let before_header = headers.get(i + 1).is_none_or(dated);
    date_only && after_body && undated && before_header
}

/// Most headline paragraphs (a title and its subtitle) printed over a web article's meta line.
const MAX_HEADS_OVER_META: usize = 2;

/// `paras` (and their `headers`) with a web article's meta line printed under its headline
/// (`某区启动专项行动` / `2023-06-15 09:12 来源:某市晚报 作者:张某` / body) moved over the headline:
/// the header of the page the headline opens, not the end of a headline without a body.
fn meta_lines_first(
    mut paras: Vec<Paragraph>,
    mut headers: Vec<Option<Header>>,
) -> (Vec<Paragraph>, Vec<Option<Header>>) {
    for i in 1..paras.len() {
        // Only a header paragraph is asked whether body text follows it.
        let body_follows = || {
            paras
                .get(i + 1)
                .is_some_and(|next| headers[i + 1].is_none() && !is_headline(next))
        };
        if headers[i].is_none() || !body_follows() {
            continue;
        }
        let heads = (1..=MAX_HEADS_OVER_META.min(i))
            .take_while(|&n| headers[i - n].is_none() && is_headline(&paras[i - n]))
            .count();
        // A line alone between two headers is the page's rubric (`图片新闻`), not a headline.
        let under_header = heads > 0 && i > heads && headers[i - heads - 1].is_some();
        if heads > 0 && !under_header {
            paras[i - heads..=i].rotate_right(1);
            headers[i - heads..=i].rotate_right(1);
        }
    }
    (paras, headers)
}

/// A headline-like line standing alone between headers (or a header and the end): a page's
/// rubric (`图片新闻`), furniture, not a document.
fn is_furniture(paras: &[Paragraph], headers: &[Option<Header>], i: usize) -> bool {
    let after_header = i == 0 || headers[i - 1].is_some();
    let before_header = i + 1 == paras.len() || headers[i + 1].is_some();
    after_header && before_header && i > 0 && is_headline(&paras[i])
}

/// Most lines of a header paragraph (a date line over an edition line, say).
const MAX_HEADER_LINES: usize = 3;

/// `paras` with the header lines that open a paragraph (`当前版:01版` over `发布日期:` over a
/// headline, with no blank line between) made a paragraph of their own.
fn headers_apart(paras: Vec<Paragraph>) -> Vec<Paragraph> {
    let mut out = Vec::with_capacity(paras.len());
    for p in paras {
        let leading = p
            .lines
            .iter()
            .take(MAX_HEADER_LINES + 1)
            .take_while(|line| header::read(line).is_some() || header::masthead_line(line).is_some())
            .count();
        let apart = (1..p.lines.len()).contains(&leading)
            && leading <= MAX_HEADER_LINES
            && header::of_lines(&p.lines[..leading]).is_some();
        if !apart {
            out.push(p);
            continue;
        }
        let mut lines = p.lines;
        let rest = lines.split_off(leading);
        out.push(Paragraph {
            lines,
            first_line: p.first_line,
            last_line: p.first_line + leading - 1,
        });
        out.push(Paragraph {
            lines: rest,
            first_line: p.first_line + leading,
            last_line: p.last_line,
        });
    }
    out
}

/// `header` with what `next`, printed under it, adds: the first date and paper of the two.
fn merged(header: Option<Header>, next: &Header) -> Option<Header> {
    let header = header.unwrap_or_else(|| next.clone());
    Some(Header {
        date: header.date.or_else(|| next.date.clone()),
        paper: header.paper.or_else(|| next.paper.clone()),
    })
}

/// The header a paragraph is, when every line of it is a header line.
fn header_of(p: &Paragraph) -> Option<Header> {
    (p.lines.len() <= MAX_HEADER_LINES)
        .then(|| header::of_lines(&p.lines))
        .flatten()
}

/// Shortest paragraph, in visible characters, whose second printing is dropped.
const MIN_REPEATED_CHARS: usize = 50;

/// Drops every printing but the last of a long paragraph printed more than once (a layout
/// accident: seed 002 prints the last paragraph of one article again before its headline).
fn without_repeats(paras: Vec<Paragraph>) -> Vec<Paragraph> {
    let key = |p: &Paragraph| p.lines.concat().split_whitespace().collect::<String>();
    let keys: Vec<String> = paras.iter().map(key).collect();
    paras
        .into_iter()
        .enumerate()
        .filter(|(i, p)| p.visible_chars() < MIN_REPEATED_CHARS || !keys[i + 1..].contains(&keys[*i]))
        .map(|(_, p)| p)
        .collect()
}

/// A piece under construction: indices into the page's paragraphs.
#[derive(Debug)]
struct Draft {
    kind: Kind,
    heads: Vec<usize>,
    /// The byline paragraph, which also opens the body.
    byline: Option<usize>,
    body: Vec<usize>,
    /// The title is printed after the body (a headline after its body, a column's rubric
    /// label), so the body comes first in the printed order.
    title_last: bool,
    /// Whether the draft is an item of a digest, so that the next bullet opens the next one.
    digest_item: bool,
}

impl Draft {
    fn new(kind: Kind, heads: std::ops::Range<usize>, byline: Option<usize>) -> Draft {
        Draft {
            kind,
            heads: heads.collect(),
            byline,
            body: byline.into_iter().collect(),
            title_last: false,
            digest_item: false,
        }
    }

    /// Whether headline-like `p` heads a section of this draft's article, not a piece of its
    /// own: a numbered heading (`一、强化组织领导`, `（二）突出项目带动`, `3.加强监管`), or a bulleted
    /// one (`■坚持规划引领`) inside a signed article (in a digest, a bullet opens the next item).
    fn has_section(&self, p: &Paragraph) -> bool {
        let text = p.joined();
        let bulleted = text.starts_with(SECTION_BULLETS) && self.byline.is_some() && !self.digest_item;
        is_numbered(&text) || bulleted
    }

    /// Whether paragraph `i` opens the next item of a digest: a bullet paragraph after a bullet
    /// paragraph, in a draft whose heading names a digest (`要 闻 周 报`, `[摘要] 本市要闻`).
    fn next_digest_item(&self, paras: &[Paragraph], i: usize) -> bool {
        let after_bullet = self.body.last().is_some_and(|&b| is_bullet_item(&paras[b]));
        let digest = || {
            self.digest_item
                || self
                    .heads
                    .iter()
                    .chain(&self.body)
                    .take_while(|&&p| !is_bullet_item(&paras[p]))
                    .any(|&p| is_digest_rubric(&paras[p]))
        };
        is_bullet_item(&paras[i]) && after_bullet && digest()
    }

    /// The piece the draft is, on the page of its first paragraph (`page_of` has each
    /// paragraph's page).
    fn into_piece(self, paras: &[Paragraph], page_of: &[usize]) -> Option<Piece> {
        // A digest's rubric (`[摘要] 本市要闻`, `要 闻 周 报` over its dates) heads the items under
        // it: body text, neither a deck of the headline above it nor the first item's title.
        let cut = (self.heads.iter())
            .position(|&p| is_digest_rubric(&paras[p]))
            .unwrap_or(self.heads.len());
        let Headline {
            title,
            subtitle,
            used,
            decks,
        } = title_of(&self.heads[..cut], paras).or_else(|| {
            self.body.first().map(|&b| Headline {
                title: fallback_title(&paras[b]),
                subtitle: None,
                used: 0,
                decks: Vec::new(),
            })
        })?;
        // Everything printed but the title: the headline's other decks, then its further
        // paragraphs and the body (the body first when the headline follows it).
        let decks = (!decks.is_empty()).then(|| decks.join("\n"));
        let heads = decks
            .into_iter()
            .chain(self.heads[used..].iter().map(|&p| paras[p].text()));
        let body = self.body.iter().map(|&p| paras[p].text());
        let printed: Vec<String> = if self.title_last {
            body.chain(heads).collect()
        } else {
            heads.chain(body).collect()
        };
        let body = printed.join("\n\n");
        let all = self.heads.iter().chain(&self.body);
        let first = all.clone().map(|&p| paras[p].first_line).min()?;
        let last = all.map(|&p| paras[p].last_line).max()?;
        let byline = self
            .byline
            .filter(|&b| is_byline(&paras[b]))
            .and_then(|b| byline_text(&paras[b]))
            .or_else(|| self.body.last().and_then(|&b| trailing_credit(&paras[b])));
        let opening = self.heads.iter().chain(&self.body).copied().min()?;
        let kind = match self.kind {
            Kind::Article if is_photo_story(&body) => Kind::PhotoCaption,
            kind => kind,
        };
        Some(Piece {
            kind,
            title,
            subtitle,
            byline,
            body,
            lines: [first, last],
            fields: None,
            table_title: None,
            page: page_of[opening],
        })
    }
}

/// A headline group read deck by deck.
struct Headline {
    title: String,
    subtitle: Option<String>,
    /// How many of the group's paragraphs the title used.
    used: usize,
    /// The other lines of those paragraphs (a kicker over the title, a subtitle under it on
    /// the next line), as printed: searchable text of the piece.
    decks: Vec<String>,
}

/// Endings of a place's or a body's name (`永丰街道会盟社区`, `某某县`, `市公安局`).
const LABEL_ENDINGS: [&str; 21] = [
    "省", "市", "区", "县", "旗", "盟", "州", "镇", "乡", "街道", "社区", "村", "局", "委", "办", "中心",
    "院", "所", "站", "公司", "集团",
];

/// The title and subtitle of a headline group. Each line left after the repairs is one deck: a
/// headline paragraph of two lines is a title over a subtitle (a hard-wrapped headline was
/// joined into one line by then). A line ending in a colon is a place's or body's label that
/// continues on the next one (`永丰街道会盟社区:`), or else a kicker over the title
/// (`某某网视频:`, `某某副主席视察:`).
fn title_of(heads: &[usize], paras: &[Paragraph]) -> Option<Headline> {
    let mut decks = heads.iter().flat_map(|&p| {
        paras[p]
            .lines
            .iter()
            .map(move |line| (line.trim().to_string(), p))
    });
    let (mut title, mut last) = decks.next()?;
    let mut kickers = Vec::new();
    while title.ends_with([':', '：']) {
        let Some((next, p)) = decks.next() else { break };
        let label = title.trim_end_matches([':', '：']);
        if LABEL_ENDINGS.iter().any(|e| label.ends_with(e)) {
            title.push_str(&next);
        } else {
            kickers.push(std::mem::replace(&mut title, next));
        }
        last = p;
    }
    let rest: Vec<(String, usize)> = decks.collect();
    let used = heads.iter().position(|&p| p == last)? + 1;
    let subtitle = (!rest.is_empty()).then(|| {
        rest.iter()
            .map(|(line, _)| line.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    });
    let under = rest.into_iter().filter(|&(_, p)| p == last).map(|(line, _)| line);
    Some(Headline {
        title: undecorated(&title).to_string(),
        subtitle,
        used,
        decks: kickers.into_iter().chain(under).collect(),
    })
}

/// Marks a digest prints around a label headline (`● 黔江区 ●`, `■ 要闻 ■`).
const ORNAMENTS: &str = "●○◆◇■□★☆▲△▼▽◎◉•";

/// A headline without the ornaments around it.
fn undecorated(title: &str) -> &str {
    let bare = title.trim_matches(|c: char| ORNAMENTS.contains(c) || c.is_whitespace());
    if bare.is_empty() {
        title
    } else {
        bare
    }
}

/// A title for text that has no headline: its first clause, at most 30 characters, after the
/// jump line of an article continued from another page (`（上接第1版）`), its bullet and a
/// clause that only dates it (`●5月26日，县人大视察…` → `县人大视察…`).
fn fallback_title(paragraph: &Paragraph) -> String {
    let joined = paragraph.joined();
    let text = jump_line_end(&joined).map_or(joined.as_str(), |end| joined[end..].trim_start());
    let text = text.trim_start_matches(|c: char| BULLETS.contains(&c) || c.is_whitespace());
    let mut clauses = text
        .split(['。', '，', ',', '；', '！', '？'])
        .filter(|c| !c.trim().is_empty());
    let first = clauses.next().unwrap_or(text);
    let clause = match clauses.next() {
        Some(next) if only_dates(first) => next,
        _ => first,
    };
    clause.trim().chars().take(30).collect()
}

/// Words that say when, and nothing else, in a lead's first clause (`近日`, `5月26日上午`).
const WHEN_WORDS: [&str; 14] = [
    "近日",
    "日前",
    "近期",
    "目前",
    "昨天",
    "昨日",
    "今天",
    "今日",
    "连日来",
    "今年以来",
    "上午",
    "下午",
    "晚上",
    "晚",
];

/// Whether `clause` only dates what follows it: `5月26日`, `26日下午`, `近日`.
fn only_dates(clause: &str) -> bool {
    let mut rest = clause.trim();
    while !rest.is_empty() {
        let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        if let Some(after) = (digits.len() < rest.len())
            .then(|| digits.strip_prefix(['年', '月', '日']))
            .flatten()
        {
            rest = after;
        } else if let Some(word) = WHEN_WORDS.iter().find(|w| rest.starts_with(*w)) {
            rest = &rest[word.len()..];
        } else {
            return false;
        }
    }
    true
}

/// Where the jump line opening a continued article ends (`（上接第1版）`, `(紧接A1版)`).
fn jump_line_end(text: &str) -> Option<usize> {
    let rest = text.strip_prefix(['(', '（'])?;
    let close = rest.find([')', '）'])?;
    let inside = &rest[..close];
    let jump = inside.chars().count() <= 12 && inside.contains('接') && inside.ends_with('版');
    let bracket = rest[close..].chars().next()?.len_utf8();
    jump.then_some(text.len() - rest.len() + close + bracket)
}

/// Whether body paragraph `i`, which opens no piece of its own, follows right after a headline
/// and its photo's caption (`last`): the article of that headline, printed under its lead
/// photo, not a piece without a title.
fn opens_after_lead_photo(last: Option<&Draft>, paras: &[Paragraph], i: usize) -> bool {
    let after_photo = last.is_some_and(|photo| {
        photo.kind == Kind::PhotoCaption
            && !photo.heads.is_empty()
            && photo.body.last().copied() == i.checked_sub(1)
    });
    let body =
        || paras[i].joined().contains(['。', '！', '？']) || paras[i].visible_chars() > MAX_HEADLINE_CHARS;
    // A caption of its own, or one whose credit stands on the next line, is the next photo.
    let caption = || is_photo_caption(&paras[i]) || paras.get(i + 1).is_some_and(is_photo_credit);
    after_photo && body() && !caption()
}

/// Paragraphs `i..i+n` (1 ≤ n ≤ 3) are headlines and paragraph `i+n` is a byline.
fn headline_group_before_byline(paras: &[Paragraph], i: usize) -> Option<usize> {
    (1..=3).find(|&n| paras.get(i + n).is_some_and(is_byline) && paras[i..i + n].iter().all(is_headline))
}

/// A headline group after a finished sentence (or at the top of the page) followed by body
/// text: a section rubric (`权威发布`), an unsigned article. Its first paragraph must look like a
/// headline on its own: one line, or two under a kicker ending in a colon (`市领导调研:` /
/// `加快推进…`), no comma, at most 40 characters, so a paragraph cut by a column break
/// (`…紧抓“六城同创”机遇，对标`) does not pass for one.
fn lone_headline_group(paras: &[Paragraph], headers: &[Option<Header>], i: usize) -> Option<usize> {
    let opens_page = i == 0 || headers[i - 1].is_some();
    let after_sentence = opens_page
        || paras[i - 1]
            .last_char()
            .is_some_and(|c| "。！？”\"）)".contains(c))
        || is_credit_line(&paras[i - 1].joined());
    let first = &paras[i];
    // A second line only under a kicker or as the deck of a title (two phrases of at least
    // six characters): a label over the first line of a list or a question (`发布人` /
    // `张某 某局副局长`, `答记者问` / `请问…`) is no headline.
    let kicker = first.lines.len() == 2 && first.lines[0].trim_end().ends_with([':', '：']);
    let phrase =
        |line: &String| line.chars().filter(|c| !c.is_whitespace()).count() >= MIN_DECKED_TITLE_CHARS;
    let decked = first.lines.len() == 2 && first.lines.iter().all(phrase);
    let plain = (first.lines.len() == 1 || kicker || decked)
        && (!first.joined().contains(['，', ',']) || is_comma_headline(&first.joined()))
        && first.visible_chars() <= 40;
    if !after_sentence || !plain || first.visible_chars() < 4 {
        return None;
    }
    let n = paras[i..].iter().take(3).take_while(|p| is_headline(p)).count();
    // Body text must follow on the same page: a short line closing a page is no headline.
    let body_follows = i + n < paras.len() && headers[i + n].is_none();
    (n > 0 && body_follows).then_some(n)
}

/// Most clauses, and longest clause, of a headline printed with commas (`抓项目，促发展，全力冲刺四季度`).
const MAX_HEADLINE_CLAUSES: usize = 3;
const MAX_HEADLINE_CLAUSE_CHARS: usize = 12;

/// A headline printed with commas: a few short clauses, the first of which says no time or
/// date (`3月7日，会议召开` and `近日，全市…` are body text that lost its full stop).
fn is_comma_headline(text: &str) -> bool {
    let clauses: Vec<&str> = text.split(['，', ',']).map(str::trim).collect();
    let short = clauses.len() <= MAX_HEADLINE_CLAUSES
        && clauses
            .iter()
            .all(|c| (2..=MAX_HEADLINE_CLAUSE_CHARS).contains(&c.chars().count()));
    short && !only_dates(clauses[0]) && !clauses[0].starts_with(|c: char| c.is_ascii_digit())
}

/// Fewest characters of each line of a two-line headline without a byline (a title over its
/// deck): fewer make a label (`发布人`).
const MIN_DECKED_TITLE_CHARS: usize = 6;

/// Headlines at the end of the page right after a paragraph signed `记者 X`: a headline
/// printed after its body.
fn trailing_headline_group(paras: &[Paragraph], i: usize) -> Option<usize> {
    let n = paras.len() - i;
    let signed = i > 0 && trailing_credit(&paras[i - 1]).is_some();
    (signed && (1..=3).contains(&n) && paras[i..].iter().all(is_headline)).then_some(n)
}

/// Ends `current` and builds the piece whose headline (`heads`) follows its body. The body is
/// the tail of `current` whose paragraphs share more character pairs with the new headline
/// (and its signed last paragraph) than with `current`'s own headline and lead.
fn headline_after_body(
    paras: &[Paragraph],
    current: Option<Draft>,
    heads: std::ops::Range<usize>,
) -> (Option<Draft>, Draft) {
    let mut piece = Draft::new(Kind::Article, heads.clone(), None);
    piece.title_last = true;
    let Some(mut before) = current else {
        return (None, piece);
    };
    let body = &before.body;
    let own: Vec<usize> = before.heads.iter().chain(body.first()).copied().collect();
    let theirs: Vec<usize> = heads.chain(body.last().copied()).collect();
    let own = pair_set(paras, &own);
    let theirs = pair_set(paras, &theirs);
    let lean = |p: usize| {
        let pairs = pair_set(paras, &[p]);
        let total = pairs.len().max(1) as f64;
        (pairs.intersection(&theirs).count() as f64 - pairs.intersection(&own).count() as f64) / total
    };
    let leans: Vec<f64> = body.iter().map(|&p| lean(p)).collect();
    let split = (1..=body.len().saturating_sub(1))
        .max_by(|&a, &b| {
            let score = |s: usize| leans[s..].iter().sum::<f64>() - leans[..s].iter().sum::<f64>();
            score(a).total_cmp(&score(b))
        })
        .unwrap_or(body.len());
    piece.body = before.body.split_off(split);
    let before = (!before.heads.is_empty() || !before.body.is_empty()).then_some(before);
    (before, piece)
}

/// Distinct pairs of adjacent Han characters in some paragraphs.
fn pair_set(paras: &[Paragraph], which: &[usize]) -> HashSet<(char, char)> {
    let mut set = HashSet::new();
    for &p in which {
        let chars: Vec<char> = paras[p].joined().chars().filter(|&c| is_han(c)).collect();
        set.extend(chars.windows(2).map(|w| (w[0], w[1])));
    }
    set
}

/// Closes a column at its rubric label (paragraph `label`). The column is what `current`
/// gathered; a section rubric that opened it (`权威发布`) is not part of it.
fn close_column(current: Option<Draft>, label: usize) -> Option<Draft> {
    let mut draft = current.unwrap_or_else(|| Draft::new(Kind::Column, label..label, None));
    let mut members: Vec<usize> = draft.heads.iter().chain(&draft.body).copied().collect();
    if draft.heads.len() > 1 && draft.byline.is_none() {
        members.remove(0);
    }
    draft.kind = Kind::Column;
    draft.heads = vec![label];
    draft.byline = None;
    draft.body = members;
    draft.title_last = true;
    Some(draft)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(text: &str) -> Vec<(Kind, String, Option<String>, [usize; 2])> {
        split(text)
            .0
            .into_iter()
            .map(|p| (p.kind, p.title, p.subtitle, p.lines))
            .collect()
    }

    #[test]
    fn headline_subtitle_byline() {
        let page = "\n\n全市城管工作会议召开\n\n下足功夫\n\n本报讯(牡丹晚报全媒体记者 冯锴) 3月8日，会议召开。\n\n第二段。\n\n长江路工程青年突击队成立\n\n本报讯(记者 陈淑娅) 3月7日，成立。";
        let got = titles(page);
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[0],
            (
                Kind::Article,
                "全市城管工作会议召开".into(),
                Some("下足功夫".into()),
                [3, 9]
            )
        );
        assert_eq!(got[1].1, "长江路工程青年突击队成立");
        let pieces = split(page).0;
        assert_eq!(
            pieces[0].byline.as_deref(),
            Some("本报讯(牡丹晚报全媒体记者 冯锴)")
        );
        assert!(pieces[0].body.starts_with("下足功夫\n\n本报讯"));
    }

    #[test]
    fn a_paragraph_printed_twice_is_kept_once_where_it_last_appears() {
        let repeated = "“网格+居民自治”,协商议事促和谐。".repeat(4);
        let page = format!("定陶区创业\n\n本报讯(记者 甲乙)正文。\n\n{repeated}\n\n会盟社区治理\n\n本报讯(记者 李萍)正文。\n\n{repeated}");
        let pieces = split(&page).0;
        assert_eq!(pieces[0].lines, [1, 3]);
        assert!(!pieces[0].body.contains("网格"));
        assert_eq!(pieces[1].body.matches("居民自治").count(), 4);
        assert_eq!(pieces[1].lines, [7, 11]);
    }

    #[test]
    fn an_e_paper_header_is_not_a_piece() {
        let (pieces, pages) =
            split("2021年05月12日 第A3版:今日牡丹区\n\n城管工作会议召开\n\n本报讯(记者 甲乙)正文。");
        assert_eq!(pieces.len(), 1);
        assert_eq!(pieces[0].title, "城管工作会议召开");
        let date = pages[pieces[0].page]
            .header
            .as_ref()
            .and_then(|h| h.date.as_ref());
        assert_eq!(date.and_then(|d| d.date.as_deref()), Some("2021-05-12"));
    }

    #[test]
    fn an_unsigned_headline_under_a_kicker_opens_its_piece() {
        let body = "市政协调研组走访社区,了解义诊活动开展情况。".repeat(3);
        let (pieces, _) = split(&format!(
            "2023年02月24日\n\n市政协领导调研:\n加快推进协作义诊\n\n{body}"
        ));
        assert_eq!(pieces.len(), 1);
        assert_eq!(pieces[0].title, "加快推进协作义诊");
        let (pieces, _) = split(&format!("{body}\n\n发布人\n张某 某局副局长\n\n{body}"));
        assert_eq!(pieces.len(), 1, "a label over a list is no headline");
    }

    #[test]
    fn body_under_a_headline_and_its_caption_is_that_headline_s_article() {
        let page = "城区治理见成效\n\n志愿者清理小广告 甲乙 摄\n\n4月13日上午,志愿者走上街头清理小广告。\n\n活动持续一周,覆盖全部社区。\n\n某州日报社全媒体记者 甲乙";
        let (pieces, _) = split(page);
        assert_eq!(pieces.len(), 1, "{pieces:?}");
        assert_eq!(pieces[0].kind, Kind::Article);
        assert_eq!(pieces[0].title, "城区治理见成效");
        assert!(pieces[0].body.contains("清理小广告 甲乙 摄"));
        let photos =
            "春到花市\n\n市民在花市选购年花。记者 甲乙 摄\n\n江边步道\n\n市民在江边散步。记者 丙丁 摄";
        let kinds: Vec<Kind> = split(photos).0.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [Kind::PhotoCaption, Kind::PhotoCaption],
            "photos stay photos"
        );
    }

    #[test]
    fn captions_signed_in_brackets_are_photos_each() {
        let page = "图文\n\n7月7日,志愿者清理河道垃圾。(记者 甲乙 实习生 丙丁 摄)\n\n7月6日,市民在湿地公园散步。\n\n(记者戊己通讯员庚辛摄)\n\n连日来,景区游客增多。(记者 壬癸 摄)";
        let (pieces, _) = split(page);
        let got: Vec<(Kind, [usize; 2])> = pieces.iter().map(|p| (p.kind, p.lines)).collect();
        assert_eq!(
            got,
            [
                (Kind::PhotoCaption, [1, 3]),
                (Kind::PhotoCaption, [5, 7]),
                (Kind::PhotoCaption, [9, 9])
            ]
        );
    }

    #[test]
    fn header_lines_run_into_a_headline_are_set_apart() {
        let (pieces, pages) =
            split("当前版:01版\n发布日期:\n某市美化城市\n\n本报讯(记者 张某)近日，城市更美。");
        assert_eq!(pieces.len(), 1);
        assert_eq!(pieces[0].title, "某市美化城市");
        assert_eq!(pieces[0].lines, [3, 5]);
        assert!(pages[0].header.is_some());
    }

    #[test]
    fn a_rubric_alone_between_headers_is_no_document() {
        let (pieces, _) = split(
            "2022年11月8日\n\n图片新闻\n\n《某市日报》(2022年11月8日) 08版\n\n图为村民插秧。记者 张某 摄",
        );
        let titles: Vec<&str> = pieces.iter().map(|p| p.title.as_str()).collect();
        assert!(!titles.contains(&"图片新闻"), "{titles:?}");
        assert_eq!(pieces.len(), 1);
    }

    #[test]
    fn a_short_text_closed_by_a_photo_credit_is_a_photo() {
        let (pieces, _) = split("某县春耕忙\n\n图为村民在田间插秧。某某日报记者 张某 摄影报道\n\n某县召开会议\n\n本报讯(记者 李某)会议召开。");
        assert_eq!(pieces[0].kind, Kind::PhotoCaption);
        assert_eq!(pieces[1].kind, Kind::Article);
    }

    #[test]
    fn a_meta_line_under_a_headline_heads_its_article() {
        let text = "某区启动专项行动\n\n2023-06-15 09:12  来源：某市晚报  作者：张某\n\n6月14日，某区召开动员会。\n\n某县举办招聘会\n\n副题\n\n发布时间：2023-06-16\n\n6月15日，招聘会举行。";
        let (pieces, pages) = split(text);
        let got: Vec<(&str, [usize; 2], Option<String>)> = pieces
            .iter()
            .map(|p| {
                let header = pages[p.page].header.as_ref();
                let date = header.and_then(|h| h.date.as_ref()).and_then(|d| d.date.clone());
                (p.title.as_str(), p.lines, date)
            })
            .collect();
        assert_eq!(
            got,
            [
                ("某区启动专项行动", [1, 5], Some("2023-06-15".into())),
                ("某县举办招聘会", [7, 13], Some("2023-06-16".into()))
            ]
        );
        assert_eq!(pieces[1].subtitle.as_deref(), Some("副题"));
        let pages_headed = "2023年3月8日 第A1版:要闻\n\n某区启动专项行动\n\n本报讯 会议召开。";
        assert_eq!(
            titles(pages_headed)[0].1,
            "某区启动专项行动",
            "a header over a headline stays"
        );
    }

    #[test]
    fn an_article_s_section_headings_stay_in_it() {
        let text = "2023年3月8日 第2版:要闻\n\n我市全力推进城市更新\n\n本报讯（记者 张某）今年以来，城市更新取得成效。\n\n一、强化组织领导\n\n市里成立了工作专班。\n\n（二）突出项目带动\n\n全市实施项目86个。\n\n■坚持规划引领\n\n今年将改造小区120个。\n\n某县举办招聘会\n\n3月7日，招聘会举行。";
        let got: Vec<(String, [usize; 2])> = titles(text).into_iter().map(|t| (t.1, t.3)).collect();
        assert_eq!(
            got,
            [
                ("我市全力推进城市更新".to_string(), [3, 17]),
                ("某县举办招聘会".to_string(), [19, 21])
            ]
        );
        for heading in [
            "一、强化组织领导",
            "十二、加强监管",
            "（一）总体要求",
            "(3)工作措施",
            "3.加强监管",
            "4、压实责任",
        ] {
            assert!(is_numbered(heading), "{heading}");
        }
        for headline in [
            "3.8妇女节活动举行",
            "一路同行",
            "2023年工作会议召开",
            "十大民生实事",
        ] {
            assert!(!is_numbered(headline), "{headline}");
        }
    }

    #[test]
    fn a_masthead_over_the_first_headline_names_the_page_s_paper() {
        let text = "某州晚报\n\n某区启动专项行动\n\n本报讯（记者 李某）6月14日，某区召开动员会。";
        let (pieces, pages) = split(text);
        assert_eq!(pieces.len(), 1);
        assert_eq!(
            (pieces[0].title.as_str(), pieces[0].subtitle.as_deref()),
            ("某区启动专项行动", None)
        );
        let paper = pages[pieces[0].page]
            .header
            .as_ref()
            .and_then(|h| h.paper.clone());
        assert_eq!(paper.as_deref(), Some("某州晚报"));
        let inside = "某区启动专项行动\n\n会议召开。\n\n全市喜迎某州晚报\n\n副题\n\n正文。";
        assert!(
            titles(inside).iter().any(|t| t.1 == "全市喜迎某州晚报"),
            "only at a page's top"
        );
    }

    #[test]
    fn a_web_page_s_buttons_and_links_belong_to_no_piece() {
        let text = "2023-06-15 来源：某市日报\n\n某县开展夜市整治\n\n6月14日晚，整治开始。\n\n上一篇：某市召开常委会议\n\n下一篇：全市防汛会议召开\n\n【打印本页】【关闭窗口】";
        let (pieces, _) = split(text);
        assert_eq!(pieces.len(), 1);
        assert_eq!(pieces[0].lines, [3, 5]);
        assert!(!pieces[0].body.contains("防汛"), "{}", pieces[0].body);
    }

    #[test]
    fn a_headline_with_commas_without_a_byline() {
        let text = "2023年3月8日 第2版:要闻\n\n抓项目，促发展，全力冲刺四季度\n\n3月7日，推进会召开。\n\n市领导调研，企业复工复产\n\n3月6日，市领导到企业调研。";
        let got: Vec<String> = titles(text).into_iter().map(|t| t.1).collect();
        assert_eq!(
            got,
            ["抓项目，促发展，全力冲刺四季度", "市领导调研，企业复工复产"]
        );
        assert!(!is_comma_headline("3月7日，推进会召开"));
        assert!(!is_comma_headline("近日，全市推进会召开"));
        assert!(!is_comma_headline("会议要求，各单位要加快推进项目建设进度"));
    }

    #[test]
    fn a_title_over_its_deck_without_a_byline() {
        let text = "2024年5月28日 第2版:综合\n\n县委常委会召开会议\n研究部署安全生产等工作\n\n5月27日，县委常委会召开会议。\n\n会议强调，要压实责任。";
        let got = titles(text);
        assert_eq!(
            (got[0].1.as_str(), got[0].2.as_deref()),
            ("县委常委会召开会议", Some("研究部署安全生产等工作"))
        );
        let label = "会议召开。\n\n发布人\n张某 某局副局长\n\n我们将加强管理。";
        assert_eq!(
            titles(label).len(),
            1,
            "a label is no headline: {:?}",
            titles(label)
        );
    }

    #[test]
    fn a_digest_rubric_after_an_article_opens_the_digest() {
        let text =
            "某县召开会议\n\n5月27日，会议召开。\n\n简讯\n\n●5月26日，县人大视察。\n\n●5月25日，县政协开会。";
        let got: Vec<[usize; 2]> = titles(text).into_iter().map(|t| t.3).collect();
        assert_eq!(
            got,
            [[1, 3], [5, 7], [9, 9]],
            "the article, then one piece an item"
        );
    }

    #[test]
    fn a_continued_article_is_titled_after_its_jump_line() {
        let text = "2023年3月8日 第3版:要闻\n\n（上接第2版）同时，服务业增长5.8％。\n\n据介绍，投资将加大。";
        assert_eq!(titles(text)[0].1, "同时");
        let item = |text: &str| {
            fallback_title(&Paragraph {
                lines: vec![text.to_string()],
                first_line: 1,
                last_line: 1,
            })
        };
        assert_eq!(
            item("●5月26日，县人大视察乡村振兴工作。"),
            "县人大视察乡村振兴工作"
        );
        assert_eq!(item("■近日，县文旅局举办展演。"), "县文旅局举办展演");
        assert_eq!(item("26日下午，会议召开。"), "会议召开");
        assert_eq!(item("5月26日是全国助残日。"), "5月26日是全国助残日");
        assert_eq!(item("5月26日"), "5月26日");
        assert_eq!(jump_line_end("(紧接A1版)正文"), Some("(紧接A1版)".len()));
        assert_eq!(jump_line_end("（一）加强管理"), None);
    }

    #[test]
    fn each_page_of_a_file_has_its_header() {
        let text = "2019-02-15 来源:某市日报\n\n某市召开安全生产会议\n\n会议强调落实责任。\n\n2019-03-01\n\n第A1版:要闻\n\n某县启动春耕行动\n\n记者 张三\n\n春耕开始。";
        let (pieces, pages) = split(text);
        let paper = |p: &Piece| pages[p.page].header.as_ref().and_then(|h| h.paper.clone());
        let date = |p: &Piece| {
            let header = pages[p.page].header.as_ref();
            header.and_then(|h| h.date.as_ref()).and_then(|d| d.date.clone())
        };
        let got: Vec<(&str, Option<String>, Option<String>)> = pieces
            .iter()
            .map(|p| (p.title.as_str(), paper(p), date(p)))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "某市召开安全生产会议",
                    Some("某市日报".into()),
                    Some("2019-02-15".into())
                ),
                ("某县启动春耕行动", None, Some("2019-03-01".into()))
            ],
            "a date line and an edition line under it are one header"
        );
        assert_eq!(pieces[0].lines, [3, 5], "a header ends the piece before it");
        assert_eq!(pages.len(), 2);
        assert!(pages[1].text.starts_with("2019-03-01") && !pages[1].text.contains("某市"));
    }

    #[test]
    fn a_date_line_under_an_article_dates_it_not_the_next_page() {
        let text = "某市启动春耕行动\n\n4月23日,某市启动春耕行动。\n\n2015年4月27日\n\n12.03.2015 15:31\n\n某区整治背街小巷\n\n3月11日,某区开始整治。";
        let (pieces, pages) = split(text);
        let date = |p: &Piece| {
            let header = pages[p.page].header.as_ref();
            header.and_then(|h| h.date.as_ref()).and_then(|d| d.date.clone())
        };
        let got: Vec<(&str, Option<String>)> = pieces.iter().map(|p| (p.title.as_str(), date(p))).collect();
        assert_eq!(
            got,
            [
                ("某市启动春耕行动", Some("2015-04-27".into())),
                ("某区整治背街小巷", Some("2015-03-12".into()))
            ]
        );
    }

    #[test]
    fn each_bullet_of_a_digest_is_an_item() {
        let digest = "要 闻 周 报\n\n●5月20日,区委召开常委会议,研究部署工作。\n\n●5月21日,区政府召开常务会议,研究防汛工作。\n\n●5月22日,区人大常委会视察重点项目。\n";
        let got = titles(digest);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[1].3, [5, 5]);
        assert_eq!(got[0].1, "区委召开常委会议", "the rubric titles no item");
        let under = "全市经济运行平稳\n\n[摘要] 本市要闻\n\n●5月20日,市委召开常委会议。\n\n●5月21日,市政府召开常务会议。";
        let got = titles(under);
        assert_eq!(
            (got[0].1.as_str(), got[0].2.as_deref()),
            ("全市经济运行平稳", None),
            "no deck"
        );
        let bundle =
            "春季植树忙\n\n▲4月20日,某路小学师生植树。记者甲乙摄\n\n●4月20日,团区委植树。记者丙丁摄\n";
        assert_eq!(
            titles(bundle).len(),
            1,
            "bullets under a headline are one article"
        );
    }

    #[test]
    fn a_caption_signed_after_a_groups_credit_is_another_photo() {
        let page = "年味渐浓。\n\n①市民在广场选购春联。\n\n②商场里挑选年货的顾客。\n\n本报记者 甲乙 摄\n\n③社区志愿者为老人写福字。 本报记者 丙丁 摄";
        let got = titles(page);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].3, [1, 7]);
        assert_eq!((got[1].0, got[1].3), (Kind::PhotoCaption, [9, 9]));
    }

    #[test]
    fn photo_credit_without_a_role() {
        let page = "城区新建口袋公园开放\n\n图为市民在公园内休闲。 王五 摄\n\n下一篇文章标题\n\n本报讯(记者 甲乙)正文。";
        let pieces = split(page).0;
        assert_eq!(pieces[0].kind, Kind::PhotoCaption);
        assert_eq!(pieces[0].byline.as_deref(), Some("王五 摄"));
        assert_eq!(pieces[1].title, "下一篇文章标题");
    }

    #[test]
    fn photo_headlines_over_newsroom_credit_lines() {
        let page =
            "福字进万家\n\n某某日报社全媒体记者 甲乙丙 摄\n\n年货市场红火\n\n某某日报社全媒体记者 丁戊 摄\n";
        let got = titles(page);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got.iter().all(|p| p.0 == Kind::PhotoCaption));
        assert_eq!(got[1].1, "年货市场红火");
    }

    #[test]
    fn ornaments_around_a_label_headline_are_not_its_title() {
        let got = titles("● 城关区 ●\n\n5月6日,城关区召开会议,部署夏季防汛工作。(王明)\n");
        assert_eq!(got[0].1, "城关区");
    }

    #[test]
    fn a_headline_of_two_lines_is_a_title_over_a_subtitle() {
        let got =
            titles("全市召开防汛工作会议\n部署汛期各项任务\n\n本报讯(记者 王明)5月6日,全市召开会议。\n");
        assert_eq!(got[0].1, "全市召开防汛工作会议");
        assert_eq!(got[0].2.as_deref(), Some("部署汛期各项任务"));
    }

    #[test]
    fn headline_broken_at_a_colon_is_joined() {
        let page = "永丰街道会盟社区:\n\n党建引领模式全面提升治理效能\n\n本报讯(记者 李萍)巨野县永丰街道。";
        assert_eq!(titles(page)[0].1, "永丰街道会盟社区:党建引领模式全面提升治理效能");
    }

    #[test]
    fn a_kicker_ending_in_a_colon_stands_over_the_title() {
        let page = "某某网视频:\n全市春耕生产全面展开\n\n本报讯(记者 甲乙)连日来，各地春耕忙。";
        let piece = &split(page).0[0];
        assert_eq!(
            (piece.title.as_str(), piece.subtitle.as_deref()),
            ("全市春耕生产全面展开", None)
        );
        assert!(piece.body.starts_with("某某网视频:\n\n本报讯"), "{}", piece.body);
    }

    #[test]
    fn a_subtitle_under_the_title_is_searchable_text() {
        let page = "全市召开防汛工作会议\n确保安全度汛万无一失\n\n本报讯(记者 甲乙)昨日，会议召开。";
        let piece = &split(page).0[0];
        assert_eq!(piece.subtitle.as_deref(), Some("确保安全度汛万无一失"));
        assert!(
            piece.body.starts_with("确保安全度汛万无一失\n\n本报讯"),
            "{}",
            piece.body
        );
    }

    #[test]
    fn photo_caption_and_headline_after_body() {
        let page = "团省委领导到技师学院调研\n\n4月20日,林燕一行到学院调研。图为交流互动。 记者 付凤臣摄\n\n网格治理新路子\n\n本报讯(记者 李萍)社区网格员治理网格。\n\n网格员协商议事网格治理。\n\n“同学们,节水宣传进校园,水务局节水。”\n\n通过节水宣传进校园活动,水务局节水。 记者 张品\n\n小手拉大手 节水进校园\n\n——东明县水务局大力开展节水宣传活动侧记";
        let got = titles(page);
        assert_eq!(got[0].0, Kind::PhotoCaption);
        assert_eq!(got[1].1, "网格治理新路子");
        assert_eq!(got[1].3, [5, 9]);
        assert_eq!(
            got[2],
            (
                Kind::Article,
                "小手拉大手 节水进校园".into(),
                Some("——东明县水务局大力开展节水宣传活动侧记".into()),
                [11, 17]
            )
        );
        assert_eq!(split(page).0[2].byline.as_deref(), Some("记者 张品"));
    }

    #[test]
    fn columns_close_at_their_label() {
        let page = "上文结束。\n\n权威发布\n\n科学技术局局长\n王秀兰\n\n加强作风建设。\n\n重点项目落地见效年（区科学技术局）\n\n综合行政执法局局长\n王涛\n\n以路为尺。\n\n市中干部考察学习启示（区综合行政执法局）";
        let got = titles(page);
        let columns: Vec<_> = got.iter().filter(|t| t.0 == Kind::Column).collect();
        assert_eq!(columns.len(), 2, "{got:?}");
        assert_eq!(columns[0].1, "重点项目落地见效年（区科学技术局）");
        assert_eq!(columns[0].3, [5, 10]);
        assert_eq!(columns[1].3, [12, 17]);
    }
}

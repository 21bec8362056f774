//! Reporters: every name in a piece's credits, staff reporters, correspondents and
//! photographers alike, in printed order.
//!
//! Credits stand in the byline (`本报讯(记者 王燕 通讯员 王传峰)`, `记者 张品`), at the head of the
//! lead (`XX网讯(记者 甲 乙)…`, `本报讯(姚某某)…`), on lines of their own (`记者 王五 摄`,
//! `XX日报社全媒体记者: 于某/文`, `XX局 周某供稿`) and in brackets closing the last paragraph
//! (`…。(记者 甲 通讯员 乙)`). In a credit, the names are the words after a role (`记者`,
//! `通讯员`, `实习生` …), roles spaced out (`记 者`) or run into the names (`记者刘青通讯员王希`)
//! included; a credit without a role names its people directly (`(姚某某)`, `王五 摄`), leaving
//! out words that name a body (`都匀市水务局`).

use crate::analysis::is_han;
use crate::ingest::split::{is_sidebar_label, marks_a_photo};

/// Role words, longest first, after which a credit prints names.
const ROLES: [&str; 10] = [
    "全媒体记者",
    "见习记者",
    "特约记者",
    "首席记者",
    "实习记者",
    "摄影记者",
    "记者",
    "通讯员",
    "实习生",
    "作者",
];

/// Words that close a credit after its names.
const ENDINGS: [&str; 10] = [
    "摄影报道",
    "图文报道",
    "报道",
    "供稿",
    "/摄",
    "/攝",
    "/文",
    "/图",
    "摄",
    "攝",
];

/// Credit markers before names: `文/图 张三`, `图/文 张三`, `摄影 张三`, `图/张三`.
const MARKERS: [&str; 7] = ["文/图", "图/文", "文图", "图文", "摄影", "文/", "图/"];

/// Words after which a credit names its editors or its source, not its reporters (`审核:张某`,
/// `(来源:某市日报)`).
const EDITORS: [&str; 7] = ["责任编辑", "编辑", "审核", "校对", "监制", "来源", "稿源"];

/// Endings of a word that names a body or a place, not a person.
const BODY_ENDINGS: [&str; 24] = [
    "日报", "晚报", "报社", "局", "中心", "委", "办", "社", "网", "站", "院", "所", "台", "部", "省", "市",
    "县", "区", "旗", "镇", "乡", "村", "图片", "照片",
];

/// How a lead's dateline ends before its credit: `本报讯`, `新华社北京6月14日电`, `XX网消息`.
const DATELINE_ENDINGS: [&str; 3] = ["讯", "电", "消息"];

/// Longest credit, in characters, read on a line or in brackets of its own.
const MAX_CREDIT_CHARS: usize = 48;

/// How many paragraphs (subtitles and kickers, then the lead) a lead's credit may stand in.
const LEAD_PARAGRAPHS: usize = 4;

/// How far into a paragraph a lead's dateline may reach, in characters.
const MAX_DATELINE_CHARS: usize = 24;

/// Names in `byline`, a byline or credit as printed.
pub fn names(byline: &str) -> Vec<String> {
    let inner = byline
        .split_once(['(', '（'])
        .map_or(byline, |(_, rest)| rest.split([')', '）']).next().unwrap_or(rest));
    credit_names(inner)
}

/// Names in the credits of a piece: its `byline`, then the credits in its `body` (the lead's
/// head, credit lines, brackets closing the last paragraph), each name once, in printed order.
/// A byline printed at the end of the body (`… 本报记者 X 摄`) comes in its place there.
pub fn of_piece(byline: &str, body: &str) -> Vec<String> {
    let byline_names = names(byline);
    let signed_at_end = !byline.is_empty() && body.trim_end().ends_with(byline.trim());
    let credited = credits(body).into_iter().flat_map(|credit| credit_names(&credit));
    let mut found: Vec<String> = Vec::new();
    let ordered = if signed_at_end {
        credited.chain(byline_names).collect::<Vec<_>>()
    } else {
        byline_names.into_iter().chain(credited).collect()
    };
    for name in ordered {
        if !found.contains(&name) {
            found.push(name);
        }
    }
    found
}

/// The credits of a body: a credit heading the lead, one of its first paragraphs (bracketed, or
/// after a dateline such as `本报讯` or `XX网9月1日讯`), paragraphs and last lines that are a credit alone, and a bracketed
/// credit ending the last paragraph.
pub(super) fn credits(body: &str) -> Vec<String> {
    let paragraphs: Vec<&str> = body
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut out = Vec::new();
    for (i, paragraph) in paragraphs.iter().enumerate() {
        // `记者手记` labels the reporter's notes: no credit.
        if is_sidebar_label(paragraph) {
            continue;
        }
        // Only a paragraph's opening, a short paragraph or the last paragraph's end can be a
        // credit: a window of it, its lines joined, is all that is read.
        let flat = |c: char| if c == '\n' { ' ' } else { c };
        let whole = paragraph
            .chars()
            .filter(|c| !c.is_whitespace())
            .nth(MAX_CREDIT_CHARS)
            .is_none();
        let opening = || -> String {
            paragraph
                .chars()
                .map(flat)
                .take(MAX_DATELINE_CHARS + MAX_CREDIT_CHARS + 4)
                .collect()
        };
        let lead = (i < LEAD_PARAGRAPHS)
            .then(|| {
                let opening = opening();
                leading_brackets(&opening).or_else(|| after_dateline(&opening))
            })
            .flatten();
        let short = whole.then(opening);
        if let Some(head) = lead {
            out.push(head);
        } else if let Some(opening) = short.as_deref().filter(|o| ends_with_role(o)) {
            // `某某日报记者` over `甲乙 丙丁` over `摄影报道`: one credit printed on three lines.
            let rest = paragraphs[i + 1..].iter().take(2).take_while(|p| is_short(p));
            let credit: Vec<&str> = std::iter::once(opening).chain(rest.copied()).collect();
            out.push(credit.join(" "));
        } else if let Some(opening) = short.filter(|o| is_credit_line(o)) {
            out.push(opening);
        } else if let Some(last) = paragraph.lines().last().filter(|l| is_credit_line(l.trim())) {
            out.push(last.trim().to_string());
        } else if let Some(tail) = glued_credit(paragraph) {
            out.push(tail);
        }
        if i + 1 == paragraphs.len() {
            let mut end: Vec<char> = paragraph
                .chars()
                .rev()
                .map(flat)
                .take(MAX_CREDIT_CHARS + 4)
                .collect();
            end.reverse();
            out.extend(trailing_brackets(&end.into_iter().collect::<String>()));
        }
    }
    out
}

/// Whether `paragraph` is short enough to be a credit, without sentence punctuation.
fn is_short(paragraph: &&str) -> bool {
    paragraph
        .chars()
        .filter(|c| !c.is_whitespace())
        .nth(MAX_CREDIT_CHARS)
        .is_none()
        && !paragraph.contains(['，', '。', ',', '；', '！', '？'])
}

/// A short line that is only a role (`某某日报记者`, `通讯员`): its names follow on the next lines.
fn ends_with_role(text: &str) -> bool {
    let text = squashed(text);
    is_short(&text.as_str()) && ROLES.iter().any(|role| text.ends_with(role)) && !has_name(&text)
}

/// A photo credit run into the end of a caption after its last sentence (`…灯。常延东 摄`,
/// `…。本报记者 郝 光 摄`, `…。 某某日报社全媒体记者甲乙摄`, `…。甲乙/图`, `…。摄影/甲乙`): the
/// text after the last full stop, when it is a photo's credit or holds a role.
fn glued_credit(paragraph: &str) -> Option<String> {
    let last = paragraph.lines().last()?.trim_end();
    let at = last.rfind(['。', '！', '？', '”'])?;
    let tail = last[at..].chars().skip(1).collect::<String>();
    let tail = tail.trim().trim_start_matches(['□', '■', '●']);
    let squashed = squashed(tail);
    let photo = marks_a_photo(&squashed);
    let role = ROLES.iter().any(|role| squashed.contains(role));
    ((photo || role) && is_credit_line(tail)).then(|| tail.to_string())
}

/// Whether `text` is a lead's dateline: nothing, or a short run ending in `讯`, `电`, `消息`.
fn is_dateline(text: &str) -> bool {
    text.is_empty()
        || (text.chars().nth(MAX_DATELINE_CHARS).is_none()
            && DATELINE_ENDINGS.iter().any(|e| text.ends_with(e)))
}

/// The opening of a paragraph a dateline may stand in.
fn head(paragraph: &str) -> &str {
    let end = paragraph
        .char_indices()
        .nth(MAX_DATELINE_CHARS + 2)
        .map_or(paragraph.len(), |(at, _)| at);
    &paragraph[..end]
}

/// `本报讯 记者甲、通讯员乙报道:…`: an unbracketed credit after a dateline, up to its colon.
fn after_dateline(paragraph: &str) -> Option<String> {
    let end = DATELINE_ENDINGS
        .iter()
        .filter_map(|e| head(paragraph).find(e).map(|at| at + e.len()))
        .min()?;
    let rest = paragraph[end..].trim_start();
    if !is_dateline(paragraph[..end].trim()) || !ROLES.iter().any(|role| rest.starts_with(role)) {
        return None;
    }
    let credit = rest.split([':', '：', '，', '。']).next().unwrap_or_default();
    (credit.chars().count() <= MAX_CREDIT_CHARS).then(|| credit.to_string())
}

/// `XX讯(记者 甲)…`, `(记者 甲)…`: the bracketed credit opening a paragraph, after at most a
/// dateline.
fn leading_brackets(paragraph: &str) -> Option<String> {
    let open = head(paragraph).find(['(', '（'])?;
    if !is_dateline(paragraph[..open].trim()) {
        return None;
    }
    let rest = &paragraph[open..];
    let rest = &rest[rest.chars().next().map_or(1, char::len_utf8)..];
    let close = rest.find([')', '）'])?;
    let inner = &rest[..close];
    (inner.chars().count() <= MAX_CREDIT_CHARS && has_name(inner)).then(|| inner.to_string())
}

/// `…。(记者 甲 通讯员 乙)`: the bracketed credit closing a paragraph.
fn trailing_brackets(paragraph: &str) -> Option<String> {
    let body = paragraph.trim_end().strip_suffix([')', '）'])?;
    let open = body.rfind(['(', '（'])?;
    let inner = &body[open..];
    let inner = &inner[inner.chars().next().map_or(1, char::len_utf8)..];
    let short = inner.chars().count() <= MAX_CREDIT_CHARS && !inner.contains(['，', '。', ',']);
    (short && has_name(inner)).then(|| inner.to_string())
}

/// A paragraph that is only a credit: short, no sentence punctuation, with a role, a marker or
/// a closing word (`摄`, `供稿`).
fn is_credit_line(paragraph: &str) -> bool {
    let text = paragraph.trim_start_matches(['□', '■', '●']);
    let short =
        text.chars().nth(MAX_CREDIT_CHARS).is_none() && !text.contains(['，', '。', ',', '；', '！', '？']);
    if !short {
        return false;
    }
    let squashed = squashed(text);
    let marked = ROLES.iter().chain(&MARKERS).any(|r| squashed.contains(r))
        || ENDINGS.iter().any(|e| squashed.ends_with(e));
    marked && has_name(text)
}

/// Whether `credit` names anyone.
fn has_name(credit: &str) -> bool {
    !credit_names(credit).is_empty()
}

/// `text` without whitespace.
fn squashed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The names of one credit (the text inside its brackets, or its line).
fn credit_names(credit: &str) -> Vec<String> {
    // Spaced-out roles (`记 者`) read as roles.
    let mut text = credit.to_string();
    for (from, to) in [("记 者", "记者"), ("通 讯 员", "通讯员")] {
        if text.contains(from) {
            text = text.replace(from, to);
        }
    }
    for marker in MARKERS {
        if text.contains(marker) {
            text = text.replace(marker, " ");
        }
    }
    let has_role = ROLES.iter().any(|role| text.contains(role));
    // Cut the text into words at roles and separators; names follow a role, or stand alone
    // in a credit without one.
    let mut words: Vec<(bool, String)> = Vec::new();
    let mut after_role = !has_role;
    let mut rest = text.as_str();
    while !rest.is_empty() {
        if EDITORS.iter().any(|editor| rest.starts_with(editor)) {
            break;
        }
        if let Some(role) = ROLES.iter().find(|role| rest.starts_with(*role)) {
            after_role = true;
            rest = &rest[role.len()..];
            words.push((after_role, String::new()));
            continue;
        }
        let c = rest.chars().next().expect("not empty");
        rest = &rest[c.len_utf8()..];
        if c.is_whitespace() || "、，,:：;；□■()（）".contains(c) {
            words.push((after_role, String::new()));
        } else {
            match words.last_mut() {
                Some((_, word)) => word.push(c),
                None => words.push((after_role, c.to_string())),
            }
        }
    }
    words
        .into_iter()
        .filter(|(named, word)| *named && !word.is_empty())
        .collect::<Vec<_>>()
        .chunk_by(|a, b| is_lone_han(&a.1) && is_lone_han(&b.1))
        .map(|run| (true, run.iter().map(|(_, w)| w.as_str()).collect::<String>()))
        .collect::<Vec<_>>()
        .into_iter()
        .flat_map(|(_, word)| {
            // A photo's number or an edition code run into a credit (`③2王五摄`).
            let word = word.trim_start_matches(|c: char| !is_han(c)).to_string();
            let word = ENDINGS.iter().fold(word, |w, ending| {
                w.strip_suffix(ending).map_or(w.clone(), str::to_string)
            });
            if is_name(&word) {
                vec![word]
            } else {
                two_names(&word).map_or_else(Vec::new, |(a, b)| vec![a, b])
            }
        })
        .collect()
}

/// The most common Chinese surnames (about four in five people bear one of them).
const COMMON_SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

/// Two names printed without a space (`实习生甲乙郭丙丁`): the one way to cut five or six
/// characters into two names of two to four whose second begins with a common surname.
fn two_names(word: &str) -> Option<(String, String)> {
    let chars: Vec<char> = word.chars().collect();
    if !(5..=6).contains(&chars.len()) {
        return None;
    }
    let at =
        |cut: usize| -> (String, String) { (chars[..cut].iter().collect(), chars[cut..].iter().collect()) };
    let mut cuts = (2..=4).map(at).filter(|(first, second)| {
        is_name(first) && is_name(second) && second.starts_with(|c| COMMON_SURNAMES.contains(c))
    });
    let names = cuts.next()?;
    cuts.next().is_none().then_some(names)
}

/// One Han character: half of a name printed with a space inside (`郝 光`).
fn is_lone_han(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(is_han) && chars.next().is_none()
}

/// Two to four Han characters that do not name a body.
fn is_name(word: &str) -> bool {
    (2..=4).contains(&word.chars().count())
        && word.chars().all(is_han)
        && !BODY_ENDINGS.iter().any(|ending| word.ends_with(ending))
        && !word.starts_with("本报")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byline_variants() {
        let cases: [(&str, &[&str]); 23] = [
            ("(陈 敏)", &["陈敏"]),
            ("(记者蒋 波)", &["蒋波"]),
            ("甲乙丙/攝", &["甲乙丙"]),
            ("王五 摄", &["王五"]),
            ("王五摄", &["王五"]),
            (
                "本报讯(记者 王燕 通讯员 王传峰 曹红立)",
                &["王燕", "王传峰", "曹红立"],
            ),
            ("本报讯(牡丹晚报全媒体记者 冯锴)", &["冯锴"]),
            ("记者 王海楠", &["王海楠"]),
            ("记者 付凤臣摄", &["付凤臣"]),
            ("□记者 张品", &["张品"]),
            ("本报讯(通讯员 邵赛娜 邵刚 陈晨)", &["邵赛娜", "邵刚", "陈晨"]),
            ("(记者刘青博通讯员王希德报道)", &["刘青博", "王希德"]),
            ("□记 者 张三 / 通讯员 李四 王五 报道", &["张三", "李四", "王五"]),
            ("(记者甲乙 丙丁摄影报道)", &["甲乙", "丙丁"]),
            ("某市日报社全媒体记者: 于某/文", &["于某"]),
            ("本报讯(姚某某)", &["姚某某"]),
            ("(某某市水务局 周某某 )", &["周某某"]),
            ("(图文:张某某 审核:李某)", &["张某某"]),
            ("(某某旗 王某)", &["王某"]),
            ("记者甲乙丙实习生丁戊郭某某", &["甲乙丙", "丁戊", "郭某某"]),
            ("实习生丁戊己庚辛", &[]),
            ("(来源：某市日报)", &[]),
            ("(作者：张某某 来源：某市日报)", &["张某某"]),
        ];
        for (byline, want) in cases {
            assert_eq!(names(byline), want, "{byline}");
        }
    }

    #[test]
    fn credits_in_the_body() {
        let body = "副题\n\n某某网9月1日讯 (记者 甲乙 丙丁)9月1日上午，会议召开。\n\n会议要求。\n\n记者 戊己 摄\n\n第二段，结束。(通讯员 庚辛)";
        assert_eq!(of_piece("", body), ["甲乙", "丙丁", "戊己", "庚辛"]);
        let none = "本报讯 会议召开，(一)要求落实。\n\n最后一段。(区科学技术局)";
        assert!(of_piece("", none).is_empty(), "{:?}", of_piece("", none));
        assert_eq!(
            of_piece("记者 甲乙", "记者 甲乙\n\n正文。"),
            ["甲乙"],
            "each name once"
        );
        assert_eq!(
            of_piece("记者 甲乙", "会议召开。\n\n记者手记\n\n记者走访发现。"),
            ["甲乙"],
            "a sidebar's label is no credit"
        );
        for (caption, name) in [
            ("市民晨练。 甲乙丙/图", "甲乙丙"),
            ("市民晨练。 摄影/甲乙丙", "甲乙丙"),
            ("市民晨练。 ■图/文 甲乙丙", "甲乙丙"),
            ("市民晨练。 本报记者 甲乙丙 摄影", "甲乙丙"),
        ] {
            assert_eq!(of_piece("", caption), [name], "{caption}");
        }
        assert!(of_piece("", "市民晨练。（资料图片）").is_empty());
        let unbracketed = "本报讯 记者甲乙、通讯员丙丁、戊己报道:昨日，会议召开。";
        assert_eq!(of_piece("", unbracketed), ["甲乙", "丙丁", "戊己"]);
        let glued = "活动现场。本报记者 郝 光 摄";
        assert_eq!(of_piece("", glued), ["郝光"]);
        let glued = "图为志愿者在植树。 某市日报社全媒体记者甲乙丙摄\n\n●4月20日,活动举行。";
        assert_eq!(of_piece("", glued), ["甲乙丙"]);
        let report = "会议要求落实。据央视报道";
        assert!(of_piece("", report).is_empty());
        let three_lines = "现场。\n\n某某日报记者\n\n甲乙丙 丁戊\n\n摄影报道";
        assert_eq!(of_piece("", three_lines), ["甲乙丙", "丁戊"]);
        let caption = "某某网6月4日消息(见习记者甲乙 摄影报道)4日，活动举行。\n\n活动现场。\n③2 丙丁 摄";
        assert_eq!(of_piece("", caption), ["甲乙", "丙丁"]);
        let numbered = "活动现场。③2丙丁摄";
        assert_eq!(
            of_piece("", numbered),
            ["丙丁"],
            "a photo number run into the credit"
        );
        let spread = "本报记者 甲乙 通讯员 丙丁 摄\n\n年货市场红火。\n\n本报记者 戊己 摄";
        assert_eq!(
            of_piece("本报记者 戊己 摄", spread),
            ["甲乙", "丙丁", "戊己"],
            "a byline signed at the end comes last"
        );
    }
}

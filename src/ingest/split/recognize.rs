//! A paragraph → what it is as printed: a headline (never a page's header line), a byline, a
//! photo credit, a caption, a
//! column's rubric label. The page splitter (`page`) and the repairs (`repair`) both read
//! paragraphs through these signs.

use super::paragraphs::Paragraph;
use crate::analysis::is_han;
use crate::ingest::header;

/// Longest paragraph, in visible characters, that can be a headline.
pub(super) const MAX_HEADLINE_CHARS: usize = 64;

/// Labels of a line naming where a piece comes from, who wrote it or who made the page
/// (`来源:某市日报`, `作者:张三`, `责任编辑:李四 校对:王五`), printed under a body or at the
/// foot of a page: never a headline.
const CREDIT_LABELS: [&str; 19] = [
    "来源",
    "稿源",
    "作者",
    "责任编辑",
    "责编",
    "本版编辑",
    "编辑",
    "美编",
    "校对",
    "审核",
    "审校",
    "监制",
    "版式设计",
    "版式",
    "组版",
    "排版",
    "值班编委",
    "值班主任",
    "总值班",
];

/// Labels of the parts an article prints under its body: a reporter's notes, links, background,
/// an editor's note (`记者手记`, `相关链接`, `■新闻背景`).
const SIDEBAR_LABELS: [&str; 13] = [
    "记者手记",
    "记者观察",
    "编者按",
    "编后",
    "编后语",
    "相关新闻",
    "新闻背景",
    "延伸阅读",
    "小贴士",
    "温馨提示",
    "短评",
    "新闻点评",
    "记者调查",
];

/// How the label of an article's sidebar ends (`新闻链接`, `采访手记`).
const SIDEBAR_ENDINGS: [&str; 2] = ["链接", "手记"];

/// Longest sidebar label, in characters.
const MAX_SIDEBAR_LABEL_CHARS: usize = 8;

/// A line labelling a part of the article above it (`记者手记`, `■相关链接`, `【新闻背景】`):
/// never a headline of a piece of its own, nor a credit.
pub(crate) fn is_sidebar_label(text: &str) -> bool {
    // Most paragraphs are far longer than a label with its ornaments.
    if text
        .chars()
        .filter(|c| !c.is_whitespace())
        .nth(2 * MAX_SIDEBAR_LABEL_CHARS)
        .is_some()
    {
        return false;
    }
    let label: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !"■□●◆▲【】[]〖〗:：".contains(*c))
        .collect();
    label.chars().count() <= MAX_SIDEBAR_LABEL_CHARS
        && (SIDEBAR_LABELS.contains(&label.as_str())
            || SIDEBAR_ENDINGS.iter().any(|ending| label.ends_with(ending)))
}

/// Links and buttons a web page prints around its article (`【打印本页】【关闭窗口】`, `分享到:`).
const WEB_BUTTONS: [&str; 9] = [
    "打印本页",
    "关闭窗口",
    "分享到",
    "返回顶部",
    "收藏本页",
    "字体大中小",
    "扫一扫在手机打开当前页",
    "打印",
    "关闭",
];

/// Longest line of a web page's buttons or its links to the posts beside it.
const MAX_WEB_FURNITURE_CHARS: usize = 48;

/// A web page's furniture saved with its text: its buttons (`【打印本页】【关闭窗口】`,
/// `【字体：大 中 小】`, `分享到：`) or its links to the posts beside it (`上一篇：…`, `下一篇：…`).
/// Not part of any article.
pub(super) fn is_web_furniture(p: &Paragraph) -> bool {
    if p.lines.len() > 2 || p.visible_chars() > MAX_WEB_FURNITURE_CHARS {
        return false;
    }
    let joined: String = p.joined().chars().filter(|c| !c.is_whitespace()).collect();
    let neighbour = ["上一篇", "下一篇"].iter().any(|link| {
        joined
            .trim_start_matches(['【', '['])
            .strip_prefix(link)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([':', '：', '】', ']']))
    });
    if neighbour {
        return true;
    }
    let text: String = joined.chars().filter(|c| !"【】[]:：|".contains(*c)).collect();
    let mut rest = text.as_str();
    while let Some(button) = WEB_BUTTONS.iter().find(|b| rest.starts_with(*b)) {
        rest = &rest[button.len()..];
    }
    rest.is_empty() && !text.is_empty()
}

/// Whether `text` opens with one of [`CREDIT_LABELS`] and its colon.
fn opens_with_credit_label(text: &str) -> bool {
    CREDIT_LABELS.iter().any(|label| {
        text.strip_prefix(label)
            .is_some_and(|rest| rest.trim_start().starts_with([':', '：']))
    })
}

/// A short paragraph that reads as a headline: no sentence punctuation at its end or inside.
pub(super) fn is_headline(p: &Paragraph) -> bool {
    // Most paragraphs are body text, too long to be a headline: told before anything is built.
    let longest_line = MAX_HEADLINE_CHARS * 4;
    if p.lines.len() > 2 || p.lines.iter().any(|l| l.len() > longest_line) {
        return false;
    }
    let chars = p.visible_chars();
    if !(2..=MAX_HEADLINE_CHARS).contains(&chars) {
        return false;
    }
    let text = p.joined();
    !text.contains(['。', '！', '？', '；'])
        && !p.last_char().is_some_and(|c| "，、,;!?".contains(c))
        && !text.starts_with("本报")
        && !opens_with_credit_label(&text)
        && !is_sidebar_label(&text)
        && !is_byline(p)
        && !is_credit_line(&text)
        && text.chars().filter(|&c| is_han(c)).nth(1).is_some()
        && trailing_credit(p).is_none()
        && !p.lines.iter().all(|line| header::read(line).is_some())
        && !header::opens_with_date(&text)
}

/// Roles after which a credit line names its people.
const CREDIT_ROLES: [&str; 3] = ["记者", "通讯员", "实习生"];

/// Words that close a credit line after its names.
const CREDIT_ENDINGS: [&str; 8] = ["文/图", "图/文", "/文", "/摄", "/图", "摄影报道", "报道", "摄"];

/// A line that is only a credit: a newsroom and a role, then names and how they contributed
/// (`某某日报社全媒体记者: 于某/文`, `记者 甲乙 丙丁 摄`).
pub(super) fn is_credit_line(text: &str) -> bool {
    let Some((at, role)) = CREDIT_ROLES.iter().find_map(|r| text.find(r).map(|at| (at, r))) else {
        return false;
    };
    let mut names = text[at + role.len()..].trim_start_matches([':', '：', ' ', '\u{3000}']);
    while let Some(rest) = CREDIT_ENDINGS
        .iter()
        .find_map(|e| names.trim_end().strip_suffix(e))
    {
        names = rest;
    }
    are_names(names, usize::MAX)
}

/// Whether `text` is one to `most` names of two to four Han characters, parted by spaces or `、`.
fn are_names(text: &str, most: usize) -> bool {
    let names: Vec<&str> = text
        .split([' ', '\u{3000}', '、'])
        .filter(|n| !n.is_empty())
        .collect();
    (1..=most).contains(&names.len())
        && names
            .iter()
            .all(|n| (2..=4).contains(&n.chars().count()) && n.chars().all(is_han))
}

/// `本报讯(…)`, `本报4月3日讯`, or a line holding only `记者 X` / `通讯员 X`.
pub(super) fn is_byline(p: &Paragraph) -> bool {
    // `□记者 X`, and a credit alone in brackets: `(通讯员 X)` (a photo's, `(记者 X摄)`, closes
    // the captions above it instead).
    let line = p.lines[0].trim();
    if line.starts_with(['(', '（']) && line.trim_end_matches([')', '）']).ends_with(['摄', '攝']) {
        return false;
    }
    let first = line.trim_start_matches(['□', '(', '（']);
    if first.starts_with("本报讯") || is_dated_report(first) {
        return true;
    }
    let short = first.chars().count() <= 24 && !first.contains(['，', '。', ',']);
    short && (first.starts_with("记者") || first.starts_with("通讯员"))
}

/// `本报X月X日讯`.
fn is_dated_report(line: &str) -> bool {
    line.strip_prefix("本报")
        .and_then(|rest| rest.split_once('讯'))
        .is_some_and(|(date, _)| date.contains('月') && date.ends_with('日') && date.chars().count() <= 8)
}

/// The byline part of a byline paragraph: up to the closing bracket of `本报讯(…)`, or the
/// whole line.
pub(super) fn byline_text(p: &Paragraph) -> Option<String> {
    let first = p.lines[0].trim();
    let end = first
        .find([')', '）'])
        .map(|i| i + first[i..].chars().next().map_or(1, char::len_utf8))
        .filter(|&end| end <= 120)
        .unwrap_or_else(|| {
            if first.starts_with("本报") {
                first.find('讯').map_or(first.len(), |i| i + 3)
            } else {
                first.len()
            }
        });
    Some(first[..end].to_string())
}

/// Longest run of two names printed without a space between them (`甲乙丙丁戊`).
const MAX_TWO_NAMES_CHARS: usize = 6;

/// Longest newsroom and role printed before `记者` on a credit line (`某某日报社全媒体`).
const MAX_NEWSROOM_CHARS: usize = 12;

/// A paragraph ending with a credit: `… 记者 张品`, `… 记者 付凤臣摄`, or a newsroom's credit
/// run into the end of its last sentence (`…。某某日报社全媒体记者甲乙摄`, `…。某某晚报记者甲乙`).
pub(super) fn trailing_credit(p: &Paragraph) -> Option<String> {
    let last = p.lines.last()?.trim_end();
    credit_at_end(bracketed_end(last).unwrap_or(last))
}

/// Longest text in the brackets closing a paragraph that is read as its credit.
const MAX_BRACKETED_CREDIT_CHARS: usize = 30;

/// The inside of the brackets closing `line`, when it is short enough to be a credit:
/// `…擦亮。(记者 甲乙 摄)` → `记者 甲乙 摄`, `（记者甲乙通讯员丙丁摄）` → `记者甲乙通讯员丙丁摄`.
fn bracketed_end(line: &str) -> Option<&str> {
    let inside = line.strip_suffix([')', '）'])?;
    let open = inside.rfind(['(', '（'])?;
    let inside = &inside[open..];
    let inside = &inside[inside.chars().next()?.len_utf8()..];
    (inside.chars().count() <= MAX_BRACKETED_CREDIT_CHARS).then_some(inside)
}

/// The credit `last`, a paragraph's last line (or the inside of its closing brackets), ends
/// with: see [`trailing_credit`].
fn credit_at_end(last: &str) -> Option<String> {
    let is_name = |name: &str| (2..=4).contains(&name.chars().count()) && name.chars().all(is_han);
    if let Some(at) = last.rfind("记者") {
        let credit = &last[at..];
        let rest = credit["记者".len()..].trim();
        let photo = rest.ends_with('摄');
        let rest = rest.trim_end_matches('摄').trim_end();
        // `记者甲乙通讯员丙丁`, `记者 甲乙 实习生 丙丁`: the names of every role, spaced or run
        // together (two run together count as one word).
        let names = CREDIT_ROLES
            .iter()
            .fold(rest.to_string(), |t, role| t.replace(role, "|"));
        let segments: Vec<&str> = names.split('|').flat_map(str::split_whitespace).collect();
        let named = match segments[..] {
            [] => false,
            [one] => is_name(one),
            _ => segments.iter().all(|name| {
                is_name(name) || (name.chars().count() <= MAX_TWO_NAMES_CHARS && name.chars().all(is_han))
            }),
        };
        let spaced = at > 0 && last[..at].ends_with(char::is_whitespace);
        // The newsroom before `记者`: the whole line (`某某日报社全媒体记者 张三 摄`), or what
        // follows the last sentence when it is a paper's or the credit is a photo's.
        let (head, tail) = match last[..at].char_indices().rfind(|(_, c)| "。！？”".contains(*c)) {
            Some((end, c)) => (false, last[end + c.len_utf8()..at].trim()),
            None => (true, &last[..at]),
        };
        let press = ["报", "报社", "媒体"].iter().any(|e| tail.ends_with(e)) && tail != "本报";
        let newsroom = tail.chars().count() <= MAX_NEWSROOM_CHARS
            && tail.chars().all(is_han)
            && (head || press || photo);
        return (named && (spaced || newsroom)).then(|| credit.to_string());
    }
    // A photographer without a role: `… 王五 摄` or `… 王五摄` after a space.
    let before = last.strip_suffix('摄')?.trim_end();
    let at = before.rfind(char::is_whitespace)?;
    let name = before[at..].trim();
    is_name(name).then(|| last[at..].trim_start().to_string())
}

/// A caption: a paragraph closed by a photo credit (`记者 X摄`, `X 摄`, `(记者 X 摄)`).
pub(super) fn is_photo_caption(p: &Paragraph) -> bool {
    trailing_credit(p).is_some_and(|credit| credit.ends_with('摄'))
}

/// A column's closing rubric: `重点项目落地见效年（区科学技术局）`. What a headline or a
/// caption closes with in brackets is no column's author: a photo or video mark
/// (`…段水位回落(图)`, `（组图）`) or a place in a photo (`(左三)`, `（前排右二）`).
pub(super) fn is_column_label(p: &Paragraph) -> bool {
    let text = p.joined();
    let inner = text
        .trim_end_matches(['）', ')'])
        .rsplit(['（', '('])
        .next()
        .unwrap_or_default();
    let marks = PHOTO_MARKS.iter().any(|m| inner.contains(m)) && inner.chars().count() <= 4;
    let place_in_photo = inner.starts_with(['左', '右', '前', '后', '中']) && inner.chars().count() <= 5;
    p.lines.len() == 1
        && text.chars().count() <= 32
        && text.ends_with(['）', ')'])
        && text.contains(['（', '('])
        && !text.starts_with(['（', '('])
        && !text.contains(['。', '，'])
        && !marks
        && !place_in_photo
}

/// What a web headline marks in brackets that it comes with: `(图)`, `（组图）`, `(视频)`.
const PHOTO_MARKS: [&str; 4] = ["图", "圖", "视频", "視頻"];

/// Longest text, in visible characters, of a photo printed with a caption and a credit.
const MAX_PHOTO_STORY_CHARS: usize = 260;

/// Longest text of a photo story whose credit stands on a line of its own (`记者 X 摄`,
/// `■ 摄影 记者 X`, `记者X文/图`): a photo report of a few captions.
const MAX_CREDITED_STORY_CHARS: usize = 600;

/// How a photo credit ends (`… 记者 X摄`, `…(X 摄)`, `X/攝`, `记者 X Y 摄影报道`, `X文/图`).
const PHOTO_CREDIT_ENDS: [&str; 6] = ["摄", "攝", "摄影报道", "图片报道", "文/图", "图/文"];

/// Endings of a photo credit that other text ends with too, read only on a credit
/// (`记者 X 摄影`, `X/图`).
const LOOSE_PHOTO_CREDIT_ENDS: [&str; 2] = ["摄影", "/图"];

/// How a photo credit opens before its names (`摄影 记者 X`, `图/记者 X`, `摄影/X`, `图/文 X`).
const PHOTO_CREDIT_OPENINGS: [&str; 5] = ["摄影", "图/文", "图文/", "文/图", "图/"];

/// Who a supplied photo is credited to (`(图片由某县委宣传部提供)`).
const SUPPLIED_PHOTO: [&str; 3] = ["图片由", "照片由", "图由"];

/// Most names of a photo credit without a role (`图/文 甲乙 丙丁`).
const MAX_PHOTO_CREDIT_NAMES: usize = 3;

/// Longest body a supplied photo is credited to (`某县委宣传部供图`).
const MAX_SUPPLIER_CHARS: usize = 16;

/// A short text closed by a photo credit: a photo with its caption, not an article. Up to 260
/// characters when the credit closes the caption (`…时光。王五/图`, `…时光。摄影/王五`,
/// `…某局供图`, `(图片由某局提供)`), up to 600 when it stands alone on the last line (`记者 X 摄`,
/// `■ 摄影 记者 X 通讯员 Y`, `记者X文/图`).
pub(super) fn is_photo_story(text: &str) -> bool {
    let end = text.trim_end().trim_end_matches([')', '）']).trim_end();
    let supplied = end.ends_with("提供")
        && end
            .rsplit(['(', '（'])
            .next()
            .is_some_and(|credit| SUPPLIED_PHOTO.iter().any(|s| credit.starts_with(s)));
    let credited = supplied || PHOTO_CREDIT_ENDS.iter().any(|credit| end.ends_with(credit));
    let last_line = end.rsplit('\n').next().unwrap_or(end).trim();
    // The credit after the caption's last sentence, or the whole last line.
    let tail = last_line.rsplit(['。', '！', '？']).next().unwrap_or(last_line);
    let bare = tail.trim().trim_start_matches(['■', '□', '●', ' ']);
    let marked = is_marked_photo_credit(bare);
    let alone = tail.len() == last_line.len() && (marked || (credited && is_credit_line(bare)));
    let visible = text.chars().filter(|c| !c.is_whitespace()).count();
    ((credited || marked) && visible <= MAX_PHOTO_STORY_CHARS)
        || (alone && visible <= MAX_CREDITED_STORY_CHARS)
}

/// Whether `credit` (without whitespace) is marked as a photo's by how it ends or opens:
/// `…摄`, `…摄影`, `…/图`, `摄影/…`, `图/文 …`.
pub(crate) fn marks_a_photo(credit: &str) -> bool {
    PHOTO_CREDIT_ENDS
        .iter()
        .chain(&LOOSE_PHOTO_CREDIT_ENDS)
        .any(|e| credit.ends_with(e))
        || PHOTO_CREDIT_OPENINGS.iter().any(|o| credit.starts_with(o))
}

/// A credit that a photo's marker or a loose ending makes a photo's: `甲乙/图`, `摄影/甲乙`,
/// `图/文 甲乙`, `摄影 记者 甲乙`, `本报记者 甲乙 摄影`, `某县委宣传部供图`.
fn is_marked_photo_credit(credit: &str) -> bool {
    if let Some(supplier) = credit.strip_suffix("供图") {
        let count = supplier.chars().count();
        return (2..=MAX_SUPPLIER_CHARS).contains(&count) && supplier.chars().all(is_han);
    }
    let opened = PHOTO_CREDIT_OPENINGS.iter().find_map(|o| credit.strip_prefix(o));
    let rest = opened.unwrap_or(credit);
    let closed = LOOSE_PHOTO_CREDIT_ENDS.iter().find_map(|e| rest.strip_suffix(e));
    if opened.is_none() && closed.is_none() {
        return false;
    }
    let names = closed
        .unwrap_or(rest)
        .trim_matches([' ', '/', ':', '：', '\u{3000}']);
    are_names(names, MAX_PHOTO_CREDIT_NAMES) || is_credit_line(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(text: &str) -> Paragraph {
        Paragraph {
            lines: text.lines().map(str::to_string).collect(),
            first_line: 1,
            last_line: text.lines().count(),
        }
    }

    #[test]
    fn credit_lines_and_page_numbers_are_no_headlines() {
        for text in [
            "某某日报社全媒体记者: 于某某/文",
            "记者 甲乙 丙丁 摄",
            "06",
            "A3",
            "2023年06月26日  甲乙丙",
            "(通讯员甲乙丙)",
            "来源：某市日报",
            "责任编辑：张某  版式设计：李某  校对：王某",
            "本版编辑 : 张某",
        ] {
            assert!(!is_headline(&paragraph(text)), "{text}");
        }
        assert!(
            is_byline(&paragraph("(通讯员甲乙丙)")),
            "a credit alone in brackets"
        );
        assert!(is_byline(&paragraph("（记者 甲乙 通讯员 丙丁）")));
        assert!(!is_byline(&paragraph("(上接第一版)")));
        assert!(!is_byline(&paragraph("(记者甲乙通讯员丙丁摄)")), "a photo credit");
        for text in ["记者手记", "■相关链接", "【新闻背景】", "编者按："] {
            assert!(!is_headline(&paragraph(text)), "{text}");
            assert!(is_sidebar_label(text), "{text}");
        }
        for text in [
            "全市记者节座谈会召开",
            "全市召开防汛工作会议",
            "编辑部走基层",
            "打通交通链接断点",
        ] {
            assert!(is_headline(&paragraph(text)), "{text}");
        }
    }

    #[test]
    fn a_web_page_s_buttons_and_links_are_furniture() {
        for text in [
            "【打印本页】【关闭窗口】",
            "分享到：",
            "【字体：大 中 小】",
            "上一篇：市委召开常委会议",
            "下一篇:无",
        ] {
            assert!(is_web_furniture(&paragraph(text)), "{text}");
        }
        for text in [
            "打印机采购公告",
            "关闭窗口期后，申报截止。",
            "上一篇报道引起关注。",
        ] {
            assert!(!is_web_furniture(&paragraph(text)), "{text}");
        }
    }

    #[test]
    fn photo_credits_as_papers_print_them() {
        for caption in [
            "市民在公园晨练。 甲乙/图",
            "市民在公园晨练。 摄影/甲乙",
            "市民在公园晨练。 ■图/文 甲乙",
            "市民在公园晨练。 本报记者 甲乙 摄影",
            "市民在公园晨练。 某县委宣传部供图",
            "市民在公园晨练。（图片由某县委宣传部提供）",
            "市民在公园晨练。\n图/记者 甲乙",
        ] {
            assert!(is_photo_story(caption), "{caption}");
        }
        for text in [
            "会议要求各单位做好服务。（资料由某局提供）",
            "会议召开。记者 甲乙",
            "他从小喜欢摄影",
            "图/表",
        ] {
            assert!(!is_photo_story(text), "{text}");
        }
    }

    #[test]
    fn a_column_closes_at_a_body_in_brackets() {
        assert!(is_column_label(&paragraph("重点项目落地见效年（区科学技术局）")));
        for text in [
            "某江某段水位回落(图)",
            "春节前的花市（组图）",
            "志愿者走进社区(視頻)",
            "镇领导甲乙丙(左三)",
            "市领导看望老党员（前排右二）",
        ] {
            assert!(!is_column_label(&paragraph(text)), "{text}");
        }
    }

    #[test]
    fn photo_stories_by_their_credit() {
        let caption = "图为志愿者在社区清理小广告。记者 甲乙 摄";
        assert!(is_photo_story(caption));
        let report = format!(
            "{}\n\n■ 摄影 记者 甲乙丙 通讯员 丁戊",
            "社区开展志愿服务活动,居民积极参与。".repeat(15)
        );
        assert!(is_photo_story(&report), "a photo report with its credit alone");
        let long = format!("{}\n\n记者 甲乙 摄", "会议强调,要抓好各项工作落实。".repeat(50));
        assert!(!is_photo_story(&long), "an article with a photo is an article");
    }

    #[test]
    fn credits_run_into_the_last_sentence() {
        let credit = |text: &str| trailing_credit(&paragraph(text));
        for (text, want) in [
            (
                "▲4月20日,志愿者植树。某市日报社全媒体记者甲乙丙摄",
                "记者甲乙丙摄",
            ),
            ("●4月20日,活动举行。某市晚报记者甲乙", "记者甲乙"),
            (
                "●连日来,各地植树。某市日报社全媒体记者甲乙丙实习生丁戊己庚",
                "记者甲乙丙实习生丁戊己庚",
            ),
            ("图为活动现场。记者甲乙摄", "记者甲乙摄"),
            (
                "●7月7日,志愿者清理河道。(记者 甲乙丙 实习生 丁戊 摄)",
                "记者 甲乙丙 实习生 丁戊 摄",
            ),
            ("（记者甲乙通讯员丙丁摄）", "记者甲乙通讯员丙丁摄"),
        ] {
            assert_eq!(credit(text).as_deref(), Some(want), "{text}");
        }
        for text in [
            "会议结束后,本报记者了解到",
            "调研组走访企业。市融媒体记者深入一线采访发现",
            "据介绍,这是本市今年第三次开展此类活动,记者从会上获悉",
        ] {
            assert_eq!(credit(text), None, "a sentence about a reporter: {text}");
        }
        assert!(is_photo_caption(&paragraph("村民在田间插秧。(记者 甲乙 摄)")));
        assert!(!is_photo_caption(&paragraph("会议要求抓好落实。(记者 甲乙)")));
        assert_eq!(credit("会议指出,要抓好落实(详见第二版)"), None);
    }
}

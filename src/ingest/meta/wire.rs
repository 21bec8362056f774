//! Wire copy: a piece's body → the news agency whose copy it is (`新华社北京6月14日电`, `据央视
//! 新闻报道`, `…。(新华社)`), which the page's paper printed. The paper stays the printing paper.

/// News agencies and national outlets whose copy regional papers print, longest first.
const AGENCIES: [&str; 14] = [
    "中国新闻社",
    "中央广播电视总台",
    "新华社",
    "中新社",
    "新华网",
    "人民网",
    "中新网",
    "央视新闻",
    "央视网",
    "央广网",
    "央视",
    "央广",
    "人民日报",
    "光明日报",
];

/// Words after an agency's name that make a lead's opening its dateline (`新华社北京6月14日电`,
/// `中新社消息`, `据新华社报道`).
const DATELINE_ENDS: [&str; 4] = ["电", "讯", "消息", "报道"];

/// How far into the lead an agency's dateline may end, in characters.
const MAX_DATELINE_CHARS: usize = 24;

/// The agency whose copy a piece with `body` is: named by the dateline opening its first
/// paragraphs (optionally after `据`), or by a bracketed credit closing its last paragraph
/// (`(新华社)`, `(据新华网)`).
pub fn source(body: &str) -> Option<&'static str> {
    let paragraphs: Vec<&str> = body
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let opening = paragraphs.iter().take(2).find_map(|p| {
        let head: String = p
            .chars()
            .filter(|c| !c.is_whitespace())
            .take(MAX_DATELINE_CHARS)
            .collect();
        let rest = head.strip_prefix('据').unwrap_or(&head);
        let agency = AGENCIES.iter().find(|a| rest.starts_with(*a))?;
        let after = &rest[agency.len()..];
        DATELINE_ENDS
            .iter()
            .any(|end| after.contains(end))
            .then_some(*agency)
    });
    let closing = || {
        let last = paragraphs.last()?.trim_end();
        let inner = last.strip_suffix([')', '）'])?;
        let open = inner.rfind(['(', '（'])?;
        let credit = inner[open..]
            .trim_start_matches(['(', '（'])
            .trim_start_matches('据');
        AGENCIES.iter().find(|a| credit == **a).copied()
    };
    opening.or_else(closing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agencies_from_datelines_and_closing_credits() {
        assert_eq!(source("新华社北京6月14日电(记者 张三)会议召开。"), Some("新华社"));
        assert_eq!(
            source("副题\n\n据央视新闻报道,6月14日,会议召开。"),
            Some("央视新闻")
        );
        assert_eq!(source("会议召开。\n\n会议强调落实。(新华社)"), Some("新华社"));
        assert_eq!(source("会议召开。\n\n会议强调落实。(据新华网)"), Some("新华网"));
        assert_eq!(source("本报讯(记者 张三)新华社区召开会议。"), None);
        assert_eq!(
            source("新华社区志愿者开展活动。"),
            None,
            "a name that only starts like an agency"
        );
    }
}

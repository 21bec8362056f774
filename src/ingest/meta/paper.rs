//! Papers: the table of known newspapers with their aliases, and reading one from a byline.

/// Known papers: canonical name, then aliases (pinyin initials, short forms).
const PAPERS: &[(&str, &[&str])] = &[
    ("牡丹晚报", &["mdwb"]),
    ("菏泽日报", &["hzrb"]),
    ("枣庄日报", &["zzrb"]),
    ("大众日报", &["dzrb"]),
    ("齐鲁晚报", &["qlwb"]),
    ("济宁日报", &["jnrb"]),
    ("临沂日报", &["lyrb"]),
    ("齐鲁壹点", &["qldd"]),
];

/// Canonical names of the known papers.
pub fn known_papers() -> impl Iterator<Item = &'static str> {
    PAPERS.iter().map(|(name, _)| *name)
}

/// The canonical name for a paper name or alias (case-insensitive), if known.
pub fn resolve_paper(name: &str) -> Option<&'static str> {
    let name = name.trim();
    PAPERS
        .iter()
        .find(|(canonical, aliases)| {
            *canonical == name || aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
        })
        .map(|(canonical, _)| *canonical)
}

/// The paper a byline names (`本报讯(牡丹晚报全媒体记者 冯锴)`), or for a `本报…` or staff
/// `记者 X` byline that names none, the page's paper.
pub fn of_byline(byline: &str, page: Option<&'static str>) -> Option<&'static str> {
    let staff = byline.starts_with("本报") || byline.contains("记者");
    named_in(byline).or(page.filter(|_| staff))
}

/// The paper `本报` means on a page: the one its bylines name, or else the daily of the city
/// the page is about (`本报讯` on a page about 菏泽 → 菏泽日报), when that daily is known.
pub fn of_page(text: &str, city: Option<&str>) -> Option<&'static str> {
    if !text.contains("本报") {
        return None;
    }
    let named = text.match_indices("本报讯").find_map(|(at, _)| {
        let rest: String = text[at..].chars().take(24).collect();
        named_in(&rest)
    });
    let daily = || city.and_then(|c| resolve_paper(&format!("{}日报", c.trim_end_matches('市'))));
    named.or_else(daily)
}

/// The paper a path names: a folder or file name that is a known name or alias, alone or
/// between `_ - . /` separators (`mdwb/2023-03-08/a3.txt`, `菏泽日报_20230308.txt`).
pub fn of_path(path: &str) -> Option<&'static str> {
    path.split(['/', '_', '-', '.', ' ']).find_map(resolve_paper)
}

/// A known paper named in `text`.
pub(super) fn named_in(text: &str) -> Option<&'static str> {
    known_papers().find(|name| text.contains(name))
}

/// How far into a lead its dateline may reach, in characters.
const DATELINE_CHARS: usize = 40;

/// The paper or news site a lead's dateline or credit names, as printed: `中原网讯(记者 X)`,
/// `XX网6月4日消息`, `云上通城讯`, `XX日报社XX融媒讯` (the paper of a press group's newsroom),
/// `(XX晚报全媒体记者 X)`. `本报` names none, nor does a press group's credit
/// (`XX日报社全媒体记者`), which its other titles print too.
pub fn of_lead(body: &str) -> Option<String> {
    body.split("\n\n").take(2).find_map(|paragraph| {
        let opening: String = paragraph
            .chars()
            .filter(|c| !c.is_whitespace())
            .take(DATELINE_CHARS)
            .collect();
        dateline_source(&opening).or_else(|| credit_paper(&opening))
    })
}

/// `XX讯`, `XX消息`, `XX6月4日讯` opening a lead: the source XX.
fn dateline_source(opening: &str) -> Option<String> {
    // `讯` of `通讯员` is no dateline.
    let end = ["讯", "消息"]
        .iter()
        .filter_map(|e| {
            opening
                .match_indices(e)
                .map(|(at, _)| at)
                .find(|&at| !opening[at..].starts_with("讯员"))
        })
        .min()?;
    let head: String = opening[..end].chars().take_while(|c| is_name_char(*c)).collect();
    let name = newsroom_paper(&head);
    let plausible = (2..=12).contains(&name.chars().count())
        && !name.starts_with("本报")
        && !name.contains('据')
        && !name.contains("记者");
    plausible.then_some(name)
}

/// `(XX日报全媒体记者 …`, `XX日报社记者`: the paper a credit's role names.
fn credit_paper(opening: &str) -> Option<String> {
    let at = opening.find("记者")?;
    let before = opening[..at]
        .trim_end_matches("全媒体")
        .trim_end_matches("融媒体")
        .trim_end_matches("首席");
    let name: String = before
        .chars()
        .rev()
        .take_while(|c| is_name_char(*c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    // `XX日报社全媒体记者` names the press group, whose evening title may print it: no paper.
    let paper = ["报", "网"].iter().any(|e| name.ends_with(e))
        && name.chars().count() >= 3
        && !name.starts_with("本报");
    paper.then_some(name)
}

/// A press group's newsroom names its paper: `潍坊日报社潍坊融媒` → `潍坊日报`, `XX日报社` → `XX日报`.
fn newsroom_paper(name: &str) -> String {
    match name.find("报社") {
        Some(at) => name[..at + "报".len()].to_string(),
        None => name.to_string(),
    }
}

/// Characters of a paper's name: Han characters (a date's digits end it).
fn is_name_char(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_and_bylines() {
        assert_eq!(resolve_paper("MDWB"), Some("牡丹晚报"));
        assert_eq!(resolve_paper("菏泽日报"), Some("菏泽日报"));
        assert_eq!(resolve_paper("人民日报"), None);
        assert_eq!(
            of_byline("本报讯(牡丹晚报全媒体记者 冯锴)", None),
            Some("牡丹晚报")
        );
        assert_eq!(of_byline("本报讯(记者 时苏建)", None), None);
        assert_eq!(
            of_byline("本报讯(记者 时苏建)", Some("菏泽日报")),
            Some("菏泽日报")
        );
        assert_eq!(of_byline("记者 付凤臣摄", Some("菏泽日报")), Some("菏泽日报"));
        assert_eq!(of_byline("", Some("菏泽日报")), None);
    }

    #[test]
    fn papers_named_in_a_lead() {
        assert_eq!(of_lead("中原网讯(记者 李某) 为补短板").as_deref(), Some("中原网"));
        assert_eq!(
            of_lead("某口网6月4日消息(见习记者某某 摄影报道)4日").as_deref(),
            Some("某口网")
        );
        assert_eq!(
            of_lead("云上某城讯 记者张某报道:12月25日").as_deref(),
            Some("云上某城")
        );
        assert_eq!(
            of_lead("某坊日报社某坊融媒讯 1月8日,").as_deref(),
            Some("某坊日报")
        );
        assert_eq!(
            of_lead("副题\n\n(某州晚报全媒体记者 王某)近日").as_deref(),
            Some("某州晚报")
        );
        assert_eq!(of_lead("本报讯(记者 时某)4月23日"), None);
        assert_eq!(of_lead("记者张某通讯员李某)近日"), None, "通讯员 is no dateline");
        assert_eq!(
            of_lead("某州日报社全媒体记者 张某 摄"),
            None,
            "a press group is no paper"
        );
        assert_eq!(of_lead("据新华社消息"), None);
        assert_eq!(of_lead("会议指出，要加强管理。"), None);
    }

    #[test]
    fn path_paper() {
        assert_eq!(of_path("mdwb/2023-03-08/a3.txt"), Some("牡丹晚报"));
        assert_eq!(of_path("2023/菏泽日报_A1.txt"), Some("菏泽日报"));
        assert_eq!(of_path("seeds/000_fd35be6c5f40bf06.txt"), None);
    }

    #[test]
    fn page_paper() {
        assert_eq!(
            of_page("本报讯(牡丹晚报全媒体记者 冯锴) …本报讯(记者 甲)", Some("菏泽市")),
            Some("牡丹晚报")
        );
        assert_eq!(
            of_page("本报讯(记者 时苏建)4月23日", Some("菏泽市")),
            Some("菏泽日报")
        );
        assert_eq!(of_page("记者 王海楠", Some("枣庄市")), None);
    }
}

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

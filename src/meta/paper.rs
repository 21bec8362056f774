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

/// The paper a byline names (`本报讯(牡丹晚报全媒体记者 冯锴)`).
pub fn from_byline(byline: &str) -> Option<&'static str> {
    known_papers().find(|name| byline.contains(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_and_bylines() {
        assert_eq!(resolve_paper("MDWB"), Some("牡丹晚报"));
        assert_eq!(resolve_paper("菏泽日报"), Some("菏泽日报"));
        assert_eq!(resolve_paper("人民日报"), None);
        assert_eq!(from_byline("本报讯(牡丹晚报全媒体记者 冯锴)"), Some("牡丹晚报"));
        assert_eq!(from_byline("本报讯(记者 时苏建)"), None);
    }
}

//! Papers: the newspapers a page names, normalized to their full names, and their aliases.
//!
//! A paper is known when it is one of [`NAMED`] (titles not named after a place: `牡丹晚报`,
//! `大众日报`) or is printed as a place and a title (`盐城晚报`, `咸宁日报`, `湖南日报`): a name or
//! short form of the gazetteer's provinces, prefectures and counties, then one of [`TITLES`].
//! Its aliases are the pinyin initials of that name (`ycwb`, `xn_rb`), derived from the
//! gazetteer, never typed; an alias several places share (`yc`: 盐城, 银川, 宜春 …) means the
//! one the page is about, or the one the index holds.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::gazetteer::{Level, GAZETTEER};
use super::region::Region;
use crate::analysis::is_han;
use crate::ingest::header;

/// Papers not named after their place, with their aliases.
const NAMED: &[(&str, &[&str])] = &[
    ("牡丹晚报", &["mdwb"]),
    ("大众日报", &["dzrb"]),
    ("齐鲁晚报", &["qlwb"]),
    ("齐鲁壹点", &["qldd"]),
];

/// Titles a place's paper prints after the place's name, with their pinyin initials.
const TITLES: [(&str, &str); 5] = [
    ("日报", "rb"),
    ("晚报", "wb"),
    ("早报", "zb"),
    ("商报", "sb"),
    ("都市报", "dsb"),
];

/// Longest place name a paper's name starts with, in characters (`内蒙古`, `西双版纳`).
const MAX_PLACE_CHARS: usize = 8;

/// A paper a name or alias may mean, with the place it is named after.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Candidate {
    name: String,
    place: Option<usize>,
}

/// Every paper `name` may mean: a paper's name (`盐城晚报`, `盐城市晚报`, `牡丹晚报`) or alias
/// (`mdwb`, `ycwb`, `yc_wb`), case-insensitive.
fn candidates(name: &str) -> Vec<Candidate> {
    let name = name.trim();
    if let Some((canonical, _)) = NAMED.iter().find(|(canonical, aliases)| {
        *canonical == name || aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    }) {
        return vec![Candidate {
            name: canonical.to_string(),
            place: None,
        }];
    }
    if let Some(found) = place_paper(name) {
        return vec![found];
    }
    let alias: String = name
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .collect::<String>()
        .to_ascii_lowercase();
    if !alias.bytes().all(|b| b.is_ascii_lowercase()) {
        return Vec::new();
    }
    TITLES
        .iter()
        .filter_map(|(title, code)| Some((title, alias.strip_suffix(code)?)))
        .filter(|(_, initials)| initials.len() >= 2)
        .flat_map(|(title, initials)| {
            BY_INITIALS
                .get(initials)
                .into_iter()
                .flatten()
                .map(move |&i| Candidate {
                    name: format!("{}{title}", GAZETTEER.short_or_name(i)),
                    place: Some(i),
                })
        })
        .collect()
}

/// The places a paper's alias may be named after (provinces, prefectures and county-level
/// cities), by the pinyin initials of their short forms.
static BY_INITIALS: LazyLock<HashMap<&'static str, Vec<usize>>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, Vec<usize>> = HashMap::new();
    for (i, place) in GAZETTEER.places.iter().enumerate() {
        if place.level != Level::County || place.name.ends_with('市') {
            map.entry(GAZETTEER.short_initials(i)).or_default().push(i);
        }
    }
    map
});

/// `name` read as a place's name or short form and a title (`盐城晚报`, `湖南日报`,
/// `盐城市晚报`): the paper, by the place's short form.
fn place_paper(name: &str) -> Option<Candidate> {
    TITLES.iter().find_map(|(title, _)| {
        let place = name.strip_suffix(title)?;
        let &found = GAZETTEER.named(place).first()?;
        Some(Candidate {
            name: format!("{}{title}", GAZETTEER.short_or_name(found)),
            place: Some(found),
        })
    })
}

/// The one paper `name` means, on a page about `within` when that is known. A name means its
/// paper; an alias the only paper it may mean, and when the page's region is known, the only
/// one named after a place the region lies in (`ycwb` on a page about 亭湖区 → 盐城晚报) or that
/// lies in it (a page naming only 江苏).
pub fn resolve_paper(name: &str, within: Option<Region>) -> Option<String> {
    choose(candidates(name), name.is_ascii(), within)
}

/// The one of `found` that fits a page about `within`: see [`resolve_paper`].
fn choose(found: Vec<Candidate>, alias: bool, within: Option<Region>) -> Option<String> {
    let fits = |c: &Candidate| match (within, c.place) {
        (Some(region), Some(place)) if alias => {
            // The page's place lies in the paper's, or the page names only a wider one.
            let (page, paper) = (region.code(), GAZETTEER.places[place].code);
            page.starts_with(paper) || paper.starts_with(page)
        }
        _ => true,
    };
    let mut fitting = found.into_iter().filter(fits);
    let first = fitting.next()?;
    fitting.next().is_none().then_some(first.name)
}

/// Every paper `name` (a name or an alias) may mean, by full name.
pub fn papers_named(name: &str) -> Vec<String> {
    candidates(name).into_iter().map(|c| c.name).collect()
}

/// The paper a byline names (`本报讯(牡丹晚报全媒体记者 冯锴)`), or for a `本报…` or staff
/// `记者 X` byline that names none, the page's paper.
pub fn of_byline(byline: &str, page: Option<String>) -> Option<String> {
    let staff = byline.starts_with("本报") || byline.contains("记者");
    named_in(byline).or(page.filter(|_| staff))
}

/// The paper `本报` means on a page: the one its bylines name, or else the daily of the city
/// the page is about (`本报讯` on a page about 菏泽 → 菏泽日报).
pub fn of_page(text: &str, city: Option<&str>) -> Option<String> {
    if !text.contains("本报") {
        return None;
    }
    let named = text.match_indices("本报讯").find_map(|(at, _)| {
        let rest: String = text[at..].chars().take(24).collect();
        named_in(&rest)
    });
    let daily = || {
        let &place = GAZETTEER.named(city?).first()?;
        Some(format!("{}日报", GAZETTEER.short_or_name(place)))
    };
    named.or_else(daily)
}

/// The paper a path names: a folder or file name, or two parts of one, that is a paper's name
/// or alias, between `_ - . /` separators (`mdwb/2023-03-08/a3.txt`, `菏泽日报_20230308.txt`,
/// `xn_rb_20140117.txt`). An alias several places share is read on a page about `within()`,
/// asked only then.
pub fn of_path(path: &str, within: impl Fn() -> Option<Region>) -> Option<String> {
    let parts: Vec<&str> = path
        .split(['/', '\\', '_', '-', '.', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let region = std::cell::OnceCell::new();
    (0..parts.len()).find_map(|i| {
        let pair = parts.get(i + 1).map(|next| format!("{}{next}", parts[i]));
        [Some(parts[i].to_string()), pair]
            .into_iter()
            .flatten()
            .find_map(|name| {
                let found = candidates(&name);
                // The page's region is read only for a paper named after a place.
                let placed = found.iter().any(|c| c.place.is_some());
                let within = if placed {
                    *region.get_or_init(&within)
                } else {
                    None
                };
                choose(found, name.is_ascii(), within)
            })
    })
}

/// The first paper named in `text`: one of [`NAMED`], or a place's name followed by a title
/// (`…盐城晚报记者`), by its full name.
pub(super) fn named_in(text: &str) -> Option<String> {
    let named = NAMED
        .iter()
        .filter_map(|(name, _)| text.find(name).map(|at| (at, name.to_string())));
    let placed = TITLES.iter().flat_map(|(title, _)| {
        text.match_indices(title).filter_map(|(at, _)| {
            let before: Vec<(usize, char)> = text[..at].char_indices().rev().take(MAX_PLACE_CHARS).collect();
            // The longest place name ending right before the title.
            before.iter().rev().find_map(|&(start, _)| {
                let paper = place_paper(&text[start..at + title.len()])?;
                Some((start, paper.name))
            })
        })
    });
    named
        .chain(placed)
        .min_by_key(|(at, _)| *at)
        .map(|(_, name)| name)
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

/// How many paragraphs at a piece's end a source line may stand in.
const SOURCE_PARAGRAPHS: usize = 2;

/// The paper a source line under a piece names: `来源:某市日报` on a line of its own, or in
/// brackets closing its last paragraph (`…。(来源:某市日报)`).
pub fn of_source(body: &str) -> Option<String> {
    body.rsplit("\n\n").take(SOURCE_PARAGRAPHS).find_map(|paragraph| {
        let last = paragraph.trim_end().lines().last()?;
        let bracketed = last.rfind(['(', '（']).map(|at| &last[at..]);
        header::source_line_paper(last).or_else(|| bracketed.and_then(header::source_line_paper))
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
    // `中国某州网-某州晚报讯`: the source is the last name before `讯`.
    let last = opening[..end]
        .rsplit(['-', '—', '/', '|', ' '])
        .next()
        .unwrap_or_default();
    let head: String = last.chars().take_while(|c| is_han(*c)).collect();
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
    let name = name_ending(before);
    // `XX日报社全媒体记者` names the press group, whose evening title may print it: no paper;
    // nor does `本报记者`, whatever a credit's marker before it (`文/图本报记者`).
    let paper =
        ["报", "网"].iter().any(|e| name.ends_with(e)) && name.chars().count() >= 3 && !name.contains("本报");
    paper.then_some(name)
}

/// The paper a press group's staff credit names (`(某某日报社融媒体记者 甲乙)` → `某某日报`), the
/// last resort for a piece on a page that names no paper: the group's other titles print its
/// credit too (so `of_lead` reads none from it), but with nothing else to go on the group's own
/// title is the likeliest.
pub fn of_press_group<'a>(credits: impl IntoIterator<Item = &'a str>) -> Option<String> {
    credits.into_iter().find_map(|credit| {
        let credit: String = credit.chars().filter(|c| !c.is_whitespace()).collect();
        let at = credit.find("报社")?;
        let staff = ["记者", "通讯员"].iter().any(|role| credit[at..].contains(role));
        let name = format!("{}报", name_ending(&credit[..at]));
        let plausible = name.chars().count() >= 3 && !name.starts_with("本报");
        (staff && plausible).then_some(name)
    })
}

/// A press group's newsroom names its paper: `潍坊日报社潍坊融媒` → `潍坊日报`, `XX日报社` → `XX日报`.
fn newsroom_paper(name: &str) -> String {
    match name.find("报社") {
        Some(at) => name[..at + "报".len()].to_string(),
        None => name.to_string(),
    }
}

/// The run of Han characters `text` ends with: a paper's name before its role or `社`
/// (`(某州日报` → `某州日报`).
fn name_ending(text: &str) -> String {
    let start = text
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_han(c))
        .last()
        .map_or(text.len(), |(at, _)| at);
    text[start..].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_and_bylines() {
        let known = |name: &str| resolve_paper(name, None);
        assert_eq!(known("MDWB").as_deref(), Some("牡丹晚报"));
        assert_eq!(known("菏泽日报").as_deref(), Some("菏泽日报"));
        assert_eq!(known("盐城市晚报").as_deref(), Some("盐城晚报"));
        assert_eq!(known("湖南日报").as_deref(), Some("湖南日报"));
        assert_eq!(known("人民日报"), None);
        assert_eq!(
            of_byline("本报讯(牡丹晚报全媒体记者 冯锴)", None).as_deref(),
            Some("牡丹晚报")
        );
        assert_eq!(
            of_byline("本报讯(盐城晚报记者 李明)", None).as_deref(),
            Some("盐城晚报")
        );
        assert_eq!(of_byline("本报讯(记者 时苏建)", None), None);
        let page = || Some("菏泽日报".to_string());
        assert_eq!(
            of_byline("本报讯(记者 时苏建)", page()).as_deref(),
            Some("菏泽日报")
        );
        assert_eq!(of_byline("记者 付凤臣摄", page()).as_deref(), Some("菏泽日报"));
        assert_eq!(of_byline("", page()), None);
    }

    #[test]
    fn pinyin_aliases_are_derived_and_told_apart_by_the_page() {
        let yancheng = Region::named("亭湖区");
        let yinchuan = Region::named("兴庆区");
        assert_eq!(resolve_paper("ycwb", yancheng).as_deref(), Some("盐城晚报"));
        assert_eq!(resolve_paper("yc_wb", yinchuan).as_deref(), Some("银川晚报"));
        assert_eq!(resolve_paper("ycwb", None), None, "盐城, 银川, 宜春 … share yc");
        assert!(papers_named("ycwb").contains(&"盐城晚报".to_string()));
        assert_eq!(resolve_paper("pjrb", None).as_deref(), Some("盘锦日报"));
        assert_eq!(
            resolve_paper("hzrb", Region::named("曹县")).as_deref(),
            Some("菏泽日报")
        );
        assert_eq!(resolve_paper("rb", None), None);
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
        assert_eq!(of_lead("文／图 本报记者 张某\n\n6月14日晚，整治开始。"), None);
        assert_eq!(
            of_lead("中国某州网-某州晚报讯 4月19日,").as_deref(),
            Some("某州晚报")
        );
        assert_eq!(of_lead("会议指出，要加强管理。"), None);
    }

    #[test]
    fn a_source_line_under_the_body_names_the_paper() {
        assert_eq!(
            of_source("会议召开。\n\n来源：某市日报").as_deref(),
            Some("某市日报")
        );
        assert_eq!(
            of_source("会议召开。（来源：某市晚报）").as_deref(),
            Some("某市晚报")
        );
        assert_eq!(
            of_source("来源：某市日报\n\n会议召开。\n\n会议要求。\n\n结束。"),
            None,
            "only at the end"
        );
        assert_eq!(of_source("会议召开。（数据来源：某市统计局）"), None);
    }

    #[test]
    fn a_press_group_credit_is_the_last_resort() {
        assert_eq!(
            of_press_group(["", "某某日报社融媒体记者 甲乙"]).as_deref(),
            Some("某某日报")
        );
        assert_eq!(
            of_press_group(["某州日报社 全媒体 记者 张某 摄"]).as_deref(),
            Some("某州日报")
        );
        assert_eq!(of_press_group(["记者 张某"]), None);
        assert_eq!(of_press_group(["某州日报社供稿"]), None, "no staff credit");
    }

    #[test]
    fn path_paper() {
        let nowhere = || None;
        assert_eq!(
            of_path("mdwb/2023-03-08/a3.txt", nowhere).as_deref(),
            Some("牡丹晚报")
        );
        assert_eq!(
            of_path("2023/菏泽日报_A1.txt", nowhere).as_deref(),
            Some("菏泽日报")
        );
        let zhoukou = || Region::named("周口市");
        assert_eq!(
            of_path("zk_wb_20240203_a05.txt", zhoukou).as_deref(),
            Some("周口晚报")
        );
        assert_eq!(of_path("pj_rb_1991.txt", nowhere).as_deref(), Some("盘锦日报"));
        let elsewhere = || Region::named("鄞州区");
        assert_eq!(
            of_path("pj_rb_1991.txt", elsewhere),
            None,
            "a paper of another place"
        );
        assert_eq!(of_path("seeds/000_fd35be6c5f40bf06.txt", nowhere), None);
    }

    #[test]
    fn page_paper() {
        assert_eq!(
            of_page("本报讯(牡丹晚报全媒体记者 冯锴) …本报讯(记者 甲)", Some("菏泽市")).as_deref(),
            Some("牡丹晚报")
        );
        assert_eq!(
            of_page("本报讯(记者 时苏建)4月23日", Some("菏泽市")).as_deref(),
            Some("菏泽日报")
        );
        assert_eq!(
            of_page("本报讯 在信宜市,活动举行。", Some("茂名市")).as_deref(),
            Some("茂名日报")
        );
        assert_eq!(of_page("记者 王海楠", Some("枣庄市")), None);
    }
}

//! Regions: the province, prefecture or county a piece is about, from the national gazetteer.
//!
//! Each place scores its mentions, three for each in the title and one for each in the body,
//! by its short form where it has one (`盐城`, which `盐城市` holds too), else its full name. A
//! county or district needs to be really named: its full name, or its short form twice beside
//! a mention of its city or province (`亭湖` alone is a common enough pair of characters). It
//! wins over its city when it scores at least as much (it is the more specific answer). A name
//! that several places share (`市中区` in four cities) is read as the one whose city or province
//! the text also names; when the text does not say, the answer is the level all of them share
//! (their province), or none. A province is the answer only when none of its places is: else
//! it only tells its places apart. A short form followed by `路`, `街`, `桥` … names a street or a
//! bridge, not the place (`中山路`). With nothing named, a piece takes its page's region.
//! Every mention is found in one pass (Aho-Corasick over every name and short form). A town or
//! street office whose name one division in the country has (`赵保镇`) counts as a mention of
//! its county's full name (`towns`).

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::gazetteer::{Level, GAZETTEER};
use super::towns;
use crate::analysis::{is_han, simplified_text, words};

/// Characters after a short form that make it part of another name: a street, a bridge, a
/// station, a news agency (`新华社`).
const NOT_A_PLACE_AFTER: [char; 9] = ['路', '街', '巷', '桥', '道', '站', '号', '社', '港'];

/// Conjunctions that join two units (`各区和县`): right after a unit, one starts no place's name.
const CONJUNCTIONS: [char; 4] = ['和', '与', '及', '或'];

/// What follows a place's name when a word goes on with the place: its units, bodies and
/// people (`湖北省委`, `盐城市`, `菏泽人`).
const PLACE_GOES_ON: [char; 15] = [
    '省', '市', '县', '区', '州', '盟', '旗', '委', '镇', '乡', '村', '城', '人', '籍', '政',
];

/// Last characters of the names of units (`新院区`, `各市`).
const UNIT_ENDINGS: [char; 7] = ['省', '市', '县', '区', '乡', '镇', '村'];

/// What follows a place's name in the name of a paper, a news site or a newsroom
/// (`亳州晚报讯`, `东方网`, `兰州日报社`): the paper's home, not what the piece is about.
const MASTHEAD_AFTER: [&str; 10] = [
    "日报",
    "晚报",
    "早报",
    "商报",
    "都市报",
    "网",
    "新闻网",
    "融媒",
    "广播电视台",
    "电视台",
];

/// Weight of a mention in the title against one in the body.
const TITLE_WEIGHT: usize = 3;

/// The region of a piece: the most specific place the text is certain of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region(usize);

impl Region {
    /// The region's name as documents carry it: a county or a city (a municipality included);
    /// `None` when only the province is certain.
    pub fn name(self) -> Option<&'static str> {
        let place = &GAZETTEER.places[self.0];
        let province_only = place.level == Level::Province && GAZETTEER.city(self.0).is_none();
        (!province_only).then_some(place.name)
    }

    /// The GB/T 2260 code of the region's place.
    pub fn code(self) -> &'static str {
        GAZETTEER.places[self.0].code
    }

    /// The prefecture (or municipality) the region lies in.
    pub fn city(self) -> Option<&'static str> {
        GAZETTEER.city(self.0).map(|c| GAZETTEER.places[c].name)
    }

    /// The province the region lies in.
    pub fn province(self) -> &'static str {
        GAZETTEER.places[GAZETTEER.province(self.0)].name
    }

    /// The region of a place named `name` exactly, when only one place has that name.
    pub fn named(name: &str) -> Option<Region> {
        match GAZETTEER.named(name) {
            [one] => Some(Region(*one)),
            _ => None,
        }
    }
}

/// Every name and short form of the gazetteer, and a matcher over them in Simplified
/// characters, as the text is read (`乾县` is matched as `干县`, as `乾` folds).
struct Forms {
    /// For each pattern of the matcher, what it names.
    forms: Vec<Form>,
    matcher: AhoCorasick,
}

/// What a name or short form names, worked out once rather than at every match.
struct Form {
    /// The places it names, each with whether it is that place's full name.
    places: Vec<(usize, bool)>,
    /// Whether a city or province has it (`长沙` is 长沙市 before 长沙县).
    higher: bool,
}

static FORMS: LazyLock<Forms> = LazyLock::new(|| {
    let mut names: Vec<&String> = GAZETTEER.by_form.keys().collect();
    names.sort_unstable();
    let folded: Vec<String> = names.iter().map(|f| simplified_text(f).into_owned()).collect();
    // A DFA: one table lookup a byte, the fastest kind for an overlapping search; it takes a
    // few MB for the gazetteer's names.
    let matcher = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .build(&folded)
        .expect("the gazetteer's names build a matcher");
    let forms = names
        .into_iter()
        .map(|name| {
            let named = GAZETTEER.named(name);
            Form {
                places: named
                    .iter()
                    .map(|&p| (p, GAZETTEER.places[p].name == name))
                    .collect(),
                higher: named.iter().any(|&p| GAZETTEER.places[p].level != Level::County),
            }
        })
        .collect();
    Forms { forms, matcher }
});

/// Weighted mentions of the places a text names: of the full name, and of the short form.
struct Mentions(HashMap<usize, [usize; 2]>);

impl Mentions {
    /// The mentions in a piece's `title` and `body`; the places in the names of papers
    /// (`兰州日报社`) count only when `mastheads` (for a whole page, whose paper they may be).
    fn of(title: &str, body: &str, mastheads: bool) -> Mentions {
        let mut mentions: HashMap<usize, [usize; 2]> = HashMap::new();
        let (title, body) = (simplified_text(title), simplified_text(body));
        for (text, weight) in [(&*title, TITLE_WEIGHT), (&*body, 1)] {
            for found in FORMS.matcher.find_overlapping_iter(text) {
                let form = &FORMS.forms[found.pattern().as_usize()];
                let rest = &text[found.end()..];
                if !mastheads && MASTHEAD_AFTER.iter().any(|m| rest.starts_with(m)) {
                    continue;
                }
                let after = rest.chars().next();
                let before = text[..found.start()].chars().next_back();
                let province = form
                    .places
                    .iter()
                    .any(|&(p, _)| GAZETTEER.places[p].level == Level::Province);
                if inside_words(before, &text[found.start()..found.end()], rest, province) {
                    continue;
                }
                // A bracketed label (`[徐汇]`, `【亭湖】`) names its place as surely as its full
                // name, and so does a dateline (`深圳新闻网盐田讯`), which says where it happened.
                let bracketed = matches!((before, after), (Some('[' | '【'), Some(']' | '】')));
                let dateline = rest.starts_with('讯') && !rest.starts_with("讯员");
                let label = bracketed || dateline;
                for &(place, full) in &form.places {
                    if full || label {
                        mentions.entry(place).or_default()[0] += weight;
                    } else {
                        let street = after.is_some_and(|c| NOT_A_PLACE_AFTER.contains(&c));
                        if street || (form.higher && GAZETTEER.places[place].level == Level::County) {
                            continue;
                        }
                        mentions.entry(place).or_default()[1] += weight;
                    }
                }
            }
            // A town unique in the country names its county as surely as the county's name.
            for county in towns::counties_named(text) {
                mentions.entry(county).or_default()[0] += weight;
            }
        }
        Mentions(mentions)
    }

    /// Weighted mentions of a place's full name.
    fn full(&self, place: usize) -> usize {
        self.0.get(&place).map_or(0, |m| m[0])
    }

    /// A place's score: mentions of its short form (its full name holds it too), or of its
    /// full name where its short form is another's.
    fn score(&self, place: usize) -> usize {
        let [full, short] = self.0.get(&place).copied().unwrap_or_default();
        full.max(short)
    }

    /// How much the text names a place's city and province.
    fn context(&self, place: usize) -> usize {
        let parents = GAZETTEER
            .city(place)
            .into_iter()
            .chain([GAZETTEER.province(place)]);
        parents.filter(|&p| p != place).map(|p| self.score(p)).sum()
    }
}

/// Whether a two-character `name` printed between `before` and `rest` is no mention but part
/// of words: its first character closes a dictionary word with the one before (`提高县级`,
/// `信息县级`, `现代县域`, `广东明年`), it is a conjunction after a unit (`新院区和县疾控中心`),
/// or, unless it names a `province` (`上海浦东`, `山东半岛`), it opens a dictionary word of three
/// or four characters that is no place and goes on with no unit, body or people of a place
/// (`长治久安`, `文山会海`, `哈密瓜`; not `盐城市委`, `盐城人`).
fn inside_words(before: Option<char>, name: &str, rest: &str, province: bool) -> bool {
    let mut chars = name.chars();
    let (Some(first), Some(_), None) = (chars.next(), chars.next(), chars.next()) else {
        return false;
    };
    let mut buffer = [0; 16];
    let closes_a_word = before.filter(|&c| is_han(c)).is_some_and(|before| {
        let pair = joined(
            &mut buffer,
            before.encode_utf8(&mut [0; 4]),
            first.encode_utf8(&mut [0; 4]),
        );
        (CONJUNCTIONS.contains(&first) && UNIT_ENDINGS.contains(&before)) || pair.is_some_and(words::is_word)
    });
    let mut opens_a_word = || {
        if province {
            return false;
        }
        let Some(next) = rest.chars().next().filter(|&c| is_han(c)) else {
            return false;
        };
        if PLACE_GOES_ON.contains(&next) {
            return false;
        }
        // The word's ends after one and after two more characters.
        let ends = rest.char_indices().map(|(at, _)| at).chain([rest.len()]);
        ends.skip(1).take(2).any(|end| {
            let more = &rest[..end];
            is_han_text(more)
                && joined(&mut buffer, name, more).is_some_and(|word| {
                    words::is_word(word)
                        && GAZETTEER.named(word).is_empty()
                        && GAZETTEER.named(more).is_empty()
                })
        })
    };
    closes_a_word || opens_a_word()
}

/// `a` and `b` written one after the other into `buffer` (no allocation on the hot path of
/// every mention), or `None` when they do not fit.
fn joined<'a>(buffer: &'a mut [u8; 16], a: &str, b: &str) -> Option<&'a str> {
    let end = a.len() + b.len();
    let out = buffer.get_mut(..end)?;
    out[..a.len()].copy_from_slice(a.as_bytes());
    out[a.len()..].copy_from_slice(b.as_bytes());
    std::str::from_utf8(out).ok()
}

/// Whether `text` is all Han characters.
fn is_han_text(text: &str) -> bool {
    text.chars().all(is_han)
}

/// The region of a piece with `title` and `body`, when its text names one. `home` is the
/// place of the paper printing it (`某州日报` → 某州市): where its `我市`, `本市` and `全市`
/// are, each counted as a mention of that place's full name (`我县` of a county's paper); a
/// home the piece speaks from wins a tie with a place elsewhere.
pub fn region(title: &str, body: &str, home: Option<Region>) -> Option<Region> {
    let mut mentions = Mentions::of(title, body, false);
    let home = home.filter(|&home| {
        let said = self_references(title, home) * TITLE_WEIGHT + self_references(body, home);
        if said > 0 {
            mentions.0.entry(home.0).or_default()[0] += said;
        }
        said > 0
    });
    best(&mentions, home.map(|h| h.0))
}

/// Words before a unit that make it the one the paper speaks from: `我市`, `本县`, `全区`.
const SELF_REFERENCES: [char; 3] = ['我', '本', '全'];

/// How often `text` speaks of `home` as its own unit (`我市`, `本市`, `全市` for a city;
/// `我县` for a county), not counting `本市场` (this market) or `全市场`.
fn self_references(text: &str, home: Region) -> usize {
    let Some(unit) = home.name().and_then(|name| name.chars().last()) else {
        return 0;
    };
    let mut buffer = [0; 16];
    let mut count = 0;
    for opener in SELF_REFERENCES {
        let Some(word) = joined(
            &mut buffer,
            opener.encode_utf8(&mut [0; 4]),
            unit.encode_utf8(&mut [0; 4]),
        ) else {
            continue;
        };
        count += text
            .match_indices(word)
            .filter(|&(at, _)| !text[at + word.len()..].starts_with('场'))
            .count();
    }
    count
}

/// The most specific place `mentions` are certain of; on a tie, the `home` the text speaks
/// from.
fn best(mentions: &Mentions, home: Option<usize>) -> Option<Region> {
    let mut candidates: Vec<((usize, bool, usize, Level), usize)> = Vec::new();
    let mut named: Vec<usize> = mentions.0.keys().copied().collect();
    named.sort_unstable();
    for place in named {
        let score = mentions.score(place);
        if score == 0 {
            continue;
        }
        let found = &GAZETTEER.places[place];
        let context = mentions.context(place);
        if found.level == Level::County {
            let named = mentions.full(place) > 0 || (score >= 2 && context > 0);
            let city = GAZETTEER.city(place).map_or(0, |c| mentions.score(c));
            if !named || score < city {
                continue;
            }
        }
        candidates.push(((score, home == Some(place), context, found.level), place));
    }
    // A province is the answer only when nothing in it is: it is context for its places.
    let inside = |province: usize| {
        candidates
            .iter()
            .any(|&(_, p)| p != province && GAZETTEER.province(p) == province)
    };
    let provinces: Vec<usize> = candidates
        .iter()
        .filter(|(key, p)| key.3 == Level::Province && inside(*p))
        .map(|&(_, p)| p)
        .collect();
    candidates.retain(|(_, p)| !provinces.contains(p));
    let best = candidates.iter().map(|c| c.0).max();
    let tied: Vec<usize> = candidates
        .iter()
        .filter(|c| Some(c.0) == best)
        .map(|c| c.1)
        .collect();
    common_place(&tied).map(Region)
}

/// The most specific place all of `places` lie in (itself when there is one).
fn common_place(places: &[usize]) -> Option<usize> {
    let ancestors = |place: usize| {
        std::iter::successors(Some(place), |&p| GAZETTEER.places[p].parent).collect::<Vec<_>>()
    };
    let (first, rest) = places.split_first()?;
    ancestors(*first)
        .into_iter()
        .find(|candidate| rest.iter().all(|&p| ancestors(p).contains(candidate)))
}

/// The GB/T 2260 codes of the places `name` names: a code, a full name or a short form
/// (`江苏省`, `江苏`, `32`); several for a name several places share (`市中区`).
pub fn codes_named(name: &str) -> Vec<&'static str> {
    let name = name.trim();
    if let Some(place) = GAZETTEER.places.iter().find(|p| p.code == name) {
        return vec![place.code];
    }
    GAZETTEER
        .named(name)
        .iter()
        .map(|&p| GAZETTEER.places[p].code)
        .collect()
}

/// The place a paper's or a site's name names (`兰州晚报` → 兰州市, `今日龙游` → 龙游县): the
/// longest name or short form in it that one place has, preferring the higher level.
pub fn of_paper(name: &str) -> Option<Region> {
    let mut best: Option<(usize, std::cmp::Reverse<Level>, usize)> = None;
    let name = simplified_text(name);
    for found in FORMS.matcher.find_overlapping_iter(&*name) {
        let places: Vec<usize> = FORMS.forms[found.pattern().as_usize()]
            .places
            .iter()
            .map(|&(p, _)| p)
            .collect();
        let Some(&place) = places.iter().min_by_key(|&&p| GAZETTEER.places[p].level) else {
            continue;
        };
        let unique = places
            .iter()
            .filter(|&&p| GAZETTEER.places[p].level == GAZETTEER.places[place].level)
            .count()
            == 1;
        let key = (
            name[found.start()..found.end()].chars().count(),
            std::cmp::Reverse(GAZETTEER.places[place].level),
            place,
        );
        if unique && best.is_none_or(|b| key > b) {
            best = Some(key);
        }
    }
    best.map(|(_, _, place)| Region(place))
}

/// The region of a whole page: the same scoring over all its text, the places of the papers
/// it prints included (a page printing only `兰州日报社出版` is of 兰州).
pub fn of_page(text: &str) -> Option<Region> {
    best(&Mentions::of("", text, true), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (region name, city, province) of a piece.
    fn read(title: &str, body: &str) -> Option<(Option<&'static str>, Option<&'static str>, &'static str)> {
        region(title, body, None).map(|r| (r.name(), r.city(), r.province()))
    }

    #[test]
    fn county_city_and_province() {
        assert_eq!(
            read("亭湖区启动夏季城市管理专项行动", "盐城市亭湖区城管局"),
            Some((Some("亭湖区"), Some("盐城市"), "江苏省"))
        );
        assert_eq!(
            read("盐城市召开全市安全生产工作会议", "会议在盐城召开"),
            Some((Some("盐城市"), Some("盐城市"), "江苏省"))
        );
        assert_eq!(
            read("某县春耕", "曹县卫健局以党建引领，曹县"),
            Some((Some("曹县"), Some("菏泽市"), "山东省"))
        );
        assert_eq!(
            read("活动启动", "牡丹区人民政府,菏泽野生动物园,菏泽"),
            Some((Some("菏泽市"), Some("菏泽市"), "山东省"))
        );
        assert_eq!(
            read("渝中区召开会议", "会议"),
            Some((Some("渝中区"), Some("重庆市"), "重庆市"))
        );
        assert_eq!(
            read("天津市召开会议", ""),
            Some((Some("天津市"), Some("天津市"), "天津市"))
        );
    }

    #[test]
    fn a_short_form_a_city_shares_with_a_county_is_the_city() {
        assert_eq!(
            read("长沙两会开幕", "长沙市民热议，长沙"),
            Some((Some("长沙市"), Some("长沙市"), "湖南省"))
        );
        assert_eq!(
            read("长沙县启动春耕", "长沙县"),
            Some((Some("长沙县"), Some("长沙市"), "湖南省"))
        );
    }

    #[test]
    fn a_name_several_places_share_is_read_by_its_context() {
        assert_eq!(
            read("市中区发布会", "枣庄市市中区召开新闻发布会。枣庄"),
            Some((Some("市中区"), Some("枣庄市"), "山东省"))
        );
        assert_eq!(
            read("鼓楼区召开会议", "福州市鼓楼区"),
            Some((Some("鼓楼区"), Some("福州市"), "福建省"))
        );
        let alone = region("鼓楼区召开会议", "会议要求", None);
        assert_eq!(alone, None, "four provinces have a 鼓楼区: nothing is certain");
        assert_eq!(
            read("城关区召开会议", "甘肃省兰州市城关区"),
            Some((Some("城关区"), Some("兰州市"), "甘肃省"))
        );
    }

    #[test]
    fn streets_bridges_and_stray_pairs_are_not_places() {
        assert_eq!(read("中山路改造完工", "中山路全线通车"), None);
        assert_eq!(read("无", "无"), None);
        assert_eq!(
            read("新华社消息", "新华社北京电"),
            Some((Some("北京市"), Some("北京市"), "北京市"))
        );
        assert_eq!(
            read("河东", "河东岸边"),
            None,
            "a county's short form alone is not enough"
        );
        assert_eq!(
            read("城区道路改造", "城区道路"),
            None,
            "城区 is a district's name and a common word"
        );
        assert_eq!(
            read(
                "专家到市中医医院授课",
                "菏泽市中医医院，山东大学、山东大学、山东大学"
            ),
            Some((Some("菏泽市"), Some("菏泽市"), "山东省")),
            "a province is context for its cities"
        );
    }

    #[test]
    fn a_name_inside_other_words_is_no_mention() {
        for sentence in [
            "要进一步提高县级医院服务能力。",
            "全力推进现代县域经济高质量发展。",
            "加快信息县级平台建设。",
            "确保年底前完成县城污水管网改造。",
            "加快推进县传染病医院新院区和县疾控中心新院区项目建设。",
            "推动乡村振兴县域发展，着力提升治理县域水平。",
            "维护社会长治久安，持续为基层减负，力戒文山会海。",
            "合作社的哈密瓜丰收了。",
        ] {
            assert_eq!(read("工作会议", sentence), None, "{sentence}");
        }
        assert_eq!(read("", "菏泽市曹县召开会议。").and_then(|r| r.0), Some("曹县"));
        assert_eq!(read("", "市领导在和县调研。").and_then(|r| r.0), Some("和县"));
        assert_eq!(
            read("", "要提高曹县县级医院能力。").and_then(|r| r.0),
            Some("曹县")
        );
        assert_eq!(read("", "湖北省委召开会议。").map(|r| r.2), Some("湖北省"));
        assert_eq!(
            read("", "在外打拼的盐城人回乡创业。").and_then(|r| r.0),
            Some("盐城市")
        );
        assert_eq!(read("", "上海浦东机场航班恢复。").map(|r| r.2), Some("上海市"));
    }

    #[test]
    fn names_and_codes_resolve_to_codes() {
        assert_eq!(codes_named("江苏省"), ["32"]);
        assert_eq!(codes_named("江苏"), ["32"]);
        assert_eq!(codes_named("盐城"), ["3209"]);
        assert_eq!(codes_named("320902"), ["320902"]);
        assert_eq!(codes_named("市中区").len(), 4);
        assert!(codes_named("不是地名").is_empty());
    }

    #[test]
    fn a_place_in_a_paper_name_is_not_what_the_piece_is_about() {
        assert_eq!(
            read(
                "春季植树活动启动",
                "某某网-兰州晚报讯 4月19日,利辛县启动春季植树活动。"
            ),
            Some((Some("利辛县"), Some("亳州市"), "安徽省"))
        );
        assert_eq!(read("新春走基层", "东方网记者 张三 报道"), None);
    }

    #[test]
    fn a_bracketed_label_names_its_place() {
        assert_eq!(
            read("[亭湖]社区开展志愿服务", "3月5日,社区开展志愿服务。"),
            Some((Some("亭湖区"), Some("盐城市"), "江苏省"))
        );
        assert_eq!(
            read("社区开展志愿服务", "某某新闻网亭湖讯 3月5日,社区开展志愿服务。"),
            Some((Some("亭湖区"), Some("盐城市"), "江苏省")),
            "a dateline names where it happened"
        );
    }

    #[test]
    fn traditional_names_are_read() {
        assert_eq!(
            read("嫩江齊齊哈爾段水位回落", "齊齊哈爾市防汛指揮部"),
            Some((Some("齐齐哈尔市"), Some("齐齐哈尔市"), "黑龙江省"))
        );
    }

    #[test]
    fn a_paper_names_its_place() {
        let name = |paper: &str| of_paper(paper).and_then(Region::name);
        assert_eq!(name("兰州晚报"), Some("兰州市"));
        assert_eq!(name("今日龙游"), Some("龙游县"));
        assert_eq!(name("盐城晚报"), Some("盐城市"));
        assert_eq!(name("某某新闻网"), None);
    }

    #[test]
    fn the_paper_s_own_city_is_where_its_wo_shi_is() {
        let name = |title: &str, body: &str, home: &str| {
            region(title, body, Region::named(home)).and_then(Region::name)
        };
        let (title, body) = ("定州市客人来我市交流", "定州市与我市签署协议，我市企业参加。");
        assert_eq!(region(title, body, None).and_then(Region::name), Some("定州市"));
        assert_eq!(
            name(title, body, "石家庄市"),
            Some("石家庄市"),
            "a tie goes to home"
        );
        assert_eq!(
            name("曹县召开春耕会议", "曹县各乡镇参加，全市春耕进度领先。", "菏泽市"),
            Some("曹县"),
            "the county the piece is about stays"
        );
        assert_eq!(
            name("我县召开春耕会议", "全县各乡镇参加。", "通城县"),
            Some("通城县")
        );
        assert_eq!(
            name("本市场商户会议", "全市场商户参加。", "菏泽市"),
            None,
            "a market"
        );
        assert_eq!(
            name("我县召开春耕会议", "全县各乡镇参加。", "菏泽市"),
            None,
            "not a county's paper"
        );
    }

    #[test]
    fn a_page_names_its_region() {
        let page = of_page("寿光市蔬菜博览会 寿光 潍坊");
        assert_eq!(page.and_then(Region::name), Some("寿光市"));
        assert_eq!(
            region("会议要求", "全市工业", None),
            None,
            "a piece naming nothing takes its page's"
        );
        assert_eq!(page.map(Region::code), Some("370783"));
    }
}

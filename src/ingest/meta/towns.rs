//! Town and street-office names (`赵保镇`, `北院门街道`) → the county they lie in, from
//! `towns.tsv` (written by `tools/towns.py`: the names that one division in the PRC has).
//!
//! County media and city papers often name the town where something happened and not its
//! county; a town unique in the country says the county as surely as its name. A text's towns
//! are found by looking back from each `镇`, `乡` and `街道` in it (a handful a page), so the
//! 26,000 names cost no second automaton over every page.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::gazetteer::GAZETTEER;

const DATA: &str = include_str!("towns.tsv");

/// The longest town name, in characters.
const LONGEST: usize = 10;

/// Each town's county (its index in the gazetteer); a town of a statistical zone the
/// gazetteer leaves out counts for the zone's city.
static TOWNS: LazyLock<HashMap<&'static str, usize>> = LazyLock::new(|| {
    let by_code: HashMap<&str, usize> = (GAZETTEER.places.iter().enumerate())
        .map(|(i, place)| (place.code, i))
        .collect();
    let mut towns = HashMap::new();
    for line in DATA.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let Some((code, name)) = line.split_once('\t') else {
            panic!("towns.tsv: COUNTY_CODE<TAB>NAME lines, not {line:?}");
        };
        let place = by_code
            .get(code)
            .or_else(|| by_code.get(&code[..4.min(code.len())]));
        if let Some(&place) = place {
            towns.insert(name, place);
        }
    }
    towns
});

/// The county of every town `text` names, once a mention (the longest name ending at each
/// `镇`, `乡` or `街道`).
pub(super) fn counties_named(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (at, c) in text.char_indices() {
        let ends_a_town = c == '镇' || c == '乡' || (c == '道' && text[..at].ends_with('街'));
        if !ends_a_town {
            continue;
        }
        let end = at + c.len_utf8();
        // Where the names of 1, 2, … LONGEST characters ending here start.
        let starts: Vec<usize> = text[..end]
            .char_indices()
            .rev()
            .take(LONGEST)
            .map(|(i, _)| i)
            .collect();
        let found = (3..=starts.len())
            .rev()
            .find_map(|len| TOWNS.get(&text[starts[len - 1]..end]));
        out.extend(found);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(text: &str) -> Vec<&'static str> {
        counties_named(text)
            .into_iter()
            .map(|p| GAZETTEER.places[p].name)
            .collect()
    }

    #[test]
    fn a_town_unique_in_the_country_names_its_county() {
        assert_eq!(named("1月30日,赵保镇召开2021年工作会议"), ["宜阳县"]);
        assert_eq!(named("北院门街道办事处组织志愿者"), ["莲湖区"]);
        // Names several towns share, and too short to tell, say nothing.
        assert!(named("城关镇和新华街道的居民").is_empty());
        assert!(named("城东街道").is_empty(), "not the 东街道 of another county");
    }
}

//! Matching documents → how many there are of each paper, year, month, province, city, region
//! and kind.
//!
//! A tantivy collector over the fast fields (the string columns `paper`, `province`, `city`,
//! `region`, `kind`
//! and the `YYYYMMDD` date column), run beside the top-k over every hit, not only the page
//! shown. A document without a value (no paper, undated) is not counted in that facet, so a
//! facet's counts may add up to less than the total; a document dated only to its year (a
//! table row) counts in its year, not in a month.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::index::schema;

/// The string fast fields counted, in output order.
const STRING_FACETS: [&str; 5] = [
    schema::PAPER,
    schema::PROVINCE,
    schema::CITY,
    schema::REGION,
    schema::KIND,
];

/// Hit counts by value, for each facet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// Hits by canonical paper name.
    pub paper: BTreeMap<String, usize>,
    /// Dated hits by year (`2023`).
    pub year: BTreeMap<String, usize>,
    /// Hits dated to a month or a day, by month (`2023-06`).
    pub month: BTreeMap<String, usize>,
    /// Hits by province.
    pub province: BTreeMap<String, usize>,
    /// Hits by prefecture-level city (or municipality).
    pub city: BTreeMap<String, usize>,
    /// Hits by region.
    pub region: BTreeMap<String, usize>,
    /// Hits by kind.
    pub kind: BTreeMap<String, usize>,
}

impl Facets {
    /// The named facets in output order: paper, year, month, province, city, region, kind.
    pub fn named(&self) -> [(&'static str, &BTreeMap<String, usize>); 7] {
        [
            ("paper", &self.paper),
            ("year", &self.year),
            ("month", &self.month),
            ("province", &self.province),
            ("city", &self.city),
            ("region", &self.region),
            ("kind", &self.kind),
        ]
    }

    /// The counts of the string fast field `field`.
    fn string_facet(&mut self, field: &str) -> &mut BTreeMap<String, usize> {
        match field {
            schema::PAPER => &mut self.paper,
            schema::PROVINCE => &mut self.province,
            schema::CITY => &mut self.city,
            schema::REGION => &mut self.region,
            _ => &mut self.kind,
        }
    }

    fn add(&mut self, other: Facets) {
        let add = |into: &mut BTreeMap<String, usize>, from: BTreeMap<String, usize>| {
            for (value, count) in from {
                *into.entry(value).or_default() += count;
            }
        };
        add(&mut self.paper, other.paper);
        add(&mut self.year, other.year);
        add(&mut self.month, other.month);
        add(&mut self.province, other.province);
        add(&mut self.city, other.city);
        add(&mut self.region, other.region);
        add(&mut self.kind, other.kind);
    }
}

/// Collects [`Facets`] over every matching document.
pub struct FacetCollector;

impl Collector for FacetCollector {
    type Fruit = Facets;
    type Child = SegmentFacets;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentFacets> {
        let fast = segment.fast_fields();
        let mut strings = Vec::with_capacity(STRING_FACETS.len());
        for name in STRING_FACETS {
            strings.push((name, fast.str(name)?, HashMap::new()));
        }
        Ok(SegmentFacets {
            strings,
            date: fast.i64(schema::DATE)?,
            years: BTreeMap::new(),
            months: BTreeMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Facets>) -> tantivy::Result<Facets> {
        let mut all = Facets::default();
        for fruit in fruits {
            all.add(fruit);
        }
        Ok(all)
    }
}

/// One segment's counts: term ordinals of each string column, years and months (`YYYYMM`).
pub struct SegmentFacets {
    strings: Vec<(&'static str, Option<StrColumn>, HashMap<u64, usize>)>,
    date: Column<i64>,
    years: BTreeMap<i64, usize>,
    months: BTreeMap<i64, usize>,
}

impl SegmentCollector for SegmentFacets {
    type Fruit = Facets;

    fn collect(&mut self, doc: DocId, _: Score) {
        for (_, column, counts) in &mut self.strings {
            if let Some(column) = column {
                for ord in column.term_ords(doc) {
                    *counts.entry(ord).or_default() += 1;
                }
            }
        }
        if let Some(date) = self.date.first(doc) {
            *self.years.entry(date / 10_000).or_default() += 1;
            if date / 100 % 100 != 0 {
                *self.months.entry(date / 100).or_default() += 1;
            }
        }
    }

    fn harvest(self) -> Facets {
        let mut facets = Facets {
            year: self.years.into_iter().map(|(y, n)| (y.to_string(), n)).collect(),
            month: (self.months.into_iter())
                .map(|(m, n)| (format!("{}-{:02}", m / 100, m % 100), n))
                .collect(),
            ..Facets::default()
        };
        let mut value = String::new();
        for (name, column, counts) in self.strings {
            let Some(column) = column else { continue };
            let facet = facets.string_facet(name);
            for (ord, count) in counts {
                value.clear();
                if column.ord_to_str(ord, &mut value).unwrap_or(false) {
                    *facet.entry(value.clone()).or_default() += count;
                }
            }
        }
        facets
    }
}

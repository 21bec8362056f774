//! Hits and the index's groups of reprints → what each hit says about its reprints, one hit
//! per story (`--collapse`: a reprint of a better-ranked hit is dropped), and the matching
//! documents counted by story.

use std::collections::HashSet;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::Hit;
use crate::index::reprints::{Member, Reprints};
use crate::index::schema;

/// A hit's story printed elsewhere too.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reprint {
    /// The id of the story's first printing (earliest date, then corpus order).
    pub group: String,
    /// The other printings, earliest first.
    pub others: Vec<Member>,
}

impl Reprint {
    /// The reprints of the document of corpus order `order`, when it has any.
    pub(super) fn of(order: u64, reprints: &Reprints) -> Option<Reprint> {
        let members = reprints.group_of(order)?;
        Some(Reprint {
            group: members[0].id(),
            others: members.into_iter().filter(|m| m.order != order).collect(),
        })
    }
}

/// `hits` (best first) keeping the first hit of each story.
pub(super) fn collapse(hits: Vec<Hit>) -> Vec<Hit> {
    let mut seen = HashSet::new();
    hits.into_iter()
        .filter(|hit| match &hit.reprint {
            Some(reprint) => seen.insert(reprint.group.clone()),
            None => true,
        })
        .collect()
}

/// How many stories the documents of corpus orders `orders` tell: each group of reprints
/// counts once.
pub(super) fn stories(orders: &[u64], reprints: &Reprints) -> anyhow::Result<usize> {
    let firsts = reprints.firsts(orders)?;
    let groups: HashSet<u64> = firsts.iter().flatten().copied().collect();
    let grouped = firsts.iter().flatten().count();
    Ok(orders.len() - grouped + groups.len())
}

/// Collects the corpus order of every matching document.
pub(super) struct Orders;

impl Collector for Orders {
    type Fruit = Vec<u64>;
    type Child = SegmentOrders;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentOrders> {
        Ok(SegmentOrders {
            column: segment.fast_fields().u64(schema::ORDER)?,
            orders: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<u64>>) -> tantivy::Result<Vec<u64>> {
        Ok(fruits.concat())
    }
}

/// One segment's orders.
pub(super) struct SegmentOrders {
    column: Column<u64>,
    orders: Vec<u64>,
}

impl SegmentCollector for SegmentOrders {
    type Fruit = Vec<u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.orders.extend(self.column.first(doc));
    }

    fn harvest(self) -> Vec<u64> {
        self.orders
    }
}

//! Every article's sketch in a generation → groups of reprints (one story printed more than
//! once: by several papers, or twice), written beside the index as `reprints.tsv` at the end
//! of each index run, and read back by searches ([`Reprints`]).
//!
//! Candidates come from locality-sensitive hashing: the sketch's bins are cut into `BANDS`
//! bands of `ROWS` bins, and two articles that agree on a whole band are compared; a pair
//! whose sketches agree on at least [`THRESHOLD`] of their bins prints one story. Taken
//! earliest first, an article joins the group whose first printing it agrees with (most, when
//! several), or starts one; so a group is a first printing and its copies, and stories that
//! each borrow from the one before never chain into one group. A band shared by more than
//! `CROWD` articles (a boilerplate paragraph) links each of them to its first only, which
//! bounds the comparisons. Groups list their members earliest first (date, then corpus
//! order): the first is who printed it first. Only articles have sketches (see
//! `codec`); the whole generation is grouped again on every run, incremental or not, since a
//! new page may reprint an old story.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use anyhow::Context;
use tantivy::Index;

use super::disk::{sync_dir, write_durably};
use super::schema;
use crate::analysis::sketch::{Sketch, BINS, WORDS};
use crate::document::Document;

/// The file beside the index that holds the groups.
pub(crate) const FILE: &str = "reprints.tsv";
/// Bins per band.
const ROWS: usize = 2;
/// Bands compared (`BANDS × ROWS ≤ BINS`).
const BANDS: usize = BINS / ROWS;
// A band's bins make one 64-bit key.
const _: () = assert!(ROWS <= 4);
/// The share of bins two printings of one story agree on at least.
pub const THRESHOLD: f32 = 0.35;
/// More articles than this in one band bucket are linked to its first only.
const CROWD: usize = 16;

/// One printing of a story.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// The document's corpus order (see [`Document::corpus_order`]), from which its id follows.
    pub order: u64,
    /// Its date, `YYYYMMDD`, when known.
    pub date: Option<i64>,
    /// Its paper, when known.
    pub paper: Option<String>,
}

impl Member {
    /// The document id of this printing.
    pub fn id(&self) -> String {
        Document::id_of_order(self.order)
    }
}

/// The groups of reprints of one generation, as the file holds them. A search looks up the
/// groups of its page's hits through an index of where each printing's group starts, made on
/// first use by reading only the orders; listing the groups or counting stories reads the
/// file whole, once.
#[derive(Debug, Default)]
pub struct Reprints {
    text: String,
    /// Each printing's order and the offset of its group's first line, sorted by order.
    starts: OnceLock<Vec<(u64, usize)>>,
    parsed: OnceLock<Parsed>,
}

/// Every group, and the group of each printing.
#[derive(Debug)]
struct Parsed {
    groups: Vec<Vec<Member>>,
    group_of: HashMap<u64, usize>,
}

impl Reprints {
    /// The groups written beside the generation at `path` (none when it has no file).
    pub(crate) fn load(path: &Path) -> anyhow::Result<Reprints> {
        let file = path.join(FILE);
        let text = match std::fs::read_to_string(&file) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", file.display())),
        };
        Ok(Reprints {
            text,
            ..Reprints::default()
        })
    }

    fn parsed(&self) -> anyhow::Result<&Parsed> {
        if let Some(parsed) = self.parsed.get() {
            return Ok(parsed);
        }
        let groups =
            parse(&self.text).context("the reprints file is damaged; run `baokan index --rebuild`")?;
        let group_of = groups
            .iter()
            .enumerate()
            .flat_map(|(g, members)| members.iter().map(move |m| (m.order, g)))
            .collect();
        Ok(self.parsed.get_or_init(|| Parsed { groups, group_of }))
    }

    /// Every group, largest first (then earliest first).
    pub fn groups(&self) -> anyhow::Result<&[Vec<Member>]> {
        Ok(&self.parsed()?.groups)
    }

    /// The first printing (its order) of the story of each of `orders` that has reprints.
    pub fn firsts(&self, orders: &[u64]) -> anyhow::Result<Vec<Option<u64>>> {
        let parsed = self.parsed()?;
        let first = |order| parsed.group_of.get(&order).map(|&g| parsed.groups[g][0].order);
        Ok(orders.iter().map(|&order| first(order)).collect())
    }

    /// The group of the document of corpus order `order`, earliest printing first, when it has
    /// one: the lines of its group, found in the text.
    pub fn group_of(&self, order: u64) -> Option<Vec<Member>> {
        let starts = self.starts.get_or_init(|| {
            let mut starts = Vec::new();
            let mut group = 0;
            let mut at = 0;
            for line in self.text.split_inclusive('\n') {
                match line
                    .split_once('\t')
                    .and_then(|(hex, _)| u64::from_str_radix(hex, 16).ok())
                {
                    Some(order) => starts.push((order, group)),
                    None => group = at + line.len(),
                }
                at += line.len();
            }
            starts.sort_unstable();
            starts
        });
        let found = starts.binary_search_by_key(&order, |&(o, _)| o).ok()?;
        let start = starts[found].1;
        let end = self.text[start..]
            .find("\n\n")
            .map_or(self.text.len(), |blank| start + blank + 2);
        parse(&self.text[start..end])?.pop()
    }
}

/// Groups the articles of `index` (the generation at `path`) and writes the groups beside it;
/// returns how many groups there are.
pub(crate) fn write(index: &Index, path: &Path) -> anyhow::Result<usize> {
    let articles = read(index)?;
    let groups = group(&articles);
    let tmp = path.join(format!("{FILE}.tmp"));
    write_durably(&tmp, print(&groups).as_bytes())?;
    std::fs::rename(&tmp, path.join(FILE)).with_context(|| format!("cannot write {}", path.display()))?;
    sync_dir(path);
    Ok(groups.len())
}

/// The file's text: a line per printing (`order` in hex, `YYYYMMDD` or `-`, the paper or
/// `-`, tab-separated), a blank line after each group. Read at every search, so kept simpler
/// to parse than JSON.
fn print(groups: &[Vec<Member>]) -> String {
    let mut out = String::new();
    for group in groups {
        for m in group {
            let date = m.date.map_or("-".to_string(), |d| d.to_string());
            out.push_str(&format!(
                "{:x}\t{date}\t{}\n",
                m.order,
                m.paper.as_deref().unwrap_or("-")
            ));
        }
        out.push('\n');
    }
    out
}

/// The groups [`print`] wrote; `None` for a line it could not have written.
fn parse(text: &str) -> Option<Vec<Vec<Member>>> {
    let mut groups = Vec::new();
    let mut group = Vec::new();
    for line in text.lines() {
        if line.is_empty() {
            groups.push(std::mem::take(&mut group));
            continue;
        }
        let mut cells = line.split('\t');
        let (order, date, paper) = (cells.next()?, cells.next()?, cells.next()?);
        group.push(Member {
            order: u64::from_str_radix(order, 16).ok()?,
            date: if date == "-" {
                None
            } else {
                Some(date.parse().ok()?)
            },
            paper: (paper != "-").then(|| paper.to_string()),
        });
    }
    group.is_empty().then_some(groups)
}

/// Every live article with a sketch: its member record and its sketch.
fn read(index: &Index) -> anyhow::Result<Vec<(Member, Sketch)>> {
    let searcher = index.reader().context("cannot read the new index")?.searcher();
    let mut out = Vec::new();
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let words = (0..WORDS)
            .map(|word| fast.u64(&schema::sketch_field(word)))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let orders = fast.u64(schema::ORDER)?;
        let dates = fast.i64(schema::DATE)?;
        let papers = fast.str(schema::PAPER)?;
        // Each paper's name read once, in the order of their ordinals.
        let mut names = Vec::new();
        if let Some(papers) = &papers {
            let mut stream = papers.dictionary().stream()?;
            while stream.advance() {
                names.push(String::from_utf8_lossy(stream.key()).into_owned());
            }
        }
        for doc in segment.doc_ids_alive() {
            let mut sketch = [0u64; WORDS];
            for (slot, column) in sketch.iter_mut().zip(&words) {
                match column.first(doc) {
                    Some(word) => *slot = word,
                    None => break,
                }
            }
            // Only articles long enough have a sketch, every word of it.
            if words[WORDS - 1].first(doc).is_none() {
                continue;
            }
            let sketch = Sketch::from_words(&sketch);
            let paper = (papers.as_ref())
                .and_then(|c| c.term_ords(doc).next())
                .map(|ord| names[ord as usize].clone());
            let member = Member {
                order: orders.first(doc).unwrap_or(u64::MAX),
                date: dates.first(doc),
                paper,
            };
            out.push((member, sketch));
        }
    }
    // The same order of articles whatever the segments: groups do not depend on how a build
    // laid them out.
    out.sort_by_key(|(member, _)| member.order);
    Ok(out)
}

/// The groups of `articles` (sorted by corpus order), each earliest first, largest first.
///
/// Pairs that share a band and agree on [`THRESHOLD`] of their bins are neighbours. Articles
/// are then taken earliest first: one joins the group of the neighbour's first printing it is
/// most like, when it agrees with that first printing too, and else starts a group. So every
/// printing in a group is a copy of its first, and a chain of stories that each borrow from
/// the one before never becomes one group.
fn group(articles: &[(Member, Sketch)]) -> Vec<Vec<Member>> {
    let alike = |a: usize, b: usize| articles[a].1.similarity(&articles[b].1);
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); articles.len()];
    let mut keyed: Vec<(u64, usize)> = Vec::with_capacity(articles.len());
    for band in 0..BANDS {
        // The articles sorted by the band's bins: runs of equal bins are the band's buckets.
        keyed.clear();
        for (i, (_, sketch)) in articles.iter().enumerate() {
            let bins = &sketch.0[band * ROWS..(band + 1) * ROWS];
            keyed.push((bins.iter().fold(0, |key, &bin| key << 16 | u64::from(bin)), i));
        }
        keyed.sort_unstable();
        for run in keyed.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
            let members: Vec<usize> = run.iter().map(|&(_, i)| i).collect();
            // A crowded bucket (a boilerplate passage) links each article to its first only.
            let pairs: Vec<(usize, usize)> = if members.len() > CROWD {
                members[1..].iter().map(|&b| (members[0], b)).collect()
            } else {
                let all = members.iter().enumerate();
                all.flat_map(|(k, &a)| members[k + 1..].iter().map(move |&b| (a, b)))
                    .collect()
            };
            for (a, b) in pairs {
                if !neighbours[a].contains(&b) && alike(a, b) >= THRESHOLD {
                    neighbours[a].push(b);
                    neighbours[b].push(a);
                }
            }
        }
    }
    let earliest = |i: usize| (articles[i].0.date.unwrap_or(i64::MAX), articles[i].0.order);
    let mut by_date: Vec<usize> = (0..articles.len()).collect();
    by_date.sort_by_key(|&i| earliest(i));
    // The first printing of each article's group, once the article is taken.
    let mut first: Vec<Option<usize>> = vec![None; articles.len()];
    for &i in &by_date {
        let leader = neighbours[i]
            .iter()
            .filter_map(|&n| first[n])
            .filter(|&f| alike(i, f) >= THRESHOLD)
            .max_by(|&a, &b| {
                alike(i, a)
                    .total_cmp(&alike(i, b))
                    .then(earliest(b).cmp(&earliest(a)))
            });
        first[i] = Some(leader.unwrap_or(i));
    }
    let mut groups: HashMap<usize, Vec<Member>> = HashMap::new();
    for &i in &by_date {
        let leader = first[i].expect("every article is taken");
        groups.entry(leader).or_default().push(articles[i].0.clone());
    }
    let mut groups: Vec<Vec<Member>> = groups.into_values().filter(|g| g.len() > 1).collect();
    groups.sort_by_key(|g| {
        (
            std::cmp::Reverse(g.len()),
            g[0].date.unwrap_or(i64::MAX),
            g[0].order,
        )
    });
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(order: u64, date: i64, text: &str) -> (Member, Sketch) {
        let member = Member {
            order,
            date: Some(date),
            paper: None,
        };
        (member, Sketch::of(text).expect("a long text"))
    }

    #[test]
    fn printings_of_one_story_group_earliest_first_and_others_stay_alone() {
        let story = "全市城管工作会议在市城市管理局召开会议回顾总结过去五年工作安排部署今后五年特别是今年重点工作会议要求全市城管系统要坚持以人民为中心聚焦群众关心的停车难问题持续推进背街小巷整治";
        let edited = story
            .replace("停车难", "停车难和如厕难")
            .replace("过去五年", "过去一年");
        let other = "市住房和城乡建设局召开老旧小区改造推进会听取各区县进展情况汇报会议强调要把老旧小区改造作为重要民生工程统筹推进加装电梯管网更新和绿化提升确保年底前完成";
        let articles = [
            article(1, 20230309, story),
            article(2, 20230308, &edited),
            article(3, 20230308, other),
            article(4, 20230310, story),
        ];
        let groups = group(&articles);
        assert_eq!(groups.len(), 1);
        let orders: Vec<u64> = groups[0].iter().map(|m| m.order).collect();
        assert_eq!(orders, [2, 1, 4], "earliest printing first");
        assert_eq!(
            parse(&print(&groups)),
            Some(groups.clone()),
            "the file reads back"
        );
        assert_eq!(parse("12\t20230308\n"), None, "a line of two cells is damage");
        let reprints = Reprints {
            text: print(&groups),
            ..Reprints::default()
        };
        assert_eq!(reprints.group_of(4).as_ref(), Some(&groups[0]));
        assert_eq!(reprints.group_of(2).as_ref(), Some(&groups[0]), "the first line");
        assert_eq!(reprints.group_of(3), None);
        assert_eq!(reprints.firsts(&[1, 3]).unwrap(), [Some(2), None]);
    }
}

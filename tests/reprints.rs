//! Reprints: on a generated corpus with known reprints (`benches/support/reprints.rs`),
//! `reprints` lists each story printed more than once as one group, earliest printing first;
//! `search --collapse` keeps one hit per story and counts the stories; hits say where else
//! their story was printed; a page added later joins its story's group.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::util::Dir;

#[path = "../benches/support/reprints.rs"]
mod generator;
#[path = "../benches/support/rng.rs"]
mod rng;

/// `reprints --json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stories {
    query: String,
    stories: usize,
    shown: Vec<Story>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Story {
    printings: usize,
    first: String,
    documents: Vec<Printing>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Printing {
    id: String,
    date: Option<String>,
    paper: Option<String>,
    title: String,
    path: String,
}

/// A folder with a generated corpus of 24 stories at `./corpus`, indexed into `./idx`, and the
/// story each file prints.
pub fn reprinted(name: &str) -> (Dir, BTreeMap<String, usize>) {
    let dir = Dir::new(name);
    let truth = generator::generate(&dir.join("corpus"), 24, 5).expect("generate the corpus");
    dir.command(&["index", "corpus", "--index", "idx", "-q"])
        .run()
        .success();
    let story_of = truth
        .story_of
        .into_iter()
        .map(|(path, story)| (format!("corpus/{path}"), story))
        .collect();
    (dir, story_of)
}

fn stories(dir: &Dir, args: &[&str]) -> Stories {
    dir.command(&[&["reprints", "--index", "idx", "--json", "-n", "100"], args].concat())
        .json()
}

#[test]
fn each_story_printed_more_than_once_is_one_group_earliest_first() {
    let (dir, story_of) = reprinted("reprints");
    let listed = stories(&dir, &[]);
    let mut printed: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
    for (path, story) in &story_of {
        printed.entry(*story).or_default().insert(path);
    }
    let pairs = |n: usize| n * (n - 1) / 2;
    let true_pairs: usize = printed.values().map(|paths| pairs(paths.len())).sum();
    assert_eq!(listed.shown.len(), listed.stories);
    let mut found = 0;
    for story in &listed.shown {
        let paths: BTreeSet<&str> = story.documents.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(story.printings, paths.len());
        let first = story_of[&story.documents[0].path];
        assert!(
            paths.is_subset(&printed[&first]),
            "a group prints one story: {paths:?}"
        );
        found += pairs(paths.len());
        assert_eq!(story.first, story.documents[0].id);
        let dates: Vec<&Option<String>> = story.documents.iter().map(|d| &d.date).collect();
        assert!(
            dates.windows(2).all(|w| w[0] <= w[1]),
            "earliest first: {dates:?}"
        );
        assert!(story
            .documents
            .iter()
            .all(|d| d.paper.is_some() && !d.title.is_empty()));
    }
    // Most printings found (80 of 89 pairs here); `examples/reprints.rs` measures precision
    // and recall on 1,000 stories (1.000 and 0.929).
    assert!(
        found as f64 >= 0.85 * true_pairs as f64,
        "recall {found} of {true_pairs} pairs"
    );
    let sizes: Vec<usize> = listed.shown.iter().map(|s| s.printings).collect();
    assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "largest first: {sizes:?}");

    // A query narrows the list to the stories one of whose printings matches it.
    let some = stories(&dir, &["城市管理"]);
    assert_eq!(some.query, "城市管理");
    assert!(0 < some.stories && some.stories < listed.stories);
    for story in &some.shown {
        let ids: Vec<&str> = story.documents.iter().map(|d| d.id.as_str()).collect();
        let matches = dir.search(&["城市管理", "--strict", "-n", "1000"]);
        assert!(
            matches.hits.iter().any(|h| ids.contains(&h.id.as_str())),
            "{ids:?}"
        );
    }
    let text = dir
        .command(&["reprints", "--index", "idx", "-n", "2"])
        .run()
        .quiet();
    text.check(
        text.stdout.ends_with(&format!(
            "2 of {} stories printed more than once\n",
            listed.stories
        )),
        "a closing count",
    );
}

#[test]
fn collapse_keeps_one_hit_per_story_and_counts_stories() {
    let (dir, _) = reprinted("collapse");
    let all = dir.search(&["推进", "-n", "1000"]);
    assert!(all.stories.is_none(), "no story count unless collapsing");
    let grouped = all.hits.iter().filter(|h| h.reprint_group.is_some()).count();
    assert!(grouped > 0);
    for hit in &all.hits {
        assert_eq!(hit.reprint_group.is_some(), hit.reprints > 0, "{hit:?}");
    }
    let groups: BTreeSet<&str> = all
        .hits
        .iter()
        .filter_map(|h| h.reprint_group.as_deref())
        .collect();
    let expected = all.total - grouped + groups.len();

    let collapsed = dir.search(&["推进", "--collapse", "-n", "1000"]);
    assert_eq!(collapsed.total, all.total, "the total is the documents'");
    assert_eq!(collapsed.stories, Some(expected));
    assert_eq!(collapsed.hits.len(), expected);
    let mut seen = BTreeSet::new();
    for hit in &collapsed.hits {
        if let Some(group) = &hit.reprint_group {
            assert!(seen.insert(group.clone()), "one hit of {group}");
        }
    }
    // The best-ranked printing of each story stays, in the order of the full list.
    let kept: Vec<&str> = collapsed.hits.iter().map(|h| h.id.as_str()).collect();
    let mut firsts = Vec::new();
    let mut taken = BTreeSet::new();
    for hit in &all.hits {
        if hit.reprint_group.as_ref().is_none_or(|g| taken.insert(g.clone())) {
            firsts.push(hit.id.as_str());
        }
    }
    assert_eq!(kept, firsts);
    // Pages of a collapsed search are pages of that list.
    let second = dir.search(&["推进", "--collapse", "-n", "5", "--offset", "5"]);
    assert_eq!(second.ids(), firsts[5..10]);

    let text = dir
        .command(&[
            "search",
            "推进",
            "--collapse",
            "--index",
            "idx",
            "--color",
            "never",
        ])
        .run()
        .quiet();
    text.check(text.stdout.contains("also in "), "a hit names the other papers");
    text.check(
        text.stdout.contains(&format!("{expected} stories, one hit each")),
        "the story count",
    );
}

#[test]
fn a_page_added_later_joins_its_storys_group() {
    let (dir, story_of) = reprinted("reprints-incremental");
    let before = stories(&dir, &[]);
    let story = &before.shown[0];
    let path = &story.documents[0].path;
    let original = std::fs::read_to_string(dir.join(path)).unwrap();
    let reprint = original.replacen("本报讯", "据报道", 1);
    dir.create("corpus/later/reprint.txt", reprint);
    dir.command(&["index", "corpus", "--index", "idx", "-q"])
        .run()
        .success();
    let after = stories(&dir, &[]);
    let grown = after
        .shown
        .iter()
        .find(|s| s.documents.iter().any(|d| &d.path == path))
        .expect("the story is still a group");
    assert_eq!(grown.printings, story.printings + 1);
    assert!(grown
        .documents
        .iter()
        .any(|d| d.path == "corpus/later/reprint.txt"));
    assert_eq!(after.stories, before.stories);
    assert!(story_of.contains_key(path));
}

//! A deterministic corpus with known reprints, for measuring how `index` groups them: stories
//! on a few topics, each printed by one to five papers, every later printing edited as papers
//! edit wire copy. The same seed gives the same bytes.

use std::fmt::Write as _;
use std::path::Path;

use super::rng::Rng;

const PAPERS: [(&str, &str); 5] = [
    ("mdwb", "牡丹晚报"),
    ("hzrb", "菏泽日报"),
    ("ycwb", "盐城晚报"),
    ("lzwb", "兰州晚报"),
    ("dzrb", "大众日报"),
];
const NAMES: [&str; 6] = ["冯锴", "孟欣", "陈淑娅", "王海楠", "李明", "孙伟"];

/// Words the reprint corpus's stories are made of: a topic's own, and those every story uses.
const TOPICS: [&[&str]; 3] = [
    &[
        "营商环境",
        "市场主体",
        "政务服务",
        "一网通办",
        "企业开办",
        "审批事项",
        "减税降费",
        "优化提升",
    ],
    &[
        "城市管理",
        "背街小巷",
        "违章停车",
        "环境卫生",
        "垃圾分类",
        "市容秩序",
        "占道经营",
        "精细管理",
    ],
    &[
        "乡村振兴",
        "高标准农田",
        "特色产业",
        "合作社",
        "农民增收",
        "人居环境",
        "产业园区",
        "种植基地",
    ],
];
const COMMON: [&str; 24] = [
    "会议",
    "要求",
    "全市",
    "各级",
    "部门",
    "扎实",
    "推进",
    "落实",
    "工作",
    "群众",
    "重点",
    "任务",
    "持续",
    "加快",
    "建设",
    "发展",
    "今年以来",
    "记者",
    "了解到",
    "目前",
    "已经",
    "完成",
    "同比",
    "增长",
];

/// Which story each file prints: the truth the grouping is measured on.
pub struct Truth {
    /// Corpus-relative path → story number.
    pub story_of: std::collections::BTreeMap<String, usize>,
}

/// A sentence of 8–15 words of `topic` and the common words, with a number now and then.
fn sentence(rng: &mut Rng, topic: &[&str]) -> String {
    let mut out = String::new();
    for _ in 0..8 + rng.below(8) {
        match rng.below(10) {
            0 => write!(out, "{}", rng.below(900) + 10).unwrap(),
            1..=4 => out.push_str(rng.pick::<&str>(topic)),
            _ => out.push_str(rng.pick::<&str>(&COMMON)),
        }
    }
    out + "。"
}

/// Writes `stories` stories under `out`, one article a file, several on each topic; about a
/// third printed once, the others by 2–5 papers. Every printing after the first has a new
/// headline, and, by chance, a paragraph dropped or moved and its lead rewritten; 5 % of its
/// characters are replaced by others. Files go to `OUT/<paper alias>/sNNN-K.txt`.
pub fn generate(out: &Path, stories: usize, seed: u64) -> std::io::Result<Truth> {
    let mut rng = Rng::new(seed);
    let mut story_of = std::collections::BTreeMap::new();
    for story in 0..stories {
        let topic = TOPICS[story % TOPICS.len()];
        let paragraph =
            |rng: &mut Rng| -> String { (0..2 + rng.below(3)).map(|_| sentence(rng, topic)).collect() };
        let paragraphs: Vec<String> = (0..3 + rng.below(4)).map(|_| paragraph(&mut rng)).collect();
        let printings = if rng.below(3) == 0 { 1 } else { 2 + rng.below(4) };
        for k in 0..printings.min(PAPERS.len()) {
            let (alias, paper) = PAPERS[(story + k) % PAPERS.len()];
            let mut body = paragraphs.clone();
            if k > 0 {
                if body.len() > 3 && rng.below(2) == 0 {
                    body.remove(1 + rng.below(body.len() - 1));
                }
                if rng.below(2) == 0 {
                    let moved = body.remove(1);
                    body.push(moved);
                }
                if rng.below(3) == 0 {
                    body[0] = paragraph(&mut rng);
                }
            }
            let mut text = body.join("\n\n");
            if k > 0 {
                let chars: Vec<char> = text.chars().collect();
                let letters: Vec<char> = COMMON.concat().chars().collect();
                text = chars
                    .iter()
                    .map(|&c| match c {
                        '\n' | '。' => c,
                        _ if rng.below(20) == 0 => *rng.pick(&letters),
                        _ => c,
                    })
                    .collect();
            }
            let headline: String = (0..3).map(|_| *rng.pick(topic)).collect::<Vec<_>>().join("");
            let day = 1 + (story % 28) as u32 + k as u32;
            let page = format!(
                "{paper} 2023年5月{day}日\n\n{headline}见成效\n\n本报讯(记者 {}) {text}\n",
                rng.pick(&NAMES)
            );
            let relative = format!("{alias}/s{story:03}-{k}.txt");
            std::fs::create_dir_all(out.join(alias))?;
            std::fs::write(out.join(&relative), page)?;
            story_of.insert(relative, story);
        }
    }
    Ok(Truth { story_of })
}

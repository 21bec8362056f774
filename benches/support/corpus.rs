//! The deterministic corpus generator shared by the `gencorpus` example and the criterion
//! `indexing` bench (`benches/pipeline.rs`): N MB of realistic pages and tables.
//!
//! Pages are made of the seeds' own sentences, headlines and names, so jieba sees real words:
//! several papers, bylines dated over four years, 3–8 articles a page, some pages hard-wrapped
//! at 18 characters, some files TSV tables built from the seed table's rows. Files go to
//! `OUT/<paper alias>/<YYYY-MM-DD>/pNN.txt`. The same seed gives the same bytes.

use std::fmt::Write as _;
use std::path::Path;

use super::rng::Rng;

const SEEDS: [&str; 4] = [
    include_str!("../../seeds/000_fd35be6c5f40bf06.txt"),
    include_str!("../../seeds/001_51a4d49ad683df12.txt"),
    include_str!("../../seeds/002_426d0e80c1052dd2.txt"),
    include_str!("../../seeds/003_a294d773cf5f0a43.txt"),
];
const TABLE: &str = include_str!("../../seeds/004_d46b2bc31c3b0751.txt");
const PAPERS: [(&str, &str); 4] = [
    ("mdwb", "牡丹晚报"),
    ("hzrb", "菏泽日报"),
    ("zzrb", "枣庄日报"),
    ("dzrb", "大众日报"),
];
const NAMES: [&str; 12] = [
    "冯锴",
    "孟欣",
    "陈淑娅",
    "王海楠",
    "时苏建",
    "张慧",
    "马鹏超",
    "董传周",
    "王燕",
    "李萍",
    "郭卫东",
    "马琳",
];

/// Sentences (ending in `。`) of the seed pages, and the headline-like lines of the pages that
/// are not hard-wrapped.
fn vocabulary() -> (Vec<String>, Vec<String>) {
    let mut sentences = Vec::new();
    let mut headlines = Vec::new();
    for seed in SEEDS {
        let wrapped = seed.lines().filter(|l| l.chars().count() > 60).count() < 10;
        for block in seed.split("\n\n") {
            let joined: String = block.split_whitespace().collect();
            let chars = joined.chars().count();
            if !wrapped && (8..=40).contains(&chars) && !joined.contains(['。', '，', ',']) {
                headlines.push(joined.clone());
            }
            let whole = joined
                .split_inclusive('。')
                .filter(|s| s.ends_with('。') && s.chars().count() > 12 && !s.contains("本报"));
            sentences.extend(whole.map(str::to_string));
        }
    }
    (sentences, headlines)
}

fn article(rng: &mut Rng, words: &(Vec<String>, Vec<String>), paper: &str, date: (u32, u32, u32)) -> String {
    let (sentences, headlines) = words;
    let mut out = format!("{}\n\n", rng.pick(headlines));
    if rng.below(2) == 0 {
        let _ = write!(out, "{}\n\n", rng.pick(headlines));
    }
    let _ = write!(
        out,
        "本报讯({paper}全媒体记者 {}) {}月{}日，{}",
        rng.pick(&NAMES),
        date.1,
        date.2,
        rng.pick(sentences)
    );
    for _ in 0..2 + rng.below(6) {
        out.push_str("\n\n");
        for _ in 0..2 + rng.below(5) {
            out.push_str(rng.pick::<String>(sentences));
        }
    }
    let _ = write!(out, "今年是{}年。\n\n", date.0);
    out
}

/// Lines longer than `width` characters broken into lines of `width`.
fn hard_wrap(text: &str, width: usize) -> String {
    let lines = text.split('\n').map(|line| {
        let chars: Vec<char> = line.chars().collect();
        chars
            .chunks(width)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    });
    lines.collect::<Vec<_>>().join("\n")
}

fn table(rng: &mut Rng) -> String {
    let lines: Vec<&str> = TABLE.lines().filter(|l| l.contains('\t')).collect();
    let (header, rows) = (lines[0], &lines[1..]);
    let mut out = format!(
        "菏泽市人民政府{}年经济社会发展责任目标工作推进情况一览表\n\n{header}\n",
        2021 + rng.below(4)
    );
    for _ in 0..20 + rng.below(40) {
        out.push_str(rng.pick::<&str>(rows));
        out.push('\n');
    }
    out
}

/// Writes about `mb` MiB of pages under `out` from `seed`: the number of files and bytes written.
pub fn generate(out: &Path, mb: f64, seed: u64) -> std::io::Result<(usize, usize)> {
    let mut rng = Rng::new(seed);
    let words = vocabulary();
    let target = (mb * 1024.0 * 1024.0) as usize;
    let (mut written, mut files) = (0, 0);
    while written < target {
        let (alias, paper) = *rng.pick(&PAPERS);
        let date = (
            2021 + rng.below(4) as u32,
            1 + rng.below(12) as u32,
            1 + rng.below(28) as u32,
        );
        let folder = out
            .join(alias)
            .join(format!("{:04}-{:02}-{:02}", date.0, date.1, date.2));
        let text = if rng.below(20) == 0 {
            table(&mut rng)
        } else {
            let page: String = (0..3 + rng.below(6))
                .map(|_| article(&mut rng, &words, paper, date))
                .collect();
            if rng.below(10) == 0 {
                hard_wrap(&page, 18)
            } else {
                page
            }
        };
        std::fs::create_dir_all(&folder)?;
        std::fs::write(folder.join(format!("p{files:05}.txt")), &text)?;
        written += text.len();
        files += 1;
    }
    Ok((files, written))
}

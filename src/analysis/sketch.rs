//! Normalized text → a MinHash sketch of its character shingles, and the similarity of two
//! sketches: how reprints of one story are told apart from other stories on its topic.
//!
//! The text's letters, digits and Han characters (punctuation and spaces dropped, so a
//! re-punctuated copy looks the same) are cut into overlapping shingles of [`SHINGLE`]
//! characters. One-permutation MinHash: each shingle's 64-bit hash picks one of [`BINS`] bins
//! by its top bits and competes for that bin's minimum with the rest; a bin no shingle fell
//! into borrows the minimum of the next filled bin, rehashed with the distance (rotation
//! densification), so that short texts are compared on every bin. The share of bins two
//! sketches agree on estimates the Jaccard similarity of their shingle sets; 16 bits of each
//! minimum are kept, so unrelated bins agree by chance once in 65,536.

/// Characters per shingle.
pub const SHINGLE: usize = 3;
/// Bins of a sketch.
pub const BINS: usize = 64;
/// 64-bit words a sketch is stored in.
pub const WORDS: usize = BINS / 4;
/// Texts with fewer letters, digits and Han characters get no sketch: too short to tell a
/// reprint from a common phrase.
pub const MIN_CHARS: usize = 60;

/// The sketch of one text: a 16-bit minimum per bin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sketch(pub [u16; BINS]);

impl Sketch {
    /// The sketch of normalized `text`, or `None` when it holds fewer than [`MIN_CHARS`]
    /// letters, digits and Han characters.
    pub fn of(text: &str) -> Option<Sketch> {
        let mut mins = [u64::MAX; BINS];
        // The last SHINGLE characters, packed 21 bits each (every char fits).
        let mut window = 0u64;
        let mut count = 0;
        for c in text.chars().filter(|&c| counted(c)) {
            window = (window << 21 | c as u64) & ((1 << (21 * SHINGLE)) - 1);
            count += 1;
            if count >= SHINGLE {
                let hash = (0..SHINGLE).rev().fold(0xcbf2_9ce4_8422_2325_u64, |h, k| {
                    mix(h ^ (window >> (21 * k) & 0x1f_ffff))
                });
                let bin = (hash >> (64 - BINS.trailing_zeros())) as usize;
                mins[bin] = mins[bin].min(hash & (u64::MAX >> BINS.trailing_zeros()));
            }
        }
        if count < MIN_CHARS {
            return None;
        }
        let mut out = [0u16; BINS];
        for (bin, slot) in out.iter_mut().enumerate() {
            let (distance, min) = (0..BINS)
                .map(|step| (step as u64, mins[(bin + step) % BINS]))
                .find(|&(_, min)| min != u64::MAX)
                .expect("a text of MIN_CHARS characters fills a bin");
            let value = if distance == 0 { min } else { mix(min ^ distance) };
            *slot = value as u16;
        }
        Some(Sketch(out))
    }

    /// The share of bins on which `self` and `other` agree: about the Jaccard similarity of
    /// the two texts' shingle sets.
    pub fn similarity(&self, other: &Sketch) -> f32 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f32 / BINS as f32
    }

    /// The sketch as [`WORDS`] 64-bit words, four bins a word, for numeric fast fields.
    pub fn to_words(&self) -> [u64; WORDS] {
        let mut out = [0u64; WORDS];
        for (word, bins) in out.iter_mut().zip(self.0.chunks_exact(4)) {
            *word = bins.iter().fold(0, |w, &bin| w << 16 | u64::from(bin));
        }
        out
    }

    /// The sketch [`Sketch::to_words`] wrote.
    pub fn from_words(words: &[u64; WORDS]) -> Sketch {
        let mut out = [0u16; BINS];
        for (bins, &word) in out.chunks_exact_mut(4).zip(words) {
            for (k, bin) in bins.iter_mut().enumerate() {
                *bin = (word >> (16 * (3 - k))) as u16;
            }
        }
        Sketch(out)
    }
}

/// Whether `c` is a letter, a digit or a Han character: the common Han block and ASCII
/// answered at once, the rest by Unicode's tables.
fn counted(c: char) -> bool {
    match c {
        '\u{4e00}'..='\u{9fff}' => true,
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        _ => c.is_alphanumeric(),
    }
}

/// A 64-bit mixer (the finalizer of SplitMix64): every input bit moves every output bit.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "全市城管工作会议在市城市管理局召开会议回顾总结过去五年工作安排部署今后五年特别是今年重点工作会议要求全市城管系统要坚持以人民为中心的发展思想聚焦群众关心的停车难问题持续推进背街小巷整治";
    const OTHER: &str = "市住房和城乡建设局召开老旧小区改造推进会听取各区县进展情况汇报会议强调要把老旧小区改造作为重要民生工程统筹推进加装电梯管网更新和绿化提升确保年底前完成改造任务让群众住得更舒心";

    #[test]
    fn a_reprint_is_close_and_another_story_is_far() {
        let story = Sketch::of(STORY).unwrap();
        // Punctuation added, one sentence changed at the end: a reprint.
        let reprint = STORY
            .replace("会议要求", "，会议要求：")
            .replace("背街小巷整治", "背街小巷环境整治提升");
        assert!(story.similarity(&Sketch::of(&reprint).unwrap()) > 0.6);
        assert!(story.similarity(&Sketch::of(OTHER).unwrap()) < 0.2);
        assert_eq!(story.similarity(&story), 1.0);
    }

    #[test]
    fn short_texts_get_no_sketch_and_words_round_trip() {
        assert_eq!(Sketch::of("城管工作会议召开"), None);
        let sketch = Sketch::of(OTHER).unwrap();
        assert_eq!(Sketch::from_words(&sketch.to_words()), sketch);
    }
}

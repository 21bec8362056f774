//! Reporters: every name in a byline, staff reporters and correspondents alike.

/// Names in `byline`: the words after a role (`记者`, `通讯员`, `牡丹晚报全媒体记者`), with
/// a photo credit's `摄` removed; a bare photo credit (`王五 摄`) names its photographer.
pub fn names(byline: &str) -> Vec<String> {
    let inner = byline
        .split_once(['(', '（'])
        .map_or(byline, |(_, rest)| rest.trim_end_matches([')', '）']));
    if let Some(photographer) = inner.strip_suffix('摄').map(str::trim).filter(|n| is_name(n)) {
        return vec![photographer.to_string()];
    }
    let mut names = Vec::new();
    let mut after_role = false;
    for word in inner.split(|c: char| c.is_whitespace() || c == '、') {
        let word = word.trim_start_matches('□').trim_end_matches('摄');
        if word.ends_with("记者") || word.ends_with("通讯员") || word == "实习生" {
            after_role = true;
        } else if after_role && is_name(word) {
            names.push(word.to_string());
        }
    }
    names
}

/// Two to four Han characters.
fn is_name(word: &str) -> bool {
    (2..=4).contains(&word.chars().count()) && word.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byline_variants() {
        let cases: [(&str, &[&str]); 8] = [
            ("王五 摄", &["王五"]),
            ("王五摄", &["王五"]),
            (
                "本报讯(记者 王燕 通讯员 王传峰 曹红立)",
                &["王燕", "王传峰", "曹红立"],
            ),
            ("本报讯(牡丹晚报全媒体记者 冯锴)", &["冯锴"]),
            ("记者 王海楠", &["王海楠"]),
            ("记者 付凤臣摄", &["付凤臣"]),
            ("□记者 张品", &["张品"]),
            ("本报讯(通讯员 邵赛娜 邵刚 陈晨)", &["邵赛娜", "邵刚", "陈晨"]),
        ];
        for (byline, want) in cases {
            assert_eq!(names(byline), want, "{byline}");
        }
    }
}

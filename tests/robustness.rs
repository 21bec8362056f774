//! The same seeds, damaged the ways real exports are, give the same documents: re-encoded as
//! GBK, with CRLF line ends, re-wrapped at 16 and 24 characters a line, or with an e-paper
//! header line added. Compared: kind, title and normalized body of every document, in order.

use baokan::analysis::normalize_str;
use baokan::ingest::{ingest, Ingested, Source};

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");

/// Every seed file: (name, text).
fn seeds() -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(SEEDS)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let read = |p: &std::path::Path| {
        (
            p.file_name().unwrap().to_string_lossy().into_owned(),
            std::fs::read_to_string(p).unwrap(),
        )
    };
    files.iter().map(|p| read(p)).collect()
}

/// What must not change: (kind, title, normalized body) of each document of `bytes`.
fn essence(name: &str, bytes: &[u8]) -> Vec<(String, String, String)> {
    documents(name, bytes)
        .documents
        .into_iter()
        .map(|d| (d.kind.as_str().to_string(), d.title, normalize_str(&d.body)))
        .collect()
}

/// The documents of a file named `name` holding `bytes`, without sidecars.
fn documents(name: &str, bytes: &[u8]) -> Ingested {
    ingest(&Source::named(name, name), bytes).expect("text")
}

/// Every line longer than `width` characters broken into lines of `width`.
fn rewrap(text: &str, width: usize) -> String {
    let lines = text.split('\n').map(|line| {
        let chars: Vec<char> = line.chars().collect();
        chars
            .chunks(width.max(1))
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    });
    lines.collect::<Vec<_>>().join("\n")
}

fn assert_same(
    name: &str,
    variant: &str,
    original: &[(String, String, String)],
    damaged: &[(String, String, String)],
) {
    assert_eq!(original.len(), damaged.len(), "{name} {variant}: document count");
    for (a, b) in original.iter().zip(damaged) {
        assert_eq!(a, b, "{name} {variant}");
    }
}

#[test]
fn encodings_and_line_ends_do_not_change_documents() {
    for (name, text) in seeds() {
        let original = essence(&name, text.as_bytes());
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
        assert!(!unmappable, "{name} fits in GBK");
        assert_same(&name, "GBK", &original, &essence(&name, &gbk));
        assert_same(
            &name,
            "CRLF",
            &original,
            &essence(&name, text.replace('\n', "\r\n").as_bytes()),
        );
    }
}

#[test]
fn rewrapped_pages_give_the_same_articles() {
    for (name, text) in seeds().into_iter().filter(|(_, t)| !t.contains('\t')) {
        let original = essence(&name, text.as_bytes());
        for width in [16, 24] {
            let damaged = essence(&name, rewrap(&text, width).as_bytes());
            assert_same(&name, &format!("re-wrapped at {width}"), &original, &damaged);
        }
    }
}

#[test]
fn an_e_paper_header_dates_the_page_and_changes_nothing_else() {
    for (name, text) in seeds() {
        let original = essence(&name, text.as_bytes());
        let headed = format!("2023年05月12日 第A3版:今日牡丹区\n\n{text}");
        assert_same(
            &name,
            "with a header line",
            &original,
            &essence(&name, headed.as_bytes()),
        );
        let dated = documents(&name, headed.as_bytes()).documents;
        if !text.contains('\t') {
            assert!(
                dated.iter().all(|d| d.date.as_deref() == Some("2023-05-12")),
                "{name}: every piece takes the page date"
            );
            assert!(dated.iter().all(|d| d.date_source.as_deref() == Some("page")));
        }
    }
}

#[test]
fn sidecars_outrank_the_text_and_are_not_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let folder = corpus.join("issue");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(format!("{SEEDS}/000_fd35be6c5f40bf06.txt"), folder.join("a3.txt")).unwrap();
    std::fs::copy(format!("{SEEDS}/000_fd35be6c5f40bf06.txt"), folder.join("b4.txt")).unwrap();
    std::fs::write(
        corpus.join("baokan.toml"),
        "paper = \"hzrb\"\nregion = \"曹县\"\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("a3.meta.json"),
        r#"{"date": "2023-03-09", "paper": "大众日报"}"#,
    )
    .unwrap();
    let index = dir.path().join("idx");
    let summary = baokan::index::build(&corpus, &index).unwrap();
    assert_eq!(summary.files_indexed, 2);
    assert!(
        summary.files_skipped.is_empty(),
        "sidecars are not skipped files: {:?}",
        summary.files_skipped
    );
    let docs = baokan::index::open(&index).unwrap().all_documents().unwrap();
    let of = |file: &str| {
        docs.iter()
            .filter(move |d| d.path.ends_with(file))
            .collect::<Vec<_>>()
    };
    for doc in of("a3.txt") {
        assert_eq!(doc.paper.as_deref(), Some("大众日报"), "the file's sidecar wins");
        assert_eq!(
            (doc.date.as_deref(), doc.date_source.as_deref()),
            (Some("2023-03-09"), Some("sidecar"))
        );
        assert_eq!(
            doc.region.as_deref(),
            Some("曹县"),
            "the folder's baokan.toml fills the rest"
        );
    }
    for doc in of("b4.txt") {
        assert_eq!(doc.paper.as_deref(), Some("菏泽日报"));
        assert_eq!(doc.date_source.as_deref(), Some("text"));
    }
    assert_eq!(of("a3.txt").len(), 3);
}

#[test]
fn a_header_naming_the_paper_sets_it() {
    let text = std::fs::read_to_string(format!("{SEEDS}/002_426d0e80c1052dd2.txt")).unwrap();
    let headed = format!("大众日报 2023年04月24日 第A3版:要闻\n\n{text}");
    let docs = documents("002.txt", headed.as_bytes()).documents;
    assert_eq!(docs.len(), 11);
    assert!(
        docs.iter().all(|d| d.paper.as_deref() == Some("大众日报")),
        "the header outranks the bylines"
    );
    assert!(docs.iter().all(|d| d.date.as_deref() == Some("2023-04-24")));
}

#[test]
fn table_rows_carry_their_title_and_its_year() {
    let text = std::fs::read_to_string(format!("{SEEDS}/004_d46b2bc31c3b0751.txt")).unwrap();
    let docs = documents("004.txt", text.as_bytes()).documents;
    assert_eq!(docs.len(), 53);
    for doc in &docs {
        assert_eq!(
            doc.table_title.as_deref(),
            Some("菏泽市人民政府2023年经济社会发展责任目标三季度工作推进情况一览表")
        );
        assert_eq!(
            (doc.date.as_deref(), doc.date_text.as_deref()),
            (None, Some("2023年"))
        );
        assert_eq!(doc.date_precision, Some(baokan::document::DatePrecision::Year));
    }
}

#[test]
fn a_piece_naming_no_place_is_placed_at_its_papers_home() {
    let page =
        "全县召开冬季防火工作会议\n\n今日龙游讯 记者张三报道:12月25日下午,全县召开冬季防火工作会议。\n";
    let docs = documents("page.txt", page.as_bytes()).documents;
    let got: Vec<_> = docs
        .iter()
        .map(|d| (d.paper.as_deref(), d.region.as_deref(), d.province.as_deref()))
        .collect();
    assert_eq!(got, [(Some("今日龙游"), Some("龙游县"), Some("浙江省"))]);
}

#[test]
fn table_rows_dated_by_their_year_are_in_that_year() {
    let table = std::fs::read_to_string(format!("{SEEDS}/004_d46b2bc31c3b0751.txt")).unwrap();
    let dir = crate::util::Dir::with_page("table-year", &table);
    let all = dir.search(&["菏泽", "--kind", "table_row", "--facets", "-n", "1"]);
    assert!(all.total > 10, "the test needs many rows: {}", all.total);
    let years = all.facets.expect("asked for").year;
    assert_eq!(
        years.get("2023"),
        Some(&all.total),
        "the rows count in their year's facet"
    );
    for (range, total) in [
        (["--since", "2023"], all.total),
        (["--until", "2023"], all.total),
        (["--since", "2024"], 0),
        (["--until", "2022"], 0),
    ] {
        let mut args = vec!["菏泽", "--kind", "table_row", "-n", "1"];
        args.extend(range);
        assert_eq!(dir.search(&args).total, total, "{range:?}");
    }
}

#[test]
fn each_web_page_of_a_file_takes_its_own_header() {
    let pages = "2019-02-15 来源:某市日报\n\n某市召开全市安全生产工作会议\n\n会议强调，要压实安全生产责任。\n\n\
                 某州晚报 2021年6月3日 星期四\n\n某县启动夏季城市管理专项行动\n\n记者 张三 通讯员 李四\n\n6月2日，行动启动。\n\n\
                 日期:2022年8月22日\n\n某区召开防汛工作部署会\n\n会议要求做好防汛准备。\n";
    let dir = crate::util::Dir::with_page("headers", pages);
    let got: Vec<(String, Option<String>, Option<String>)> = dir
        .export()
        .into_iter()
        .map(|d| (d.title, d.date, d.paper))
        .collect();
    let want = [
        (
            "某市召开全市安全生产工作会议",
            Some("2019-02-15"),
            Some("某市日报"),
        ),
        (
            "某县启动夏季城市管理专项行动",
            Some("2021-06-03"),
            Some("某州晚报"),
        ),
        ("某区召开防汛工作部署会", Some("2022-08-22"), None),
    ];
    let want: Vec<(String, Option<String>, Option<String>)> = want
        .iter()
        .map(|(t, d, p)| (t.to_string(), d.map(str::to_string), p.map(str::to_string)))
        .collect();
    assert_eq!(
        got, want,
        "every page is dated and named by the header above it, none is a document"
    );
    let found = dir.search(&["城市管理", "--paper", "某州晚报"]);
    assert_eq!(
        found.total, 1,
        "a paper read from a header is accepted by --paper"
    );
}

#[test]
fn wire_copy_keeps_the_printing_paper_and_names_its_agency() {
    let page = "盐城晚报 2023年6月15日 星期四\n\n全国夏粮收购进度过半\n\n\
                新华社北京6月14日电(记者 张三)全国夏粮收购进度过半,收购价格总体平稳。\n\n\
                亭湖区启动夏季城市管理专项行动\n\n本报讯(记者 孙伟)近日,亭湖区城管局启动专项行动。\n";
    let dir = crate::util::Dir::with_page("wire", page);
    let got: Vec<_> = dir
        .export()
        .into_iter()
        .map(|d| (d.title, d.paper, d.source, d.reporters))
        .collect();
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        got,
        [
            (
                "全国夏粮收购进度过半".to_string(),
                some("盐城晚报"),
                some("新华社"),
                vec!["张三".to_string()]
            ),
            (
                "亭湖区启动夏季城市管理专项行动".to_string(),
                some("盐城晚报"),
                None,
                vec!["孙伟".to_string()]
            ),
        ]
    );
    let found = dir.search(&["夏粮"]);
    assert_eq!(found.hits[0].source.as_deref(), Some("新华社"));
}

#[test]
fn a_page_from_another_province_gets_its_regions_and_paper() {
    let page = "盐城晚报 2023年6月15日 星期四\n\n第A2版:要闻\n\n盐城市召开全市安全生产工作会议\n\n\
                本报讯(记者 李明 通讯员 王强)6月14日，盐城市召开全市安全生产工作会议。\n\n\
                亭湖区启动夏季城市管理专项行动\n\n本报讯(通讯员 赵丽 记者 孙伟)近日，亭湖区城管局启动专项行动。\n";
    let dir = crate::util::Dir::with_page("yancheng", page);
    let got: Vec<_> = dir
        .export()
        .into_iter()
        .map(|d| {
            (
                d.title,
                d.region,
                d.city,
                d.province,
                d.paper,
                d.date,
                d.reporters,
            )
        })
        .collect();
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        got,
        [
            (
                "盐城市召开全市安全生产工作会议".to_string(),
                some("盐城市"),
                some("盐城市"),
                some("江苏省"),
                some("盐城晚报"),
                some("2023-06-15"),
                vec!["李明".to_string(), "王强".to_string()]
            ),
            (
                "亭湖区启动夏季城市管理专项行动".to_string(),
                some("亭湖区"),
                some("盐城市"),
                some("江苏省"),
                some("盐城晚报"),
                some("2023-06-15"),
                vec!["赵丽".to_string(), "孙伟".to_string()]
            ),
        ]
    );
    let found = dir.search(&["城管局", "--paper", "盐城晚报"]);
    assert_eq!(
        found.total, 1,
        "the paper read from the masthead is accepted by --paper"
    );
    assert_eq!(found.hits[0].region_code.as_deref(), Some("320902"));
    for alias in ["ycwb", "YC_WB"] {
        let found = dir.search(&["城管局", "--paper", alias]);
        assert_eq!(
            found.total, 1,
            "the derived alias {alias} names the index's 盐城晚报"
        );
    }
    let run = dir
        .command(&["search", "城管局", "--paper", "菏泽日报", "--index", "idx"])
        .run()
        .error(2);
    run.check(
        run.stderr.contains("unknown paper '菏泽日报'") && run.stderr.contains("盐城晚报"),
        "a paper the index does not hold is an error listing the index's papers",
    );
    for (region, total) in [
        ("江苏省", 2),
        ("江苏", 2),
        ("盐城", 2),
        ("盐城市", 2),
        ("亭湖区", 1),
        ("320902", 1),
    ] {
        let found = dir.search(&["记者", "--region", region, "--facets"]);
        assert_eq!(found.total, total, "--region {region} takes in every place in it");
        let facets = found.facets.expect("asked for");
        assert_eq!(facets.province.get("江苏省"), Some(&total));
    }
    let run = dir
        .command(&["search", "记者", "--region", "山东省", "--index", "idx"])
        .run()
        .error(2);
    run.check(
        run.stderr.contains("山东省"),
        "a region no document lies in is a usage error naming it",
    );
}

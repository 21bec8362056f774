//! The search page as a person uses it: `baokan serve` on the seeds, driven in headless
//! Chromium over WebDriver (Debian's `chromium` and `chromium-driver`). It types `城管` and sees
//! the CLI's hits with `城管` lit, clicks a paper facet and a month bar and sees only their hits,
//! opens a document, pages forward, searches a Traditional query, and keeps the page's
//! screenshot in `target/tmp/search-page.png`; on a corpus with reprints, sees how often each
//! hit was reprinted and merges them with a click; and opens a `trend --svg` chart
//! (`trend.png`).
//!
//! Without `chromedriver` and `chromium` on the PATH the test says so on stderr and passes,
//! unless `BAOKAN_BROWSER=require` (as `.ci/run` sets it after installing them): then it fails.

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use crate::serve::Server;
use crate::util::{Dir, Results};

/// How long the page may take to show what a step waits for.
const PATIENCE: Duration = Duration::from_secs(15);

/// A running `chromedriver`, stopped when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    /// `chromedriver` on a free loopback port, once it accepts connections; `None` when this
    /// machine has no browser and the run does not require one.
    fn start() -> Option<Driver> {
        let installed = ["chromedriver", "chromium"].iter().all(|program| {
            Command::new(program)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        });
        if !installed {
            let required = std::env::var("BAOKAN_BROWSER").is_ok_and(|v| v == "require");
            assert!(
                !required,
                "BAOKAN_BROWSER=require but chromedriver or chromium is missing; install Debian's chromium and chromium-driver"
            );
            eprintln!("browser test skipped: no chromedriver and chromium on the PATH (apt-get install chromium chromium-driver)");
            return None;
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let driver = Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < PATIENCE,
                "chromedriver did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(driver)
    }

    /// A headless Chromium session with its own empty profile in `profile`.
    async fn session(&self, profile: &std::path::Path) -> Client {
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,1000",
            "--lang=zh-CN",
        ];
        let mut args: Vec<String> = args.map(String::from).into();
        args.push(format!("--user-data-dir={}", profile.display()));
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": { "args": args },
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!("an object")
        };
        ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&self.url)
            .await
            .expect("a Chromium session from chromedriver")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The page in a browser, with the hits the CLI gives to compare with.
struct Page<'a> {
    browser: Client,
    dir: &'a Dir,
}

impl Page<'_> {
    /// Waits until the status line says the page shows `expected`'s total, then returns the
    /// hits' titles as shown.
    async fn titles_once(&self, expected: &Results) -> Vec<String> {
        let total = format!("共 {} 条结果", expected.total);
        self.until(&format!("the status line saying {total}"), || async {
            self.text("#status").await.contains(&total)
        })
        .await;
        let mut titles = Vec::new();
        for title in self.all(".hit h2").await {
            titles.push(title.text().await.expect("a title"));
        }
        titles
    }

    /// Asserts that the page shows the hits of `search ARGS…` (their titles, in order).
    async fn shows(&self, args: &[&str]) -> Results {
        let expected = self.dir.search(args);
        let titles = self.titles_once(&expected).await;
        let wanted: Vec<&str> = expected.hits.iter().map(|h| h.title.as_str()).collect();
        assert_eq!(titles, wanted, "the page shows the hits of search {args:?}");
        expected
    }

    /// The texts of the elements `css` selects.
    async fn texts(&self, css: &str) -> Vec<String> {
        let mut out = Vec::new();
        for element in self.all(css).await {
            out.push(element.text().await.expect("an element's text"));
        }
        out
    }

    async fn text(&self, css: &str) -> String {
        self.browser
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .text()
            .await
            .expect("an element's text")
    }

    async fn all(&self, css: &str) -> Vec<Element> {
        self.browser
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
    }

    async fn click(&self, css: &str) {
        self.browser
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// The start page: an empty box, no filters.
    async fn open(&self, server: &Server) {
        let url = format!("http://{}/", server.addr);
        self.browser.goto(&url).await.expect("open the page");
    }

    /// Types `query` into the search box (replacing what it holds) and presses Enter.
    async fn search(&self, query: &str) {
        let search_box = self
            .browser
            .find(Locator::Css("#q"))
            .await
            .expect("the search box");
        search_box.clear().await.expect("clear the box");
        search_box
            .send_keys(&format!("{query}\u{E007}"))
            .await
            .expect("type into the box");
    }

    /// Waits until `ready` holds, failing with `what` after [`PATIENCE`].
    async fn until<F, Fut>(&self, what: &str, ready: F)
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let started = Instant::now();
        while !ready().await {
            assert!(started.elapsed() < PATIENCE, "the page never showed {what}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The search part of the page's address.
    async fn query_string(&self) -> String {
        let url = self.browser.current_url().await.expect("the address");
        url.query().unwrap_or_default().to_string()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_searches_narrows_reads_and_pages_in_a_real_browser() {
    let Some(driver) = Driver::start() else { return };
    let dir = Dir::seeded("browser");
    let server = Server::start(&dir);
    let profile = dir.join("chromium-profile");
    let page = Page {
        browser: driver.session(&profile).await,
        dir: &dir,
    };
    page.open(&server).await;

    // Type 城管, Enter: the CLI's hits in its order, 城管 lit in every snippet.
    page.search("城管").await;
    let found = page.shows(&["城管", "-n", "10"]).await;
    let snippets = page.all(".hit .snippet").await;
    assert_eq!(snippets.len(), found.hits.len());
    for snippet in &snippets {
        let marks = snippet.find_all(Locator::Css("mark")).await.expect("marks");
        assert!(!marks.is_empty(), "every snippet lights 城管");
        for mark in marks {
            assert_eq!(mark.text().await.unwrap(), "城管");
        }
    }
    assert!(
        page.query_string().await.contains("q=%E5%9F%8E%E7%AE%A1"),
        "the query is in the address"
    );
    let shot = page.browser.screenshot().await.expect("a screenshot");
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("search-page.png");
    std::fs::write(&path, &shot).expect("write the screenshot");
    assert!(shot.starts_with(b"\x89PNG"), "the screenshot is a PNG");

    // A paper facet: only that paper's hits, as `--paper` gives them.
    let facet = page.all("[data-facet=paper]").await.remove(0);
    let paper = facet.attr("data-value").await.unwrap().expect("a paper");
    facet.click().await.expect("click the paper");
    let narrowed = page.shows(&["城管", "-n", "10", "--paper", &paper]).await;
    assert!(narrowed.total < found.total, "{paper} narrows {}", found.total);
    for meta in page.texts(".hit .meta").await {
        assert!(meta.contains(&paper), "{meta} is of {paper}");
    }

    // A document: the whole text, 城管 lit, its source path and lines.
    page.click(".hit h2 a").await;
    page.until("the document", || async {
        page.text("#doctext").await.contains(&narrowed.hits[0].path)
    })
    .await;
    let first = &narrowed.hits[0];
    let doc = page.text("#doctext").await;
    assert!(doc.starts_with(&first.title), "{doc}");
    assert!(
        doc.contains(&format!("{}:{}", first.path, first.lines[0])),
        "{doc}"
    );
    assert!(page.texts("#doctext mark").await.iter().all(|m| m == "城管"));
    assert!(
        !page.texts("#doctext mark").await.is_empty(),
        "the document lights 城管"
    );
    page.click("#close").await;

    // Page forward on a query with more than one page (from the start page: filters stay on
    // for a new query typed in the box).
    page.open(&server).await;
    page.search("菏泽").await;
    let first_page = page.shows(&["菏泽", "-n", "10"]).await;
    assert!(first_page.total > 10, "菏泽 has a second page");
    page.click("[data-offset]").await;
    page.until("the second page", || async {
        page.text("#status").await.contains("第 11–")
    })
    .await;
    page.shows(&["菏泽", "-n", "10", "--offset", "10"]).await;
    assert!(page.query_string().await.contains("offset=10"));

    // A month bar: that month's hits, as --since/--until give them.
    page.open(&server).await;
    page.search("菏泽").await;
    page.shows(&["菏泽", "-n", "10"]).await;
    let bars = page.all("#months a").await;
    let mut bar = None;
    for candidate in bars {
        if candidate
            .attr("title")
            .await
            .unwrap()
            .is_some_and(|t| !t.ends_with("：0 条"))
        {
            bar = Some(candidate);
            break;
        }
    }
    let bar = bar.expect("a month with hits");
    let month = bar.attr("data-value").await.unwrap().expect("a month");
    bar.click().await.expect("click the month");
    let in_month = page
        .shows(&["菏泽", "-n", "10", "--since", &month, "--until", &month])
        .await;
    assert!(in_month.total > 0 && in_month.total < first_page.total);

    // A Traditional query finds and lights what the Simplified one does.
    page.open(&server).await;
    page.search("營商環境").await;
    page.shows(&["营商环境", "-n", "10"]).await;
    let marks = page.texts(".hit mark").await;
    assert!(!marks.is_empty(), "营商环境 is lit");
    assert!(marks.iter().all(|m| m == "营商环境"), "{marks:?}");

    page.browser.close().await.expect("close the browser");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_trend_chart_opens_in_a_browser_with_a_line_per_series() {
    let Some(driver) = Driver::start() else { return };
    let dir = Dir::new("browser-trend");
    crate::trend::dated_pages(&dir);
    dir.command(&[
        "trend",
        "营商环境",
        ",",
        "城管",
        "--svg",
        "trend.svg",
        "--index",
        "idx",
    ])
    .run()
    .success();
    let browser = driver.session(&dir.join("chromium-profile")).await;
    let url = format!("file://{}", dir.join("trend.svg").display());
    browser.goto(&url).await.expect("open the chart");
    // The series' lines are 3 px wide; axes, ticks and the legend's keys are thinner.
    let lines = (browser.find_all(Locator::Css("polyline[stroke-width='3']")).await).expect("lines");
    assert_eq!(lines.len(), 2, "a line per series");
    for line in &lines {
        let (_, _, width, height) = line.rectangle().await.expect("a drawn line");
        assert!(
            width > 100.0 && height > 1.0,
            "the line is drawn across the chart: {width}×{height}"
        );
    }
    let mut labels = Vec::new();
    for text in browser.find_all(Locator::Css("text")).await.expect("labels") {
        labels.push(text.text().await.expect("a label"));
    }
    for key in ["营商环境", "城管", "篇数"] {
        assert!(
            labels.iter().any(|l| l.contains(key)),
            "the chart shows {key}: {labels:?}"
        );
    }
    let shot = browser.screenshot().await.expect("a screenshot");
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("trend.png");
    std::fs::write(path, shot).expect("write the screenshot");
    browser.close().await.expect("close the browser");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reprints_are_counted_and_merged_with_a_click() {
    let Some(driver) = Driver::start() else { return };
    let (dir, _) = crate::reprints::reprinted("browser-reprints");
    let server = Server::start(&dir);
    let page = Page {
        browser: driver.session(&dir.join("chromium-profile")).await,
        dir: &dir,
    };
    page.open(&server).await;
    page.search("推进").await;
    let all = page.shows(&["推进", "-n", "10"]).await;
    let expected: Vec<String> = (all.hits.iter())
        .filter(|h| h.reprints > 0)
        .map(|h| format!("另有 {} 处转载", h.reprints))
        .collect();
    assert!(!expected.is_empty(), "the first page holds reprinted stories");
    assert_eq!(page.texts(".hit .reprint").await, expected);

    page.click("#collapse").await;
    let collapsed = dir.search(&["推进", "-n", "10", "--collapse"]);
    let stories = format!("合并转载后 {} 篇稿件", collapsed.stories.expect("stories"));
    page.until(&stories, || async {
        page.text("#status").await.contains(&stories)
    })
    .await;
    page.shows(&["推进", "-n", "10", "--collapse"]).await;
    assert!(page.query_string().await.contains("collapse=true"));
}

//! `baokan serve` as a script uses it: the real binary on an ephemeral loopback port, its
//! answers compared with the CLI's JSON on the seeds (queries, filters, paging, errors,
//! documents, stats), a new generation answered without a restart, SIGTERM obeyed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use crate::util::Dir;

#[path = "../benches/support/http.rs"]
mod http;

/// A running server, stopped when dropped.
pub struct Server {
    child: Child,
    /// `host:port` it listens on.
    pub addr: String,
}

impl Server {
    /// `baokan serve --index idx` in `dir` on an ephemeral loopback port.
    pub fn start(dir: &Dir) -> Server {
        Server::start_with(dir, &[])
    }

    /// A server started with `extra` arguments too.
    fn start_with(dir: &Dir, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_baokan"))
            .current_dir(dir.path())
            .env_remove("BAOKAN_INDEX")
            .args(["serve", "--index", "idx", "--addr", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start baokan serve");
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().expect("stdout"))
            .read_line(&mut line)
            .expect("the line saying where it listens");
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        Server { child, addr }
    }

    /// `GET path` (its query already percent-encoded): status and body.
    fn get(&self, path: &str) -> (u16, String) {
        let (status, _, body) = self.get_with_head(path);
        (status, body)
    }

    /// `GET path`: status, head and body.
    fn get_with_head(&self, path: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("read the answer");
        let (head, body) = answer.split_once("\r\n\r\n").expect("head and body");
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status");
        let expected = if path == "/" {
            "text/html"
        } else {
            "application/json"
        };
        assert!(head.contains(expected), "{head}");
        (status, head.to_lowercase(), body.to_string())
    }

    /// `GET /api/search` with `params` (encoded here).
    fn search(&self, params: &[(&str, &str)]) -> (u16, Value) {
        let (status, body) = self.get_params("/api/search", params);
        (status, serde_json::from_str(&body).expect("a JSON answer"))
    }

    /// `GET path?params` (percent-encoded here): status and body.
    fn get_params(&self, path: &str, params: &[(&str, &str)]) -> (u16, String) {
        let query: Vec<String> = params
            .iter()
            .map(|(k, v)| format!("{k}={}", http::encode(v)))
            .collect();
        self.get(&format!("{path}?{}", query.join("&")))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Query parameters, in order.
type Params<'a> = &'a [(&'a str, &'a str)];

/// A search's JSON without its timing.
fn untimed(mut value: Value) -> Value {
    value.as_object_mut().expect("an object").remove("took_ms");
    value
}

#[test]
fn the_api_answers_as_the_cli() {
    let dir = Dir::seeded("serve");
    let server = Server::start(&dir);
    let cases: &[(Params, &[&str])] = &[
        (&[("q", "城管")], &["城管"]),
        (
            &[("q", "城市 管理"), ("limit", "3"), ("offset", "2")],
            &["城市", "管理", "--limit", "3", "--offset", "2"],
        ),
        (
            &[
                ("q", "城管"),
                ("paper", "mdwb"),
                ("paper", "菏泽日报"),
                ("facets", "true"),
            ],
            &["城管", "--paper", "mdwb", "--paper", "菏泽日报", "--facets"],
        ),
        (
            &[
                ("q", "发展"),
                ("since", "2023-03"),
                ("until", "2023-12"),
                ("kind", "table_row"),
                ("sort", "newest"),
            ],
            &[
                "发展",
                "--since",
                "2023-03",
                "--until",
                "2023-12",
                "--kind",
                "table_row",
                "--sort",
                "newest",
            ],
        ),
        (
            &[("q", "城管 -停车"), ("region", "菏泽市"), ("explain", "1")],
            &["--region", "菏泽市", "--explain", "--", "城管", "-停车"],
        ),
        (&[("q", "高速公路 建设 进度")], &["高速公路", "建设", "进度"]),
        (
            &[("q", "高速公路 建设 进度"), ("strict", "true")],
            &["高速公路", "建设", "进度", "--strict"],
        ),
        (&[("q", "住建局"), ("exact", "true")], &["住建局", "--exact"]),
    ];
    for (params, args) in cases {
        let (status, api) = server.search(params);
        assert_eq!(status, 200, "{params:?}: {api}");
        let cli: Value = dir
            .command(&[&["search", "--index", "idx", "--json"], *args].concat())
            .run()
            .success()
            .json();
        assert_eq!(untimed(api), untimed(cli), "{params:?}");
    }

    let id = dir.search(&["城管"]).hits[0].id.clone();
    let (status, body) = server.get(&format!("/api/documents/{id}"));
    let shown = dir
        .command(&["show", &id, "--index", "idx", "--json"])
        .run()
        .success()
        .stdout;
    assert_eq!((status, body.trim()), (200, shown.trim()));
    let (status, body) = server.get(&format!("/api/documents/{id}?q={}", http::encode("城管 OR 停車")));
    let lit = dir
        .command(&["show", &id, "--query", "城管 OR 停車", "--index", "idx", "--json"])
        .run()
        .success()
        .stdout;
    assert_eq!((status, body.trim()), (200, lit.trim()));
    assert!(lit.contains("\"body_highlights\":[["), "{lit}");
    let (status, page) = server.get("/");
    assert_eq!(status, 200);
    for needed in [
        "<input id=\"q\"",
        "/api/search?",
        "/api/documents/",
        "history.pushState",
    ] {
        assert!(page.contains(needed), "the page lacks {needed}");
    }
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "the page loads nothing from elsewhere"
    );
    for params in [
        &[("q", "菏泽"), ("by", "year")][..],
        &[("q", "菏泽 , 城管"), ("split", "paper"), ("since", "2022")],
    ] {
        let (status, api) = server.get_params("/api/trend", params);
        let mut args: Vec<String> = ["trend", "--index", "idx", "--json"].map(String::from).into();
        for (key, value) in &params[1..] {
            args.extend([format!("--{key}"), value.to_string()]);
        }
        args.push("--".into());
        args.extend(params[0].1.split_whitespace().map(String::from));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let cli = dir.command(&args).run().success().stdout;
        assert_eq!((status, api.trim()), (200, cli.trim()), "{params:?}");
    }
    let (status, error) = server.get_params("/api/trend", &[("q", "菏泽"), ("by", "decade")]);
    assert!(status == 400 && error.contains("bad_query"), "{error}");
    let (status, body) = server.get("/api/stats");
    let stats = dir
        .command(&["stats", "--index", "idx", "--json"])
        .run()
        .success()
        .stdout;
    assert_eq!((status, body.trim()), (200, stats.trim()));
}

#[test]
fn errors_are_the_clis_with_an_http_status() {
    let dir = Dir::seeded("serve-errors");
    let server = Server::start(&dir);
    for (params, args) in [
        (&[("q", "(城管")][..], &["(城管"][..]),
        (
            &[("q", "城管"), ("paper", "不存在晚报")],
            &["城管", "--paper", "不存在晚报"],
        ),
        (
            &[("q", "城管"), ("since", "2024"), ("until", "2023")],
            &["城管", "--since", "2024", "--until", "2023"],
        ),
    ] {
        let (status, error) = server.search(params);
        let cli = dir
            .command(&[&["search", "--index", "idx"], args].concat())
            .run()
            .error(2);
        assert_eq!(status, 400, "{params:?}");
        assert_eq!(error["code"], "bad_query");
        let message = cli.stderr.trim().trim_start_matches("baokan: ");
        assert_eq!(error["error"], message, "{params:?}");
    }
    for params in [
        &[("q", "城管"), ("limit", "100000")][..],
        &[("q", "城管"), ("colour", "red")],
        &[("limit", "3")],
        &[("q", "城管"), ("strict", "maybe")],
        &[("q", "城管"), ("sort", "sideways")],
    ] {
        let (status, error) = server.search(params);
        assert_eq!(
            (status, error["code"].as_str()),
            (400, Some("bad_query")),
            "{params:?}: {error}"
        );
        assert!(!error["error"].as_str().unwrap_or_default().is_empty());
    }
    let (status, body) = server.get("/api/search?q=".to_string().as_str());
    assert_eq!(status, 400, "{body}");
    let long = "城".repeat(1001);
    assert_eq!(server.search(&[("q", &long)]).0, 400);
    assert_eq!(server.get("/api/documents/no-such-id").0, 404);
    let id = dir.search(&["城管"]).hits[0].id.clone();
    let q = http::encode("(城管");
    for bad in [format!("q={q}"), "colour=red".into(), format!("q={q}&q={q}")] {
        let (status, error) = server.get(&format!("/api/documents/{id}?{bad}"));
        assert!(
            status == 400 && error.contains("bad_query"),
            "{bad}: {status} {error}"
        );
    }
    assert_eq!(server.get("/etc/passwd").0, 404);
    assert_eq!(server.get("/api/../../etc/passwd").0, 404);
}

#[test]
fn a_new_generation_is_answered_without_a_restart_and_sigterm_stops_it() {
    let dir = Dir::new("serve-fresh");
    dir.create(
        "corpus/a.txt",
        "全市城管工作会议召开\n\n本报讯(记者 王明)全市城管工作会议召开。\n",
    );
    dir.command(&["index", "corpus", "--index", "idx", "-q"])
        .run()
        .success();
    let mut server = Server::start(&dir);
    assert_eq!(server.search(&[("q", "城管")]).1["total"], 1);
    dir.create(
        "corpus/b.txt",
        "城管队员清理小广告\n\n本报讯(记者 李华)城管队员清理小广告。\n",
    );
    dir.command(&["index", "corpus", "--index", "idx", "-q"])
        .run()
        .success();
    assert_eq!(
        server.search(&[("q", "城管")]).1["total"],
        2,
        "the new generation"
    );

    let pid = server.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let status = server.child.wait().expect("the server exits");
    assert!(status.success(), "SIGTERM stops it cleanly: {status:?}");
}

#[test]
fn cross_origin_calls_only_from_the_origin_given() {
    let dir = Dir::seeded("serve-cors");
    let closed = Server::start(&dir);
    let (_, head, _) = closed.get_with_head("/api/stats");
    assert!(!head.contains("access-control-allow-origin"), "{head}");
    let open = Server::start_with(&dir, &["--cors", "https://example.org"]);
    let (status, head, _) = open.get_with_head("/api/search?q=%E5%9F%8E%E7%AE%A1");
    assert_eq!(status, 200);
    assert!(
        head.contains("access-control-allow-origin: https://example.org"),
        "{head}"
    );
    dir.command(&["serve", "--index", "idx", "--cors", "bad\norigin"])
        .run()
        .error(2);
}

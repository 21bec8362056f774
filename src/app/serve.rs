//! HTTP requests → the commands' JSON (`baokan serve`): the CLI's contract over HTTP, and a
//! search page at `/` that calls it.
//!
//! `GET /api/search` turns its parameters into the arguments of `search --json` and runs that
//! very command, so the hits are byte for byte the CLI's and every bad parameter is refused
//! with the CLI's message; `GET /api/trend` likewise runs `trend --json`; `GET
//! /api/documents/{id}` answers as `show --json`, `GET /api/stats` as `stats --json`. Each request reads which generation is current and uses it,
//! opened once and kept (under the lease that keeps it alive while it is read) until the
//! index publishes another, so a server started before an `index` run answers from the new
//! generation once it is committed, without a restart. Errors are
//! `{"error", "code"}`: 400 `bad_query` for what exits 2 on the command line, 404
//! `not_found`, 503 `timeout` past [`TIMEOUT`], 500 `internal` for the rest. Read-only;
//! bounded queries and pages; no cross-origin header unless `--cors ORIGIN`; Ctrl-C or
//! SIGTERM stops it after the requests in flight.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use clap::Parser;

use super::{document_json, execute, index_dir, Stores};
use crate::cli::{Cli, IndexLocation, ServeArgs};
use crate::error::exit_code;
use crate::index::{self, Store};

/// The longest query accepted, in characters.
const MAX_QUERY_CHARS: usize = 1_000;
/// The most hits a page may ask for.
const MAX_LIMIT: usize = 1_000;
/// A request that takes longer is answered 503.
const TIMEOUT: Duration = Duration::from_secs(10);

/// What an endpoint that runs a command takes: the command, its parameters (each standing
/// for the flag of its name) and its switches (`true`, `1` or empty to turn on).
struct Endpoint {
    command: &'static str,
    flags: &'static [&'static str],
    switches: &'static [&'static str],
}

/// `/api/search`: `search --json`.
const SEARCH: Endpoint = Endpoint {
    command: "search",
    flags: &[
        "limit", "offset", "since", "until", "paper", "region", "kind", "sort",
    ],
    switches: &["exact", "strict", "facets", "explain", "collapse"],
};

/// `/api/trend`: `trend --json`.
const TREND: Endpoint = Endpoint {
    command: "trend",
    flags: &["by", "split", "since", "until", "paper", "region", "kind"],
    switches: &["exact"],
};

/// The server's index: the generation it read last, kept open (and leased) until the index
/// publishes another, so that a request does not open the index again.
#[derive(Default)]
struct Cache {
    current: Mutex<Option<(String, Arc<Store>)>>,
}

impl Stores for Cache {
    fn open(&self, location: &IndexLocation) -> anyhow::Result<Arc<Store>> {
        let dir = index_dir(location);
        let generation = index::pointer(&dir)?.generation;
        let mut current = self
            .current
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((open, store)) = current.as_ref() {
            if *open == generation {
                return Ok(store.clone());
            }
        }
        let store = Arc::new(index::open(&dir)?);
        *current = Some((generation, store.clone()));
        Ok(store)
    }
}

/// What the handlers share: the index folder and its open generation.
#[derive(Clone)]
struct Served {
    dir: PathBuf,
    cache: Arc<Cache>,
}

/// Serves the index of `args` until Ctrl-C or SIGTERM; says where it listens on `out`.
pub(super) fn run(args: &ServeArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let dir = index_dir(&args.location);
    let cache = Arc::new(Cache::default());
    cache.open(&args.location).context("cannot serve")?;
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let local = listener.local_addr()?;
        writeln!(
            out,
            "baokan: serving {} on http://{local}/ (Ctrl-C stops)",
            dir.display()
        )?;
        out.flush()?;
        let cors = args.cors.clone();
        let app = Router::new()
            .route("/", get(page))
            .route("/api/search", get(search))
            .route("/api/trend", get(trend))
            .route("/api/documents/{id}", get(document))
            .route("/api/stats", get(stats))
            .fallback(|| async {
                failure(
                    StatusCode::NOT_FOUND,
                    "not_found",
                    "no such endpoint; see the README",
                )
            })
            .with_state(Served { dir, cache })
            .layer(axum::middleware::map_response(move |mut response: Response| {
                if let Some(origin) = &cors {
                    response
                        .headers_mut()
                        .insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
                }
                std::future::ready(response)
            }));
        axum::serve(listener, app)
            .with_graceful_shutdown(stopped())
            .await
            .context("the server stopped")?;
        Ok(ExitCode::SUCCESS)
    })
}

/// Resolves on Ctrl-C or SIGTERM.
async fn stopped() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}

/// `GET /`: the search page (Chinese, served from the binary, no external resources), which
/// keeps its search in the URL and calls the API.
async fn page() -> Response {
    let html = include_str!("page.html");
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response()
}

/// `GET /api/search?q=…`: `search --json` with the parameters as its flags.
async fn search(State(served): State<Served>, Query(params): Query<Vec<(String, String)>>) -> Response {
    run_endpoint(&SEARCH, served, &params).await
}

/// `GET /api/trend?q=…`: `trend --json` with the parameters as its flags.
async fn trend(State(served): State<Served>, Query(params): Query<Vec<(String, String)>>) -> Response {
    run_endpoint(&TREND, served, &params).await
}

/// Runs the command `endpoint` stands for with `params` as its flags.
async fn run_endpoint(endpoint: &Endpoint, served: Served, params: &[(String, String)]) -> Response {
    let argv = match endpoint_argv(endpoint, &served.dir, params) {
        Ok(argv) => argv,
        Err(message) => return failure(StatusCode::BAD_REQUEST, "bad_query", &message),
    };
    command(argv, served.cache).await
}

/// `GET /api/documents/{id}[?q=QUERY]`: `show ID --json [--query QUERY]`.
async fn document(
    State(served): State<Served>,
    UrlPath(id): UrlPath<String>,
    Query(params): Query<Vec<(String, String)>>,
) -> Response {
    let query = match params.as_slice() {
        [] => None,
        [(key, q)] if key == "q" && q.chars().count() <= MAX_QUERY_CHARS => Some(q.clone()),
        [(key, _)] if key == "q" => {
            let message = format!("the query is longer than {MAX_QUERY_CHARS} characters");
            return failure(StatusCode::BAD_REQUEST, "bad_query", &message);
        }
        _ => {
            let message = "a document takes one parameter, q: the query whose matches to light";
            return failure(StatusCode::BAD_REQUEST, "bad_query", message);
        }
    };
    blocking(move || {
        let location = IndexLocation {
            index: Some(served.dir),
        };
        let store = served.cache.open(&location)?;
        store
            .find(&id)?
            .map(|doc| document_json(&doc, query.as_deref()))
            .transpose()
    })
    .await
    .map_or_else(
        |response| response,
        |found| match found {
            Some(body) => json_response(StatusCode::OK, body),
            None => failure(StatusCode::NOT_FOUND, "not_found", "no document with that id"),
        },
    )
}

/// `GET /api/stats`: `stats --json`.
async fn stats(State(served): State<Served>) -> Response {
    let argv = ["baokan", "stats", "--json", "--index"].map(OsString::from);
    let mut argv: Vec<OsString> = argv.into();
    argv.push(served.dir.into());
    command(argv, served.cache).await
}

/// The arguments of `endpoint`'s command (with `--json`) that `params` stand for, or why they
/// are refused.
fn endpoint_argv(
    endpoint: &Endpoint,
    dir: &std::path::Path,
    params: &[(String, String)],
) -> Result<Vec<OsString>, String> {
    let mut argv: Vec<OsString> = [
        "baokan",
        endpoint.command,
        "--json",
        "--color",
        "never",
        "--index",
    ]
    .map(OsString::from)
    .into();
    argv.push(dir.into());
    let mut query = None;
    for (key, value) in params {
        match key.as_str() {
            "q" if query.is_none() => query = Some(value.clone()),
            "q" => return Err("give q once".into()),
            "limit" if value.parse::<usize>().is_ok_and(|n| n > MAX_LIMIT) => {
                return Err(format!("limit is at most {MAX_LIMIT}"));
            }
            key if endpoint.flags.contains(&key) => argv.extend([format!("--{key}").into(), value.into()]),
            key if endpoint.switches.contains(&key) => match value.as_str() {
                "" | "1" | "true" => argv.push(format!("--{key}").into()),
                "0" | "false" => {}
                _ => return Err(format!("{key} is true or false, not '{value}'")),
            },
            other => {
                return Err(format!(
                    "unknown parameter '{other}'; see the README for the parameters"
                ))
            }
        }
    }
    let query = query.ok_or("missing q: the query, as `baokan search` reads it")?;
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(format!("the query is longer than {MAX_QUERY_CHARS} characters"));
    }
    argv.push("--".into());
    argv.extend(query.split_whitespace().map(OsString::from));
    Ok(argv)
}

/// Runs the command `argv` names on the served index and answers with what it prints, or its
/// error.
async fn command(argv: Vec<OsString>, cache: Arc<Cache>) -> Response {
    let answer = blocking(move || {
        let cli = match Cli::try_parse_from(argv) {
            Ok(cli) => cli,
            Err(err) => return Ok(Err(clap_message(&err))),
        };
        let mut body = Vec::new();
        execute(cli.command, &mut body, cache.as_ref())?;
        Ok(Ok(body))
    })
    .await;
    match answer {
        Ok(Ok(body)) => json_response(StatusCode::OK, body),
        Ok(Err(message)) => failure(StatusCode::BAD_REQUEST, "bad_query", &message),
        Err(response) => response,
    }
}

/// Runs `work` off the async threads, cut at [`TIMEOUT`]; an error is answered as the CLI
/// exits: a usage error 400, another 500.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
) -> Result<T, Response> {
    match tokio::time::timeout(TIMEOUT, tokio::task::spawn_blocking(work)).await {
        Err(_) => Err(failure(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            "the request took too long; narrow the query",
        )),
        Ok(Err(_)) => Err(failure(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the request failed",
        )),
        Ok(Ok(Err(err))) => {
            let message: Vec<String> = err.chain().map(ToString::to_string).collect();
            let message = message.join(": ").replace('\n', " ");
            Err(if exit_code(&err) == 2 {
                failure(StatusCode::BAD_REQUEST, "bad_query", &message)
            } else {
                failure(StatusCode::INTERNAL_SERVER_ERROR, "internal", &message)
            })
        }
        Ok(Ok(Ok(value))) => Ok(value),
    }
}

/// clap's error as one line, without its usage block (as the binary prints it).
fn clap_message(err: &clap::Error) -> String {
    let rendered = err.render().to_string();
    let first = rendered.lines().next().unwrap_or("bad parameters");
    first.trim_start_matches("error: ").to_string()
}

fn json_response(status: StatusCode, body: impl Into<axum::body::Body>) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body.into(),
    )
        .into_response()
}

/// An error answer: `{"error": message, "code": code}`.
fn failure(status: StatusCode, code: &str, message: &str) -> Response {
    let body = serde_json::json!({ "error": message, "code": code }).to_string();
    json_response(status, body)
}

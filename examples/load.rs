//! Load on a running `baokan serve`: CLIENTS threads, each on its own kept-alive connection,
//! send REQUESTS searches of the shared query mix (`benches/support/mix.rs`) round-robin.
//!
//! `cargo run --release --example load -- http://127.0.0.1:7700 [CLIENTS] [REQUESTS]`
//! (CLIENTS: 8, REQUESTS: 2000 each)
//!
//! Out: requests, failed requests (an answer other than 200 with a total), how many queries
//! saw their total change (a new generation published meanwhile), requests per second, and
//! p50, p99 and max latency in milliseconds. To measure under indexing, run `baokan index` on
//! the served index's corpus meanwhile.

use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use baokan::search::{Options, Sort};

#[path = "../benches/support/http.rs"]
mod http;
#[path = "../benches/support/mix.rs"]
mod mix;

/// One answer: which query of the mix, how long it took, its `total` (`None` when it failed).
type Answer = (usize, Duration, Option<u64>);

const USAGE: &str = "usage: load http://HOST:PORT [CLIENTS] [REQUESTS]";

fn main() {
    if let Err(err) = run() {
        eprintln!("load: {err:#}");
        std::process::exit(2);
    }
}

fn run() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(url) = args.first() else { bail!(USAGE) };
    let addr = url
        .strip_prefix("http://")
        .map(|rest| rest.trim_end_matches('/').to_string())
        .context(USAGE)?;
    let number = |i: usize, default: usize| -> anyhow::Result<usize> {
        args.get(i).map_or(Ok(default), |s| s.parse().context(USAGE))
    };
    let (clients, requests) = (number(1, 8)?, number(2, 2000)?);
    let paths: Vec<String> = mix::mix().iter().map(|(q, o)| path(q, o)).collect();

    let started = Instant::now();
    let results: Vec<anyhow::Result<Vec<Answer>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..clients)
            .map(|client| {
                let (addr, paths) = (&addr, &paths);
                scope.spawn(move || client_run(addr, paths, client, requests))
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a client thread"))
            .collect()
    });
    let elapsed = started.elapsed();

    let mut latencies = Vec::new();
    let mut totals: HashMap<usize, BTreeSet<u64>> = HashMap::new();
    let mut failed = 0;
    for result in results {
        for (query, latency, total) in result? {
            latencies.push(latency);
            match total {
                Some(total) => {
                    totals.entry(query).or_default().insert(total);
                }
                None => failed += 1,
            }
        }
    }
    let changed = totals.values().filter(|seen| seen.len() > 1).count();
    latencies.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at =
        |q: f64| ms(latencies[((latencies.len() as f64 * q).ceil() as usize).clamp(1, latencies.len()) - 1]);
    println!(
        "{} requests from {clients} clients in {:.2} s: {failed} failed, {changed} queries saw a new generation, {:.0} requests/s, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        at(0.50),
        at(0.99),
        ms(*latencies.last().expect("requests were made")),
    );
    Ok(())
}

/// The `/api/search` path of one query of the mix.
fn path(query: &str, options: &Options) -> String {
    let mut params = vec![("q", query.to_string()), ("limit", options.limit.to_string())];
    params.extend(options.papers.iter().map(|p| ("paper", p.clone())));
    if options.sort == Sort::Newest {
        params.push(("sort", "newest".into()));
    }
    let encoded: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{k}={}", http::encode(v)))
        .collect();
    format!("/api/search?{}", encoded.join("&"))
}

/// One client: `requests` requests over one connection, the mix round-robin from `client`'s
/// place in it; each answer's query, latency and `total` (`None` when it failed).
fn client_run(addr: &str, paths: &[String], client: usize, requests: usize) -> anyhow::Result<Vec<Answer>> {
    let stream = TcpStream::connect(addr).with_context(|| format!("cannot connect to {addr}"))?;
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    let mut out = Vec::with_capacity(requests);
    for n in 0..requests {
        let query = (client + n) % paths.len();
        let started = Instant::now();
        write!(writer, "GET {} HTTP/1.1\r\nHost: {addr}\r\n\r\n", paths[query])?;
        let (status, body) = answer(&mut reader)?;
        let latency = started.elapsed();
        let total = (status == 200)
            .then(|| serde_json::from_slice::<serde_json::Value>(&body).ok()?["total"].as_u64())
            .flatten();
        out.push((query, latency, total));
    }
    Ok(out)
}

/// Reads one HTTP/1.1 answer with a `content-length`: its status and body.
fn answer(reader: &mut BufReader<TcpStream>) -> anyhow::Result<(u16, Vec<u8>)> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let status: u16 = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .context("no status")?;
    let mut length = 0;
    loop {
        line.clear();
        reader.read_line(&mut line)?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse()?;
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok((status, body))
}

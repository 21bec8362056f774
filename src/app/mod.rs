//! Parsed arguments → the work of each command and its output; returns the exit code.
//! `serve` answers HTTP requests with the same commands.

mod serve;

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;

use crate::cli::{
    Cli, ColorChoice, Command, Filters, IndexArgs, IndexLocation, Reading, ReprintsArgs, SearchArgs,
    TrendArgs,
};
use crate::document::Document;
use crate::error::usage;
use crate::index::reprints::Member;
use crate::index::{self, Store};
use crate::output::progress::Bar;
use crate::output::{chart, json, sheet, text};
use crate::search::query::syntax;
use crate::search::{self, stats, Lit, Query, Synonyms};

/// The index folder used when neither `--index` nor `$BAOKAN_INDEX` is given.
const DEFAULT_INDEX: &str = "index";
/// The corpus a missing default index is built from.
const DEFAULT_CORPUS: &str = "seeds";

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    execute(cli.command, &mut std::io::stdout().lock(), &Fresh)
}

/// Where a command gets its index: opened for it (the command line), or a server's.
trait Stores {
    /// The current generation of the index at `location`.
    fn open(&self, location: &IndexLocation) -> anyhow::Result<Arc<Store>>;
}

/// Each command opens the index itself.
struct Fresh;

impl Stores for Fresh {
    fn open(&self, location: &IndexLocation) -> anyhow::Result<Arc<Store>> {
        Ok(Arc::new(index::open(&index_dir(location))?))
    }
}

/// Runs `command`, writing what it prints to `out` (stdout, or an HTTP answer's body), its
/// index opened by `stores`.
fn execute(command: Command, out: &mut impl Write, stores: &dyn Stores) -> anyhow::Result<ExitCode> {
    let open = |location: &IndexLocation| stores.open(location);
    match command {
        Command::Serve(args) => serve::run(&args, out),
        Command::Trend(args) => trend(&args, out, stores),
        Command::Reprints(args) => reprints(&args, out, stores),
        Command::Completions(args) => {
            let mut cli = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(args.shell, &mut cli, "baokan", out);
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Index(args) => index(&args, out),
        Command::Search(args) => search(&args, out, stores),
        Command::Show(args) => {
            let doc = open(&args.location)?.find(&args.id)?.ok_or_else(|| {
                anyhow::anyhow!(
                    "no document with id '{}'; ids are printed by `baokan search`",
                    args.id
                )
            })?;
            let shown = if args.json {
                document_json(&doc, args.query.as_deref())? + "\n"
            } else {
                let style = text::Style {
                    color: color(ColorChoice::Auto),
                };
                text::document(&doc, lit(&doc, args.query.as_deref())?.as_ref(), style)
            };
            out.write_all(shown.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats(args) => {
            let stats = stats::count(&*open(&args.location)?)?;
            let shown = if args.json {
                json::stats(&stats) + "\n"
            } else {
                text::stats(&stats)
            };
            out.write_all(shown.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export(args) => {
            if let Some(dir) = &args.opensearch {
                let to = index::opensearch::Export {
                    dir,
                    index: &args.index_name,
                    routing: args.routing,
                };
                let exported = index::opensearch::export(&*open(&args.location)?, &to)?;
                writeln!(out, "{}", text::exported(&exported))?;
                return Ok(ExitCode::SUCCESS);
            }
            for doc in open(&args.location)?.all_documents()? {
                writeln!(out, "{}", json::document(&doc))?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn index(args: &IndexArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let dir = index_dir(&args.location);
    // Without a CORPUS, an index is updated from the folder it was built from.
    let corpus = args.corpus.clone().unwrap_or_else(|| {
        index::recorded(&dir).map_or_else(|_| PathBuf::from(DEFAULT_CORPUS), |p| PathBuf::from(p.corpus))
    });
    let options = index::Options {
        rebuild: args.rebuild,
        max_file_bytes: args.max_file_mb.saturating_mul(1_000_000),
        ..index::Options::new(&corpus, &dir)
    };
    let summary = if args.quiet {
        index::run(&options, &mut ())?
    } else {
        index::run(&options, &mut Bar::default())?
    };
    if args.json {
        writeln!(out, "{}", json::summary(&summary))?;
    } else if !args.quiet {
        out.write_all(text::summary(&summary).as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `doc` as `show --json` prints it, with the matches of `query` when one is given.
fn document_json(doc: &Document, query: Option<&str>) -> anyhow::Result<String> {
    Ok(match lit(doc, query)? {
        Some(lit) => json::lit_document(doc, &lit),
        None => json::document(doc),
    })
}

/// Where the words of `query` (read with the built-in synonyms) stand in `doc`.
fn lit(doc: &Document, query: Option<&str>) -> anyhow::Result<Option<Lit>> {
    query
        .map(|text| Ok(Lit::new(doc, &parse(text, &Synonyms::built_in())?)))
        .transpose()
}

/// `text` read with the query syntax, a usage error when it is malformed.
fn parse(text: &str, synonyms: &Synonyms) -> anyhow::Result<Query> {
    let tree = syntax::parse(text).map_err(|e| usage(format!("bad query: {e}")))?;
    Ok(Query::new(tree, synonyms))
}

fn search(args: &SearchArgs, out: &mut impl Write, stores: &dyn Stores) -> anyhow::Result<ExitCode> {
    let query_text = args.query.join(" ");
    let query = parse(&query_text, &synonyms(&args.reading)?)?;
    let options = search::Options {
        limit: args.limit as usize,
        offset: args.offset as usize,
        sort: args.sort,
        facets: args.facets,
        strict: args.strict || args.reading.exact,
        explain: args.explain,
        collapse: args.collapse,
        ..selecting(&args.filters)?
    };
    if args.location.index.is_none() {
        prepare_default_index()?;
    }
    let store = stores.open(&args.location)?;
    if args.dsl {
        let body = search::dsl::dsl(&store, &query, &options)?;
        writeln!(out, "{}", serde_json::to_string_pretty(&body)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let results = search::search(&store, &query, &options)?;
    if let Some(path) = &args.xlsx {
        sheet::xlsx(&results, path)?;
        writeln!(
            out,
            "wrote {} of {} hits to {}",
            results.hits.len(),
            results.total,
            path.display()
        )?;
    } else if args.csv {
        out.write_all(sheet::csv(&results)?.as_bytes())?;
    } else if args.json {
        writeln!(out, "{}", json::results(&query_text, &results))?;
    } else if args.jsonl {
        for line in json::hit_lines(&results) {
            writeln!(out, "{line}")?;
        }
    } else {
        let style = text::Style {
            color: color(args.color),
        };
        out.write_all(text::results(&query_text, &results, options.offset, style).as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `trend`: the documents matching each query counted per period, as a chart, JSON or CSV,
/// and drawn into an SVG file when asked.
fn trend(args: &TrendArgs, out: &mut impl Write, stores: &dyn Stores) -> anyhow::Result<ExitCode> {
    let synonyms = synonyms(&args.reading)?;
    let written = args.query.join(" ");
    let queries = written
        .split([',', '，'])
        .map(|text| {
            let text = text.trim();
            if text.is_empty() {
                return Err(usage(
                    "an empty query before or after a comma; separate queries with ' , '",
                ));
            }
            Ok((text.to_string(), parse(text, &synonyms)?))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let options = selecting(&args.filters)?;
    let store = stores.open(&args.location)?;
    let trend = search::trend::trend(&store, &queries, &options, args.by, args.split)?;
    if let Some(path) = &args.svg {
        chart::svg(&trend, path)?;
        eprintln!(
            "baokan: drew {} series into {}",
            trend.series.len(),
            path.display()
        );
    }
    let shown = if args.json {
        json::trend(&written, &trend) + "\n"
    } else if args.csv {
        sheet::trend_csv(&trend)?
    } else {
        chart::text(
            &trend,
            text::Style {
                color: color(args.color),
            },
        )
    };
    out.write_all(shown.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// `reprints`: the groups of reprints, largest first, those printing a match of the query
/// when one is given, each printing with its document.
fn reprints(args: &ReprintsArgs, out: &mut impl Write, stores: &dyn Stores) -> anyhow::Result<ExitCode> {
    let store = stores.open(&args.location)?;
    let written = args.query.join(" ");
    let matching: Option<HashSet<u64>> = match written.trim() {
        "" => None,
        text => {
            let query = parse(text, &synonyms(&args.reading)?)?;
            let orders = search::matching_orders(&store, &query, &search::Options::default())?;
            Some(orders.into_iter().collect())
        }
    };
    let groups: Vec<&Vec<Member>> = (store.reprints()?.groups()?.iter())
        .filter(|g| {
            matching
                .as_ref()
                .is_none_or(|m| g.iter().any(|p| m.contains(&p.order)))
        })
        .collect();
    let mut shown = Vec::new();
    for group in groups.iter().take(args.limit as usize) {
        let documents = group
            .iter()
            .map(|member| {
                let id = member.id();
                store
                    .find(&id)?
                    .with_context(|| format!("the reprint {id} is not in the index; run `baokan index`"))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        shown.push(documents);
    }
    let printed = if args.json {
        json::reprints(&written, groups.len(), &shown) + "\n"
    } else {
        text::reprints(&written, groups.len(), &shown)
    };
    out.write_all(printed.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The options selecting what `filters` ask for; `--since` after `--until` is a usage error.
fn selecting(filters: &Filters) -> anyhow::Result<search::Options> {
    if let (Some(since), Some(until)) = (filters.since, filters.until) {
        if since > until {
            return Err(usage("--since is after --until: nothing can match"));
        }
    }
    Ok(search::Options {
        since: filters.since,
        until: filters.until,
        papers: filters.paper.clone(),
        regions: filters.region.clone(),
        kind: filters.kind,
        ..search::Options::default()
    })
}

/// The name table of a query: none with `--exact`, else the built-in one plus `--synonyms`.
fn synonyms(reading: &Reading) -> anyhow::Result<Synonyms> {
    if reading.exact {
        return Ok(Synonyms::default());
    }
    let mut table = Synonyms::built_in();
    if let Some(path) = &reading.synonyms {
        let shown = path.display();
        let text = std::fs::read_to_string(path)
            .map_err(|e| usage(format!("cannot read the synonyms file {shown}: {e}")))?;
        table.extend(Synonyms::parse(&text).map_err(|e| usage(format!("synonyms file {shown}: {e}")))?);
    }
    Ok(table)
}

/// Builds the default index when it is missing (from the default corpus) or of another
/// format (from the corpus it was built from, when that is still a folder), saying so on
/// stderr.
fn prepare_default_index() -> anyhow::Result<()> {
    let dir = Path::new(DEFAULT_INDEX);
    let corpus = match index::recorded(dir) {
        Ok(pointer) if pointer.current() => return Ok(()),
        Ok(pointer) if Path::new(&pointer.corpus).is_dir() => {
            eprintln!(
                "baokan: ./{DEFAULT_INDEX} has format {} of another baokan version; rebuilding it from {}",
                pointer.format, pointer.corpus
            );
            PathBuf::from(pointer.corpus)
        }
        // An old index whose corpus is gone, or an unreadable one: opening it says what to do.
        Ok(_) => return Ok(()),
        Err(_) if index::exists(dir) => return Ok(()),
        Err(_) => {
            let corpus = Path::new(DEFAULT_CORPUS);
            if !corpus.is_dir() {
                anyhow::bail!(
                    "no index at ./{DEFAULT_INDEX} and no ./{DEFAULT_CORPUS} folder to build it from; run `baokan index CORPUS`"
                );
            }
            eprintln!("baokan: no index yet; building ./{DEFAULT_INDEX} from ./{DEFAULT_CORPUS} (first run)");
            corpus.to_path_buf()
        }
    };
    let summary = index::build(&corpus, dir).context("building the default index failed")?;
    for line in text::summary(&summary).lines() {
        eprintln!("baokan: {line}");
    }
    Ok(())
}

fn index_dir(location: &IndexLocation) -> PathBuf {
    location
        .index
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX))
}

fn color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Never => false,
        ColorChoice::Always => true,
        ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

//! The `baokan` binary: parse → run → exit code. Errors print as one line on stderr.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match baokan::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) if !err.use_stderr() => {
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        Err(err) => {
            eprintln!(
                "baokan: {} (see `baokan --help`)",
                one_line(&err.render().to_string())
            );
            return ExitCode::from(2);
        }
    };
    match baokan::app::run(cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let chain: Vec<String> = err.chain().map(ToString::to_string).collect();
            eprintln!("baokan: {}", chain.join(": ").replace('\n', " "));
            ExitCode::from(baokan::error::exit_code(&err))
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

/// clap's multi-line message as one line: the error and its tip, without the usage block.
fn one_line(rendered: &str) -> String {
    let lines: Vec<&str> = rendered
        .lines()
        .take_while(|line| !line.starts_with("Usage:") && !line.starts_with("For more information"))
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    lines.join(" ").trim_start_matches("error: ").to_string()
}

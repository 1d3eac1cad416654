//! The `khabar` command: parses the command line and runs one subcommand.

mod cli;

use std::io::Write;

use clap::{Parser, Subcommand};

/// mimalloc instead of the system allocator: every document makes many
/// short-lived strings and vectors (mentions, word lists, rows), and
/// glibc's malloc and free were about a tenth of the CPU time of a run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Extracts diplomatic events (who met whom, when, where, what they agreed)
/// from news articles, as CSV.
#[derive(Debug, Parser)]
#[command(name = "khabar", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract events (and entities) from articles: files, folders, JSON Lines, stdin.
    Extract(cli::extract::Args),
    /// Score extracted events against annotated gold files.
    Eval(cli::eval::Args),
    /// Inspect and check gazetteers.
    Gazetteer(cli::gazetteer::Args),
}

/// True when the error comes from writing to a closed pipe
/// (`khabar extract x | head`): that is how a reader says it has enough,
/// not a failure.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version exit 0; a usage error is a fatal error
            // (1), keeping 2 for "the run completed but skipped input".
            let code = if e.use_stderr() { 1 } else { 0 };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    let result = match cli.command {
        Command::Extract(args) => cli::extract::run(args),
        Command::Eval(args) => cli::eval::run(args),
        Command::Gazetteer(args) => cli::gazetteer::run(args),
    };
    let code = match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => 0,
        Err(e) => {
            // Not eprintln!: it panics when stderr is closed.
            let _ = writeln!(std::io::stderr(), "khabar: error: {e:#}");
            1
        }
    };
    std::process::exit(code);
}

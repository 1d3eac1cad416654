//! The `khabar` command line: one module per subcommand, as xsv does. Each
//! has `Args` (clap) and `run`, which returns the process exit code.
//!
//! It lives in the library, not in the binary, so that the Python package
//! (`python/`) can offer the same `khabar` command from its extension module
//! without shipping a second copy of the program: [`main`] is the whole
//! command, given its arguments.

use std::ffi::OsString;
use std::io::Write;

use clap::{Parser, Subcommand};

pub mod eval;
pub mod extract;
pub mod gazetteer;

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
    Extract(extract::Args),
    /// Score extracted events against annotated gold files.
    Eval(eval::Args),
    /// Inspect and check gazetteers.
    Gazetteer(gazetteer::Args),
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

/// Runs the `khabar` command on `args` (the program name first, as
/// `std::env::args_os` gives them) and returns its exit status. Prints to
/// standard output and standard error; does not exit.
pub fn main<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version exit 0; a usage error is a fatal error
            // (1), keeping 2 for "the run completed but skipped input".
            let code = if e.use_stderr() { 1 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let result = match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Gazetteer(args) => gazetteer::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => 0,
        Err(e) => {
            // Not eprintln!: it panics when stderr is closed.
            let _ = writeln!(std::io::stderr(), "khabar: error: {e:#}");
            1
        }
    }
}

//! The `khabar` command: parses the command line and runs one subcommand
//! (see `khabar::cli`, shared with the Python package's `khabar` command).

/// mimalloc instead of the system allocator: every document makes many
/// short-lived strings and vectors (mentions, word lists, rows), and
/// glibc's malloc and free were about a tenth of the CPU time of a run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(khabar::cli::main(std::env::args_os()));
}

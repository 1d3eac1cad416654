//! `khabar eval` (being written).

/// Command-line arguments of `khabar eval`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `khabar eval`; returns the exit code.
pub fn run(_args: Args) -> anyhow::Result<i32> {
    Ok(0)
}

//! `khabar extract` (being written).

/// Command-line arguments of `khabar extract`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `khabar extract`; returns the exit code.
pub fn run(_args: Args) -> anyhow::Result<i32> {
    Ok(0)
}

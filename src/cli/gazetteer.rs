//! `khabar gazetteer` (being written).

/// Command-line arguments of `khabar gazetteer`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `khabar gazetteer`; returns the exit code.
pub fn run(_args: Args) -> anyhow::Result<i32> {
    Ok(0)
}

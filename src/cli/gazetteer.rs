//! `khabar gazetteer`: check gazetteer files and show what they hold.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use khabar::gazetteer::{builtin_files, check_sources, Gazetteer};

const AFTER_HELP: &str = "\
Examples:
  khabar gazetteer check                 # the built-in gazetteers
  khabar gazetteer check my-gazetteers/  # every *.tsv of a folder
  khabar gazetteer stats --extra-gazetteers my-gazetteers/

The file format is described in gazetteers/README.md.";

/// Checks gazetteer files or shows their statistics.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Validate files: every problem with file and line (bad label or
    /// attribute, wrong column count, duplicate canonical name, a country
    /// no COUNTRY entry names). Exit 1 if any.
    Check {
        /// Folder of *.tsv files (default: the built-in gazetteers).
        dir: Option<PathBuf>,
    },
    /// Entries and aliases per type, automaton size and compile time.
    Stats {
        /// Use the gazetteers of this folder instead of the built-in ones.
        #[arg(long, value_name = "DIR")]
        gazetteers: Option<PathBuf>,
        /// Add the gazetteers of this folder (repeatable).
        #[arg(long = "extra-gazetteers", value_name = "DIR")]
        extra: Vec<PathBuf>,
    },
}

/// Runs `khabar gazetteer`; returns the exit code.
pub fn run(args: Args) -> anyhow::Result<i32> {
    match args.command {
        Command::Check { dir } => check(dir),
        Command::Stats { gazetteers, extra } => stats(gazetteers, extra),
    }
}

fn read_folder(dir: &PathBuf) -> anyhow::Result<Vec<(String, String)>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read folder {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        anyhow::bail!("{}: no .tsv gazetteer files in this folder", dir.display());
    }
    paths
        .into_iter()
        .map(|p| {
            let content = std::fs::read_to_string(&p)
                .with_context(|| format!("cannot read {}", p.display()))?;
            Ok((p.display().to_string(), content))
        })
        .collect()
}

fn check(dir: Option<PathBuf>) -> anyhow::Result<i32> {
    let owned: Vec<(String, String)> = match &dir {
        Some(d) => read_folder(d)?,
        None => builtin_files()
            .iter()
            .map(|(n, c)| (format!("gazetteers/{n}"), c.to_string()))
            .collect(),
    };
    let refs: Vec<(&str, &str)> = owned
        .iter()
        .map(|(n, c)| (n.as_str(), c.as_str()))
        .collect();
    let (entries, problems) = check_sources(&refs);
    for p in &problems {
        eprintln!("{p}");
    }
    println!(
        "{} files, {} entries, {} problems",
        owned.len(),
        entries.len(),
        problems.len()
    );
    Ok(if problems.is_empty() { 0 } else { 1 })
}

fn stats(replace: Option<PathBuf>, extra: Vec<PathBuf>) -> anyhow::Result<i32> {
    let t0 = Instant::now();
    let gaz = Gazetteer::load(replace.as_deref(), &extra).context("cannot load the gazetteers")?;
    let compile = t0.elapsed();
    let mut per: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for e in gaz.entries() {
        let slot = per.entry(e.label().as_str()).or_default();
        slot.0 += 1;
        slot.1 += e.aliases.len();
    }
    println!("{:<10} {:>9} {:>9}", "label", "entries", "aliases");
    for (label, (n, a)) in &per {
        println!("{label:<10} {n:>9} {a:>9}");
    }
    let m = gaz.matcher();
    println!("surface forms in the automaton: {}", m.pattern_count());
    println!(
        "automaton heap: {:.1} MiB",
        m.memory_usage() as f64 / (1024.0 * 1024.0)
    );
    println!("load and compile: {:.0} ms", compile.as_secs_f64() * 1000.0);
    Ok(0)
}

//! One module per subcommand, as xsv does. Each has `Args` (clap) and `run`,
//! which returns the process exit code.
pub mod eval;
pub mod extract;
pub mod gazetteer;

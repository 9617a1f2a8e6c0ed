//! The `matcher` command-line tool: batch matching of CSV rosters.

mod args;
mod bar;
mod outcomes;
mod output;
mod pairs;
mod run;
mod threads;

use clap::Parser;
use std::io::{self, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match run::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(run::Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(failure) => {
            let _ = writeln!(io::stderr().lock(), "{failure}");
            ExitCode::from(failure.exit_code())
        }
    }
}

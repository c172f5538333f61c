//! The `qiangji` command: thin glue between the command line and the
//! library. Every failure carries its exit status (`qiangji::exit`); this is
//! the one place that turns it into the process's exit code.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    match cli::run(cli::Cli::parse()) {
        Ok(status) => ExitCode::from(status.code()),
        Err(failure) => {
            eprintln!("error: {}", failure.message);
            ExitCode::from(failure.status.code())
        }
    }
}

//! The `qiangji` command: thin glue between the command line and the
//! library. Every failure carries its exit status (`qiangji::exit`); this is
//! the one place that turns it into the process's exit code.

mod cli;

use std::process::ExitCode;

use clap::Parser;
use qiangji::exit::ExitStatus;

fn main() -> ExitCode {
    let args = match cli::Cli::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            // `--help` and `--version` succeed; a bad command line is an input error.
            let status = if e.use_stderr() {
                ExitStatus::Input
            } else {
                ExitStatus::Success
            };
            return ExitCode::from(status.code());
        }
    };
    if let Err(e) = qiangji::interrupt::install() {
        // Without the handler a signal still ends the run, only less tidily.
        eprintln!("warning: cannot watch for Ctrl-C and SIGTERM: {e}");
    }
    match cli::run(args) {
        Ok(status) => ExitCode::from(status.code()),
        Err(failure) => {
            eprintln!("error: {}", failure.message);
            ExitCode::from(failure.status.code())
        }
    }
}

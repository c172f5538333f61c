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
        Err(mut e) => {
            shorten_quoted_values(&mut e);
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

/// A value clap quotes in its message (an invalid value, an unexpected
/// argument, a tip that repeats it) is cut like every other quoted value
/// (`qiangji::quote`).
fn shorten_quoted_values(e: &mut clap::Error) {
    use clap::builder::StyledStr;
    use clap::error::ContextValue;
    use qiangji::quote::{cut, cut_within};
    let cut_styled = |s: &StyledStr| {
        let text = s.to_string();
        let shorter = cut_within(&text);
        if shorter == text {
            s.clone()
        } else {
            StyledStr::from(shorter)
        }
    };
    let shortened: Vec<_> = e
        .context()
        .filter_map(|(kind, value)| match value {
            ContextValue::String(s) => Some((kind, ContextValue::String(cut(s)))),
            ContextValue::Strings(list) => Some((
                kind,
                ContextValue::Strings(list.iter().map(|s| cut(s)).collect()),
            )),
            ContextValue::StyledStr(s) => Some((kind, ContextValue::StyledStr(cut_styled(s)))),
            ContextValue::StyledStrs(list) => Some((
                kind,
                ContextValue::StyledStrs(list.iter().map(cut_styled).collect()),
            )),
            _ => None,
        })
        .collect();
    for (kind, value) in shortened {
        e.insert(kind, value);
    }
}

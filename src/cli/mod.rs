//! The `qiangji` command: clap arguments, one module per subcommand, and the
//! failure type that carries an exit status to `main`.

mod args;
mod commands;
mod failure;
mod values;

pub use args::Cli;
pub use failure::Failure;

use qiangji::exit::ExitStatus;

/// Runs one command; the exit status comes back either way.
pub fn run(cli: Cli) -> Result<ExitStatus, Failure> {
    use args::Command;
    match cli.command {
        Command::Check(args) => commands::check::run(args),
        Command::Solve(args) => commands::solve::run(args, false),
        Command::Sensitivity(args) => commands::solve::run(args, true),
        Command::Export(args) => commands::export::run(args),
        Command::Generate(args) => commands::generate::run(args),
        Command::Sweep(args) => commands::sweep::run(args),
        Command::Montecarlo(args) => commands::montecarlo::run(args),
        Command::Robust(args) => commands::robust::run(args),
        Command::Tornado(args) => commands::tornado::run(args),
        Command::Relax(args) => commands::relax::run(args),
        Command::Batch(args) => commands::batch::run(args),
        Command::Diff(args) => commands::diff::run(args),
        Command::Merge(args) => commands::merge::run(args),
        Command::Template(args) => commands::workbook::template(args),
        Command::Import(args) => commands::workbook::import(args),
        Command::ExportXlsx(args) => commands::workbook::export(args),
        Command::Alternatives(args) => commands::alternatives::run(args),
        Command::Frontier(args) => commands::frontier::run(args),
    }
}

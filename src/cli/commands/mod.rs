//! One module per subcommand. Each returns the exit status of success, or a
//! [`Failure`](super::Failure) whose status its error type decided.

pub mod alternatives;
pub mod batch;
pub mod check;
pub mod diff;
pub mod export;
pub mod frontier;
pub mod generate;
pub mod merge;
pub mod montecarlo;
pub mod relax;
pub mod robust;
pub mod solve;
pub mod sweep;
pub mod tornado;
pub mod workbook;

use std::path::Path;

use qiangji::exit::{ExitStatus, HasExitStatus};
use qiangji::instance::variant::apply_variant;
use qiangji::instance::{load, Instance, LoadOptions};

use super::args::InstanceArgs;
use super::Failure;

/// Loads and validates the instance a command names, with the scenarios
/// and overrides asked for applied.
pub fn load_instance(args: &InstanceArgs) -> Result<Instance, Failure> {
    let base = load_base(args)?;
    apply_variant(&base, &args.variant()).map_err(|errors| Failure::input(&args.instance, &errors))
}

/// Loads and validates the instance as its files describe it.
pub fn load_base(args: &InstanceArgs) -> Result<Instance, Failure> {
    let options = LoadOptions {
        model_override: args.model.clone(),
    };
    load(&args.instance, &options).map_err(|errors| Failure::input(&args.instance, &errors))
}

/// Default number of parallel workers: the cores this machine offers.
pub fn available_cores() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// Fails fast, before any solve, when `out` cannot receive qiangji's output
/// (a folder holding someone else's files, a file, a folder changed by hand).
pub fn preflight_output(out: &Path) -> Result<(), Failure> {
    qiangji::output::atomic::preflight(out)
        .map_err(|e| Failure::new(e.exit_status(), e.to_string()))
}

/// `Err` once SIGINT or SIGTERM has been received: `what` says what was not
/// written or did not finish.
pub fn stop_if_interrupted(what: impl FnOnce() -> String) -> Result<(), Failure> {
    match qiangji::interrupt::check() {
        Ok(()) => Ok(()),
        Err(e) => Err(Failure::new(e.exit_status(), format!("{e}: {}", what()))),
    }
}

/// The status of a finished command: interrupted if a signal arrived while
/// it ran (its finished results are written), else success.
pub fn finished(unfinished: impl FnOnce() -> String) -> Result<ExitStatus, Failure> {
    stop_if_interrupted(unfinished).map(|()| ExitStatus::Success)
}

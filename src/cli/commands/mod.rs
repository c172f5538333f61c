//! One module per subcommand. Each returns the exit status of success, or a
//! [`Failure`](super::Failure) whose status its error type decided.

pub mod check;
pub mod export;
pub mod generate;
pub mod montecarlo;
pub mod relax;
pub mod solve;
pub mod sweep;
pub mod tornado;

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

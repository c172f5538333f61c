//! `qiangji generate`: a synthetic instance of any size.

use qiangji::exit::ExitStatus;
use qiangji::generate::{generate, GenerateOptions};

use super::preflight_output;
use crate::cli::args::GenerateArgs;
use crate::cli::Failure;

pub fn run(args: GenerateArgs) -> Result<ExitStatus, Failure> {
    let options = GenerateOptions {
        items: args.items,
        provinces: args.provinces,
        years: args.years,
        seed: args.seed,
        levels: args.levels.into(),
    };
    preflight_output(&args.out)?;
    generate(&options, &args.out).map_err(|e| Failure::from_error(&args.out, e))?;
    println!(
        "wrote {} ({} items, {} provinces, {} years, seed {}, {} target levels)",
        args.out.display(),
        args.items,
        args.provinces,
        args.years,
        args.seed,
        options.levels.id()
    );
    Ok(ExitStatus::Success)
}

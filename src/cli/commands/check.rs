//! `qiangji check`: validate an instance folder against every input rule,
//! then diagnose what would make a plan impossible or an input useless.

use qiangji::exit::{ExitStatus, HasExitStatus};
use qiangji::instance::diagnose::{self, Severity};

use super::load_instance;
use crate::cli::args::CheckArgs;
use crate::cli::Failure;

pub fn run(args: CheckArgs) -> Result<ExitStatus, Failure> {
    let inst = load_instance(&args.instance)?;
    let about = args.instance.instance.display();
    let found = diagnose::diagnose(&inst);
    let errors = diagnose::errors(&found);
    if !errors.is_empty() {
        let mut message = format!(
            "{about}: the files are valid, but {} finding(s) make a target impossible:",
            errors.len()
        );
        for d in &found {
            message.push_str(&format!("\n  {d}"));
        }
        return Err(Failure::new(errors.exit_status(), message));
    }
    println!(
        "{about}: valid — {} areas, {} items, {} provinces, years {}–{}, {} targets, {} chain links, model `{}`",
        inst.areas.len(),
        inst.items.len(),
        inst.provinces.len(),
        inst.years[0],
        inst.years[inst.years.len() - 1],
        inst.targets.len(),
        inst.links.len(),
        inst.model.name
    );
    for d in found.iter().filter(|d| d.severity == Severity::Warning) {
        println!("  {d}");
    }
    Ok(ExitStatus::Success)
}

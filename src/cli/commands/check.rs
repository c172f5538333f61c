//! `qiangji check`: validate an instance folder against every input rule,
//! diagnose what would make a plan impossible or an input useless, and
//! check its scenario file (if it has one) against the instance.

use qiangji::exit::{ExitStatus, HasExitStatus};
use qiangji::instance::diagnose::{self, Severity};
use qiangji::instance::overrides::load_scenarios;

use super::{load_base, load_instance};
use crate::cli::args::CheckArgs;
use crate::cli::Failure;

pub fn run(args: CheckArgs) -> Result<ExitStatus, Failure> {
    let ia = &args.instance;
    let inst = load_instance(ia)?;
    let about = ia.instance.display();
    let found = diagnose::diagnose(&inst);
    let errors = diagnose::errors(&found);
    if !errors.is_empty() && args.hard_targets {
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
        "{about}: valid — {} areas, {} items, {} provinces, years {}–{}, {} targets, {} chain links, model `{}`{}",
        inst.areas.len(),
        inst.items.len(),
        inst.provinces.len(),
        inst.years[0],
        inst.years[inst.years.len() - 1],
        inst.targets.len(),
        inst.links.len(),
        inst.model.name,
        if inst.variant.overrides.is_empty() {
            String::new()
        } else {
            format!(", variant `{}`", inst.variant.label())
        }
    );
    for d in &found {
        match d.severity {
            // Soft targets: the plan exists and prices the shortfall.
            Severity::Error => println!("  certain shortfall: {}", d.at),
            Severity::Warning => println!("  {d}"),
        }
    }
    // Every scenario of the scenario file must apply cleanly to the instance.
    let path = ia.variant().scenario_path(&ia.instance);
    if ia.scenarios.is_some() || path.is_file() {
        let base = load_base(ia)?;
        let file = load_scenarios(&path).map_err(|e| Failure::input(&path, &e))?;
        file.validate_against(&base)
            .map_err(|e| Failure::input(&path, &e))?;
        println!(
            "{}: valid — {} scenarios: {}",
            path.display(),
            file.scenarios.len(),
            file.names().join(", ")
        );
    }
    for (file, encoding) in &inst.encodings {
        println!("  note: {file} was read as {encoding} text (UTF-8 is the format)");
    }
    Ok(ExitStatus::Success)
}

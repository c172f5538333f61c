//! `qiangji check`: validate an instance folder against every input rule,
//! and its scenario file (if it has one) against the instance.

use qiangji::exit::ExitStatus;
use qiangji::instance::overrides::load_scenarios;

use super::{load_base, load_instance};
use crate::cli::args::CheckArgs;
use crate::cli::Failure;

pub fn run(args: CheckArgs) -> Result<ExitStatus, Failure> {
    let ia = &args.instance;
    let inst = load_instance(ia)?;
    println!(
        "{}: valid — {} areas, {} items, {} provinces, years {}–{}, {} targets, {} chain links, model `{}`{}",
        ia.instance.display(),
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
    Ok(ExitStatus::Success)
}

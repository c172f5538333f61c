//! `qiangji check`: validate an instance folder against every input rule.

use qiangji::exit::ExitStatus;

use super::load_instance;
use crate::cli::args::CheckArgs;
use crate::cli::Failure;

pub fn run(args: CheckArgs) -> Result<ExitStatus, Failure> {
    let inst = load_instance(&args.instance)?;
    println!(
        "{}: valid — {} areas, {} items, {} provinces, years {}–{}, {} targets, {} chain links, model `{}`",
        args.instance.instance.display(),
        inst.areas.len(),
        inst.items.len(),
        inst.provinces.len(),
        inst.years[0],
        inst.years[inst.years.len() - 1],
        inst.targets.len(),
        inst.links.len(),
        inst.model.name
    );
    for (file, encoding) in &inst.encodings {
        println!("  note: {file} was read as {encoding} text (UTF-8 is the format)");
    }
    Ok(ExitStatus::Success)
}

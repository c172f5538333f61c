//! `qiangji relax`: the smallest change that makes the hard-target plan feasible.

use qiangji::analysis::relax::{relax, RelaxKind, RelaxWeights};
use qiangji::exit::ExitStatus;
use qiangji::report::relax::{lines, write_relaxation};

use super::load_instance;
use crate::cli::args::{RelaxArgs, RelaxBy};
use crate::cli::Failure;

pub fn run(args: RelaxArgs) -> Result<ExitStatus, Failure> {
    let weights = match &args.weights {
        Some(text) => {
            RelaxWeights::parse(text).map_err(|e| Failure::usage(format!("--weights {e}")))?
        }
        None => RelaxWeights::default(),
    };
    let mut kinds: Vec<RelaxKind> = Vec::new();
    for by in &args.by {
        match by {
            RelaxBy::Budget => kinds.push(RelaxKind::Budget),
            RelaxBy::Talent => kinds.push(RelaxKind::Talent),
            RelaxBy::Targets => kinds.push(RelaxKind::Targets),
            RelaxBy::All => kinds.extend(RelaxKind::ALL),
        }
    }
    kinds.sort();
    kinds.dedup();
    let inst = load_instance(&args.instance)?;
    let options = args.formulation.run_options(true, args.solver.options());
    let about = args.instance.instance.as_path();
    let answer = relax(&inst, &kinds, weights, &options).map_err(|e| Failure::from((about, e)))?;
    println!(
        "{}: {}",
        inst.name,
        lines(&inst, &answer, qiangji::report::html::Lang::En).join("\n")
    );
    if let Some(out) = &args.out {
        write_relaxation(out, &inst, &answer, args.report.options())
            .map_err(|e| Failure::from_error(out, e))?;
        println!("  outputs            {}", out.display());
    }
    if answer.verified {
        Ok(ExitStatus::Success)
    } else {
        Err(Failure::new(
            ExitStatus::NoPlan,
            "no change of the kinds allowed gives the hard-target plan a solution",
        ))
    }
}

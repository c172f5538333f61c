//! `qiangji robust`: the sample-average plan (docs/model.md §11 (ROB)),
//! written as `solve` writes a plan, with robust.csv and its report section.

use qiangji::analysis::case::Analyses;
use qiangji::analysis::robust::{run_robust, RobustRunOptions};
use qiangji::exit::ExitStatus;
use qiangji::model::robust::RobustOptions;
use qiangji::report::montecarlo::percent_with_error;
use qiangji::report::tables::num;
use qiangji::report::write_outputs_with;
use qiangji::solve::SolverOptions;

use super::{available_cores, finished, load_instance, preflight_output, stop_if_interrupted};
use crate::cli::args::RobustArgs;
use crate::cli::Failure;

pub fn run(args: RobustArgs) -> Result<ExitStatus, Failure> {
    preflight_output(&args.out)?;
    let inst = load_instance(&args.instance)?;
    let solver = SolverOptions {
        threads: Some(args.solver.threads.unwrap_or(1)),
        ..args.solver.options()
    };
    let options = RobustRunOptions {
        samples: args.samples,
        cv: args.cv,
        seed: args.seed,
        robust: RobustOptions {
            reliability: args.reliability,
            cvar: args.cvar,
        },
        validation_samples: args.validation_samples.unwrap_or(10 * args.samples),
        evpi_draws: args.evpi_draws,
        workers: args.workers.unwrap_or_else(available_cores),
        run: args.model.run_options(solver.clone()),
    };
    let about = args.instance.instance.as_path();
    let solved = run_robust(&inst, &options);
    stop_if_interrupted(|| {
        format!(
            "the robust plan did not finish; nothing was written to {}",
            args.out.display()
        )
    })?;
    let run = solved.map_err(|e| Failure::from((about, e)))?;
    let mut result = run.result;
    if let Some(check) = result.check.as_ref().filter(|c| !c.passed) {
        let mut message = String::from(
            "the independent check rejected the robust plan in the base instance; nothing was written.",
        );
        for v in check.violations.iter().take(20) {
            message.push_str(&format!("\n  {} (violation {:.3e})", v.what, v.amount));
        }
        return Err(Failure::new(ExitStatus::CheckFailed, message));
    }
    let analyses = Analyses {
        robust: Some(run.study.clone()),
        ..Analyses::default()
    };
    write_outputs_with(
        &args.out,
        &inst,
        &mut result,
        &solver,
        &analyses,
        args.report.options(),
        None,
    )
    .map_err(|e| Failure::from_error(&args.out, e))?;
    let study = &run.study;
    println!(
        "{}: robust plan for {} draws (cv {}, seed {}), judged on {} fresh draws (seed {})",
        inst.name,
        study.samples,
        study.cv,
        study.seed,
        study.validation_samples,
        study.validation_seed
    );
    println!(
        "  real spending      deterministic {} 亿元, robust {} 亿元",
        num(study.deterministic.real_spend_yi),
        num(study.robust.real_spend_yi)
    );
    for (g, target) in inst.targets.iter().enumerate() {
        let p = |j: &qiangji::analysis::robust::Judged| {
            let d = &j.outcomes.targets[g];
            percent_with_error(d.probability_met, d.standard_error())
        };
        println!(
            "  P(target {} met) out of sample: deterministic {}, robust {}",
            target.id,
            p(&study.deterministic.out_of_sample),
            p(&study.robust.out_of_sample)
        );
    }
    println!(
        "  VSS {} ± {} 亿元{}",
        num(study.vss.value),
        num(1.96 * study.vss.standard_error),
        study.evpi.map_or_else(String::new, |e| format!(
            "; EVPI {} ± {} 亿元 over {} draws",
            num(e.value),
            num(1.96 * e.standard_error),
            e.draws
        ))
    );
    println!("  (± is 1.96 standard errors of the estimate: its 95% interval)");
    println!("  outputs            {}", args.out.display());
    finished(String::new)
}

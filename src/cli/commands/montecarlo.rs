//! `qiangji montecarlo`: uncertain gains (and budgets), quantiles and the
//! probability each target is met.

use qiangji::analysis::montecarlo::{run_montecarlo, MonteCarloOptions};
use qiangji::exit::ExitStatus;
use qiangji::report::montecarlo::percent_with_error;
use qiangji::solve::{SolveStatus, SolverOptions};

use super::{available_cores, finished, load_instance, preflight_output};
use crate::cli::args::MonteCarloArgs;
use crate::cli::Failure;

pub fn run(args: MonteCarloArgs) -> Result<ExitStatus, Failure> {
    preflight_output(&args.out)?;
    let inst = load_instance(&args.instance)?;
    let workers = args.workers.unwrap_or_else(available_cores);
    let options = MonteCarloOptions {
        samples: args.samples,
        cv: args.cv,
        seed: args.seed,
        uncertain_budgets: args.uncertain_budgets,
        evaluate_plan: args.evaluate_plan,
        workers,
        run: args.model.run_options(SolverOptions {
            threads: Some(1),
            ..SolverOptions::default()
        }),
    };
    let about = args.instance.instance.as_path();
    let result = run_montecarlo(&inst, &options).map_err(|e| Failure::from((about, e)))?;
    qiangji::report::montecarlo::write_montecarlo(
        &args.out,
        &inst,
        &options,
        &result,
        args.report.options(),
    )
    .map_err(|e| Failure::from_error(&args.out, e))?;
    println!(
        "{}: {} samples ({}), cv {}, seed {}",
        inst.name,
        result.samples.len(),
        result.mode,
        options.cv,
        options.seed
    );
    for d in &result.outcomes.targets {
        let id = &inst.targets[d.target].id;
        if result.replanned {
            println!(
                "  P(target {id} met) = {} re-planned per draw; {} with the base plan kept",
                percent_with_error(d.probability_met, d.standard_error()),
                percent_with_error(d.probability_met_kept, d.standard_error_kept())
            );
        } else {
            println!(
                "  P(target {id} met) = {} with the base plan kept",
                percent_with_error(d.probability_met, d.standard_error())
            );
        }
    }
    println!("  (± is 1.96 standard errors of the estimate: its 95% interval)");
    println!("  outputs            {}", args.out.display());
    finished(|| {
        let stopped: Vec<String> = result
            .samples
            .iter()
            .filter(|s| s.status == SolveStatus::OtherLimit)
            .map(|s| s.index.to_string())
            .collect();
        format!(
            "the samples written are those that finished; {} sample(s) stopped early (status limit_reached): {}",
            stopped.len(),
            stopped.join(", ")
        )
    })
}

//! `qiangji sweep`: one parameter over a range, every point re-solved warm.

use qiangji::analysis::sweep::{run_sweep, SweepOptions, SweepParam};
use qiangji::exit::ExitStatus;
use qiangji::instance::overrides::Op;
use qiangji::report::tables::num;
use qiangji::solve::SolveStatus;
use qiangji::solve::SolverOptions;

use super::{finished, load_instance, preflight_output};
use crate::cli::args::SweepArgs;
use crate::cli::Failure;

pub fn run(args: SweepArgs) -> Result<ExitStatus, Failure> {
    let op = match args.op.as_str() {
        "set" => Op::Set,
        "add" => Op::Add,
        _ => Op::Scale,
    };
    let param = SweepParam::parse(&args.param, op)
        .map_err(|msg| Failure::usage(format!("--param: {msg}")))?;
    preflight_output(&args.out)?;
    let inst = load_instance(&args.instance)?;
    let solver = SolverOptions {
        threads: args.threads,
        ..SolverOptions::default()
    };
    let options = SweepOptions {
        param,
        from: args.from,
        to: args.to,
        points: args.steps,
        cold: args.cold,
        reoptimise_integers: args.reoptimise_integers,
        run: args.model.run_options(solver),
    };
    let about = args.instance.instance.as_path();
    let result = run_sweep(&inst, &options).map_err(|e| Failure::from((about, e)))?;
    qiangji::report::sweep::write_sweep(&args.out, &inst, &options, &result, args.report.options())
        .map_err(|e| Failure::from_error(&args.out, e))?;
    println!(
        "{}: {} points of {} ({} sweep, integers {}), {:.2} s, every plan checked",
        inst.name,
        result.points.len(),
        options.param.label(),
        result.mode,
        result.integers,
        result.total_s
    );
    for p in &result.points {
        println!(
            "  {:>10}  {:<10} objective {:>14} 亿元{}",
            num(p.value),
            p.status.id(),
            p.objective.map(num).unwrap_or_else(|| "–".into()),
            if p.basis_changed {
                "  (basis changed)"
            } else {
                ""
            }
        );
    }
    println!("  outputs            {}", args.out.display());
    finished(|| {
        let stopped: Vec<String> = result
            .points
            .iter()
            .filter(|p| p.status == SolveStatus::OtherLimit)
            .map(|p| num(p.value))
            .collect();
        format!(
            "the points written are those that finished; {} point(s) stopped early (status limit_reached): {}",
            stopped.len(),
            stopped.join(", ")
        )
    })
}

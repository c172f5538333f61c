//! `qiangji tornado`: each parameter group moved by ±delta alone, ranked.

use qiangji::analysis::tornado::{run_tornado, Kpis};
use qiangji::exit::ExitStatus;
use qiangji::report::tables::num;
use qiangji::solve::SolverOptions;

use super::{available_cores, finished, load_instance, preflight_output};
use crate::cli::args::TornadoArgs;
use crate::cli::Failure;

pub fn run(args: TornadoArgs) -> Result<ExitStatus, Failure> {
    preflight_output(&args.out)?;
    let inst = load_instance(&args.instance)?;
    let workers = args.workers.unwrap_or_else(available_cores);
    let run = args.model.run_options(SolverOptions {
        threads: Some(1),
        ..SolverOptions::default()
    });
    let about = args.instance.instance.as_path();
    let (base, rows) =
        run_tornado(&inst, args.delta, &run, workers).map_err(|e| Failure::from((about, e)))?;
    qiangji::report::tornado::write_tornado(
        &args.out,
        &inst,
        args.delta,
        &base,
        &rows,
        args.report.options(),
    )
    .map_err(|e| Failure::from_error(&args.out, e))?;
    println!(
        "{}: base objective {} 亿元; change for -{d:.0}% / +{d:.0}%:",
        inst.name,
        num(base.objective),
        d = 100.0 * args.delta
    );
    for r in &rows {
        let change = |k: Option<Kpis>| {
            k.map(|k| num(k.objective))
                .unwrap_or_else(|| "no plan".into())
        };
        println!(
            "  {:<34} {:>14} {:>14}",
            r.group,
            change(r.low_change),
            change(r.high_change)
        );
    }
    println!("  outputs            {}", args.out.display());
    finished(|| {
        "the bars written are those that finished; a bar shown as \"no plan\" may have been stopped early".into()
    })
}

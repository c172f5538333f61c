//! `qiangji frontier`: the cost–self-sufficiency frontier of one target
//! (docs/model.md §11 (FR)), by level or by central budget.

use std::ops::Bound::{Included, Unbounded};
use std::path::PathBuf;

use clap::Args;
use qiangji::analysis::frontier::{run_frontier, Axis, FrontierOptions};
use qiangji::exit::ExitStatus;
use qiangji::instance::overrides::Op;
use qiangji::report::frontier::write_frontier;
use qiangji::report::tables::num;
use qiangji::solve::SolverOptions;

use super::{finished, load_instance, preflight_output};
use crate::cli::args::{exit_help, InstanceArgs, ModelArgs, ReportArgs};
use crate::cli::values::{number, parallel, whole};
use crate::cli::Failure;

#[derive(Debug, Args)]
#[command(after_help = format!(
    "Examples:\n  qiangji frontier instances/china-2025 --target core_2030 --from 0.6 --to 0.95 --points 20 --out out/frontier\n  qiangji frontier instances/china-2025 --target core_2030 --budget 0.5..1.5 --out out/frontier-budget\n\n{}",
    exit_help()
))]
pub struct FrontierArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The target whose level the frontier moves (its id in instance.toml).
    #[arg(long, value_name = "ID")]
    pub target: String,
    /// Lowest level of the target, a share (0.6 = 60%).
    #[arg(long, value_name = "A", requires = "to", conflicts_with = "budget", allow_negative_numbers = true, value_parser = number(Included(0.0), Included(1.0), "0.6"))]
    pub from: Option<f64>,
    /// Highest level of the target, a share.
    #[arg(long, value_name = "B", requires = "from", allow_negative_numbers = true, value_parser = number(Included(0.0), Included(1.0), "0.9"))]
    pub to: Option<f64>,
    /// Instead of levels: the highest level for each central budget from A
    /// to B, e.g. 0.5..1.5 (multipliers, --budget-op scale) or 0..200
    /// (亿元 added to every year, --budget-op add).
    #[arg(long, value_name = "A..B")]
    pub budget: Option<String>,
    /// What --budget's values are: scale or add.
    #[arg(long, value_name = "OP", default_value = "scale", value_parser = ["scale", "add"])]
    pub budget_op: String,
    /// Grid points, both ends included (at least 2); breakpoints found
    /// between them are added.
    #[arg(long, value_name = "N", default_value_t = 11, allow_negative_numbers = true, value_parser = whole(2usize, None))]
    pub points: usize,
    /// Choose lead sites and platforms again at every point (a MIP each)
    /// instead of holding them at the optimum's values.
    #[arg(long)]
    pub reoptimise_sites: bool,
    /// Output folder.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub model: ModelArgs,
    #[command(flatten)]
    pub report: ReportArgs,
    /// Threads the solver may use, 1 to 1024.
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = parallel::<u32>())]
    pub threads: Option<u32>,
}

/// `A..B` of --budget.
fn budget_range(text: &str) -> Result<(f64, f64), Failure> {
    let bad = || {
        Failure::usage(format!(
            "--budget: {} must be two numbers A..B with A < B, e.g. 0.5..1.5",
            qiangji::quote::quote(text)
        ))
    };
    let (a, b) = text.split_once("..").ok_or_else(bad)?;
    let parse = |s: &str| number(Unbounded, Unbounded, "1")(s).map_err(|_| bad());
    let (a, b) = (parse(a)?, parse(b)?);
    if a < b {
        Ok((a, b))
    } else {
        Err(bad())
    }
}

pub fn run(args: FrontierArgs) -> Result<ExitStatus, Failure> {
    let (axis, from, to) = match (&args.budget, args.from, args.to) {
        (Some(text), None, None) => {
            let op = if args.budget_op == "add" {
                Op::Add
            } else {
                Op::Scale
            };
            let (a, b) = budget_range(text)?;
            (Axis::Budget(op), a, b)
        }
        (None, Some(a), Some(b)) if a < b => (Axis::Level, a, b),
        (None, Some(a), Some(b)) => {
            return Err(Failure::usage(format!(
                "--from ({a}) must be below --to ({b})"
            )))
        }
        _ => {
            return Err(Failure::usage(
                "give the levels (--from A --to B) or the budgets (--budget A..B)",
            ))
        }
    };
    preflight_output(&args.out)?;
    let inst = load_instance(&args.instance)?;
    let solver = SolverOptions {
        threads: args.threads,
        ..SolverOptions::default()
    };
    let options = FrontierOptions {
        target: args.target.clone(),
        axis,
        from,
        to,
        points: args.points,
        reoptimise_sites: args.reoptimise_sites,
        run: args.model.run_options(solver),
    };
    let about = args.instance.instance.as_path();
    let result = run_frontier(&inst, &options).map_err(|e| Failure::from((about, e)))?;
    write_frontier(&args.out, &inst, &options, &result, args.report.options())
        .map_err(|e| Failure::from_error(&args.out, e))?;
    println!(
        "{}: frontier of {} ({} points, {} solves, sites and platforms {}), {:.2} s, every plan checked",
        inst.name,
        args.target,
        result.points.len(),
        result.solves,
        result.sites,
        result.total_s
    );
    if let Some(stop) = result.stop_level {
        println!(
            "  stops at           {}% (the most any plan reaches)",
            num(100.0 * stop)
        );
    }
    for p in &result.points {
        println!(
            "  {:>10}  {:<10} real spending {:>12} 亿元  marginal {:>10}{}",
            num(p.x),
            p.status.id(),
            p.spend_yi.map(num).unwrap_or_else(|| "–".into()),
            p.marginal.map(num).unwrap_or_else(|| "–".into()),
            if p.breakpoint { "  breakpoint" } else { "" }
        );
    }
    println!("  outputs            {}", args.out.display());
    finished(|| "the frontier was written before the interrupt".into())
}

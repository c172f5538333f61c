//! `qiangji alternatives`: near-optimal plans (docs/model.md §11 (MGA)) —
//! for every direction, the least and the most funding any plan within the
//! slack gives it, each extreme written as a plan folder.

use std::path::PathBuf;

use clap::Args;
use qiangji::analysis::alternatives::{run_alternatives, AlternativesOptions, DirectionKind};
use qiangji::exit::ExitStatus;
use qiangji::report::alternatives::write_alternatives;
use qiangji::report::tables::num;
use qiangji::solve::SolverOptions;

use super::{available_cores, finished, load_instance, preflight_output};
use crate::cli::args::{exit_help, InstanceArgs, ModelArgs, ReportArgs};
use crate::cli::values::{number, parallel};
use crate::cli::Failure;

#[derive(Debug, Args)]
#[command(after_help = format!(
    "Example:\n  qiangji alternatives instances/china-2025 --slack 0.02 --directions area,province --jobs 2 --out out/alternatives\n\n\
     A direction is firm when max − min ≤ 10% of max(optimum's funding, 1 亿元), else contestable.\n\
     Every extreme plan is a folder with the files `solve` writes (compare two with `qiangji diff`).\n\n{}",
    exit_help()
))]
pub struct AlternativesArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Near-optimal: the objective (real spending plus shortfall penalty) at
    /// most (1 + SLACK) times the optimum's; 0.02 = 2%.
    #[arg(long, value_name = "SLACK", default_value_t = 0.02, allow_negative_numbers = true, value_parser = number(std::ops::Bound::Included(0.0), std::ops::Bound::Included(10.0), "0.02"))]
    pub slack: f64,
    /// Kinds of direction, comma-separated: area, province, region, mode, item
    /// (default: all five).
    #[arg(
        long,
        value_name = "KIND,…",
        value_delimiter = ',',
        default_value = "area,province,region,mode,item"
    )]
    pub directions: Vec<String>,
    /// Directions solved at once, 1 to 1024 (one solver thread each; default:
    /// the cores of this machine).
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = parallel::<usize>())]
    pub jobs: Option<usize>,
    /// Choose lead sites and platforms again for every extreme (a MIP each)
    /// instead of holding them at the optimum's values (an LP each).
    #[arg(long)]
    pub reoptimise_sites: bool,
    /// Output folder.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub model: ModelArgs,
    #[command(flatten)]
    pub report: ReportArgs,
}

pub fn run(args: AlternativesArgs) -> Result<ExitStatus, Failure> {
    let mut kinds = Vec::new();
    for id in &args.directions {
        let kind = DirectionKind::parse(id.trim()).ok_or_else(|| {
            Failure::usage(format!(
                "--directions: {} is not a kind of direction; use area, province, region, mode or item",
                qiangji::quote::quote(id)
            ))
        })?;
        kinds.push(kind);
    }
    preflight_output(&args.out)?;
    let inst = load_instance(&args.instance)?;
    let options = AlternativesOptions {
        slack: args.slack,
        kinds,
        jobs: args.jobs.unwrap_or_else(available_cores),
        reoptimise_sites: args.reoptimise_sites,
        run: args.model.run_options(SolverOptions::default()),
    };
    let about = args.instance.instance.as_path();
    let mut result = run_alternatives(&inst, &options).map_err(|e| Failure::from((about, e)))?;
    let solver = SolverOptions::default();
    write_alternatives(
        &args.out,
        &inst,
        &mut result,
        &solver,
        args.report.options(),
    )
    .map_err(|e| Failure::from_error(&args.out, e))?;
    let firm = result.firm_count();
    println!(
        "{}: {} directions within {}% of the optimum (objective ≤ {:.2} 亿元), sites and platforms {}: {} firm, {} contestable, {:.2} s ({:.2} s the optimum), every plan checked",
        inst.name,
        result.ranges.len(),
        num(100.0 * result.slack),
        result.bound,
        result.sites.describe(),
        firm,
        result.ranges.len() - firm,
        result.total_s,
        result.optimum_s
    );
    for r in &result.ranges {
        println!(
            "  {:<8} {:<28} optimum {:>12}  min {:>12}  max {:>12} 亿元  {}",
            r.direction.kind.id(),
            r.direction.id,
            num(r.optimum_yi),
            num(r.min.funding_yi),
            num(r.max.funding_yi),
            r.verdict().id()
        );
    }
    println!("  outputs            {}", args.out.display());
    finished(|| "the alternatives were written before the interrupt".into())
}

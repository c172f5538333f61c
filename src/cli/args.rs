//! The command line: clap subcommands, their options and `--help` text.

use std::ops::Bound::{Excluded, Included, Unbounded};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use qiangji::model::ResponseForm;
use qiangji::report::html::{Lang, ReportFormat, ReportOptions};
use qiangji::run::RunOptions;
use qiangji::solve::{LpAlgorithm, SolverOptions};

use super::values::{number, parallel, slurm_memory, slurm_partition, slurm_time, whole};

/// The exit-status table printed after every `--help`.
pub fn exit_help() -> String {
    qiangji::exit::ExitStatus::help_text()
}

/// qiangji (强基): plans funding, talent and platform capacity across China's
/// five industrial foundations, key items, provinces and years, so that
/// self-sufficiency targets are met at least cost.
#[derive(Debug, Parser)]
#[command(name = "qiangji", version, about, long_about = None, after_help = exit_help())]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate an instance folder against every input rule and list all
    /// errors, then diagnose before any solve what makes a target impossible
    /// (errors, exit status 2) or an input useless (warnings).
    Check(CheckArgs),
    /// Solve an instance and write a verified plan to an output folder, with
    /// what one more and one less unit of each binding resource and target
    /// is worth (measured, one-sided) and exchange rates (points of
    /// self-sufficiency per 亿元, k FTE and platform); without a plan,
    /// infeasibility.md says which limits conflict.
    Solve(SolveArgs),
    /// Solve, then explain in full: every one-sided marginal value measured
    /// (re-solved where the ranging interval is narrower than one unit),
    /// every place of every exchange rate, and ranging (the interval of each
    /// limit, a target's level as written, over which its dual holds; the
    /// cost interval over which the plan stays optimal) in ranging.csv.
    Sensitivity(SolveArgs),
    /// Write the exact model that `solve` would solve, as MPS or LP, for any solver.
    Export(ExportArgs),
    /// Move one parameter over a range and re-solve at every point, warm from
    /// the previous basis; writes sweep.csv (each point as --op reads it and
    /// in the parameter's unit), breakpoints.csv and sweep.svg.
    Sweep(SweepArgs),
    /// Draw uncertain gains (and optionally budgets), re-solve every sample (or
    /// re-evaluate the base plan), and report quantiles and the probability
    /// that each target is met.
    Montecarlo(MonteCarloArgs),
    /// Make one plan that holds under uncertain gains: the sample-average
    /// plan for S draws (expected shortfall priced; optionally every target
    /// met in a share of the draws, or its CVaR bounded), judged on fresh
    /// draws beside the deterministic plan (probability met, expected
    /// shortfall, spending, value of the stochastic solution, EVPI).
    Robust(RobustArgs),
    /// Move each parameter group (budgets, talent, capacity, gains and initial
    /// shares per area, mode costs) by ±delta alone and rank them by impact.
    Tornado(TornadoArgs),
    /// Write a synthetic instance of any size that follows the national instance's distributions.
    Generate(GenerateArgs),
    /// Find the smallest change that makes the hard-target plan feasible:
    /// extra central budget per year, extra talent per province and year, or
    /// lower target levels; with --out, relaxation.csv, report.html and report.md.
    Relax(RelaxArgs),
    /// Solve every scenario of a scenario file (and the base case) in
    /// parallel, one folder per scenario, and compare them: comparison.csv,
    /// comparison.md, report.html. Unchanged scenarios are not solved again,
    /// so an interrupted batch resumes where it stopped.
    #[command(after_help = BATCH_EXAMPLES)]
    Batch(BatchArgs),
    /// Say what changed between two solved plans (two `solve` folders, or two
    /// scenario folders of a batch) and why: funding, lead sites, platforms,
    /// targets, ranked by size, and the limits that bind in one and not the other.
    Diff(DiffArgs),
    /// Combine the shard folders of a batch (`batch --shard K/N`) into one
    /// comparison, the same as one run would write.
    Merge(MergeArgs),
    /// Write an Excel workbook a planner fills in: every table of the
    /// instance format as a sheet, header rows frozen, each column's unit
    /// and rule as a header comment (English and Chinese), drop-down lists
    /// and numeric ranges, an instructions sheet; with --from, the data of
    /// an instance. Every command that reads an instance reads the workbook.
    Template(TemplateArgs),
    /// Turn an instance workbook (.xlsx) into an instance folder (CSV
    /// tables and instance.toml), after checking every input rule; errors
    /// name the sheet and cell (items!F12).
    Import(ImportArgs),
    /// Write an instance (folder or workbook) as an instance workbook
    /// (.xlsx), the reverse of `import`.
    ExportXlsx(ExportXlsxArgs),
    /// Near-optimal plans: for every area, province, region, instrument and
    /// item, the least and the most funding any plan within --slack of the
    /// optimum gives it, firm or contestable, each extreme a plan folder.
    Alternatives(super::commands::alternatives::AlternativesArgs),
    /// The cost–self-sufficiency frontier of one target: least real spending
    /// for each level (hard), or the highest level for each central budget,
    /// with exact breakpoints and the marginal cost between them.
    Frontier(super::commands::frontier::FrontierArgs),
}

#[derive(Debug, Args)]
#[command(after_help = exit_help())]
pub struct TemplateArgs {
    /// The workbook to write (.xlsx); an existing file is not replaced.
    #[arg(long, value_name = "FILE.xlsx")]
    pub out: PathBuf,
    /// Fill the workbook with this instance's data (a folder or a workbook).
    #[arg(long, value_name = "INSTANCE")]
    pub from: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(after_help = exit_help())]
pub struct ImportArgs {
    /// The instance workbook (.xlsx).
    pub workbook: PathBuf,
    /// The instance folder to write (new, empty, or written by qiangji before).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Check the workbook with this model file instead of the one it names.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(after_help = exit_help())]
pub struct ExportXlsxArgs {
    /// The instance (a folder, or a workbook).
    pub instance: PathBuf,
    /// The workbook to write (.xlsx); an existing file is not replaced.
    #[arg(long, value_name = "FILE.xlsx")]
    pub out: PathBuf,
}

const BATCH_EXAMPLES: &str = "\
Examples:
  qiangji batch instances/china-2025 --jobs 2 --out out/scenarios
  qiangji batch instances/china-2025 --only central_budget_cut_20,embargo_stranglehold --out out/two
  qiangji batch instances/china-2025 --shard 2/4 --out out/shard-2
  qiangji batch instances/china-2025 --slurm --partition debug --time 01:00:00 --out /shared/batch

Exit status 6: the batch finished, but some scenarios failed or have no plan
(comparison.csv says why in their rows); 130: interrupted (run again to resume).";

#[derive(Debug, Args)]
#[command(after_help = exit_help())]
pub struct BatchArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Only these scenarios (comma-separated names), besides the base case.
    #[arg(long, value_name = "A,B,…", value_delimiter = ',')]
    pub only: Option<Vec<String>>,
    /// Parallel workers, each with one single-threaded solver (default: the
    /// cores of this machine). Results do not depend on it.
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = parallel::<usize>())]
    pub jobs: Option<usize>,
    /// Run only shard K of N: every N-th scenario from the K-th (and the base
    /// case), for `qiangji merge` to combine.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    /// Start every scenario's MIP from the base plan's lead sites instead
    /// of from its own LP relaxation. Measured slower on the national
    /// instance (the scenario's own relaxation is the better guide); kept to
    /// compare, and for scenarios that barely move the plan.
    #[arg(long)]
    pub start_from_base: bool,
    /// Write a Slurm job array (one task per shard) and a dependent merge
    /// job into OUT/slurm/ instead of solving here; prints how to submit them.
    #[arg(long)]
    pub slurm: bool,
    /// Shards of the Slurm job array (default: one per scenario).
    #[arg(long, value_name = "N", requires = "slurm", allow_negative_numbers = true, value_parser = whole(1usize, None))]
    pub shards: Option<usize>,
    /// Slurm partition.
    #[arg(long, value_name = "P", requires = "slurm", value_parser = slurm_partition)]
    pub partition: Option<String>,
    /// Slurm time limit of each array task, HH:MM:SS (or D-HH:MM:SS, MM:SS, minutes).
    #[arg(long, value_name = "HH:MM:SS", requires = "slurm", value_parser = slurm_time)]
    pub time: Option<String>,
    /// CPUs per array task (also its number of workers).
    #[arg(long, value_name = "C", requires = "slurm", allow_negative_numbers = true, value_parser = parallel::<usize>())]
    pub cpus_per_task: Option<usize>,
    /// Memory per array task, as Slurm writes it (e.g. 4G).
    #[arg(long, value_name = "M", requires = "slurm", value_parser = slurm_memory)]
    pub mem: Option<String>,
    /// Output folder: base/, one folder per scenario, comparison files.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub model: ModelArgs,
    /// Stop each MIP search when the relative gap falls below this, in [0, 1).
    #[arg(long, value_name = "GAP", allow_negative_numbers = true, value_parser = mip_gap())]
    pub mip_gap: Option<f64>,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Debug, Args)]
#[command(after_help = format!(
    "Example:\n  qiangji solve instances/demo --out out/a\n  \
     qiangji solve instances/demo --set central_budget*=0.5 --out out/b\n  \
     qiangji diff out/a out/b --out out/a-vs-b\n\n\
     What it says, in this order (printed, diff.md, diff.csv and report.html alike):\n  \
     1. what changed in the inputs: scenarios, --set overrides, model and instance files;\n  \
     2. real spending in 亿元 and % of the first plan: overall, central and provincial,\n     \
     then by region, province, year, instrument and area, largest change first;\n  \
     3. lead sites and platforms;\n  \
     4. per target, its level in both plans (in %) and the limits related to it, with what\n     \
     one more unit is worth (\"one more cu of platform capacity for components in east in\n     \
     2025 would save 1.20 亿元 of objective\").\n\n{}",
    exit_help()
))]
pub struct DiffArgs {
    /// The first plan's folder (e.g. out/scenarios/base).
    pub before: PathBuf,
    /// The second plan's folder (e.g. out/scenarios/budget_cut_20).
    pub after: PathBuf,
    /// Changes listed per kind, largest first.
    #[arg(long, value_name = "N", default_value_t = 15, allow_negative_numbers = true, value_parser = whole(1usize, None))]
    pub top: usize,
    /// Also write diff.md, diff.csv and report.html into this folder.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Debug, Args)]
#[command(after_help = exit_help())]
pub struct MergeArgs {
    /// Shard folders written by `qiangji batch --shard K/N`.
    #[arg(required = true)]
    pub shards: Vec<PathBuf>,
    /// Folder for the combined comparison (may hold the shard folders).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Debug, Args)]
#[command(after_help = format!(
    "Example:\n  qiangji generate --items 250 --provinces 80 --years 14 --out gen/10x\n  qiangji generate --items 60 --provinces 40 --years 10 --levels policy --out gen/policy\n\n\
     The instance copies the national one (items, provinces, instruments, budgets, policy\n\
     bounds) with jitter; docs/performance.md says how its targets are set.\n\n{}",
    exit_help()
))]
pub struct GenerateArgs {
    /// Number of key items.
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = whole(1usize, None))]
    pub items: usize,
    /// Number of provinces (or prefecture-level regions).
    #[arg(long, value_name = "P", allow_negative_numbers = true, value_parser = whole(1usize, None))]
    pub provinces: usize,
    /// Number of years, starting in 2022 (1 to 100).
    #[arg(long, value_name = "T", allow_negative_numbers = true, value_parser = whole(1usize, Some(100)))]
    pub years: usize,
    /// Random seed: the same seed gives the same instance.
    #[arg(long, value_name = "S", default_value_t = 1, allow_negative_numbers = true, value_parser = whole(0u64, None))]
    pub seed: u64,
    /// Target levels: reachable (each target 80% of the way from where its
    /// items start to what the least-cost plan of the LP relaxation reaches:
    /// met together by that plan, and binding; one LP solve at generation,
    /// 12 s at ten times the national size) or policy (the national levels,
    /// 70% of core items in 2025 and so on, reachable or not).
    #[arg(long, value_name = "LEVELS", default_value = "reachable")]
    pub levels: LevelsArg,
    /// Folder to write (an earlier generated instance there is replaced).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// `--levels` of `generate`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum LevelsArg {
    Reachable,
    Policy,
}

impl From<LevelsArg> for qiangji::generate::Levels {
    fn from(arg: LevelsArg) -> Self {
        match arg {
            LevelsArg::Reachable => qiangji::generate::Levels::Reachable,
            LevelsArg::Policy => qiangji::generate::Levels::Policy,
        }
    }
}

#[derive(Debug, Args)]
pub struct InstanceArgs {
    /// Instance folder (instance.toml plus CSV tables), or an instance
    /// workbook (.xlsx); see docs/instance-format.md.
    pub instance: PathBuf,
    /// Use this model file instead of the one named in instance.toml.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// Apply this scenario (repeatable: composed in order, later wins),
    /// from INSTANCE/scenarios.toml or the file given with --scenarios.
    /// See docs/scenarios.md.
    #[arg(long, value_name = "NAME")]
    pub scenario: Vec<String>,
    /// The scenario file (default: INSTANCE/scenarios.toml).
    #[arg(long, value_name = "FILE")]
    pub scenarios: Option<PathBuf>,
    /// A one-off override, applied after the scenarios (repeatable):
    /// `PARAM[SELECTORS]=VALUE`, `*=FACTOR` or `+=AMOUNT`, e.g.
    /// `central_budget[from=2024]*=0.8` or `target_level[target=core_2025]=0.75`.
    #[arg(long = "set", value_name = "PARAM[SELECTORS]=VALUE")]
    pub sets: Vec<String>,
}

impl InstanceArgs {
    /// The scenarios and overrides asked for.
    pub fn variant(&self) -> qiangji::instance::variant::VariantSpec {
        qiangji::instance::variant::VariantSpec {
            scenario_file: self.scenarios.clone(),
            scenarios: self.scenario.clone(),
            sets: self.sets.clone(),
        }
    }
}

#[derive(Debug, Args)]
#[command(after_help = format!(
    "Example:\n  qiangji check instances/china-2025\n\n\
     Besides the input rules, check reports, with file, line and field:\n\
     errors   - a target level above the demand-weighted ceiling (smax) of its group;\n\
     \x20          a target year no effort can reach because of the effect lags;\n\
     \x20          items a target needs that no budget, talent or platform capacity can ever fund;\n\
     warnings - a province that can never receive money, an area without platform capacity,\n\
     \x20          an item no instrument may address, a lead site no budget can pay for,\n\
     \x20          a target the initial shares already meet.\n\n{}",
    exit_help()
))]
pub struct CheckArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Targets must be met: a target no plan can reach is an error (exit 2).
    /// Without this flag it is reported as a certain shortfall, which the
    /// plan prices with the target's penalty (exit 0).
    #[arg(long)]
    pub hard_targets: bool,
}

/// Options that change the model solved.
#[derive(Debug, Args)]
pub struct ModelArgs {
    #[command(flatten)]
    pub formulation: FormulationArgs,
    /// Targets must be met: shortfalls are fixed at zero (the model may become infeasible).
    #[arg(long)]
    pub hard_targets: bool,
}

/// How the model is written and started, whatever its targets (shared by
/// every command that solves, `relax` included).
#[derive(Debug, Args)]
pub struct FormulationArgs {
    /// Solve the LP relaxation: lead sites and platforms become continuous.
    #[arg(long)]
    pub relax: bool,
    /// Objective preset of the model file: min-cost (least discounted spending
    /// that meets the targets) or max-sufficiency (highest self-sufficiency
    /// the budgets allow). Default: the instance's choice.
    #[arg(long, value_name = "PRESET")]
    pub objective: Option<String>,
    /// Write the response rows with every earlier year's effort (the reference
    /// form of docs/model.md) instead of cumulative-effort stock columns.
    #[arg(long)]
    pub dense_response: bool,
    /// Let HiGHS search for the first integer plan on its own instead of
    /// building one from the model's structure (LP relaxation and a local
    /// search over lead sites). Slower; for comparison.
    #[arg(long)]
    pub no_mip_start: bool,
}

/// Which readable reports to write, and in which language.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Readable reports: html (report.html: one self-contained file with
    /// charts, no network, printable), md (report.md), both or none.
    #[arg(long = "report", value_name = "FORMAT", default_value = "both", value_parser = parse_format)]
    pub format: ReportFormat,
    /// Language of the readable reports: en or zh (Chinese names from the
    /// instance's name_zh columns, Chinese labels).
    #[arg(long, value_name = "LANG", default_value = "en", value_parser = parse_lang)]
    pub lang: Lang,
}

fn parse_format(s: &str) -> Result<ReportFormat, String> {
    s.parse()
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
}

impl ReportArgs {
    pub fn options(&self) -> ReportOptions {
        ReportOptions {
            format: self.format,
            lang: self.lang,
        }
    }
}

#[derive(Debug, Args)]
#[command(after_help = format!(
    "Example:\n  qiangji solve instances/china-2025 --out out/china-2025\n  qiangji solve instances/china-2025 --hard-targets --out out/hard   # infeasibility.md if no plan\n  qiangji solve instances/china-2026 --rolling 5 --out out/rolling   # five-year plans; rolling.csv, cost of myopia\n\n\
     report.md gives the objective in its parts (spending, and the shortfall penalty, which is\n\
     not money), real spending, what one more / one less unit of each binding limit is worth\n\
     and exchange rates; docs/sensitivity.md defines every column.\n\n{}",
    exit_help()
))]
pub struct SolveArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Output folder; written whole or not at all (an earlier qiangji output there is replaced).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub model: ModelArgs,
    #[command(flatten)]
    pub report: ReportArgs,
    #[command(flatten)]
    pub solver: SolverArgs,
    /// How an LP (--relax) is solved: auto (the fastest measured: dual simplex
    /// at every size up to 100 times the national instance), simplex, or ipm (interior point, then crossover
    /// to a vertex, so ranging and warm re-solves still work). MIPs always
    /// use branch-and-bound. E.g. `--relax --lp-algorithm ipm`.
    #[arg(long, value_name = "ALGORITHM", default_value = "auto")]
    pub lp_algorithm: LpAlgorithmArg,
    /// Show the solver's log and the model's coefficient ranges on stderr.
    #[arg(long)]
    pub verbose: bool,
    /// Print on stderr where the time went: load, build, pass to HiGHS, MIP
    /// start, solve, read back, check, explain, write (seconds and share).
    #[arg(long)]
    pub timings: bool,
    /// solve only: write the checked plan without marginal values and
    /// exchange rates. For very large models, where explaining re-solves the
    /// plan's LP at least once more (minutes at 100 times the national size);
    /// `qiangji sensitivity` measures them later. E.g. `--relax --no-explain`.
    #[arg(long)]
    pub no_explain: bool,
    /// solve only: plan as a ministry does, N years at a time (e.g. 5 for
    /// five-year plans). Window w decides its own N years while seeing N more
    /// (targets, shares and the horizon-end value beyond them count nothing);
    /// its decisions are fixed before the next window is solved, and the last
    /// window runs to the last year. The output is the rolling plan, checked
    /// against the full instance, with rolling.csv and a "Cost of myopia"
    /// section beside the perfect-foresight plan (the ordinary solve). N at
    /// least the horizon's length is the ordinary solve. E.g. `--rolling 5`.
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = whole(1usize, None))]
    pub rolling: Option<usize>,
}

/// Limits and settings of HiGHS (shared by `solve`, `sensitivity` and `relax`).
#[derive(Debug, Args)]
pub struct SolverArgs {
    /// Stop each solve after this many seconds (> 0), e.g. `--time-limit 600`.
    /// solve reports the best plan found by then, with its gap; without a
    /// plan, the explanation of why keeps to the same allowance (the
    /// conflicting subset found by then, perhaps not the smallest), and a
    /// solve stopped before any plan writes nothing (exit status 5).
    #[arg(long, value_name = "SECONDS", allow_negative_numbers = true, value_parser = number(Excluded(0.0), Unbounded, "600"))]
    pub time_limit: Option<f64>,
    /// Stop the MIP search when the relative gap falls below this, in [0, 1)
    /// (e.g. 0.001 for 0.1%).
    #[arg(long, value_name = "GAP", allow_negative_numbers = true, value_parser = mip_gap())]
    pub mip_gap: Option<f64>,
    /// Threads the solver may use, 1 to 1024 (solve's default is 1: the same
    /// plan every time, and the same as a batch writes; more threads rarely
    /// pay on these models).
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = parallel::<u32>())]
    pub threads: Option<u32>,
    /// Random seed of the solver (0 to 2147483647), for reproducible MIP searches.
    #[arg(long, value_name = "SEED", allow_negative_numbers = true, value_parser = whole(0i32, Some(i32::MAX)))]
    pub seed: Option<i32>,
}

/// `--mip-gap`: a relative gap in [0, 1) (1 would accept any plan found).
fn mip_gap() -> impl Fn(&str) -> Result<f64, String> + Clone + Send + Sync + 'static {
    number(Included(0.0), Excluded(1.0), "0.001")
}

impl SolverArgs {
    /// The options as given; `threads` stays unset when not given.
    pub fn options(&self) -> SolverOptions {
        SolverOptions {
            time_limit_s: self.time_limit,
            mip_gap: self.mip_gap,
            threads: self.threads,
            seed: self.seed,
            ..SolverOptions::default()
        }
    }
}

#[derive(Debug, Args)]
#[command(after_help = exit_help())]
pub struct ExportArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Write the model in MPS format to FILE.
    #[arg(long, value_name = "FILE", required_unless_present = "lp")]
    pub mps: Option<PathBuf>,
    /// Write the model in CPLEX LP format to FILE.
    #[arg(long, value_name = "FILE")]
    pub lp: Option<PathBuf>,
    #[command(flatten)]
    pub model: ModelArgs,
}

impl ModelArgs {
    pub fn run_options(&self, solver: SolverOptions) -> RunOptions {
        self.formulation.run_options(self.hard_targets, solver)
    }
}

impl FormulationArgs {
    pub fn run_options(&self, hard_targets: bool, solver: SolverOptions) -> RunOptions {
        RunOptions {
            relax: self.relax,
            hard_targets,
            objective_preset: self.objective.clone(),
            response_form: if self.dense_response {
                ResponseForm::Direct
            } else {
                ResponseForm::Stock
            },
            solver,
            ranging: false,
            mip_start: if self.no_mip_start {
                qiangji::run::MipStart::None
            } else {
                qiangji::run::MipStart::Structured
            },
        }
    }
}

impl SolveArgs {
    pub fn solver_options(&self) -> SolverOptions {
        SolverOptions {
            threads: Some(self.solver.threads.unwrap_or(1)),
            verbose: self.verbose,
            lp_algorithm: self.lp_algorithm.into(),
            ..self.solver.options()
        }
    }
}

/// `--lp-algorithm`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LpAlgorithmArg {
    Auto,
    Simplex,
    Ipm,
}

impl From<LpAlgorithmArg> for LpAlgorithm {
    fn from(a: LpAlgorithmArg) -> LpAlgorithm {
        match a {
            LpAlgorithmArg::Auto => LpAlgorithm::Auto,
            LpAlgorithmArg::Simplex => LpAlgorithm::Simplex,
            LpAlgorithmArg::Ipm => LpAlgorithm::Ipm,
        }
    }
}

#[derive(Debug, Args)]
#[command(after_help = exit_help())]
pub struct SweepArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The parameter and its selectors, as in a scenario file or --set
    /// (docs/scenarios.md lists every parameter), e.g. `central_budget`,
    /// `provincial_budget[province=sichuan]`, `gain[area=software]`,
    /// `target_level[target=core_2025]`.
    #[arg(long, value_name = "PARAM[SELECTORS]")]
    pub param: String,
    /// What --from and --to are: `scale` (multipliers of the base values,
    /// 1 = base), `set` (the values themselves, in the parameter's unit) or
    /// `add` (amounts added to the base values).
    #[arg(long, value_name = "OP", value_parser = ["scale", "set", "add"])]
    pub op: String,
    /// First value.
    #[arg(long, value_name = "A", allow_negative_numbers = true, value_parser = number(Unbounded, Unbounded, "0.5"))]
    pub from: f64,
    /// Last value.
    #[arg(long, value_name = "B", allow_negative_numbers = true, value_parser = number(Unbounded, Unbounded, "1.5"))]
    pub to: f64,
    /// Number of points, both ends included (at least 2).
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = whole(2usize, None))]
    pub steps: usize,
    /// Rebuild the model at every point (slower; an oracle for the warm sweep).
    #[arg(long)]
    pub cold: bool,
    /// Re-solve sites and platforms at every point (a MIP per point) instead of
    /// keeping them at the base plan.
    #[arg(long)]
    pub reoptimise_integers: bool,
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

#[derive(Debug, Args)]
#[command(after_help = exit_help())]
pub struct MonteCarloArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Number of samples (at least 1).
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = whole(1usize, None))]
    pub samples: usize,
    /// Coefficient of variation of each lognormal factor (mean 1), in [0, 5].
    #[arg(long, value_name = "CV", default_value_t = 0.2, allow_negative_numbers = true, value_parser = number(Included(0.0), Included(5.0), "0.2"))]
    pub cv: f64,
    /// Random seed: the same seed gives the same samples.
    #[arg(long, value_name = "S", default_value_t = 1, allow_negative_numbers = true, value_parser = whole(0u64, None))]
    pub seed: u64,
    /// Also draw every central and provincial budget.
    #[arg(long)]
    pub uncertain_budgets: bool,
    /// Keep the base plan and ask how likely it is to reach each target,
    /// instead of re-planning for every sample.
    #[arg(long)]
    pub evaluate_plan: bool,
    /// Parallel workers, 1 to 1024 (each runs its own single-threaded solver;
    /// default: the cores of this machine).
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = parallel::<usize>())]
    pub workers: Option<usize>,
    /// Output folder.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub model: ModelArgs,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Debug, Args)]
#[command(after_help = format!(
    "Example:\n  qiangji robust instances/china-2026 --samples 20 --reliability 0.9 --out out/robust\n  qiangji robust instances/demo --samples 50 --cvar 0.9:0.5 --out out/robust-cvar\n\n{}",
    exit_help()
))]
pub struct RobustArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// S: draws of the gains the plan is made for (at least 1).
    #[arg(long, value_name = "S", allow_negative_numbers = true, value_parser = whole(1usize, None))]
    pub samples: usize,
    /// Every target met in at least ⌈p S⌉ of the draws, p in (0, 1].
    #[arg(long, value_name = "P", allow_negative_numbers = true, value_parser = number(Excluded(0.0), Included(1.0), "0.9"), conflicts_with = "cvar")]
    pub reliability: Option<f64>,
    /// β:ε — the mean shortfall of the worst (1 − β) share of the draws at
    /// most ε points, for every target; β in (0, 1), ε ≥ 0.
    #[arg(long, value_name = "BETA:EPS", value_parser = cvar_bound)]
    pub cvar: Option<qiangji::model::robust::CvarBound>,
    /// Coefficient of variation of each gain's lognormal factor (mean 1), in [0, 5].
    #[arg(long, value_name = "CV", default_value_t = 0.2, allow_negative_numbers = true, value_parser = number(Included(0.0), Included(5.0), "0.2"))]
    pub cv: f64,
    /// Random seed of the S draws (as montecarlo's); the fresh draws use seed + 1.
    #[arg(long, value_name = "N", default_value_t = 1, allow_negative_numbers = true, value_parser = whole(0u64, None))]
    pub seed: u64,
    /// Fresh draws both plans are judged on (default and least: 10 × S).
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = whole(1usize, None))]
    pub validation_samples: Option<usize>,
    /// Fresh draws solved with perfect information for EVPI (0: skip).
    #[arg(long, value_name = "N", default_value_t = 10, allow_negative_numbers = true, value_parser = whole(0usize, None))]
    pub evpi_draws: usize,
    /// Parallel workers for the evaluations, 1 to 1024 (default: the cores of this machine).
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = parallel::<usize>())]
    pub workers: Option<usize>,
    /// Output folder.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub model: ModelArgs,
    #[command(flatten)]
    pub solver: SolverArgs,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// `--cvar β:ε`: β in (0, 1), ε ≥ 0 points.
fn cvar_bound(text: &str) -> Result<qiangji::model::robust::CvarBound, String> {
    let rule = "must be β:ε with β in (0, 1) and ε ≥ 0 points, e.g. 0.9:0.5";
    let (beta, epsilon) = text.split_once(':').ok_or(rule)?;
    let beta = number(Excluded(0.0), Excluded(1.0), "0.9")(beta).map_err(|_| rule)?;
    let epsilon = number(Included(0.0), Unbounded, "0.5")(epsilon).map_err(|_| rule)?;
    Ok(qiangji::model::robust::CvarBound {
        beta,
        epsilon_points: epsilon,
    })
}

#[derive(Debug, Args)]
#[command(after_help = exit_help())]
pub struct TornadoArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Relative change of each group, in (0, 1) (0.2 = ±20%).
    #[arg(long, value_name = "DELTA", default_value_t = 0.2, allow_negative_numbers = true, value_parser = number(Excluded(0.0), Excluded(1.0), "0.2"))]
    pub delta: f64,
    /// Parallel workers, 1 to 1024 (each runs its own single-threaded solver;
    /// default: the cores of this machine).
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = parallel::<usize>())]
    pub workers: Option<usize>,
    /// Output folder.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub model: ModelArgs,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// What `relax` may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RelaxBy {
    /// The central budget of each year [亿元].
    Budget,
    /// Talent of each province and year [k FTE].
    Talent,
    /// Target levels [points].
    Targets,
    /// All three, traded at --weights.
    All,
}

#[derive(Debug, Args)]
#[command(
    after_help = format!(
        "Example:\n  qiangji relax instances/china-2025 --by budget\n  qiangji relax instances/china-2025 --by all --weights budget=1,talent=5,targets=200 --out out/relax\n  qiangji relax instances/china-2025 --by targets --relax --time-limit 120\n\n\
         The answer is the least Σ weight × change that gives the model with --hard-targets a plan\n\
         (the elastic form of the same formulation, whole lead sites and platforms), verified by\n\
         solving the model again with exactly those changes.\n\n{}",
        exit_help()
    )
)]
pub struct RelaxArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// Which limits may move (repeat or comma-separate: --by budget,talent).
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "budget",
        value_name = "KIND"
    )]
    pub by: Vec<RelaxBy>,
    /// What one unit of each change costs in the total minimised: 1 亿元 of
    /// budget, 1 k FTE of talent, 1 point of a target (default 1 each),
    /// e.g. budget=1,talent=5,targets=200.
    #[arg(long, value_name = "KIND=W,…")]
    pub weights: Option<String>,
    /// Also write relaxation.csv, summary.json and the readable reports
    /// (report.html, report.md: see --report) to this folder.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub report: ReportArgs,
    #[command(flatten)]
    pub formulation: FormulationArgs,
    #[command(flatten)]
    pub solver: SolverArgs,
}

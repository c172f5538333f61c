//! Batches of scenarios: every selected scenario of a scenario file solved
//! as `solve --scenario NAME` would solve it, in parallel (one
//! single-threaded HiGHS per worker), each MIP started from a plan built from
//! its own LP relaxation (or, on request, from the base plan's lead sites).
//! Results do not depend on the number of workers: every case is a function
//! of its instance and its options alone.
//!
//! A case whose inputs, options and program are unchanged since it was last
//! written is skipped (its key is recorded with its outputs), so an
//! interrupted batch resumes where it stopped.

mod key;
mod select;

use std::sync::Mutex;
use std::time::Instant;

use rayon::prelude::*;

pub use key::case_key;
pub use select::{select, Shard};

use super::case::{solve_case, Case};
use super::marginal::Depth;
use super::AnalysisError;
use crate::instance::overrides::ScenarioFile;
use crate::instance::variant::{apply_variant_from, VariantSpec};
use crate::instance::{InputErrors, Instance};
use crate::results::batch::state;
use crate::run::incumbent::SiteSet;
use crate::run::{solve_instance, MipStart, RunOptions, RunResult};

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Options of every solve (the solver runs on one thread per worker).
    pub run: RunOptions,
    /// Parallel workers.
    pub jobs: usize,
    /// One-off overrides in `--set` syntax, applied to every case after its
    /// scenario, as `solve --scenario NAME --set …` applies them.
    pub sets: Vec<String>,
    /// Start every scenario's MIP from the base plan's lead sites instead of
    /// from its own LP relaxation (the default, and faster on the national
    /// instance: the scenario's own relaxation is the better guide).
    pub from_base: bool,
}

/// What happened to one scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum CaseState {
    /// Solved now and written.
    Solved { seconds: f64 },
    /// Unchanged since it was written: not solved again.
    Skipped,
    /// Its overrides break an input rule (the message names file, line and key).
    InputError(String),
    /// The solve or the writing failed (the message says why).
    Failed(String),
    /// Not started, or stopped, because of Ctrl-C or SIGTERM.
    Interrupted,
}

impl CaseState {
    pub fn id(&self) -> &'static str {
        match self {
            CaseState::Solved { .. } => state::SOLVED,
            CaseState::Skipped => state::UNCHANGED,
            CaseState::InputError(_) => state::INPUT_ERROR,
            CaseState::Failed(_) => state::FAILED,
            CaseState::Interrupted => state::INTERRUPTED,
        }
    }
}

/// A scenario's outcome in a batch.
#[derive(Debug, Clone)]
pub struct CaseRun {
    pub name: String,
    pub state: CaseState,
}

/// Where finished cases go (the command writes their folders) and how to
/// tell that a case is already there.
pub trait CaseSink: Sync {
    /// Whether outputs with this key are already written for `name`.
    fn is_done(&self, name: &str, key: &str) -> bool;
    /// Writes a finished case; the error says why it could not be written.
    fn write(&self, name: &str, inst: &Instance, case: &mut Case, key: &str) -> Result<(), String>;
}

/// The base plan's designated lead sites, by meaning, as the start of every
/// scenario (`MipStart::From`). Without integer decisions, or without a
/// plan, scenarios start on their own (`MipStart::Structured`).
pub fn start_from_base(base: &Instance, run: &RunOptions) -> Result<MipStart, AnalysisError> {
    if run.relax || run.mip_start == MipStart::None {
        return Ok(run.mip_start.clone());
    }
    let solved = solve_instance(base, run)?;
    Ok(lead_sites(base, &solved).map_or(MipStart::Structured, MipStart::From))
}

/// The designated lead sites of a solved MIP, by meaning (`None` without a
/// plan or without integer decisions).
fn lead_sites(inst: &Instance, solved: &RunResult) -> Option<SiteSet> {
    let plan = solved.plan.as_ref()?;
    if solved.size.integers == 0 {
        return None;
    }
    Some(
        plan.sites
            .iter()
            .filter(|s| s.value > 0.5)
            .map(|s| {
                (
                    inst.items[s.item].id.clone(),
                    inst.provinces[s.province].id.clone(),
                )
            })
            .collect(),
    )
}

/// Runs the named scenarios of `file` on `base` (the base instance itself
/// under the name `base` when `names` contains it), writing each finished
/// case through `sink`. Returns one entry per name, in the order given.
pub fn run_batch(
    base: &Instance,
    file: &ScenarioFile,
    names: &[String],
    opts: &BatchOptions,
    sink: &dyn CaseSink,
    progress: &(dyn Fn(&CaseRun) + Sync),
) -> Result<Vec<CaseRun>, AnalysisError> {
    let mut run = opts.run.clone();
    let mut results: Vec<Option<CaseRun>> = vec![None; names.len()];
    let mut rest: Vec<usize> = (0..names.len()).collect();
    let warm = opts.from_base && !opts.run.relax && opts.run.mip_start != MipStart::None;
    if warm {
        // The base case first, solved exactly as `qiangji solve` solves it;
        // its lead sites start every scenario. When it is unchanged on disk
        // (nothing to solve), the base is solved once more for its sites.
        let mut sites = None;
        if let Some(i) = names.iter().position(|n| n == BASE) {
            let (state, found) = run_one(base, file, BASE, &opts.sets, &opts.run, sink);
            let done = CaseRun {
                name: BASE.to_string(),
                state,
            };
            progress(&done);
            results[i] = Some(done);
            rest.retain(|&j| j != i);
            sites = found;
        }
        run.mip_start = match sites {
            Some(sites) => MipStart::From(sites),
            None => start_from_base(base, &opts.run)?,
        };
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.max(1))
        .build()
        .map_err(|e| {
            AnalysisError::Solve(crate::solve::SolveError::Highs(format!(
                "cannot start {} workers: {e}",
                opts.jobs
            )))
        })?;
    let results = Mutex::new(results);
    pool.install(|| {
        rest.par_iter().for_each(|&i| {
            let name = &names[i];
            let (state, _) = run_one(base, file, name, &opts.sets, &run, sink);
            let done = CaseRun {
                name: name.clone(),
                state,
            };
            progress(&done);
            results.lock().expect("no worker panics while holding it")[i] = Some(done);
        })
    });
    Ok(results
        .into_inner()
        .expect("workers finished")
        .into_iter()
        .map(|r| r.expect("every case ran"))
        .collect())
}

/// The instance of case `name` (`base`: the base instance), with `sets`
/// applied after the scenario, exactly as `solve` builds it.
pub fn scenario_instance(
    base: &Instance,
    file: &ScenarioFile,
    name: &str,
    sets: &[String],
) -> Result<Instance, InputErrors> {
    let scenarios = if name == BASE {
        Vec::new()
    } else {
        vec![name.to_string()]
    };
    let spec = VariantSpec {
        scenario_file: Some(file.path.clone()),
        sets: sets.to_vec(),
        scenarios,
    };
    apply_variant_from(base, &spec, (name != BASE).then_some(file))
}

/// The name of the base case in every batch.
pub const BASE: &str = "base";

/// Solves and writes one case; with the lead sites of its plan when it was
/// solved now.
fn run_one(
    base: &Instance,
    file: &ScenarioFile,
    name: &str,
    sets: &[String],
    run: &RunOptions,
    sink: &dyn CaseSink,
) -> (CaseState, Option<SiteSet>) {
    if crate::interrupt::requested() {
        return (CaseState::Interrupted, None);
    }
    let inst = match scenario_instance(base, file, name, sets) {
        Ok(inst) => inst,
        Err(e) => return (CaseState::InputError(e.to_string()), None),
    };
    let key = case_key(&inst, run);
    if sink.is_done(name, &key) {
        return (CaseState::Skipped, None);
    }
    let started = Instant::now();
    let mut case = match solve_case(&inst, run, Some(Depth::Quick)) {
        Ok(case) => case,
        Err(AnalysisError::Solve(crate::solve::SolveError::Interrupted)) => {
            return (CaseState::Interrupted, None)
        }
        Err(e) => return (CaseState::Failed(e.to_string()), None),
    };
    if let Some(check) = case.result.check.as_ref().filter(|c| !c.passed) {
        let worst = check
            .violations
            .first()
            .map(|v| v.what.clone())
            .unwrap_or_default();
        return (
            CaseState::Failed(format!(
                "the independent check rejected the plan ({worst}); nothing was written"
            )),
            None,
        );
    }
    let sites = lead_sites(&inst, &case.result);
    match sink.write(name, &inst, &mut case, &key) {
        Ok(()) => (
            CaseState::Solved {
                seconds: started.elapsed().as_secs_f64(),
            },
            sites,
        ),
        Err(e) => (CaseState::Failed(e), None),
    }
}

//! One solve, end to end: build the formulation, solve it, read the plan by
//! meaning, realise it and check it independently. Reading files and writing
//! outputs stay with the caller.

use std::time::Instant;

use ndarray::Array2;

use crate::check::{check_plan, CheckOptions, CheckReport};
use crate::instance::{InputError, InputErrors, Instance, ObjectiveWeights};
use crate::model::{build, BuildOptions, Layout, ResponseForm};
use crate::plan::Plan;
use crate::readback::duals::{dual_rows, DualRow};
use crate::readback::ranging::{ranges, CostRange, RowRange};
use crate::readback::realise::realised_levels;
use crate::solve::{Outcome, Session, SolveError, SolveStatus, SolverOptions};

/// Choices for one run, from the command line.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Solve the LP relaxation.
    pub relax: bool,
    /// Fix every shortfall at zero.
    pub hard_targets: bool,
    /// A preset of the model file that replaces the instance's objective.
    pub objective_preset: Option<String>,
    pub response_form: ResponseForm,
    pub solver: SolverOptions,
    /// Also compute ranging (RHS and cost intervals).
    pub ranging: bool,
}

/// Size of the solved model.
#[derive(Debug, Clone, Copy, Default)]
pub struct ModelSize {
    pub columns: usize,
    pub rows: usize,
    pub nonzeros: usize,
    pub integers: usize,
}

/// Wall-clock time of each stage [s].
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    pub load_s: f64,
    pub build_s: f64,
    pub solve_s: f64,
    pub check_s: f64,
    pub write_s: f64,
}

/// Everything a report needs about one solve.
pub struct RunResult {
    pub build: BuildOptions,
    pub objective_preset: String,
    pub outcome: Outcome,
    /// The plan, when the solver found one.
    pub plan: Option<Plan>,
    /// sreal[k,t] of the plan.
    pub realised: Option<Array2<f64>>,
    pub check: Option<CheckReport>,
    pub duals: Vec<DualRow>,
    /// Ranging by meaning, when asked for.
    pub row_ranges: Vec<RowRange>,
    pub cost_ranges: Vec<CostRange>,
    /// Meaning of every row and column of the solved model.
    pub layout: Layout,
    pub size: ModelSize,
    pub timings: Timings,
}

/// Why a run produced no reportable plan.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("{0}")]
    Input(InputErrors),
    #[error("{0}")]
    Solve(#[from] SolveError),
}

impl crate::exit::HasExitStatus for RunError {
    fn exit_status(&self) -> crate::exit::ExitStatus {
        match self {
            RunError::Input(e) => e.exit_status(),
            RunError::Solve(e) => e.exit_status(),
        }
    }
}

/// Objective weights for a run: a preset named on the command line, or the instance's.
pub fn objective_for(
    inst: &Instance,
    preset: Option<&str>,
) -> Result<(ObjectiveWeights, String), RunError> {
    match preset {
        None => Ok((inst.objective, inst.objective_preset.clone())),
        Some(name) => match inst.model.presets.get(name) {
            Some(w) => Ok((*w, name.to_string())),
            None => {
                let known: Vec<&str> = inst.model.presets.keys().map(String::as_str).collect();
                Err(RunError::Input(InputErrors(vec![InputError {
                    file: inst.model_path.display().to_string(),
                    line: None,
                    field: Some("--objective".into()),
                    value: Some(name.to_string()),
                    rule: format!(
                        "unknown objective preset; the model file defines: {}",
                        known.join(", ")
                    ),
                }])))
            }
        },
    }
}

/// Build options for a run.
pub fn build_options(
    inst: &Instance,
    opts: &RunOptions,
) -> Result<(BuildOptions, String), RunError> {
    let (objective, preset) = objective_for(inst, opts.objective_preset.as_deref())?;
    Ok((
        BuildOptions {
            relax: opts.relax,
            hard_targets: opts.hard_targets,
            objective,
            response_form: opts.response_form,
        },
        preset,
    ))
}

/// Builds the formulation and opens a solver session on it; the layout
/// reads the session's results by meaning.
pub fn open_session(inst: &Instance, opts: &RunOptions) -> Result<(Session, Layout), RunError> {
    let (build_opts, _) = build_options(inst, opts)?;
    session_for(inst, &build_opts, &opts.solver)
}

fn session_for(
    inst: &Instance,
    build_opts: &BuildOptions,
    solver: &SolverOptions,
) -> Result<(Session, Layout), RunError> {
    let form = build(inst, build_opts);
    let layout = form.layout();
    let session = Session::new(form, inst, solver)?;
    Ok((session, layout))
}

/// Solves an instance and checks the plan independently.
pub fn solve_instance(inst: &Instance, opts: &RunOptions) -> Result<RunResult, RunError> {
    solve_instance_with(inst, opts, None)
}

/// As [`solve_instance`], with the integer decisions (sites, platforms)
/// optionally fixed at the values of an earlier plan of the same instance
/// structure (by solver column), so that only the LP is re-optimised.
pub fn solve_instance_with(
    inst: &Instance,
    opts: &RunOptions,
    fixed_integers: Option<&[f64]>,
) -> Result<RunResult, RunError> {
    let mut timings = Timings::default();
    let started = Instant::now();
    let (build_opts, preset) = build_options(inst, opts)?;
    let (mut session, layout) = session_for(inst, &build_opts, &opts.solver)?;
    session.enable_ranging(opts.ranging);
    if fixed_integers.is_some() {
        session.fix_integers(fixed_integers)?;
    }
    let size = ModelSize {
        columns: session.num_columns(),
        rows: session.num_rows(),
        nonzeros: session.num_nonzeros()?,
        integers: session.num_integers(),
    };
    timings.build_s = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let outcome = session.solve()?;
    timings.solve_s = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let (plan, realised, check) = if outcome.has_solution {
        let plan = Plan::from_columns(inst, &layout.columns, &outcome.columns);
        let check_opts = CheckOptions {
            relax: build_opts.relax,
            hard_targets: build_opts.hard_targets,
            objective: build_opts.objective,
            optimal: outcome.status == SolveStatus::Optimal,
        };
        let report = check_plan(inst, &plan, &check_opts, outcome.objective);
        let realised = realised_levels(inst, &plan);
        (Some(plan), Some(realised), Some(report))
    } else {
        (None, None, None)
    };
    timings.check_s = started.elapsed().as_secs_f64();
    let duals = dual_rows(&layout.rows, &layout.row_bounds, &outcome);
    let (row_ranges, cost_ranges) = match &outcome.ranging {
        Some(r) => ranges(&layout, &outcome, r),
        None => (Vec::new(), Vec::new()),
    };
    Ok(RunResult {
        build: build_opts,
        objective_preset: preset,
        outcome,
        plan,
        realised,
        check,
        duals,
        row_ranges,
        cost_ranges,
        layout,
        size,
        timings,
    })
}

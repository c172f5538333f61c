//! One solve, end to end: build the formulation, solve it, read the plan by
//! meaning, realise it and check it independently. Reading files and writing
//! outputs stay with the caller.

pub mod findings;
pub mod incumbent;
pub mod site_fixing;
pub mod timings;

use std::time::Instant;

use ndarray::Array2;

use crate::check::{check_plan, CheckOptions};
use crate::instance::{InputError, InputErrors, Instance, ObjectiveWeights};
use crate::model::{build, BuildOptions, Layout, Numerics, ResponseForm};
use crate::plan::Plan;
use crate::readback::duals::{dual_rows, DualRow};
use crate::readback::objective::{objective_terms, ObjectiveTerms};
use crate::readback::plan::plan_from_columns;
use crate::readback::ranging::{ranges, CostRange, RowRange};
use crate::readback::realise::realised_levels;
use crate::solve::{Outcome, Presolve, Session, SolveError, SolveStatus, SolverOptions};
use findings::{findings, Findings};

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
    /// How a MIP is started (default: from the model's structure).
    pub mip_start: MipStart,
}

/// How a MIP solve starts.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum MipStart {
    /// Build an incumbent from the LP relaxation and a local search over
    /// lead sites, then let HiGHS prove it (see [`incumbent`]).
    #[default]
    Structured,
    /// As `Structured`, starting the site search from these sites (an
    /// earlier plan, e.g. the base plan of a scenario).
    From(incumbent::SiteSet),
    /// HiGHS alone, from scratch.
    None,
}

/// What the structured start did, for the record.
#[derive(Debug, Clone, Copy)]
pub struct MipStartReport {
    /// LP relaxation bound [亿元].
    pub lp_bound: f64,
    /// The incumbent's objective before HiGHS took over [亿元].
    pub incumbent: f64,
    pub lp_solves: usize,
    pub improving_moves: usize,
    /// The lead-site search stopped at its time (its sites are not a local
    /// optimum): the final MIP keeps HiGHS's own heuristics on.
    pub search_cut_short: bool,
    /// The LP bound proved the incumbent within the gap: no branch-and-bound ran.
    pub proved_by_lp_bound: bool,
    /// Designated lead sites of the incumbent, and how many of them the LP
    /// proved must stay open in any better plan (fixed for HiGHS).
    pub sites_designated: usize,
    pub sites_fixed_by_proof: usize,
    /// LP solves those proofs spent.
    pub proof_lp_solves: usize,
    /// Time spent building the incumbent [s].
    pub search_s: f64,
}

/// Size of the solved model.
#[derive(Debug, Clone, Copy, Default)]
pub struct ModelSize {
    pub columns: usize,
    pub rows: usize,
    pub nonzeros: usize,
    pub integers: usize,
}

/// The checker's verdict, as a run carries it (reports read it from here, never from `check`).
pub use crate::check::CheckReport;
pub use timings::{Stopwatch, Timings};

/// Everything a report needs about one solve.
pub struct RunResult {
    pub build: BuildOptions,
    pub objective_preset: String,
    pub outcome: Outcome,
    /// The plan, when the solver found one.
    pub plan: Option<Plan>,
    /// sreal[k,t] of the plan.
    pub realised: Option<Array2<f64>>,
    /// The objective of the plan taken apart (real spending, penalty).
    pub objective_terms: Option<ObjectiveTerms>,
    /// What the reports show about the plan, derived once.
    pub findings: Option<Findings>,
    pub check: Option<CheckReport>,
    pub duals: Vec<DualRow>,
    /// Ranging by meaning, when asked for.
    pub row_ranges: Vec<RowRange>,
    pub cost_ranges: Vec<CostRange>,
    /// Meaning of every row and column of the solved model.
    pub layout: Layout,
    /// What the structured MIP start did (MIPs only).
    pub mip_start: Option<MipStartReport>,
    pub size: ModelSize,
    /// Coefficient ranges of the model passed to HiGHS.
    pub numerics: Numerics,
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
    let opened = open_model(inst, opts)?;
    Ok((opened.session, opened.layout))
}

/// A solver session on the formulation of an instance, with what a run
/// records about the model it holds.
pub struct Opened {
    pub session: Session,
    pub layout: Layout,
    /// Coefficient ranges of the model passed to HiGHS.
    pub numerics: Numerics,
    pub build: BuildOptions,
    /// The objective preset in force.
    pub preset: String,
}

/// As [`open_session`], keeping the build options and the model's numerics
/// for a [`RunResult`] read from the session later ([`checked_result`]).
pub fn open_model(inst: &Instance, opts: &RunOptions) -> Result<Opened, RunError> {
    let (build_opts, preset) = build_options(inst, opts)?;
    let form = build(inst, &build_opts);
    let layout = form.layout();
    let numerics = form.numerics.clone();
    let session = Session::new(form, inst, &opts.solver)?;
    Ok(Opened {
        session,
        layout,
        numerics,
        build: build_opts,
        preset,
    })
}

/// Solves an instance and checks the plan independently.
pub fn solve_instance(inst: &Instance, opts: &RunOptions) -> Result<RunResult, RunError> {
    let mut timings = Timings::default();
    // One clock read per stage boundary: the stages cover the run without gaps.
    let mut stages = Stopwatch::start();
    let mut lap = || stages.lap();
    let (build_opts, preset) = build_options(inst, opts)?;
    let form = build(inst, &build_opts);
    let layout = form.layout();
    let numerics = form.numerics.clone();
    timings.build_s = lap();
    let mut session = Session::new(form, inst, &opts.solver)?;
    session.enable_ranging(opts.ranging);
    let size = model_size(&mut session)?;
    timings.pass_s = lap();
    let (outcome, mip_start) = if session.num_integers() > 0 && opts.mip_start != MipStart::None {
        let (outcome, report, search_s) = solve_mip_structured(&mut session, &layout, inst, opts)?;
        timings.mip_start_s = search_s;
        (outcome, report)
    } else {
        if session.num_integers() == 0 || opts.relax {
            let algorithm = opts.solver.lp_algorithm.chosen();
            session.set_lp_algorithm(Some(algorithm))?;
        }
        (session.solve()?, None)
    };
    // Freeing HiGHS's model is part of solving with it (counted here, not between stages).
    drop(session);
    timings.solve_s = (lap() - timings.mip_start_s).max(0.0);
    let solved = Solved {
        layout,
        outcome,
        mip_start,
        size,
        numerics,
    };
    Ok(checked_result(inst, &build_opts, preset, solved, timings))
}

/// A model's size as the session holds it.
pub fn model_size(session: &mut Session) -> Result<ModelSize, SolveError> {
    Ok(ModelSize {
        columns: session.num_columns(),
        rows: session.num_rows(),
        nonzeros: session.num_nonzeros()?,
        integers: session.num_integers(),
    })
}

/// What a solve of a model produced, before it is read back and checked.
pub struct Solved {
    /// Meaning of every row and column of the solved model.
    pub layout: Layout,
    pub outcome: Outcome,
    pub mip_start: Option<MipStartReport>,
    pub size: ModelSize,
    pub numerics: Numerics,
}

/// Reads a solve back by meaning and checks its plan independently against
/// `inst`, as [`solve_instance`] does with its own solve; a caller that
/// drove the session itself (a rolling plan) gets the same result.
pub fn checked_result(
    inst: &Instance,
    build_opts: &BuildOptions,
    preset: String,
    solved: Solved,
    mut timings: Timings,
) -> RunResult {
    let mut stages = Stopwatch::start();
    let mut lap = || stages.lap();
    let Solved {
        layout,
        outcome,
        mip_start,
        size,
        numerics,
    } = solved;
    let ReadBack {
        plan,
        realised,
        duals,
        row_ranges,
        cost_ranges,
    } = read_back(inst, &layout, &outcome);
    let findings = plan
        .as_ref()
        .zip(realised.as_ref())
        .map(|(plan, realised)| findings(inst, plan, realised, &duals, &row_ranges));
    timings.readback_s = lap();
    let check = plan.as_ref().map(|plan| {
        let check_opts = CheckOptions {
            relax: build_opts.relax,
            hard_targets: build_opts.hard_targets,
            objective: build_opts.objective,
            optimal: outcome.status == SolveStatus::Optimal,
        };
        check_plan(inst, plan, &check_opts, outcome.objective)
    });
    timings.check_s = lap();
    let objective_terms = plan
        .as_ref()
        .map(|plan| objective_terms(inst, plan, &build_opts.objective));
    RunResult {
        build: *build_opts,
        objective_preset: preset,
        outcome,
        plan,
        realised,
        objective_terms,
        findings,
        check,
        duals,
        row_ranges,
        cost_ranges,
        layout,
        mip_start,
        size,
        numerics,
        timings,
    }
}

/// What a solver outcome means for the instance.
pub struct ReadBack {
    /// The plan, when the solver found one.
    pub plan: Option<Plan>,
    /// sreal[k,t] of the plan.
    pub realised: Option<Array2<f64>>,
    pub duals: Vec<DualRow>,
    pub row_ranges: Vec<RowRange>,
    pub cost_ranges: Vec<CostRange>,
}

/// Reads an outcome back by meaning: the plan, its realised levels, the
/// duals of every row and (when the solve computed it) ranging.
pub fn read_back(inst: &Instance, layout: &Layout, outcome: &Outcome) -> ReadBack {
    let plan = outcome
        .has_solution
        .then(|| plan_from_columns(inst, &layout.columns, &outcome.columns));
    let realised = plan.as_ref().map(|p| realised_levels(inst, p));
    let duals = dual_rows(&layout.rows, &layout.row_bounds, outcome);
    let (row_ranges, cost_ranges) = match &outcome.ranging {
        Some(r) => ranges(inst, layout, outcome, r),
        None => (Vec::new(), Vec::new()),
    };
    ReadBack {
        plan,
        realised,
        duals,
        row_ranges,
        cost_ranges,
    }
}

/// A MIP solved from a structured incumbent: proved by the LP bound when it
/// is within the gap, else handed to HiGHS as a start with HiGHS's own
/// incumbent heuristics off (they only search for what is already known).
/// Also returns the seconds spent finding the incumbent.
fn solve_mip_structured(
    session: &mut Session,
    layout: &Layout,
    inst: &Instance,
    opts: &RunOptions,
) -> Result<(Outcome, Option<MipStartReport>, f64), RunError> {
    let started = Instant::now();
    let gap = opts
        .solver
        .mip_gap
        .unwrap_or(crate::tolerances::MIP_REL_GAP);
    let start = match &opts.mip_start {
        MipStart::From(sites) => Some(sites),
        _ => None,
    };
    let deadline = opts
        .solver
        .time_limit_s
        .map(|t| started + std::time::Duration::from_secs_f64(t));
    let limits = incumbent::SearchLimits {
        final_gap: gap,
        deadline,
        ..incumbent::SearchLimits::default()
    };
    let found = incumbent::find_incumbent(session, layout, inst, start, &limits)?;
    let search_s = started.elapsed().as_secs_f64();
    let Some(found) = found else {
        return Ok((session.solve()?, None, search_s));
    };
    let mut report = MipStartReport {
        lp_bound: found.lp_bound,
        incumbent: found.objective,
        lp_solves: found.lp_solves,
        improving_moves: found.improving_moves,
        search_cut_short: found.search_cut_short,
        proved_by_lp_bound: false,
        sites_designated: 0,
        sites_fixed_by_proof: 0,
        proof_lp_solves: 0,
        search_s,
    };
    let relative = |value: f64| (value - found.lp_bound) / value.abs().max(1e-9);
    if relative(found.objective) <= gap {
        // The LP relaxation bounds every integer plan: no search can find one
        // better than the gap. Re-optimise the continuous part for duals.
        // The plan is found: its LP (for duals) runs without the run's time
        // limit, which HiGHS counts for LPs on the session's clock.
        session.fix_integers(Some(&found.columns))?;
        let mut outcome = session.solve_without_time_limit()?;
        session.fix_integers(None)?;
        if outcome.status == SolveStatus::Optimal {
            if let Some(obj) = outcome.objective {
                outcome.best_bound = Some(found.lp_bound);
                outcome.mip_gap = Some(relative(obj).max(0.0));
                report.proved_by_lp_bound = true;
                return Ok((outcome, Some(report), search_s));
            }
        }
    }
    // Sites the LP proves must stay open in any better plan are fixed: the
    // final MIP keeps every plan better than the incumbent, and its bound
    // stays a bound of the whole MIP (see site_fixing).
    let fixing = site_fixing::fix_proven_sites(session, layout, inst, &found, deadline)?;
    report.sites_designated = fixing.tried;
    report.sites_fixed_by_proof = fixing.fixed.len();
    report.proof_lp_solves = fixing.lp_solves;
    let search_s = started.elapsed().as_secs_f64();
    report.search_s = search_s;
    // What is left of the run's limit goes to the final MIP. HiGHS's MIP
    // solver measures time_limit on its own clock, from the start of that
    // solve (unlike its LP solves, which count every solve of the session):
    // measured on a generated 250 × 80 × 14 MIP, a 900 s run whose start
    // took 264 s gave the MIP 636 s and ended at 901 s.
    if let Some(limit) = opts.solver.time_limit_s {
        session.set_time_limit((limit - started.elapsed().as_secs_f64()).max(0.01))?;
    }
    session.set_start(&found.columns)?;
    // A start whose continuous part is an LP vertex (the dive's) goes to a
    // MIP without presolve: with presolve, HiGHS 1.16 evaluated such a start
    // in its reduced space at a different objective and reported that one
    // (89,134 for a plan of 89,239 on the national instance, which the
    // independent check rejected). The sites the proofs fixed keep the
    // model small enough for that.
    if found.from_lp_dive {
        session.set_presolve(Presolve::Off)?;
    }
    // HiGHS's incumbent heuristics only search for what the start already
    // is, unless the site search was cut short by its time: then they may
    // find better sites than the start's.
    let heuristics = found.search_cut_short;
    session.set_primal_heuristics(heuristics)?;
    let outcome = session.solve()?;
    // Put the session back as it was. After a plan is found, a failure here
    // (a session lost to a failed duals LP) must not throw the plan away:
    // the session is not solved again.
    let restored = session
        .set_primal_heuristics(true)
        .and_then(|()| match found.from_lp_dive {
            true => session.set_presolve(Presolve::Auto),
            false => Ok(()),
        })
        .and_then(|()| site_fixing::release(session, &fixing));
    if restored.is_err() && !outcome.has_solution {
        restored?;
    }
    Ok((outcome, Some(report), search_s))
}

//! `robust`: the sample-average plan of docs/model.md §11 (ROB), judged out
//! of sample beside the deterministic plan.
//!
//! 1. The deterministic plan is solved and checked as `solve` does.
//! 2. S draws of the gains come from the Monte Carlo's sampler (same
//!    distribution, same seed semantics: draw i is sample i of
//!    `montecarlo --seed N`), and (ROB) is built on them.
//! 3. The MIP starts from the deterministic plan: its lead sites and
//!    platforms are fixed and the rest of the model solved; that plan is
//!    handed to HiGHS as the start of the full model.
//! 4. The robust plan's first-stage decisions are fixed in the model of
//!    the base instance and solved there: the plan is read back and checked
//!    against the base instance's constraints as every solve is.
//! 5. Both plans are evaluated, with their decisions kept, on the S draws
//!    (in sample) and on fresh draws of another seed (out of sample, at
//!    least 10 S) with the Monte Carlo's `--evaluate-plan` evaluation.
//! 6. The value of the stochastic solution and EVPI are estimated out of
//!    sample, each with its standard error.

use std::time::Instant;

use rayon::prelude::*;

use super::distribution::{sampled_outcomes, SampledOutcomes};
use super::montecarlo::{kept_plan_samples, realised_outcome, sample_instance, MonteCarloOptions};
use super::AnalysisError;
use crate::instance::Instance;
use crate::model::robust::{build_robust, RobustOptions};
use crate::model::{shortfall_cost, ColumnKey, Layout};
use crate::plan::{total_spend_yi, Plan};
use crate::readback::objective::objective_terms;
use crate::run::{
    build_options, checked_result, model_size, open_model, solve_instance, ModelSize, RunOptions,
    RunResult, Solved, Timings,
};
use crate::solve::{Outcome, Session, SolveStatus};

/// Choices of a `robust` run.
#[derive(Debug, Clone)]
pub struct RobustRunOptions {
    /// S: draws the plan is made for.
    pub samples: usize,
    /// Coefficient of variation of every gain's lognormal factor (mean 1).
    pub cv: f64,
    /// Seed of the S draws; the out-of-sample draws use `seed + 1`.
    pub seed: u64,
    /// Chance constraints or a CVaR bound.
    pub robust: RobustOptions,
    /// Fresh draws the plans are judged on (at least 10 S).
    pub validation_samples: usize,
    /// Out-of-sample draws solved with perfect information for EVPI (0: none).
    pub evpi_draws: usize,
    /// Parallel workers for the evaluations and the perfect-information solves.
    pub workers: usize,
    pub run: RunOptions,
}

/// An estimate from draws, with its standard error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub value: f64,
    pub standard_error: f64,
    /// Draws the estimate is the mean of.
    pub draws: usize,
}

impl Estimate {
    /// Mean of `values` and the standard error of that mean.
    pub fn mean_of(values: &[f64]) -> Estimate {
        let n = values.len();
        let mean = values.iter().sum::<f64>() / n.max(1) as f64;
        let var = if n > 1 {
            values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64
        } else {
            0.0
        };
        Estimate {
            value: mean,
            standard_error: (var / n.max(1) as f64).sqrt(),
            draws: n,
        }
    }
}

/// One plan judged on a set of draws.
#[derive(Debug, Clone)]
pub struct Judged {
    /// Probability each target is met, with the realised levels.
    pub outcomes: SampledOutcomes,
    /// Per target: mean of max(0, θ_g − realised level) [points].
    pub expected_shortfall_points: Vec<Estimate>,
    /// Per draw: what the plan costs under that draw — ω_cost Σ_t δ^(t−t0)
    /// Spend_t plus Σ_g 100 λ_g of the realised shortfall [亿元].
    pub cost_yi: Vec<f64>,
}

/// One plan (deterministic or robust), in and out of sample.
#[derive(Debug, Clone)]
pub struct PlanJudgement {
    pub real_spend_yi: f64,
    /// ω_cost Σ_t δ^(t−t0) Spend_t [亿元].
    pub spending_term_yi: f64,
    pub in_sample: Judged,
    pub out_of_sample: Judged,
}

/// What a `robust` run found.
#[derive(Debug, Clone)]
pub struct RobustStudy {
    pub samples: usize,
    pub cv: f64,
    pub seed: u64,
    pub validation_seed: u64,
    pub validation_samples: usize,
    pub options: RobustOptions,
    /// ⌈p S⌉ under a reliability.
    pub draws_to_meet: Option<usize>,
    pub deterministic: PlanJudgement,
    pub robust: PlanJudgement,
    /// The sample-average model's optimum and how it ended.
    pub robust_objective_yi: f64,
    pub status: SolveStatus,
    pub mip_gap: Option<f64>,
    pub size: ModelSize,
    /// How the sample-average MIP was started and ended.
    pub start: RobustStart,
    pub solve_s: f64,
    /// Expected cost of the deterministic plan minus the robust plan's, out of sample.
    pub vss: Estimate,
    /// The robust plan's cost minus the perfect-information optimum, over
    /// the first `evpi.draws` out-of-sample draws.
    pub evpi: Option<Estimate>,
}

/// A robust run: the robust plan as `solve` reads it back and checks it,
/// and the study.
pub struct RobustRun {
    pub result: RunResult,
    pub study: RobustStudy,
}

/// Shortfall of target `g` at realised level `level` [points].
fn shortfall_points(inst: &Instance, g: usize, level: f64) -> f64 {
    100.0 * (inst.targets[g].level - level).max(0.0)
}

fn validate(opts: &RobustRunOptions) -> Result<(), AnalysisError> {
    let invalid = |m: String| Err(AnalysisError::Invalid(m));
    if opts.samples == 0 {
        return invalid("--samples: must be at least 1".into());
    }
    if !(opts.cv.is_finite() && (0.0..=5.0).contains(&opts.cv)) {
        return invalid(format!("--cv: must be in [0, 5], got {}", opts.cv));
    }
    if let Some(p) = opts.robust.reliability {
        if !(p > 0.0 && p <= 1.0) {
            return invalid(format!("--reliability: must be in (0, 1], got {p}"));
        }
    }
    if let Some(c) = opts.robust.cvar {
        if !(c.beta > 0.0 && c.beta < 1.0 && c.epsilon_points >= 0.0) {
            return invalid(format!(
                "--cvar: β must be in (0, 1) and ε ≥ 0 points, got {}:{}",
                c.beta, c.epsilon_points
            ));
        }
    }
    if opts.validation_samples < 10 * opts.samples {
        return invalid(format!(
            "--validation-samples: must be at least 10 × --samples = {}, got {}",
            10 * opts.samples,
            opts.validation_samples
        ));
    }
    Ok(())
}

/// Makes the sample-average plan and judges it beside the deterministic plan.
pub fn run_robust(base: &Instance, opts: &RobustRunOptions) -> Result<RobustRun, AnalysisError> {
    validate(opts)?;
    let started = Instant::now();
    let det = solve_instance(base, &opts.run)?;
    let det_plan = det
        .plan
        .clone()
        .ok_or(AnalysisError::no_plan(det.outcome.status))?;
    if let Some(check) = det.check.as_ref().filter(|c| !c.passed) {
        return Err(AnalysisError::Check {
            context: "of the deterministic plan".into(),
            what: check
                .violations
                .first()
                .map(|v| v.what.clone())
                .unwrap_or_default(),
        });
    }
    let sampler = |samples: usize, seed: u64| MonteCarloOptions {
        samples,
        cv: opts.cv,
        seed,
        uncertain_budgets: false,
        evaluate_plan: true,
        workers: opts.workers,
        run: opts.run.clone(),
    };
    let in_sample = sampler(opts.samples, opts.seed);
    let validation_seed = opts.seed.wrapping_add(1);
    let out_of_sample = sampler(opts.validation_samples, validation_seed);
    let draws = (0..opts.samples)
        .map(|i| sample_instance(base, &in_sample, i))
        .collect::<Result<Vec<_>, _>>()?;

    let (build, _) = build_options(base, &opts.run)?;
    let robust_form = build_robust(&draws, &build, &opts.robust);
    let layout = robust_form.form.layout();
    let mut session = Session::new(robust_form.form, base, &opts.run.solver)?;
    let size = model_size(&mut session)?;
    let solve_started = Instant::now();
    let (outcome, start) = solve_from(&mut session, &layout, &det, &opts.run)?;
    let solve_s = solve_started.elapsed().as_secs_f64();
    drop(session);
    if !outcome.has_solution {
        return Err(AnalysisError::no_plan(outcome.status));
    }
    let result = plan_in_base(base, &opts.run, &layout, &outcome, started)?;
    let robust_plan = result
        .plan
        .clone()
        .ok_or(AnalysisError::no_plan(result.outcome.status))?;

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.workers.max(1))
        .build()
        .map_err(|e| AnalysisError::Invalid(e.to_string()))?;
    let judge = |plan: &Plan| -> Result<PlanJudgement, AnalysisError> {
        let terms = objective_terms(base, plan, &build.objective);
        let spending = terms.discounted_spend_yi;
        let in_levels: Vec<Vec<f64>> = draws.iter().map(|d| realised_outcome(d, plan).0).collect();
        let out = pool.install(|| kept_plan_samples(base, &out_of_sample, plan))?;
        let out_levels: Vec<Vec<f64>> = out.iter().map(|s| s.achieved.clone()).collect();
        let in_samples: Vec<super::montecarlo::Sample> = in_levels
            .iter()
            .enumerate()
            .map(|(i, levels)| level_sample(base, i, levels))
            .collect();
        Ok(PlanJudgement {
            real_spend_yi: total_spend_yi(base, plan),
            spending_term_yi: spending,
            in_sample: judged(base, &in_samples, &in_levels, spending),
            out_of_sample: judged(base, &out, &out_levels, spending),
        })
    };
    let deterministic = judge(&det_plan)?;
    let robust = judge(&robust_plan)?;
    let differences: Vec<f64> = deterministic
        .out_of_sample
        .cost_yi
        .iter()
        .zip(&robust.out_of_sample.cost_yi)
        .map(|(d, r)| d - r)
        .collect();
    let vss = Estimate::mean_of(&differences);
    let evpi = evpi(base, opts, &out_of_sample, &robust, &build.objective, &pool)?;
    let study = RobustStudy {
        samples: opts.samples,
        cv: opts.cv,
        seed: opts.seed,
        validation_seed,
        validation_samples: opts.validation_samples,
        options: opts.robust,
        draws_to_meet: opts.robust.draws_to_meet(opts.samples),
        deterministic,
        robust,
        robust_objective_yi: outcome.objective.unwrap_or(f64::NAN),
        status: outcome.status,
        mip_gap: outcome.mip_gap,
        size,
        start,
        solve_s,
        vss,
        evpi,
    };
    Ok(RobustRun { result, study })
}

/// A Monte Carlo sample record of realised levels (for the shared summaries).
fn level_sample(inst: &Instance, index: usize, levels: &[f64]) -> super::montecarlo::Sample {
    let met: Vec<bool> = levels
        .iter()
        .zip(&inst.targets)
        .map(|(a, g)| *a >= g.level - 1e-9)
        .collect();
    super::montecarlo::Sample {
        index,
        status: SolveStatus::Optimal,
        objective: None,
        spend_yi: None,
        achieved: levels.to_vec(),
        met: met.clone(),
        kept_achieved: levels.to_vec(),
        kept_met: met,
        budget_overrun_yi: None,
    }
}

fn judged(
    inst: &Instance,
    samples: &[super::montecarlo::Sample],
    levels: &[Vec<f64>],
    spending_term_yi: f64,
) -> Judged {
    let expected_shortfall_points = (0..inst.targets.len())
        .map(|g| {
            let shortfalls: Vec<f64> = levels
                .iter()
                .map(|l| shortfall_points(inst, g, l[g]))
                .collect();
            Estimate::mean_of(&shortfalls)
        })
        .collect();
    Judged {
        outcomes: sampled_outcomes(inst.targets.len(), samples),
        expected_shortfall_points,
        cost_yi: levels
            .iter()
            .map(|l| spending_term_yi + penalty_yi(inst, l))
            .collect(),
    }
}

/// Σ_g 100 λ_g (θ_g − level_g)⁺ [亿元].
fn penalty_yi(inst: &Instance, levels: &[f64]) -> f64 {
    (0..inst.targets.len())
        .map(|g| shortfall_cost(inst, g) * (inst.targets[g].level - levels[g]).max(0.0))
        .sum()
}

/// How the sample-average model was solved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RobustStart {
    /// An LP (no integers): solved directly.
    Lp,
    /// The deterministic plan's sites and platforms gave no plan of the
    /// model (a reliability they cannot give): HiGHS started on its own.
    Own,
    /// The plan with the deterministic sites and platforms was HiGHS's start.
    FromDeterministic,
    /// That plan was within the MIP gap of the LP relaxation's bound: no
    /// branch-and-bound ran.
    ProvedByLpBound,
}

impl RobustStart {
    /// The start in words, for the reports.
    pub fn describe(self) -> &'static str {
        match self {
            RobustStart::Lp => "an LP, solved directly",
            RobustStart::Own => {
                "HiGHS's own start (the deterministic sites and platforms give no plan of it)"
            }
            RobustStart::FromDeterministic => {
                "started from the deterministic plan's sites and platforms"
            }
            RobustStart::ProvedByLpBound => {
                "the deterministic plan's sites and platforms, proved within the gap by the LP relaxation"
            }
        }
    }
}

/// Solves the (ROB) model from the deterministic plan's sites and
/// platforms (see [`start_from`]): that plan is reported directly when the
/// LP relaxation proves it within the MIP gap — the shortcut `solve`'s
/// structured start takes — and is otherwise HiGHS's start.
fn solve_from(
    session: &mut Session,
    layout: &Layout,
    det: &RunResult,
    run: &RunOptions,
) -> Result<(Outcome, RobustStart), AnalysisError> {
    if session.num_integers() == 0 {
        return Ok((session.solve()?, RobustStart::Lp));
    }
    let Some(mut start) = start_from(session, layout, det)? else {
        return Ok((session.solve()?, RobustStart::Own));
    };
    session.relax_integrality(true)?;
    let relaxed = session.solve();
    session.relax_integrality(false)?;
    let gap = run.solver.mip_gap.unwrap_or(crate::tolerances::MIP_REL_GAP);
    if let (Some(bound), Some(value)) = (relaxed?.objective, start.objective) {
        let relative = (value - bound) / value.abs().max(1e-9);
        if relative <= gap {
            start.best_bound = Some(bound);
            start.mip_gap = Some(relative.max(0.0));
            return Ok((start, RobustStart::ProvedByLpBound));
        }
    }
    session.set_start(&start.columns)?;
    Ok((session.solve()?, RobustStart::FromDeterministic))
}

/// Fixes the deterministic plan's sites and platforms in the (ROB) model
/// and solves the rest; every bound is restored. `None` when the fixed
/// model has no plan (a reliability the deterministic sites cannot give).
fn start_from(
    session: &mut Session,
    layout: &Layout,
    det: &RunResult,
) -> Result<Option<Outcome>, AnalysisError> {
    let by_key: std::collections::HashMap<ColumnKey, f64> = det
        .layout
        .columns
        .iter()
        .zip(&det.outcome.columns)
        .filter(|(k, _)| matches!(k, ColumnKey::Site { .. } | ColumnKey::NewPlatforms { .. }))
        .map(|(k, v)| (*k, v.round()))
        .collect();
    let integer = session.integer_columns().to_vec();
    let mut fixed = Vec::new();
    for ic in &integer {
        let key = layout.columns[ic.col];
        if !matches!(key, ColumnKey::Site { .. } | ColumnKey::NewPlatforms { .. }) {
            continue;
        }
        let value = by_key.get(&key).copied().unwrap_or(0.0);
        session.set_column_bounds(ic.col, value, value)?;
        fixed.push(*ic);
    }
    let outcome = session.solve();
    for ic in &fixed {
        session.set_column_bounds(ic.col, ic.lower, ic.upper)?;
    }
    let outcome = outcome?;
    Ok(outcome.has_solution.then_some(outcome))
}

/// Fixes the robust plan's first-stage decisions in the model of the base
/// instance and solves it: the plan then reads back, realises and checks
/// against the base instance as any solve's.
fn plan_in_base(
    base: &Instance,
    run: &RunOptions,
    robust_layout: &Layout,
    robust: &Outcome,
    started: Instant,
) -> Result<RunResult, AnalysisError> {
    let first_stage: std::collections::HashMap<ColumnKey, f64> = robust_layout
        .columns
        .iter()
        .zip(&robust.columns)
        .filter_map(|(k, &v)| match k {
            ColumnKey::Effort { .. } | ColumnKey::Training { .. } => Some((*k, v.max(0.0))),
            ColumnKey::Site { .. } | ColumnKey::NewPlatforms { .. } => Some((*k, v.round())),
            _ => None,
        })
        .collect();
    let mut opened = open_model(base, run)?;
    for (col, key) in opened.layout.columns.iter().enumerate() {
        if let Some(&v) = first_stage.get(key) {
            opened.session.set_column_bounds(col, v, v)?;
        }
    }
    let size = model_size(&mut opened.session)?;
    let outcome = opened.session.solve_without_time_limit()?;
    drop(opened.session);
    let solved = Solved {
        layout: opened.layout,
        outcome,
        mip_start: None,
        size,
        numerics: opened.numerics,
    };
    let timings = Timings {
        solve_s: started.elapsed().as_secs_f64(),
        ..Timings::default()
    };
    Ok(checked_result(
        base,
        &opened.build,
        opened.preset,
        solved,
        timings,
    ))
}

/// EVPI over the first `evpi_draws` out-of-sample draws: the robust plan's
/// cost under each minus the optimum of a plan made knowing that draw
/// (its cost measured the same way).
fn evpi(
    base: &Instance,
    opts: &RobustRunOptions,
    draws: &MonteCarloOptions,
    robust: &PlanJudgement,
    weights: &crate::instance::ObjectiveWeights,
    pool: &rayon::ThreadPool,
) -> Result<Option<Estimate>, AnalysisError> {
    let n = opts.evpi_draws.min(opts.validation_samples);
    if n == 0 {
        return Ok(None);
    }
    let mut run = opts.run.clone();
    run.solver.threads = Some(1);
    let informed: Vec<f64> = pool.install(|| {
        (0..n)
            .into_par_iter()
            .map(|i| -> Result<f64, AnalysisError> {
                let inst = sample_instance(base, draws, i)?;
                let solved = solve_instance(&inst, &run)?;
                let plan = solved
                    .plan
                    .ok_or(AnalysisError::no_plan(solved.outcome.status))?;
                let spending = objective_terms(&inst, &plan, weights).discounted_spend_yi;
                Ok(spending + penalty_yi(&inst, &realised_outcome(&inst, &plan).0))
            })
            .collect::<Result<Vec<f64>, AnalysisError>>()
    })?;
    let gaps: Vec<f64> = informed
        .iter()
        .zip(&robust.out_of_sample.cost_yi)
        .map(|(pi, r)| r - pi)
        .collect();
    Ok(Some(Estimate::mean_of(&gaps)))
}

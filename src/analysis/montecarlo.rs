//! Monte Carlo: uncertain gains (and optionally budgets) drawn from
//! lognormal distributions with mean 1 and a given coefficient of variation.
//! Each sample is either re-solved (warm, on a live model per worker) or the
//! base plan is re-evaluated under the sampled gains ("how likely is this
//! plan to reach its targets?"). Samples run in parallel and are
//! reproducible for a seed whatever the number of workers: sample i draws
//! from its own random stream.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, LogNormal};
use rayon::prelude::*;

use crate::analysis::distribution::{sampled_outcomes, SampledOutcomes};
use crate::analysis::live::LiveModel;
use crate::instance::overrides::{apply_all, Op, Override, Param, Selector};
use crate::instance::Instance;
use crate::plan::{spend_by_year, Plan};
use crate::readback::realise::{group_level, realised_levels};
use crate::run::{solve_instance, RunOptions};
use crate::solve::SolveStatus;

#[derive(Debug, Clone)]
pub struct MonteCarloOptions {
    pub samples: usize,
    /// Coefficient of variation of every multiplicative factor.
    pub cv: f64,
    pub seed: u64,
    /// Also draw each central (per year) and provincial (per province and year) budget.
    pub uncertain_budgets: bool,
    /// Keep the base plan and re-evaluate it, instead of re-solving.
    pub evaluate_plan: bool,
    /// Parallel workers (each with its own solver session).
    pub workers: usize,
    pub run: RunOptions,
}

/// What one sample gave.
#[derive(Debug, Clone)]
pub struct Sample {
    pub index: usize,
    pub status: SolveStatus,
    pub objective: Option<f64>,
    pub spend_yi: Option<f64>,
    /// Per target: realised group level in the target year (share).
    pub achieved: Vec<f64>,
    /// Per target: achieved ≥ level.
    pub met: Vec<bool>,
    /// Per target, the base plan kept unchanged under this sample's draws:
    /// realised level (share) and whether it meets the target. Equal to
    /// `achieved` and `met` when the run keeps the base plan.
    pub kept_achieved: Vec<f64>,
    pub kept_met: Vec<bool>,
    /// With drawn budgets and the base plan kept: how far the plan's
    /// spending exceeds the drawn central and provincial budgets, summed
    /// over years and provinces [亿元] (0 = it fits).
    pub budget_overrun_yi: Option<f64>,
}

pub struct MonteCarloResult {
    pub samples: Vec<Sample>,
    /// Quantiles and probabilities of the samples.
    pub outcomes: SampledOutcomes,
    /// Objective of the base instance [亿元].
    pub base_objective: f64,
    pub mode: &'static str,
    /// Whether every sample got its own plan (`achieved`/`met` are then the
    /// re-planned outcomes, `kept_*` the base plan's); otherwise the base
    /// plan was kept and both are the same.
    pub replanned: bool,
}

impl MonteCarloResult {
    /// How many samples meet target `g`.
    pub fn samples_met(&self, g: usize) -> usize {
        self.samples
            .iter()
            .filter(|s| s.met.get(g).copied().unwrap_or(false))
            .count()
    }
}

pub use super::AnalysisError as MonteCarloError;

/// Lognormal with mean 1 and coefficient of variation `cv`.
pub fn unit_lognormal(cv: f64) -> LogNormal<f64> {
    let sigma2 = (1.0 + cv * cv).ln();
    LogNormal::new(-sigma2 / 2.0, sigma2.sqrt()).expect("cv ≥ 0 gives a valid lognormal")
}

/// The overrides of sample `index`: one multiplicative factor per item's
/// gain and, with uncertain budgets, per central budget year and per
/// provincial budget (province × year).
pub fn sample_overrides(base: &Instance, opts: &MonteCarloOptions, index: usize) -> Vec<Override> {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    rng.set_stream(index as u64);
    let factor = unit_lognormal(opts.cv);
    let context = format!("Monte Carlo sample {index}");
    let draw = |param: Param, selector: Selector, rng: &mut ChaCha8Rng| {
        Override::numeric(param, selector, Op::Scale, factor.sample(rng), &context)
    };
    let mut overrides = Vec::new();
    for item in &base.items {
        let selector = Selector {
            item: Some(vec![item.id.clone()]),
            ..Selector::default()
        };
        overrides.push(draw(Param::Gain, selector, &mut rng));
    }
    if opts.uncertain_budgets {
        let year = |y: i32| Selector {
            from: Some(y.into()),
            to: Some(y.into()),
            ..Selector::default()
        };
        for &y in &base.years {
            overrides.push(draw(Param::CentralBudget, year(y), &mut rng));
        }
        for p in &base.provinces {
            for &y in &base.years {
                let selector = Selector {
                    province: Some(vec![p.id.clone()]),
                    ..year(y)
                };
                overrides.push(draw(Param::ProvincialBudget, selector, &mut rng));
            }
        }
    }
    overrides
}

/// The instance of sample `index`.
pub fn sample_instance(
    base: &Instance,
    opts: &MonteCarloOptions,
    index: usize,
) -> Result<Instance, MonteCarloError> {
    apply_all(base, &sample_overrides(base, opts, index))
        .map_err(|e| MonteCarloError::Run(crate::run::RunError::Input(e)))
}

/// How far a plan's spending exceeds the budgets of `inst`, summed over
/// years (central) and provinces × years (provincial) [亿元].
fn budget_overrun(inst: &Instance, plan: &Plan) -> f64 {
    let spend = spend_by_year(inst, plan);
    let central: f64 = spend
        .iter()
        .zip(&inst.central_budget_yi)
        .map(|(s, b)| (s.central_yi() - b).max(0.0))
        .sum();
    let provincial = crate::plan::provincial_spend(inst, plan);
    let provincial: f64 = provincial
        .indexed_iter()
        .map(|((p, t), used)| (used - inst.provincial_budget_yi[[p, t]]).max(0.0))
        .sum();
    central + provincial
}

/// Per target of `inst`: the plan's realised group level in the target
/// year (share), and whether it meets the target.
pub fn realised_outcome(inst: &Instance, plan: &Plan) -> (Vec<f64>, Vec<bool>) {
    let levels = realised_levels(inst, plan);
    let achieved: Vec<f64> = inst
        .targets
        .iter()
        .map(|g| group_level(inst, &g.items, &levels, g.year))
        .collect();
    let met = achieved
        .iter()
        .zip(&inst.targets)
        .map(|(a, g)| *a >= g.level - 1e-9)
        .collect();
    (achieved, met)
}

pub fn run_montecarlo(
    base: &Instance,
    opts: &MonteCarloOptions,
) -> Result<MonteCarloResult, MonteCarloError> {
    if opts.samples == 0 {
        return Err(MonteCarloError::Invalid(
            "--samples must be at least 1".into(),
        ));
    }
    if !(opts.cv.is_finite() && opts.cv >= 0.0 && opts.cv <= 5.0) {
        return Err(MonteCarloError::Invalid(format!(
            "--cv must be in [0, 5], got {}",
            opts.cv
        )));
    }
    let base_run = solve_instance(base, &opts.run)?;
    let base_plan = base_run
        .plan
        .clone()
        .ok_or(MonteCarloError::no_plan(base_run.outcome.status))?;
    let base_objective = base_run.outcome.objective.unwrap_or(f64::NAN);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.workers.max(1))
        .build()
        .map_err(|e| MonteCarloError::Invalid(e.to_string()))?;

    if opts.evaluate_plan {
        let samples = pool.install(|| kept_plan_samples(base, opts, &base_plan))?;
        return Ok(MonteCarloResult {
            outcomes: sampled_outcomes(base.targets.len(), &samples),
            samples,
            base_objective,
            mode: "base plan re-evaluated",
            replanned: false,
        });
    }

    let fixed = base_run.size.integers > 0;
    let samples = pool.install(|| replanned_samples(base, opts, &base_run, &base_plan))?;
    Ok(MonteCarloResult {
        outcomes: sampled_outcomes(base.targets.len(), &samples),
        samples,
        base_objective,
        mode: if fixed {
            "re-solved (sites and platforms fixed at the base plan)"
        } else {
            "re-solved"
        },
        replanned: true,
    })
}

/// Every sample with the base plan kept: its realised levels under the draws.
pub fn kept_plan_samples(
    base: &Instance,
    opts: &MonteCarloOptions,
    base_plan: &Plan,
) -> Result<Vec<Sample>, MonteCarloError> {
    (0..opts.samples)
        .into_par_iter()
        .map(|i| {
            let inst = sample_instance(base, opts, i)?;
            let (achieved, met) = realised_outcome(&inst, base_plan);
            Ok(Sample {
                index: i,
                status: SolveStatus::Optimal,
                objective: None,
                spend_yi: None,
                kept_achieved: achieved.clone(),
                kept_met: met.clone(),
                achieved,
                met,
                budget_overrun_yi: opts
                    .uncertain_budgets
                    .then(|| budget_overrun(&inst, base_plan)),
            })
        })
        .collect()
}

/// Every sample re-planned on a live model per worker (sites and platforms
/// fixed at the base plan when it has any), with the base plan's outcome
/// under the same draws beside it.
fn replanned_samples(
    base: &Instance,
    opts: &MonteCarloOptions,
    base_run: &crate::run::RunResult,
    base_plan: &Plan,
) -> Result<Vec<Sample>, MonteCarloError> {
    let integer_values = base_run.outcome.columns.clone();
    let fixed = base_run.size.integers > 0;
    (0..opts.samples)
        .into_par_iter()
        .map_init(
            || -> Result<LiveModel, MonteCarloError> {
                let mut live = LiveModel::open(base, &opts.run)?;
                if fixed {
                    live.fix_integers(&integer_values)?;
                }
                Ok(live)
            },
            |live, i| {
                let live = live.as_mut().map_err(|e| {
                    MonteCarloError::Solve(crate::solve::SolveError::Highs(format!(
                        "a worker could not build its model: {e}"
                    )))
                })?;
                live.set_overrides(&sample_overrides(base, opts, i))?;
                let inst = live.instance().clone();
                let outcome = live.solve()?;
                // The same draws met by the plan as it stands: what a
                // re-planned probability is read against.
                let (kept_achieved, kept_met) = realised_outcome(&inst, base_plan);
                let mut s = Sample {
                    index: i,
                    status: outcome.status,
                    objective: outcome.objective,
                    spend_yi: None,
                    achieved: Vec::new(),
                    met: Vec::new(),
                    kept_achieved,
                    kept_met,
                    budget_overrun_yi: None,
                };
                if outcome.has_solution {
                    let (plan, _) = super::checked_plan(
                        &inst,
                        &live.layout,
                        &opts.run,
                        base_run.build.objective,
                        &outcome,
                        || format!("of sample {i}"),
                    )?;
                    s.spend_yi = Some(crate::plan::total_spend_yi(&inst, &plan));
                    let (achieved, met) = realised_outcome(&inst, &plan);
                    s.achieved = achieved;
                    s.met = met;
                }
                Ok(s)
            },
        )
        .collect()
}

/// Quantile of sorted data by linear interpolation (q in [0, 1]).
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let pos = q * (sorted.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}
